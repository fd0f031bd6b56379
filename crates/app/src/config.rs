//! What the use cases need to know of the installation. The binary fills it from `BALIE_*`
//! variables; tests build it directly.

use balie_domain::PasswordPolicy;

/// The vendor's branding, shown on every page and in every e-mail.
#[derive(Debug, Clone)]
pub struct Branding {
    /// The portal's name ("Zorgsoft Klantportaal").
    pub portal_name: String,
    /// The vendor's name, used where the manual says "neem contact op met ...".
    pub vendor_name: String,
    pub support_phone: String,
    pub support_email: String,
    /// Shown under the forms where the user is asked not to send private data.
    pub privacy_text: String,
    /// The remote-help tool the manual asks callers to start ("hulp op afstand").
    pub remote_help_url: String,
}

impl Default for Branding {
    fn default() -> Self {
        Branding {
            portal_name: "Balie Klantportaal".into(),
            vendor_name: "Balie".into(),
            support_phone: String::new(),
            support_email: String::new(),
            privacy_text: String::new(),
            remote_help_url: String::new(),
        }
    }
}

/// How many attempts one IP address (or one e-mail address) may make per window.
#[derive(Debug, Clone, Copy)]
pub struct RateLimits {
    pub sign_in_per_ip: i64,
    pub sign_in_window_secs: i64,
    pub password_requests_per_ip: i64,
    pub password_requests_per_address: i64,
    pub password_window_secs: i64,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            sign_in_per_ip: 60,
            sign_in_window_secs: 15 * 60,
            password_requests_per_ip: 20,
            password_requests_per_address: 5,
            password_window_secs: 60 * 60,
        }
    }
}

#[derive(Debug, Clone)]
pub struct AppConfig {
    /// The address the portal is reached at, without a trailing slash; links in e-mails start here.
    pub base_url: String,
    pub branding: Branding,
    /// The `From` of every e-mail.
    pub mail_from: String,
    pub password_policy: PasswordPolicy,
    /// Failed sign-ins after which an account is blocked (A4; the manual says 10).
    pub block_after_failures: u32,
    pub invitation_ttl_secs: i64,
    pub reset_ttl_secs: i64,
    pub session_ttl_secs: i64,
    pub rate_limits: RateLimits,
    /// Argon2 memory cost in KiB; lowered only in tests to keep them fast.
    pub argon2_memory_kib: u32,
    /// Days after which a solved ticket closes (SPEC C, default 7).
    pub auto_close_days: i64,
    /// The largest attachment accepted, in bytes (default 20 MB a file).
    pub attachment_max_bytes: usize,
    /// Whether visitors may submit a request with only an e-mail address (C3; off by default).
    pub anonymous_requests: bool,
    /// Whether visitors who are not signed in may read the knowledge base (F1); when off, it
    /// asks for a sign-in like the rest of the portal.
    pub kb_public: bool,
    /// The language of mail to people without an account.
    pub default_language: balie_domain::Language,
    /// This node's name, stable across restarts: the outbox leases it holds are its own, to take
    /// back when it starts again.
    pub node_name: String,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            base_url: "http://127.0.0.1:8080".into(),
            branding: Branding::default(),
            mail_from: "Balie <noreply@balie.localhost>".into(),
            password_policy: PasswordPolicy::MANUAL,
            block_after_failures: 10,
            invitation_ttl_secs: 7 * 24 * 3600,
            reset_ttl_secs: 2 * 3600,
            session_ttl_secs: 12 * 3600,
            rate_limits: RateLimits::default(),
            argon2_memory_kib: 19 * 1024,
            auto_close_days: 7,
            attachment_max_bytes: 20 * 1024 * 1024,
            anonymous_requests: false,
            kb_public: true,
            default_language: balie_domain::Language::Nl,
            node_name: "balie".into(),
        }
    }
}

impl AppConfig {
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.base_url.trim_end_matches('/'), path)
    }

    /// The host part of the base URL, for Message-IDs.
    pub fn host(&self) -> &str {
        let rest = self
            .base_url
            .split_once("://")
            .map(|(_, r)| r)
            .unwrap_or(&self.base_url);
        let host = rest.split(['/', ':']).next().unwrap_or("localhost");
        if host.is_empty() { "localhost" } else { host }
    }
}
