//! E-mail addresses, parsed once at the edge. Addresses compare case-insensitively, so they are
//! kept in lower case.

use crate::DomainError;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Accepts `local@domain.tld` with no spaces or angle brackets, at most 254 characters.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let invalid = DomainError::on_field("error-email-invalid", "email");
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(DomainError::on_field("error-email-required", "email"));
        }
        if trimmed.len() > 254 || trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid);
        }
        if trimmed.contains(['<', '>', '(', ')', ',', ';', ':', '\\', '"', '[', ']']) {
            return Err(invalid);
        }
        let (local, domain) = trimmed.rsplit_once('@').ok_or(invalid.clone())?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !domain.contains('@');
        if local.is_empty() || local.len() > 64 || local.contains('@') || !domain_ok {
            return Err(invalid);
        }
        Ok(EmailAddress(trimmed.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_addresses_in_lower_case() {
        let email = EmailAddress::parse("  Anna.de.Vries@DeLinde.NL ");
        assert_eq!(
            email.map(|e| e.0),
            Ok("anna.de.vries@delinde.nl".to_string())
        );
    }

    #[test]
    fn refuses_what_is_not_an_address() {
        for bad in [
            "",
            "anna",
            "anna@",
            "@linde.nl",
            "anna@linde",
            "a b@linde.nl",
            "a@b@c.nl",
            "anna@.nl",
            "anna@linde..nl",
            "<a@b.nl>",
            "a@b.nl\r\nBcc: x@y.nl",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
