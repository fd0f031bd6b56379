//! The portal's three cookies: the session, the CSRF token and the chosen language. All are
//! HttpOnly and SameSite, and Secure when the base URL is https.

use axum::http::HeaderMap;
use axum::http::header::COOKIE;

pub const SESSION: &str = "balie_session";
pub const CSRF: &str = "balie_csrf";
pub const LANG: &str = "balie_lang";

/// The value of cookie `name` in the request, if present.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim().to_string())
}

pub enum SameSite {
    Lax,
    Strict,
}

/// A `Set-Cookie` value. `max_age` of `None` makes a cookie that ends with the browser session.
pub fn set(
    name: &str,
    value: &str,
    max_age: Option<i64>,
    same_site: SameSite,
    secure: bool,
) -> String {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly");
    cookie.push_str(match same_site {
        SameSite::Lax => "; SameSite=Lax",
        SameSite::Strict => "; SameSite=Strict",
    });
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        cookie.push_str("; Secure");
    }
    cookie
}

/// A `Set-Cookie` value that removes the cookie.
pub fn clear(name: &str, secure: bool) -> String {
    set(name, "", Some(0), SameSite::Lax, secure)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn reads_one_cookie_among_many() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static("a=1; balie_lang=en; b=2"));
        assert_eq!(read(&headers, LANG).as_deref(), Some("en"));
        assert_eq!(read(&headers, SESSION), None);
    }

    #[test]
    fn secure_is_added_for_https() {
        let c = set(SESSION, "x", Some(60), SameSite::Lax, true);
        assert_eq!(
            c,
            "balie_session=x; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure"
        );
    }
}
