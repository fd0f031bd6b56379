//! The one error type of the use cases. The web layer maps it to HTTP in one place.

use balie_domain::DomainError;
use balie_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Input broke a rule; the message key is shown next to the field.
    #[error("invalid input: {0}")]
    Invalid(DomainError),
    /// The thing does not exist, or exists for someone else (never told apart).
    #[error("not found")]
    NotFound,
    /// Signed in, but not allowed.
    #[error("forbidden")]
    Forbidden,
    /// Not signed in where that is needed.
    #[error("sign-in required")]
    Unauthenticated,
    /// Too many attempts from one address; try again later.
    #[error("too many attempts")]
    RateLimited,
    /// Anything else: logged with the request id, never shown.
    #[error("internal: {0}")]
    Internal(String),
}

impl From<DomainError> for AppError {
    fn from(e: DomainError) -> Self {
        AppError::Invalid(e)
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Duplicate("email") => {
                AppError::Invalid(DomainError::on_field("error-email-taken", "email"))
            }
            other => AppError::Internal(other.to_string()),
        }
    }
}
