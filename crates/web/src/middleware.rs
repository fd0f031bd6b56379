//! Cross-cutting response handling: security headers on every response, and error pages
//! rendered in the user's language for every error status, whoever produced it (a handler, an
//! extractor's rejection, the router's fallback, the body limit or the timeout).

use axum::extract::{Request, State};
use axum::http::header::{ACCEPT, CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Json, Response};
use balie_domain::Language;

use crate::AppState;
use crate::cookies::Cookie;
use crate::error::{ErrorPage, WebError};
use crate::extract::Lang;
use crate::pages::kit::{ErrorViewer, error_page};

/// `default-src 'self'` with no inline script or style: the pages carry none.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; \
    base-uri 'none'; object-src 'none'";

pub async fn security_headers(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let is_static = request.uri().path().starts_with("/static/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let fixed: [(&str, &str); 5] = [
        ("content-security-policy", CSP),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        // Links that carry a one-time token must not leak it to another site.
        ("referrer-policy", "same-origin"),
        (
            "permissions-policy",
            "camera=(), microphone=(), geolocation=()",
        ),
    ];
    for (name, value) in fixed {
        let (name, value) = (
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
        // A response with a stricter policy of its own (a picture's preview) keeps its CSP;
        // every other header is the portal's, whatever a handler set.
        if name == "content-security-policy" {
            headers.entry(name).or_insert(value);
        } else {
            headers.insert(name, value);
        }
    }
    if state.web.https {
        headers.insert(
            HeaderName::from_static("strict-transport-security"),
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    if !is_static && !headers.contains_key(CACHE_CONTROL) {
        // Pages show personal data: no shared or back-button cache keeps them.
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Turns error responses into pages (or JSON) in the user's language; logs 5xx causes with the
/// request id, which the page shows instead of the cause.
/// How long a request may take: pages answer within seconds or something is wrong; a form with
/// files may take minutes on a practice's slow upstream line.
const PAGE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);
const UPLOAD_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Ends a request that takes too long with 503, allowing uploads (multipart posts) longer.
pub async fn request_timeout(request: Request, next: Next) -> Response {
    let upload = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let limit = if upload { UPLOAD_TIMEOUT } else { PAGE_TIMEOUT };
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => WebError::TimedOut.into_response(),
    }
}

pub async fn error_pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let lang = Lang::from_headers(request.headers(), &state.web.cookies);
    let wants_json = wants_json(&request);
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_string();
    let cookies = &state.web.cookies;
    let session = cookies.read(request.headers(), Cookie::Session);
    let csrf = request
        .extensions()
        .get::<crate::extract::CsrfToken>()
        .map(|t| t.0.clone());
    let referer = form_page(&state, request.headers());
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let marker = response.extensions().get::<ErrorPage>().cloned();
    let own_body = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html") || ct.starts_with("application/json"));
    if marker.is_none() && own_body {
        return response;
    }
    let page = marker.unwrap_or(ErrorPage {
        status,
        message_key: None,
        cause: None,
        field: None,
    });
    if status.is_server_error() {
        tracing::error!(
            request_id,
            status = status.as_u16(),
            cause = page.cause.as_deref().unwrap_or("-"),
            "request failed"
        );
    }
    // A signed-in person keeps the header on an error page; read only when one is shown.
    let viewer = match (&session, wants_json) {
        (Some(token), false) => state.app.session_user(token).await.ok().flatten(),
        _ => None,
    };
    let viewer = viewer.as_ref().map(|user| ErrorViewer {
        user,
        csrf: csrf.as_deref().unwrap_or_default(),
    });
    // A refused form is gone back to, where the browser still holds what was typed.
    let back = referer.filter(|_| page.field.is_some());
    let shown = Shown {
        json: wants_json,
        viewer,
        back: back.as_deref(),
    };
    render(&state, lang, &page, &request_id, shown, response)
}

/// What an error page shows besides its message.
struct Shown<'a> {
    json: bool,
    viewer: Option<ErrorViewer<'a>>,
    back: Option<&'a str>,
}

/// The page of this portal the request came from (its `Referer`), as a local path.
fn form_page(state: &AppState, headers: &axum::http::HeaderMap) -> Option<String> {
    let referer = headers.get(axum::http::header::REFERER)?.to_str().ok()?;
    let base = state.app.config().base_url.trim_end_matches('/');
    let path = referer.strip_prefix(base)?;
    let path = crate::pages::kit::safe_return_path(Some(path));
    (path != "/").then_some(path)
}

fn render(
    state: &AppState,
    lang: Language,
    page: &ErrorPage,
    request_id: &str,
    shown: Shown<'_>,
    original: Response,
) -> Response {
    let tr = state.app.i18n().for_lang(lang);
    let (title, message) = texts(state, &tr, page, request_id);
    let mut response = if shown.json {
        Json(serde_json::json!({
            "error": { "status": page.status.as_u16(), "title": title, "message": message, "request_id": request_id }
        }))
        .into_response()
    } else {
        match error_page(state, tr, &title, &message, shown.viewer, shown.back) {
            Ok(html) => Html(html).into_response(),
            // The status is the page's, set below.
            Err(_) => title.into_response(),
        }
    };
    *response.status_mut() = page.status;
    // Keep the headers that matter to the client, such as Set-Cookie or Retry-After.
    for (name, value) in original.headers() {
        if name != CONTENT_TYPE && name != axum::http::header::CONTENT_LENGTH {
            response.headers_mut().append(name.clone(), value.clone());
        }
    }
    response
}

fn texts(
    state: &AppState,
    tr: &balie_app::Tr<'_>,
    page: &ErrorPage,
    request_id: &str,
) -> (String, String) {
    let code = match page.status.as_u16() {
        c @ (400 | 403 | 404 | 413 | 415 | 422 | 429) => c,
        c if c >= 500 => 500,
        _ => 400,
    };
    let title = tr.t(&format!("error-page-title-{code}"));
    let message = match (page.message_key, &page.field) {
        (Some(key), Some(field)) => tr.t1(key, "field", &crate::pages::kit::field_label(tr, field)),
        (Some(key), None) => crate::pages::kit::message(tr, state, key),
        (None, _) if code == 429 => tr.t("error-rate-limited"),
        (None, _) => tr.t1(&format!("error-page-body-{code}"), "request", request_id),
    };
    (title, message)
}

fn wants_json(request: &Request) -> bool {
    let path = request.uri().path();
    let accept = request
        .headers()
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    path.starts_with("/api/")
        || (accept.contains("application/json") && !accept.contains("text/html"))
}
