//! Storage errors. A unique-key clash is told apart because callers turn it into a form message.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A row with the same unique value exists (for example a portal e-mail address).
    #[error("duplicate {0:?}")]
    Duplicate(Unique),
    /// A stored value could not be read back into a domain type.
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
    #[error("database url not understood: {0}")]
    Url(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    /// The task that opened a transaction ended without an answer (it panicked).
    #[error("opening a transaction: {0}")]
    Opening(String),
}

/// The values the store keeps unique where a person types them, as a clash names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unique {
    /// A person's portal e-mail address.
    Email,
    InvoiceNumber,
    /// The key of a ticket form, made from its Dutch name.
    FormKey,
    /// The key of a ticket category, made from its Dutch name.
    CategoryKey,
    GroupName,
}

impl Unique {
    pub const ALL: [Unique; 5] = [
        Unique::Email,
        Unique::InvoiceNumber,
        Unique::FormKey,
        Unique::CategoryKey,
        Unique::GroupName,
    ];
}

impl StoreError {
    /// Turns a unique-constraint violation into `Duplicate(what)`, keeping other errors as they
    /// are.
    pub(crate) fn unique_as(self, what: Unique) -> StoreError {
        match &self {
            StoreError::Database(err) => match err.as_database_error() {
                Some(db) if db.is_unique_violation() => StoreError::Duplicate(what),
                _ => self,
            },
            _ => self,
        }
    }
}

/// Opens a transaction in a task of its own. A caller dropped while `BEGIN` is under way (a
/// request whose client went away) would otherwise leave the connection inside a transaction
/// that nobody rolls back (sqlx 0.8's `begin` is not drop-safe): on SQLite it kept the write
/// lock, and every other writer failed with "database is locked" after the busy timeout. The
/// task runs `open` to its end whatever the caller does; what it opened, if nobody takes it, is
/// dropped as a whole transaction, which rolls back.
pub(crate) async fn open_in_task<T: Send + 'static>(
    open: impl std::future::Future<Output = Result<T, StoreError>> + Send + 'static,
) -> Result<T, StoreError> {
    tokio::spawn(open)
        .await
        .map_err(|e| StoreError::Opening(e.to_string()))?
}
