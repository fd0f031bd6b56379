//! Ids from addresses and forms: a malformed one is refused, never dropped.

use balie_domain::{DomainError, TicketNumber};

use crate::error::WebError;

/// A record's id in an address: anything else is a page that does not exist.
pub fn id<Id: std::str::FromStr>(raw: &str) -> Result<Id, WebError> {
    raw.parse().map_err(|_| WebError::NotFound)
}

/// A ticket's number in an address.
pub fn number(raw: &str) -> Result<TicketNumber, WebError> {
    TicketNumber::parse(raw).map_err(|_| WebError::NotFound)
}

/// A choice from a list of records: empty is "none", anything else must be an id.
pub fn optional_id<Id: std::str::FromStr>(
    raw: &str,
    field: &'static str,
) -> Result<Option<Id>, DomainError> {
    match raw.trim() {
        "" => Ok(None),
        other => other
            .parse()
            .map(Some)
            .map_err(|_| DomainError::on_field("error-choice-unknown", field)),
    }
}
