//! The language of a request: the remembered choice (cookie), else the browser's preference,
//! else Dutch. A signed-in person's stored choice is copied into the cookie at sign-in.

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::request::Parts;
use balie_domain::Language;

use crate::AppState;
use crate::cookies::{Cookie, Cookies};

#[derive(Debug, Clone, Copy)]
pub struct Lang(pub Language);

impl Lang {
    pub fn from_headers(headers: &HeaderMap, cookies: &Cookies) -> Language {
        cookies
            .read(headers, Cookie::Lang)
            .and_then(|c| Language::from_code(&c))
            .or_else(|| {
                headers
                    .get(ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(Language::from_accept_language)
            })
            .unwrap_or_default()
    }
}

impl FromRequestParts<AppState> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Lang(Lang::from_headers(&parts.headers, &state.web.cookies)))
    }
}
