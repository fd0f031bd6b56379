//! Signing in and out, setting and changing passwords, and the profile (`templates/accounts/`).

use axum::response::{Redirect, Response};
use balie_app::accounts::{DEVICE_TTL_SECS, SignedIn};

use crate::AppState;
use crate::cookies::{Cookie, with_cookies};

pub(crate) mod password;
pub(crate) mod password_request;
pub(crate) mod profile;
pub(crate) mod sign_in;

/// A year: the language choice outlives sessions.
pub(crate) const LANG_COOKIE_SECS: i64 = 365 * 86_400;

/// Sets the session cookie, the person's remembered language and, after a first sign-in in this
/// browser, its device cookie; then goes to `next`.
pub(crate) fn signed_in_response(state: &AppState, signed_in: &SignedIn, next: &str) -> Response {
    let cookies = &state.web.cookies;
    let ttl = state.app.config().session_ttl_secs;
    let mut set = vec![
        cookies.set(Cookie::Session, &signed_in.session_token, Some(ttl)),
        cookies.set(
            Cookie::Lang,
            signed_in.user.language.code(),
            Some(LANG_COOKIE_SECS),
        ),
        // A language picked before signing in is on the account now.
        cookies.clear(Cookie::LangChosen),
    ];
    if let Some(device) = &signed_in.device_token {
        set.push(cookies.set(Cookie::Device, device, Some(DEVICE_TTL_SECS)));
    }
    with_cookies(Redirect::to(next), &set)
}
