//! The error a domain rule raises: a translation key for the message and, where it applies, the
//! form field it belongs to, so the web layer can show it next to that field in the user's language.

/// A broken rule. `key` names a message in the translation catalogs (`locales/*/*.ftl`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{key}")]
pub struct DomainError {
    pub key: &'static str,
    pub field: Option<&'static str>,
    /// What the rule is about when the message names it: a custom field's label.
    pub about: Option<String>,
}

impl DomainError {
    pub const fn new(key: &'static str) -> Self {
        Self {
            key,
            field: None,
            about: None,
        }
    }

    pub const fn on_field(key: &'static str, field: &'static str) -> Self {
        Self {
            key,
            field: Some(field),
            about: None,
        }
    }

    /// The same rule, naming what it is about.
    pub fn about(mut self, what: impl Into<String>) -> Self {
        self.about = Some(what.into());
        self
    }
}
