//! Opens the store a database URL names: `postgres://` or `postgresql://` for PostgreSQL,
//! anything else (`sqlite://path`, a bare path) for SQLite.

use std::sync::Arc;

use crate::{Store, StoreError, postgres::PostgresStore, sqlite::SqliteStore};

pub async fn open(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PostgresStore::connect(url).await?))
    } else {
        Ok(Arc::new(SqliteStore::open(url).await?))
    }
}
