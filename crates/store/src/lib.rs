//! Balie's storage: one interface ([`Store`], [`Tx`]) with a SQLite adapter (the embedded
//! default) and a PostgreSQL adapter (scale-out). Callers never see which one they talk to.

mod error;
mod migrate;
mod model;
mod open;
mod portable;
pub mod postgres;
pub mod sqlite;
mod traits;

pub use error::StoreError;
pub use model::*;
pub use open::open;
pub use traits::{Store, Tx};
