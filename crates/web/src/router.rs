//! The routes and the layers around them.

use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use tower::ServiceBuilder;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::error::WebError;
use crate::extract::csrf_cookie;
use crate::middleware::{error_pages, security_headers};
use crate::{AppState, pages};

/// Forms are small; uploads get their own, larger limit on their own routes.
const FORM_LIMIT_BYTES: usize = 64 * 1024;

pub fn router(state: AppState) -> Router {
    let x_request_id = axum::http::HeaderName::from_static("x-request-id");
    Router::new()
        .route("/", get(pages::home))
        .route("/login", get(pages::sign_in_form).post(pages::sign_in))
        .route(
            "/agent/login",
            get(pages::agent_sign_in_form).post(pages::agent_sign_in),
        )
        .route("/logout", post(pages::sign_out))
        .route(
            "/password/forgot",
            get(pages::forgot_password_form).post(pages::forgot_password),
        )
        .route("/register", get(pages::register_form).post(pages::register))
        .route(
            "/password/set/{token}",
            get(pages::set_password_form).post(pages::set_password),
        )
        .route("/account", get(pages::profile))
        .route(
            "/account/password",
            get(pages::change_password_form).post(pages::change_password),
        )
        .route("/language", post(pages::switch_language))
        .route("/agent", get(pages::agent_home))
        .route("/healthz", get(pages::healthz))
        .route("/readyz", get(pages::readyz))
        .route("/manifest.webmanifest", get(pages::manifest))
        .route("/favicon.ico", get(pages::favicon))
        .route("/static/balie.css", get(pages::stylesheet))
        .route("/static/icon.svg", get(pages::icon_svg))
        .route("/static/icon-192.png", get(pages::icon_png_192))
        .route("/static/icon-512.png", get(pages::icon_png_512))
        .fallback(|| async { WebError::NotFound })
        .layer(DefaultBodyLimit::max(FORM_LIMIT_BYTES))
        .layer(from_fn_with_state(state.clone(), csrf_cookie))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(
                    x_request_id.clone(),
                    MakeRequestUuid,
                ))
                .layer(TraceLayer::new_for_http())
                .layer(PropagateRequestIdLayer::new(x_request_id))
                .layer(from_fn_with_state(state.clone(), security_headers))
                .layer(from_fn_with_state(state.clone(), error_pages))
                .layer(TimeoutLayer::with_status_code(
                    axum::http::StatusCode::SERVICE_UNAVAILABLE,
                    Duration::from_secs(30),
                )),
        )
        .with_state(state)
}
