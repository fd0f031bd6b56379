//! The PostgreSQL adapter, for scale-out: many app nodes share one database.

use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, Executor, PgConnection, PgPool};

use crate::migrate::{CREATE_LEDGER, POSTGRES};
use crate::sql::{Dialect, Numbering, SqlTx, WordSearch};
use crate::{Store, StoreError, Tx};

/// Serialises migrations of nodes that start at the same moment.
const MIGRATION_LOCK: i64 = 0x0062_616c_6965;

/// Schema names go into SQL text, so only plain names are accepted.
fn check_schema_name(schema: &str) -> Result<(), StoreError> {
    if schema.is_empty()
        || !schema
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(StoreError::Url(format!("schema name {schema}")));
    }
    Ok(())
}

pub struct PostgresStore {
    pool: PgPool,
    /// Write transactions committed (see [`Store::commits`]).
    commits: Arc<AtomicU64>,
}

impl PostgresStore {
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let options =
            PgConnectOptions::from_str(url).map_err(|e| StoreError::Url(e.to_string()))?;
        Self::connect_with(options).await
    }

    /// Connects with every table in `schema` (created when missing), so that tests and
    /// side-by-side installations can share one database.
    pub async fn connect_in_schema(url: &str, schema: &str) -> Result<Self, StoreError> {
        check_schema_name(schema)?;
        let options =
            PgConnectOptions::from_str(url).map_err(|e| StoreError::Url(e.to_string()))?;
        let mut conn = PgConnection::connect_with(&options).await?;
        sqlx::raw_sql(&format!("CREATE SCHEMA IF NOT EXISTS {schema}"))
            .execute(&mut conn)
            .await?;
        conn.close().await?;
        // Named after the schema, so that its connections can be told apart (and a test's ended).
        Self::connect_with(
            options
                .options([("search_path", schema)])
                .application_name(schema),
        )
        .await
    }

    async fn connect_with(options: PgConnectOptions) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .connect_with(options)
            .await?;
        Ok(PostgresStore {
            pool,
            commits: Arc::default(),
        })
    }

    /// The pool, for adapter-level checks such as the plan tests.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Drops a schema made by [`Self::connect_in_schema`] with everything in it.
    pub async fn drop_schema(url: &str, schema: &str) -> Result<(), StoreError> {
        check_schema_name(schema)?;
        let mut conn = PgConnection::connect(url).await?;
        // A schema a connection still holds a lock in is left rather than waited for.
        sqlx::raw_sql(&format!(
            "SET lock_timeout = '10s'; DROP SCHEMA IF EXISTS {schema} CASCADE"
        ))
        .execute(&mut conn)
        .await?;
        conn.close().await?;
        Ok(())
    }
}

#[async_trait]
impl Store for PostgresStore {
    async fn migrate(&self) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(MIGRATION_LOCK)
            .execute(&mut *tx)
            .await?;
        (&mut *tx).execute(CREATE_LEDGER).await?;
        let done: Vec<i64> = sqlx::query_scalar("SELECT version FROM balie_migrations")
            .fetch_all(&mut *tx)
            .await?;
        for (version, sql) in POSTGRES {
            if done.contains(version) {
                continue;
            }
            tracing::info!(version, "applying PostgreSQL migration");
            (&mut *tx).execute(*sql).await?;
            sqlx::query(
                "INSERT INTO balie_migrations (version, applied_at)
                 VALUES ($1, CAST(EXTRACT(EPOCH FROM now()) AS BIGINT))",
            )
            .bind(version)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn settle(&self) -> Result<(), StoreError> {
        // VACUUM cannot run in a transaction: on a pooled connection of its own it does not.
        // Only the tables a ticket import fills, in this store's schema.
        sqlx::query(
            "VACUUM (ANALYZE) tickets, ticket_comments, ticket_events, users, organisations",
        )
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn optimize(&self) -> Result<(), StoreError> {
        // Autovacuum keeps PostgreSQL's statistics, and no row of ours is updated so often that
        // its dead versions would need clearing sooner (ticket numbers come from a sequence).
        Ok(())
    }

    async fn begin(&self) -> Result<Box<dyn Tx>, StoreError> {
        let pool = self.pool.clone();
        let tx = crate::error::open_in_task(async move { Ok(pool.begin().await?) }).await?;
        Ok(Box::new(SqlTx::postgres(tx, Some(self.commits.clone()))))
    }

    async fn read(&self) -> Result<Box<dyn Tx>, StoreError> {
        let pool = self.pool.clone();
        let tx =
            crate::error::open_in_task(
                async move { Ok(pool.begin_with("BEGIN READ ONLY").await?) },
            )
            .await?;
        Ok(Box::new(SqlTx::postgres(tx, None)))
    }

    fn commits(&self) -> u64 {
        self.commits.load(Ordering::Acquire)
    }

    async fn close(&self) {
        self.pool.close().await;
    }
}

/// Lets several nodes claim outbox rows at once without waiting for or taking each other's.
pub(crate) const LOCK_SKIP_LOCKED: &str = "FOR UPDATE SKIP LOCKED";

/// PostgreSQL's SQL where it differs.
pub(crate) static DIALECT: Dialect = Dialect {
    skip_locked: LOCK_SKIP_LOCKED,
    // PostgreSQL takes the small partial index of pending mail for `ORDER BY id LIMIT` itself.
    outbox_pending: "",
    // A lock held until the transaction ends, on a number derived from the key.
    lock_key: Some("SELECT pg_advisory_xact_lock(CAST(hashtext($1) AS BIGINT))"),
    // Words through the GIN indexes of stems the database keeps (see `search`).
    words: WordSearch {
        // PostgreSQL's planner is not told; the plan tests hold it to the views' indexes.
        list_index: |_| None,
        subjects: crate::sql::search::postgres_subjects,
        messages: crate::sql::search::postgres_messages,
        // A GIN index cannot give its matches newest first, so how many a word has decides
        // between reading them all and reading every row, and for the start of a stem the
        // planner only guesses: on 40,000 short subjects it chose to read every ticket. A
        // search never should.
        before_search: Some("SET LOCAL enable_seqscan = off"),
        // PostgreSQL stems the typed words itself, as it stemmed the texts.
        terms: crate::sql::search_words,
        index_messages: None,
        index_subjects: None,
    },
    numbering: Numbering::Sequence,
};
