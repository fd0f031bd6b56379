//! CSRF protection for every form: a random token in an HttpOnly, SameSite=Strict cookie, repeated
//! in a hidden field of each form; a POST whose field does not match its cookie is refused before
//! any handler runs.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use serde::de::DeserializeOwned;

use super::form;
use crate::AppState;
use crate::cookies::{Cookie, with_cookies};
use crate::error::WebError;

/// The token forms of this response must carry.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

/// Gives every request a CSRF token, setting the cookie when the browser has none yet.
pub async fn csrf_cookie(
    axum::extract::State(state): axum::extract::State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let existing = cookie_token(&state, request.headers());
    let fresh = existing.is_none();
    let token = existing.unwrap_or_else(balie_app::secret::new_token);
    request.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(request).await;
    if fresh {
        let cookie = state.web.cookies.set(Cookie::Csrf, &token, None);
        response = with_cookies(response, &[cookie]);
    }
    response
}

impl<S: Send + Sync> FromRequestParts<S> for CsrfToken {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<CsrfToken>()
            .cloned()
            .ok_or_else(|| WebError::Internal("csrf middleware missing".into()))
    }
}

/// A url-encoded form whose `csrf` field matches the cookie, read into `T`. The body must be
/// url-encoded (415 otherwise) and its values text (see [`super::form`]).
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        if form::encoding(request.headers())? != form::FormEncoding::UrlEncoded {
            return Err(WebError::UnsupportedMediaType);
        }
        let cookie = cookie_token(state, request.headers());
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    WebError::PayloadTooLarge
                } else {
                    WebError::BadRequest
                }
            })?;
        // A forged post is refused as forged, whatever else is wrong with it.
        let token = form_token(&body);
        check_token(cookie.as_deref(), token.as_deref())?;
        let fields = form::urlencoded_fields(&body)?;
        form::typed(&fields).map(CsrfForm)
    }
}

/// The `csrf` field of a url-encoded body, read before anything else of the body is.
fn form_token(body: &[u8]) -> Option<String> {
    form_urlencoded::parse(body)
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.into_owned())
}

/// The token in the browser's CSRF cookie. Only a token this portal could have issued counts;
/// a planted odd value never matches.
pub(super) fn cookie_token(state: &AppState, headers: &axum::http::HeaderMap) -> Option<String> {
    state
        .web
        .cookies
        .read(headers, Cookie::Csrf)
        .filter(|t| balie_app::secret::looks_like_token(t))
}

/// Whether the form's token is the cookie's.
pub(super) fn check_token(cookie: Option<&str>, field: Option<&str>) -> Result<(), WebError> {
    match (cookie, field) {
        (Some(c), Some(f)) if !c.is_empty() && constant_time_eq(c.as_bytes(), f.as_bytes()) => {
            Ok(())
        }
        _ => Err(WebError::Csrf),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
