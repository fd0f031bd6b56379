//! What a contact person is made of ("Contactpersoon toevoegen", "Persoonlijke gegevens"), and
//! the organisation's own data ("Organisatie"), parsed from form input.

use crate::{DomainError, EmailAddress};

/// "Geslacht", required for a contact person (the manual's form asks it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
    /// Another gender, or not told.
    Other,
}

impl Gender {
    pub const ALL: [Gender; 3] = [Gender::Female, Gender::Male, Gender::Other];

    pub fn code(self) -> &'static str {
        match self {
            Gender::Male => "m",
            Gender::Female => "v",
            Gender::Other => "x",
        }
    }

    pub fn from_code(code: &str) -> Option<Gender> {
        match code {
            "m" => Some(Gender::Male),
            "v" => Some(Gender::Female),
            "x" => Some(Gender::Other),
            _ => None,
        }
    }
}

/// Names and phone numbers are short; longer input is a mistake or an attack.
const MAX_NAME: usize = 100;
const MAX_LINE: usize = 200;

fn required(value: &str, field: &'static str) -> Result<String, DomainError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(DomainError::on_field("error-field-required", field));
    }
    limited(value, field, MAX_NAME)
}

fn limited(value: &str, field: &'static str, max: usize) -> Result<String, DomainError> {
    let value = value.trim();
    if value.chars().count() > max || value.chars().any(char::is_control) {
        return Err(DomainError::on_field("error-field-too-long", field));
    }
    Ok(value.to_string())
}

/// A person's own data: name, gender and phone number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonDetails {
    pub first_name: String,
    pub last_name: String,
    pub gender: Gender,
    pub phone: String,
}

impl PersonDetails {
    pub fn parse(
        first_name: &str,
        last_name: &str,
        gender: &str,
        phone: &str,
    ) -> Result<Self, DomainError> {
        Ok(PersonDetails {
            first_name: required(first_name, "first_name")?,
            last_name: required(last_name, "last_name")?,
            gender: Gender::from_code(gender.trim())
                .ok_or(DomainError::on_field("error-gender-required", "gender"))?,
            phone: limited(phone, "phone", 40)?,
        })
    }
}

/// The portal e-mail of a form ("Inloggen | E-mail portaltoegang"): empty means no portal access.
pub fn optional_email(input: &str) -> Result<Option<EmailAddress>, DomainError> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        EmailAddress::parse(input).map(Some)
    }
}

/// The organisation's data ("Organisatie").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationDetails {
    pub name: String,
    pub address: String,
    pub postcode: String,
    pub city: String,
    pub phone: String,
    pub email: Option<EmailAddress>,
}

impl OrganisationDetails {
    pub fn parse(
        name: &str,
        address: &str,
        postcode: &str,
        city: &str,
        phone: &str,
        email: &str,
    ) -> Result<Self, DomainError> {
        Ok(OrganisationDetails {
            name: required(name, "name").and_then(|n| limited(&n, "name", MAX_LINE))?,
            address: limited(address, "address", MAX_LINE)?,
            postcode: limited(postcode, "postcode", 20)?.to_uppercase(),
            city: limited(city, "city", MAX_NAME)?,
            phone: limited(phone, "phone", 40)?,
            email: optional_email(email).map_err(|e| DomainError {
                field: Some("org_email"),
                ..e
            })?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_gender_are_required() {
        assert_eq!(
            PersonDetails::parse(" ", "Jansen", "v", "")
                .unwrap_err()
                .field,
            Some("first_name")
        );
        assert_eq!(
            PersonDetails::parse("Anna", "", "v", "").unwrap_err().field,
            Some("last_name")
        );
        assert_eq!(
            PersonDetails::parse("Anna", "Jansen", "", "")
                .unwrap_err()
                .key,
            "error-gender-required"
        );
        let ok = PersonDetails::parse(" Anna ", "Jansen", "v", " 06-12345678 ").unwrap();
        assert_eq!(
            (ok.first_name.as_str(), ok.gender, ok.phone.as_str()),
            ("Anna", Gender::Female, "06-12345678")
        );
    }

    #[test]
    fn long_or_control_input_is_refused() {
        let long = "a".repeat(101);
        assert_eq!(
            PersonDetails::parse(&long, "J", "m", "").unwrap_err().key,
            "error-field-too-long"
        );
        assert!(PersonDetails::parse("An\u{0}na", "J", "m", "").is_err());
    }

    #[test]
    fn an_empty_portal_email_means_no_access() {
        assert_eq!(optional_email("  "), Ok(None));
        assert!(optional_email("geen-adres").is_err());
    }

    #[test]
    fn organisation_needs_a_name() {
        assert_eq!(
            OrganisationDetails::parse("", "", "", "", "", "")
                .unwrap_err()
                .field,
            Some("name")
        );
        let org =
            OrganisationDetails::parse("De Linde", "Lindelaan 1", "3521 ab", "Utrecht", "", "")
                .unwrap();
        assert_eq!(org.postcode, "3521 AB");
        assert_eq!(
            OrganisationDetails::parse("X", "", "", "", "", "nope")
                .unwrap_err()
                .field,
            Some("org_email")
        );
    }
}
