//! The storage contract, one trait per area. Every method's promise is written here; both
//! adapters keep it and the conformance suite (`tests/conformance`) proves it on each.

mod access;
mod billing;
mod fields;
mod import;
mod kb;
mod organisations;
mod outbox;
mod people;
mod tickets;
mod workspace;

pub use access::AccessTx;
pub use billing::BillingTx;
pub use fields::FieldTx;
pub use import::ImportTx;
pub use kb::KbTx;
pub use organisations::OrganisationTx;
pub use outbox::OutboxTx;
pub use people::PeopleTx;
pub use tickets::TicketTx;
pub use workspace::WorkspaceTx;

use async_trait::async_trait;

use crate::StoreError;

#[async_trait]
pub trait Store: Send + Sync {
    /// Applies every migration not yet applied; safe to call on every start and from several
    /// nodes at once.
    async fn migrate(&self) -> Result<(), StoreError>;

    /// Answers when the database does.
    async fn ping(&self) -> Result<(), StoreError>;

    /// Keeps the query planner's statistics fresh, so list queries keep choosing the indexes
    /// made for them. Cheap; called after migrating and by housekeeping.
    async fn optimize(&self) -> Result<(), StoreError>;

    /// After a bulk import: brings statistics and (on PostgreSQL) the visibility map up to date
    /// at once instead of waiting for autovacuum, so the first pages already use index-only
    /// scans.
    async fn settle(&self) -> Result<(), StoreError>;

    /// Starts a transaction. Nothing it writes is visible to others until `commit`; dropping it
    /// rolls back. On SQLite it takes the write lock at once so a read-then-write cannot fail
    /// halfway.
    async fn begin(&self) -> Result<Box<dyn Tx>, StoreError>;

    /// Starts a read-only transaction. On SQLite it does not take the write lock, so pages that
    /// only read never wait for writers; on PostgreSQL it is `READ ONLY`.
    async fn read(&self) -> Result<Box<dyn Tx>, StoreError>;

    /// How many write transactions this store has committed since it opened. Whatever was read
    /// while the number stayed the same still holds, as far as this process's own changes go;
    /// another process's changes do not move it.
    fn commits(&self) -> u64;

    /// Closes the pool, waiting for connections in use.
    async fn close(&self);
}

/// A transaction. After any method returns an error the transaction is only good for dropping
/// (PostgreSQL refuses further statements in it); callers return the error.
#[async_trait]
pub trait Tx:
    PeopleTx
    + AccessTx
    + OutboxTx
    + OrganisationTx
    + BillingTx
    + TicketTx
    + WorkspaceTx
    + ImportTx
    + FieldTx
    + KbTx
    + Send
{
    async fn commit(self: Box<Self>) -> Result<(), StoreError>;

    /// Makes transactions that pass the same `key` run one after another until they end, so a
    /// count-then-insert (a rate limit) cannot be raced. SQLite's single writer does so already.
    async fn lock_key(&mut self, key: &str) -> Result<(), StoreError>;
}
