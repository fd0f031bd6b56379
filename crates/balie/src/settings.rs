//! Turns the command-line settings into the application's configuration.

use std::path::PathBuf;

use balie_app::{AppConfig, Branding};
use balie_domain::PasswordPolicy;

use crate::cli::{PasswordPreset, Settings};

impl Settings {
    pub fn base_url(&self) -> String {
        self.base_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.listen))
            .trim_end_matches('/')
            .to_string()
    }

    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("balie.sqlite").display()))
    }

    pub fn mail_dir(&self) -> PathBuf {
        self.data_dir.join("mail")
    }

    pub fn attachments_dir(&self) -> PathBuf {
        self.data_dir.join("attachments")
    }

    /// The node's name: given, or the host's name and the listening address, which no two
    /// running processes share and a restarted process keeps.
    pub fn node_name(&self) -> String {
        self.node_name.clone().unwrap_or_else(|| {
            let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
                .ok()
                .or_else(|| std::env::var("HOSTNAME").ok())
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty())
                .unwrap_or_else(|| "balie".into());
            format!("{host}/{}", self.listen)
        })
    }

    /// The demo's support details where none are given, so that its first screens show how a
    /// customer reaches support, as a vendor's portal would.
    pub fn with_demo_support(mut self) -> Self {
        for (value, demo) in [
            (&mut self.support_phone, "030 - 123 45 67"),
            (&mut self.support_email, "support@balie.example"),
            (&mut self.remote_help_url, "https://hulp.balie.example/"),
        ] {
            if value.is_empty() {
                *value = demo.to_string();
            }
        }
        self
    }

    pub fn app_config(&self) -> AppConfig {
        let preset = match self.password_policy {
            PasswordPreset::Manual => PasswordPolicy::MANUAL,
            PasswordPreset::Strong => PasswordPolicy::STRONG,
        };
        let policy = match self.password_min_length {
            Some(min) => preset.with_min_length(min),
            None => preset,
        };
        AppConfig {
            base_url: self.base_url(),
            branding: Branding {
                portal_name: self.portal_name.clone(),
                vendor_name: self.vendor_name.clone(),
                support_phone: self.support_phone.clone(),
                support_email: self.support_email.clone(),
                privacy_text: self.privacy_text.clone(),
                remote_help_url: self.remote_help_url.clone(),
            },
            mail_from: self.mail_from.clone(),
            password_policy: policy,
            block_after_failures: self.block_after.max(1),
            session_ttl_secs: self.session_hours.max(1) * 3600,
            invitation_ttl_secs: self.invitation_days.max(1) * 86_400,
            attachment_max_bytes: self.attachment_max_mb.clamp(1, 1024) * 1024 * 1024,
            auto_close_days: self.auto_close_days.max(1),
            anonymous_requests: self.anonymous_requests,
            kb_public: !self.kb_private,
            node_name: self.node_name(),
            ..AppConfig::default()
        }
    }
}
