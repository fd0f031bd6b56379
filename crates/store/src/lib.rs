//! Balie's storage: one interface ([`Store`], [`Tx`]) with a SQLite adapter (the embedded
//! default) and a PostgreSQL adapter (scale-out). Callers never see which one they talk to.

mod contract;
mod error;
mod migrate;
mod model;
mod open;
pub mod plans;
pub mod postgres;
mod sql;
pub mod sqlite;
mod sqlite_word_index;
pub mod test_schema;

pub use contract::{
    AccessTx, BillingTx, FieldTx, ImportTx, KbTx, OrganisationTx, OutboxTx, PeopleTx, Store,
    TicketTx, Tx, WorkspaceTx,
};
pub use error::{StoreError, Unique};
pub use model::*;
pub use open::open;

/// The storage traits, for callers that use a transaction's methods.
pub mod prelude {
    pub use crate::contract::{
        AccessTx, BillingTx, FieldTx, ImportTx, KbTx, OrganisationTx, OutboxTx, PeopleTx, Store,
        TicketTx, Tx, WorkspaceTx,
    };
}
