//! Opens the store a database URL names: `postgres://` or `postgresql://` for PostgreSQL,
//! `sqlite://path`, `sqlite:path` or a plain file path for SQLite. Any other scheme is refused
//! rather than taken for a file name.

use std::sync::Arc;

use crate::{Store, StoreError, postgres::PostgresStore, sqlite::SqliteStore};

pub async fn open(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PostgresStore::connect(url).await?))
    } else if url.starts_with("sqlite:") || !url.contains("://") {
        Ok(Arc::new(SqliteStore::open(url).await?))
    } else {
        Err(StoreError::Url(format!(
            "{url}: use postgres://, sqlite:// or a file path"
        )))
    }
}
