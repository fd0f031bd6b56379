//! What every handler can reach: the application and the web settings.

use std::sync::Arc;

use balie_app::App;

#[derive(Debug, Clone, Default)]
pub struct WebConfig {
    /// Cookies get `Secure` when the portal is served over https.
    pub secure_cookies: bool,
}

#[derive(Clone)]
pub struct AppState {
    pub app: Arc<App>,
    pub web: Arc<WebConfig>,
}

impl AppState {
    pub fn new(app: Arc<App>) -> Self {
        let secure_cookies = app.config.base_url.starts_with("https://");
        AppState {
            app,
            web: Arc::new(WebConfig { secure_cookies }),
        }
    }
}
