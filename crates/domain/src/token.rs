//! One-time tokens: what a link in an e-mail lets its holder do.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    /// The invitation of a new contact or agent (A1).
    Invitation,
    /// "Wachtwoord vergeten?" (A2).
    PasswordReset,
}

impl TokenPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::Invitation => "invitation",
            TokenPurpose::PasswordReset => "password_reset",
        }
    }

    pub fn from_str_opt(s: &str) -> Option<Self> {
        match s {
            "invitation" => Some(TokenPurpose::Invitation),
            "password_reset" => Some(TokenPurpose::PasswordReset),
            _ => None,
        }
    }
}
