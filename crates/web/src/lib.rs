//! Balie's web layer: the axum router, the pages, error mapping and the security middleware.
//! Handlers are thin: extract, call the use case, render.

mod cookies;
mod error;
mod extract;
mod middleware;
mod pages;
mod router;
mod state;

pub use router::router;
pub use state::{AppState, WebConfig};

use std::net::SocketAddr;

/// Serves the portal on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
