//! The one place that knows HTTP status codes. Handlers and extractors return [`WebError`]; its
//! response carries an [`ErrorPage`] marker that the `error_pages` middleware renders as an HTML
//! page in the user's language, or as JSON for API clients.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use balie_app::AppError;
use balie_domain::DomainError;

#[derive(Debug)]
pub enum WebError {
    /// The request could not be read (a malformed form, query or path).
    BadRequest,
    /// The form's CSRF token is missing or wrong.
    Csrf,
    /// The body is larger than the route accepts.
    PayloadTooLarge,
    /// A form was posted as something other than a form (`text/plain`, JSON, no type).
    UnsupportedMediaType,
    /// A field's value is not text: not UTF-8, or with NUL or another control character.
    TextRefused {
        field: String,
    },
    /// Not signed in: go to the sign-in page, then come back to `next`.
    SignInRequired {
        sign_in: &'static str,
        next: String,
    },
    /// Signed in, but the page is for others: the page says for whom.
    Forbidden(balie_app::Only),
    NotFound,
    RateLimited,
    /// The request took longer than its route allows.
    TimedOut,
    /// A broken rule outside a form that could show it.
    Invalid(DomainError),
    Internal(String),
}

/// Why a page is shown again with its message instead of doing what was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A rule was broken: the form again, with the message next to its field.
    Invalid,
    /// Too many tries: the form again, saying to wait.
    RateLimited,
    /// A link that no longer works: its page, saying so.
    Gone,
}

impl Refusal {
    fn status(self) -> StatusCode {
        match self {
            Refusal::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
            Refusal::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Refusal::Gone => StatusCode::GONE,
        }
    }
}

/// A page shown again with its message, answered with the status of why.
pub fn refused_page(why: Refusal, html: String) -> Response {
    (why.status(), axum::response::Html(html)).into_response()
}

/// `/readyz` when the database does not answer: load balancers take the node out.
pub fn not_ready() -> Response {
    let body = axum::Json(serde_json::json!({ "status": "unavailable" }));
    (StatusCode::SERVICE_UNAVAILABLE, body).into_response()
}

/// Marks an error response for the `error_pages` middleware.
#[derive(Debug, Clone)]
pub struct ErrorPage {
    pub status: StatusCode,
    /// A message to show instead of the status's standard text.
    pub message_key: Option<&'static str>,
    /// For 5xx: the cause, logged with the request id and never shown.
    pub cause: Option<String>,
    /// The form field the message is about, named on the page by its label.
    pub field: Option<String>,
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Invalid(d) => WebError::Invalid(d),
            AppError::NotFound => WebError::NotFound,
            AppError::Forbidden(only) => WebError::Forbidden(only),
            AppError::Unauthenticated => WebError::SignInRequired {
                sign_in: "/login",
                next: "/".into(),
            },
            AppError::RateLimited => WebError::RateLimited,
            e @ AppError::Internal { .. } => WebError::Internal(balie_app::error_chain(&e)),
        }
    }
}

impl WebError {
    fn page(&self) -> ErrorPage {
        let page = |status, message_key| ErrorPage {
            status,
            message_key,
            cause: None,
            field: None,
        };
        match self {
            WebError::BadRequest => page(StatusCode::BAD_REQUEST, Some("error-form-unreadable")),
            WebError::Csrf => page(StatusCode::FORBIDDEN, Some("error-csrf")),
            WebError::PayloadTooLarge => page(StatusCode::PAYLOAD_TOO_LARGE, None),
            WebError::UnsupportedMediaType => page(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                Some("error-form-unreadable"),
            ),
            WebError::TextRefused { field } => ErrorPage {
                field: Some(field.clone()),
                ..page(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    Some(balie_domain::text::TEXT_REFUSED_KEY),
                )
            },
            WebError::Forbidden(only) => page(StatusCode::FORBIDDEN, Some(only.key())),
            WebError::NotFound => page(StatusCode::NOT_FOUND, None),
            WebError::RateLimited => {
                page(StatusCode::TOO_MANY_REQUESTS, Some("error-rate-limited"))
            }
            WebError::TimedOut => page(StatusCode::SERVICE_UNAVAILABLE, None),
            WebError::Invalid(d) => page(StatusCode::BAD_REQUEST, Some(d.key)),
            WebError::Internal(cause) => ErrorPage {
                cause: Some(cause.clone()),
                ..page(StatusCode::INTERNAL_SERVER_ERROR, None)
            },
            WebError::SignInRequired { .. } => page(StatusCode::UNAUTHORIZED, None),
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if let WebError::SignInRequired { sign_in, next } = &self {
            let target = if next == "/" || next.is_empty() {
                sign_in.to_string()
            } else {
                format!("{sign_in}?next={}", encode_component(next))
            };
            return Redirect::to(&target).into_response();
        }
        let page = self.page();
        let mut response = page.status.into_response();
        response.extensions_mut().insert(page);
        response
    }
}

/// Percent-encodes a URL query component.
pub fn encode_component(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_page_has_the_status_of_why() {
        let page = |why| refused_page(why, String::new()).status();
        assert_eq!(page(Refusal::Invalid), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(page(Refusal::RateLimited), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(page(Refusal::Gone), StatusCode::GONE);
    }

    #[test]
    fn statuses_are_mapped_here() {
        assert_eq!(
            WebError::Csrf.into_response().status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            WebError::NotFound.into_response().status(),
            StatusCode::NOT_FOUND
        );
        let internal = WebError::Internal("db down".into()).into_response();
        assert_eq!(internal.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let marker = internal.extensions().get::<ErrorPage>().unwrap();
        assert_eq!(marker.cause.as_deref(), Some("db down"));
    }

    #[test]
    fn an_internal_cause_reaches_the_log_with_its_causes() {
        let io = std::io::Error::other("disk full");
        let response = WebError::from(AppError::internal("blob storage", io)).into_response();
        let marker = response.extensions().get::<ErrorPage>().unwrap();
        assert_eq!(
            marker.cause.as_deref(),
            Some("internal: blob storage: disk full")
        );
    }

    #[test]
    fn sign_in_required_redirects_back() {
        let r = WebError::SignInRequired {
            sign_in: "/login",
            next: "/account?x=1".into(),
        }
        .into_response();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(r.headers()["location"], "/login?next=/account%3Fx%3D1");
    }
}
