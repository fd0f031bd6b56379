//! Storage errors. A unique-key clash is told apart because callers turn it into a form message.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A row with the same unique value exists (for example a portal e-mail address).
    #[error("duplicate {0}")]
    Duplicate(&'static str),
    /// A stored value could not be read back into a domain type.
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
    #[error("database url not understood: {0}")]
    Url(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    /// Turns a unique-constraint violation into `Duplicate(what)`, keeping other errors as they are.
    pub(crate) fn unique_as(err: sqlx::Error, what: &'static str) -> StoreError {
        match err.as_database_error() {
            Some(db) if db.is_unique_violation() => StoreError::Duplicate(what),
            _ => StoreError::Database(err),
        }
    }
}
