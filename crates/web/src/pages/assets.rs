//! Static files compiled into the binary, the web app manifest (A8), and health endpoints.

use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Json, Response};

use crate::AppState;

const CSS: &str = include_str!("../../static/balie.css");
const JS: &str = include_str!("../../static/balie.js");
const ICON_SVG: &str = include_str!("../../static/icon.svg");
const ICON_192: &[u8] = include_bytes!("../../static/icon-192.png");
const ICON_512: &[u8] = include_bytes!("../../static/icon-512.png");

/// Static files change only with a release; browsers may keep them for a day.
fn asset(content_type: &'static str, body: impl IntoResponse) -> Response {
    (
        [
            (CONTENT_TYPE, content_type),
            (CACHE_CONTROL, "public, max-age=86400"),
        ],
        body,
    )
        .into_response()
}

pub async fn stylesheet() -> Response {
    asset("text/css; charset=utf-8", CSS)
}

pub async fn script() -> Response {
    asset("text/javascript; charset=utf-8", JS)
}

pub async fn icon_svg() -> Response {
    asset("image/svg+xml", ICON_SVG)
}

pub async fn favicon() -> Response {
    asset("image/png", ICON_192)
}

pub async fn icon_png_192() -> Response {
    asset("image/png", ICON_192)
}

pub async fn icon_png_512() -> Response {
    asset("image/png", ICON_512)
}

/// Lets the portal be saved as an app or desktop shortcut, under the vendor's name.
pub async fn manifest(State(state): State<AppState>) -> Response {
    let brand = &state.app.config().branding;
    let body = serde_json::json!({
        "name": brand.portal_name,
        "short_name": brand.vendor_name,
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#f4f6f8",
        "theme_color": "#0b5e6b",
        "icons": [
            { "src": "/static/icon-192.png", "sizes": "192x192", "type": "image/png" },
            { "src": "/static/icon-512.png", "sizes": "512x512", "type": "image/png" },
            { "src": "/static/icon.svg", "sizes": "any", "type": "image/svg+xml" }
        ]
    });
    (
        [(CONTENT_TYPE, "application/manifest+json")],
        Json(body).into_response().into_body(),
    )
        .into_response()
}

/// Alive: the process answers.
pub async fn healthz() -> &'static str {
    "ok"
}

/// Ready: the database answers too.
pub async fn readyz(State(state): State<AppState>) -> Response {
    match state.app.ready().await {
        Ok(()) => "ready".into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "not ready");
            crate::error::not_ready()
        }
    }
}
