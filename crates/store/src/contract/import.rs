//! The contract of importing tickets in bulk: history from another help desk, or generated
//! volume for benchmarks. Imported tickets get the next numbers, keep their own moments and
//! statuses, and arrive with their whole conversation.

use async_trait::async_trait;

use crate::{ImportTicket, StoreError};

#[async_trait]
pub trait ImportTx: Send {
    /// Stores `batch` in few statements: the batch takes the next ticket numbers in its order,
    /// each ticket gets a "created" event, and its comments keep their authors and moments.
    async fn import_tickets(&mut self, batch: &[ImportTicket]) -> Result<(), StoreError>;
}
