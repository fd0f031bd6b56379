//! The one error type of the use cases. The web layer maps it to HTTP in one place.

use balie_domain::DomainError;
use balie_store::{StoreError, Unique};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Input broke a rule; the message key is shown next to the field.
    #[error("invalid input: {0}")]
    Invalid(DomainError),
    /// The thing does not exist, or exists for someone else (never told apart).
    #[error("not found")]
    NotFound,
    /// Signed in, but this is for others: the refusal says for whom.
    #[error("forbidden: only for {0:?}")]
    Forbidden(Only),
    /// Not signed in where that is needed.
    #[error("sign-in required")]
    Unauthenticated,
    /// Too many attempts from one address; try again later.
    #[error("too many attempts")]
    RateLimited,
    /// Anything else: logged with the request id and the whole chain of its causes, never shown.
    #[error("internal: {context}")]
    Internal {
        /// What was being done.
        context: String,
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
}

/// Whom a refused page or action is for, so that the refusal can say it in plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    /// Customer Support's agents.
    Agents,
    /// Customer Support's administrators.
    Administrators,
    /// The contacts of customer organisations.
    Contacts,
    /// A Beheerder of the organisation: its details and contact persons.
    Beheerders,
    /// Who sees the invoices and the subscription: a Beheerder.
    Billing,
    /// Who sees all requests of the organisation: Beheerders and Medewerkers+, or everyone when
    /// the organisation shares its requests (B5).
    AllRequests,
    /// The one who submitted the request.
    Requester,
}

impl Only {
    /// The message of the refusal.
    pub fn key(self) -> &'static str {
        match self {
            Only::Agents => "error-forbidden-agents",
            Only::Administrators => "error-forbidden-administrators",
            Only::Contacts => "error-forbidden-contacts",
            Only::Beheerders => "error-forbidden-beheerders",
            Only::Billing => "error-forbidden-billing",
            Only::AllRequests => "error-forbidden-all-requests",
            Only::Requester => "error-forbidden-requester",
        }
    }
}

impl AppError {
    /// An internal error while doing `context`, caused by `source`.
    pub fn internal(
        context: impl Into<String>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> AppError {
        AppError::Internal {
            context: context.into(),
            source: Some(source.into()),
        }
    }

    /// An internal error with no cause beyond itself: something that should have been there.
    pub fn missing(what: impl Into<String>) -> AppError {
        AppError::Internal {
            context: what.into(),
            source: None,
        }
    }
}

/// `error` and each of its causes, joined by ": ", for the log (a cause already in the text
/// before it, as a `transparent` wrapper repeats it, is not said twice).
pub fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(e) = cause {
        let said = e.to_string();
        if !text.ends_with(&said) {
            text = format!("{text}: {said}");
        }
        cause = e.source();
    }
    text
}

impl From<DomainError> for AppError {
    fn from(e: DomainError) -> Self {
        AppError::Invalid(e)
    }
}

/// The message next to the field whose value another record has: a clash the use case's own
/// check did not see (two requests at once) is a refusal, never a fault.
fn taken(unique: Unique) -> DomainError {
    match unique {
        Unique::Email => DomainError::on_field("error-email-taken", "email"),
        Unique::InvoiceNumber => DomainError::on_field("error-invoice-number-taken", "number"),
        Unique::FormKey | Unique::CategoryKey => {
            DomainError::on_field("error-form-name-taken", "name_nl")
        }
        Unique::GroupName => DomainError::on_field("error-group-name-taken", "name"),
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Duplicate(unique) => AppError::Invalid(taken(unique)),
            other => AppError::internal("storage", other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unique_clash_is_a_message_next_to_its_field() {
        for unique in Unique::ALL {
            match AppError::from(StoreError::Duplicate(unique)) {
                AppError::Invalid(e) => {
                    assert!(e.key.ends_with("-taken"), "{unique:?}: {}", e.key);
                    assert!(e.field.is_some(), "{unique:?}");
                }
                other => panic!("{unique:?} became {other:?}"),
            }
        }
    }

    #[test]
    fn an_internal_error_keeps_its_causes_for_the_log() {
        #[derive(Debug, thiserror::Error)]
        #[error("reading the file")]
        struct Reading(#[source] std::io::Error);
        let io = std::io::Error::other("connection refused");
        let error = AppError::internal("blob storage", Reading(io));
        assert_eq!(
            chain(&error),
            "internal: blob storage: reading the file: connection refused"
        );
        assert_eq!(chain(&AppError::missing("a form")), "internal: a form");
        // A transparent wrapper repeats its cause's text; the chain says it once.
        let store = AppError::from(StoreError::Corrupt("status".into()));
        assert_eq!(
            chain(&store),
            "internal: storage: corrupt stored value: status"
        );
    }
}
