//! The portal's cookies: the session, the CSRF token, the remembered language, the language
//! picked before signing in, and the device cookie of a browser that signed in before. All are
//! HttpOnly and SameSite. On https they are also Secure and carry the `__Host-` prefix, which
//! browsers only accept from this very host, so a neighbouring subdomain cannot plant one.

use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cookie {
    Session,
    Csrf,
    Lang,
    /// The language picked while signed out, until the next sign-in keeps it on the account.
    LangChosen,
    /// A browser that signed in before (see `balie_app::accounts::SignInAttempt`).
    Device,
}

impl Cookie {
    fn base_name(self) -> &'static str {
        match self {
            Cookie::Session => "balie_session",
            Cookie::Csrf => "balie_csrf",
            Cookie::Lang => "balie_lang",
            Cookie::LangChosen => "balie_lang_chosen",
            Cookie::Device => "balie_device",
        }
    }

    /// The CSRF cookie never travels with a request from another site; the session does with a
    /// plain link (from an e-mail), so a person who follows one stays signed in.
    fn same_site(self) -> &'static str {
        match self {
            Cookie::Csrf | Cookie::Device | Cookie::LangChosen => "Strict",
            Cookie::Session | Cookie::Lang => "Lax",
        }
    }
}

/// Reads and writes the cookies the same way everywhere.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cookies {
    secure: bool,
}

impl Cookies {
    pub fn new(secure: bool) -> Self {
        Cookies { secure }
    }

    pub fn secure(&self) -> bool {
        self.secure
    }

    fn name(&self, cookie: Cookie) -> String {
        if self.secure {
            format!("__Host-{}", cookie.base_name())
        } else {
            cookie.base_name().to_string()
        }
    }

    /// The value of `cookie` in the request, if present.
    pub fn read(&self, headers: &HeaderMap, cookie: Cookie) -> Option<String> {
        let name = self.name(cookie);
        headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.trim().to_string())
    }

    /// A `Set-Cookie` value. `max_age` of `None` makes a cookie that ends with the browser session.
    pub fn set(&self, cookie: Cookie, value: &str, max_age: Option<i64>) -> String {
        let mut text = format!(
            "{}={value}; Path=/; HttpOnly; SameSite={}",
            self.name(cookie),
            cookie.same_site()
        );
        if let Some(age) = max_age {
            text.push_str(&format!("; Max-Age={age}"));
        }
        if self.secure {
            text.push_str("; Secure");
        }
        text
    }

    /// A `Set-Cookie` value that removes the cookie.
    pub fn clear(&self, cookie: Cookie) -> String {
        self.set(cookie, "", Some(0))
    }
}

/// Adds `Set-Cookie` headers to a response.
pub fn with_cookies(response: impl IntoResponse, set_cookies: &[String]) -> Response {
    let mut response = response.into_response();
    for cookie in set_cookies {
        if let Ok(value) = HeaderValue::from_str(cookie) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_one_cookie_among_many() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static("a=1; balie_lang=en; b=2"));
        let plain = Cookies::new(false);
        assert_eq!(plain.read(&headers, Cookie::Lang).as_deref(), Some("en"));
        assert_eq!(plain.read(&headers, Cookie::Session), None);
    }

    #[test]
    fn on_https_cookies_are_secure_and_host_bound() {
        let https = Cookies::new(true);
        let c = https.set(Cookie::Session, "x", Some(60));
        assert_eq!(
            c,
            "__Host-balie_session=x; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure"
        );
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static("balie_session=planted"));
        assert_eq!(
            https.read(&headers, Cookie::Session),
            None,
            "an unprefixed cookie is ignored"
        );
    }
}
