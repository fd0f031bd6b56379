//! The password policy (SPEC A4). The manual's rule is the default: at least five characters and
//! not the e-mail address. The strong preset asks for twelve and refuses the most common passwords.

use crate::{DomainError, EmailAddress};

/// A password that passed the policy. Its `Debug` never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// Longer passwords only cost hashing time; no person types more.
pub const MAX_PASSWORD_CHARS: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordPolicy {
    pub min_length: usize,
    pub refuse_common: bool,
}

impl PasswordPolicy {
    /// The rule of the manual: five characters, different from the e-mail address.
    pub const MANUAL: PasswordPolicy = PasswordPolicy {
        min_length: 5,
        refuse_common: false,
    };
    /// Twelve characters and none of the most common passwords.
    pub const STRONG: PasswordPolicy = PasswordPolicy {
        min_length: 12,
        refuse_common: true,
    };

    /// Raises the minimum length; a lower number leaves the policy's own minimum in place.
    pub fn with_min_length(self, min_length: usize) -> Self {
        PasswordPolicy {
            min_length: min_length.max(self.min_length),
            ..self
        }
    }

    /// Checks a new password and its confirmation.
    pub fn check(
        &self,
        candidate: &str,
        confirmation: &str,
        email: Option<&EmailAddress>,
    ) -> Result<Password, DomainError> {
        let chars = candidate.chars().count();
        if chars < self.min_length {
            return Err(DomainError::on_field(
                "error-password-too-short",
                "password",
            ));
        }
        if chars > MAX_PASSWORD_CHARS {
            return Err(DomainError::on_field("error-password-too-long", "password"));
        }
        if email.is_some_and(|e| candidate.trim().eq_ignore_ascii_case(e.as_str())) {
            return Err(DomainError::on_field("error-password-is-email", "password"));
        }
        if self.refuse_common && is_common(candidate) {
            return Err(DomainError::on_field("error-password-common", "password"));
        }
        if candidate != confirmation {
            return Err(DomainError::on_field(
                "error-password-mismatch",
                "password_confirm",
            ));
        }
        Ok(Password(candidate.to_string()))
    }
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        Self::MANUAL
    }
}

/// Passwords that top every published list of leaked passwords, in Dutch and English.
const COMMON: &[&str] = &[
    "123456789012",
    "1234567890123",
    "qwertyuiopas",
    "password1234",
    "passwordpassword",
    "wachtwoord123",
    "wachtwoord1234",
    "welkom123456",
    "welkomwelkom",
    "000000000000",
    "111111111111",
    "123123123123",
    "abcdefghijkl",
    "iloveyou1234",
    "letmein12345",
    "qwerty123456",
    "1q2w3e4r5t6y",
    "adminadmin12",
    "administrator",
    "zomer2024zomer",
    "voorjaar2025",
    "welkom012345",
    "wachtwoord01",
    "password0123",
    "aaaaaaaaaaaa",
];

fn is_common(candidate: &str) -> bool {
    let lower = candidate.to_lowercase();
    COMMON.contains(&lower.as_str())
        || lower
            .chars()
            .collect::<std::collections::HashSet<_>>()
            .len()
            <= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email() -> EmailAddress {
        EmailAddress::parse("anna@delinde.nl").unwrap()
    }

    #[test]
    fn manual_policy_accepts_five_characters() {
        assert!(
            PasswordPolicy::MANUAL
                .check("abcde", "abcde", Some(&email()))
                .is_ok()
        );
        let err = PasswordPolicy::MANUAL
            .check("abcd", "abcd", None)
            .unwrap_err();
        assert_eq!(err.key, "error-password-too-short");
    }

    #[test]
    fn password_may_not_be_the_email_address() {
        let err = PasswordPolicy::MANUAL
            .check("Anna@DeLinde.nl", "Anna@DeLinde.nl", Some(&email()))
            .unwrap_err();
        assert_eq!(err.key, "error-password-is-email");
    }

    #[test]
    fn confirmation_must_match() {
        let err = PasswordPolicy::MANUAL
            .check("abcdef", "abcdeg", None)
            .unwrap_err();
        assert_eq!(err.field, Some("password_confirm"));
    }

    #[test]
    fn strong_preset_refuses_common_and_short() {
        let strong = PasswordPolicy::STRONG;
        assert_eq!(
            strong.check("kort", "kort", None).unwrap_err().key,
            "error-password-too-short"
        );
        assert_eq!(
            strong
                .check("Wachtwoord123", "Wachtwoord123", None)
                .unwrap_err()
                .key,
            "error-password-common"
        );
        assert!(
            strong
                .check("paars-fiets-lantaarn", "paars-fiets-lantaarn", None)
                .is_ok()
        );
    }

    #[test]
    fn minimum_can_be_raised_but_never_lowered() {
        assert_eq!(PasswordPolicy::MANUAL.with_min_length(2).min_length, 5);
        assert_eq!(PasswordPolicy::MANUAL.with_min_length(8).min_length, 8);
        assert_eq!(PasswordPolicy::STRONG.with_min_length(8).min_length, 12);
        assert_eq!(PasswordPolicy::STRONG.with_min_length(16).min_length, 16);
    }
}
