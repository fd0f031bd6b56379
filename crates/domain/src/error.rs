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
    /// Further rules the same input broke, each at its own field, so a form can show them all
    /// at once instead of one per try.
    pub also: Vec<DomainError>,
}

impl DomainError {
    pub const fn new(key: &'static str) -> Self {
        Self {
            key,
            field: None,
            about: None,
            also: Vec::new(),
        }
    }

    pub const fn on_field(key: &'static str, field: &'static str) -> Self {
        Self {
            key,
            field: Some(field),
            about: None,
            also: Vec::new(),
        }
    }

    /// All of `errors` as one refusal, the first leading; `None` when there are none.
    pub fn all_of(errors: impl IntoIterator<Item = DomainError>) -> Option<DomainError> {
        let mut errors = errors.into_iter().flat_map(DomainError::into_each);
        let mut first = errors.next()?;
        first.also = errors.collect();
        Some(first)
    }

    /// This rule and every further one, each on its own.
    pub fn into_each(mut self) -> Vec<DomainError> {
        let also = std::mem::take(&mut self.also);
        let mut each = vec![self];
        each.extend(also.into_iter().flat_map(DomainError::into_each));
        each
    }

    /// The same rule, naming what it is about.
    pub fn about(mut self, what: impl Into<String>) -> Self {
        self.about = Some(what.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_refusals_travel_as_one_and_come_apart_in_order() {
        let subject = DomainError::on_field("error-field-required", "subject");
        let body = DomainError::on_field("error-field-required", "description");
        let custom = DomainError::on_field("error-custom-number", "custom").about("Aantal");
        let nested = DomainError::all_of([body.clone(), custom.clone()]).unwrap();
        let all = DomainError::all_of([subject.clone(), nested]).unwrap();
        assert_eq!(all.field, Some("subject"));
        assert_eq!(all.into_each(), [subject, body, custom]);
        assert_eq!(DomainError::all_of([]), None);
    }
}
