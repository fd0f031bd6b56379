//! What every handler can reach: the application and the web settings.

use std::sync::Arc;

use balie_app::App;

use crate::cookies::Cookies;

#[derive(Debug, Clone, Default)]
pub struct WebConfig {
    pub cookies: Cookies,
    /// Behind a reverse proxy or load balancer, the client's address is the last one in
    /// `X-Forwarded-For`; without one, that header is ignored (anyone could send it).
    pub trust_forwarded_for: bool,
    /// Adds `Strict-Transport-Security` when the portal is served over https.
    pub https: bool,
}

#[derive(Clone)]
pub struct AppState {
    pub app: Arc<App>,
    pub web: Arc<WebConfig>,
}

impl AppState {
    pub fn new(app: Arc<App>) -> Self {
        Self::with_proxy(app, false)
    }

    /// Like [`Self::new`], trusting `X-Forwarded-For` when `trust_forwarded_for` is set.
    pub fn with_proxy(app: Arc<App>, trust_forwarded_for: bool) -> Self {
        let https = app.config().base_url.starts_with("https://");
        AppState {
            app,
            web: Arc::new(WebConfig {
                cookies: Cookies::new(https),
                trust_forwarded_for,
                https,
            }),
        }
    }
}
