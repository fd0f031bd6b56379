//! "Profiel" (A7) and the language switch, which is remembered for a signed-in person.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, Redirect, Response};
use balie_app::accounts::Profile;
use balie_domain::{Language, User};
use serde::Deserialize;

use crate::AppState;
use crate::cookies::{Cookie, with_cookies};
use crate::error::WebError;
use crate::extract::{CsrfForm, CsrfToken, CurrentUser, MaybeUser};
use crate::pages::accounts::LANG_COOKIE_SECS;
use crate::pages::kit::{Layout, render, role_names, safe_return_path};

#[derive(Template)]
#[template(path = "accounts/profile.html")]
struct ProfilePage<'a> {
    layout: Layout<'a>,
    flash: Option<String>,
    name: String,
    email: String,
    organisation: Option<String>,
    roles_label: String,
    roles: Vec<String>,
    groups: Vec<String>,
    language: &'static str,
}

impl<'a> ProfilePage<'a> {
    /// `user`'s own details; `done` is "password" right after a change of password.
    fn new(layout: Layout<'a>, user: &User, details: Profile, done: Option<&str>) -> Self {
        let tr = layout.tr;
        let roles_label = tr.t(if user.is_agent() {
            "profile-role"
        } else {
            "profile-roles"
        });
        ProfilePage {
            flash: (done == Some("password")).then(|| tr.t("password-changed")),
            name: user.display_name(),
            email: user
                .email
                .as_ref()
                .map(|e| e.to_string())
                .unwrap_or_default(),
            organisation: details.organisation.map(|o| o.name),
            roles_label,
            roles: role_names(&tr, &user.kind),
            groups: details.groups,
            language: match user.language {
                Language::Nl => "Nederlands",
                Language::En => "English",
            },
            layout,
        }
    }
}

#[derive(Deserialize)]
pub struct ProfileQuery {
    done: Option<String>,
}

pub async fn profile(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    CurrentUser(session): CurrentUser,
    Query(q): Query<ProfileQuery>,
) -> Result<Html<String>, WebError> {
    let user = &session.user;
    let tr = state.app.i18n().for_lang(user.language);
    let details = state.app.profile(user).await?;
    let layout = Layout::new(&state, tr, "profile-title", &csrf, "/account").signed_in(user, "");
    render(&ProfilePage::new(layout, user, details, q.done.as_deref())).map(Html)
}

#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
    back: Option<String>,
}

/// How long a language picked while signed out waits for a sign-in: long enough to sign in, short
/// enough that on a shared computer it is not given to whoever signs in hours later.
const LANG_CHOSEN_SECS: i64 = 30 * 60;

/// Switches the language (Nederlands / English): in a cookie for everyone, and in the person's
/// account when signed in, so it follows them to another device; picked before signing in, the
/// sign-in keeps it on the account.
pub async fn switch_language(
    State(state): State<AppState>,
    MaybeUser(session): MaybeUser,
    CsrfForm(form): CsrfForm<LanguageForm>,
) -> Result<Response, WebError> {
    let language = Language::from_code(&form.lang).ok_or(WebError::BadRequest)?;
    let cookies = &state.web.cookies;
    let mut set = vec![cookies.set(Cookie::Lang, language.code(), Some(LANG_COOKIE_SECS))];
    match session {
        Some(session) => state.app.set_language(session.user.id, language).await?,
        // Signed out, the choice waits for the sign-in, which keeps it on the account.
        None => set.push(cookies.set(Cookie::LangChosen, language.code(), Some(LANG_CHOSEN_SECS))),
    }
    let back = Redirect::to(&safe_return_path(form.back.as_deref()));
    Ok(with_cookies(back, &set))
}
