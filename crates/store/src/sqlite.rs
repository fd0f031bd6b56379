//! The SQLite adapter, the embedded default: one file, WAL mode, foreign keys on.
//!
//! SQLite has one writer at a time. Writers of this process wait for it in a first-come,
//! first-served queue of the process's own before `BEGIN IMMEDIATE`, rather than in SQLite's busy
//! handler, which sleeps and retries with growing pauses and lets a late writer overtake one that
//! has waited long: that made the slowest ticket creations take a second while the mail worker
//! was busy. The busy timeout remains for other processes (a command run beside the server).

use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Executor, SqlitePool};
use tokio::sync::Mutex;

use crate::migrate::{CREATE_LEDGER, SQLITE};
use crate::sql::{Dialect, Numbering, SqlTx, WordSearch};
use crate::{Store, StoreError, Tx};

pub struct SqliteStore {
    pool: SqlitePool,
    /// The queue of this process's writers; its guard lives as long as a write transaction.
    writer: Arc<Mutex<()>>,
    /// Write transactions committed (see [`Store::commits`]).
    commits: Arc<AtomicU64>,
}

impl SqliteStore {
    /// Opens (creating when missing) the database at `url`: `sqlite://path`, `sqlite:path` or a
    /// plain file path.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let options = if url.starts_with("sqlite:") {
            SqliteConnectOptions::from_str(url).map_err(|e| StoreError::Url(e.to_string()))?
        } else {
            SqliteConnectOptions::new().filename(url)
        };
        let options = options
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        Ok(SqliteStore {
            pool,
            writer: Arc::new(Mutex::new(())),
            commits: Arc::default(),
        })
    }

    /// The pool, for adapter-level checks such as the pragma tests.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn migrate(&self) -> Result<(), StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        (&mut *tx).execute(CREATE_LEDGER).await?;
        let done: Vec<i64> = sqlx::query_scalar("SELECT version FROM balie_migrations")
            .fetch_all(&mut *tx)
            .await?;
        for (version, sql) in SQLITE {
            if done.contains(version) {
                continue;
            }
            tracing::info!(version, "applying SQLite migration");
            (&mut *tx).execute(*sql).await?;
            sqlx::query(
                "INSERT INTO balie_migrations (version, applied_at)
                 VALUES ($1, strftime('%s','now'))",
            )
            .bind(version)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        crate::sqlite_word_index::fill(&self.pool).await?;
        self.optimize().await
    }

    async fn settle(&self) -> Result<(), StoreError> {
        // Full statistics after an import: every row counted, not a sample (a sample of a
        // million tickets was off by 33-66 times for the views' indexes).
        let mut conn = self.pool.acquire().await?;
        sqlx::query("PRAGMA analysis_limit = 0")
            .execute(&mut *conn)
            .await?;
        sqlx::query("ANALYZE").execute(&mut *conn).await?;
        Ok(())
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn optimize(&self) -> Result<(), StoreError> {
        // Without statistics SQLite guesses, and on a large table it may walk the assignee
        // index instead of the partial index of a view. `optimize` analyses only what changed
        // enough, each table from a bounded sample.
        let mut conn = self.pool.acquire().await?;
        sqlx::query("PRAGMA analysis_limit = 1000")
            .execute(&mut *conn)
            .await?;
        sqlx::query("PRAGMA optimize = 0x10002")
            .execute(&mut *conn)
            .await?;
        // The connection goes back to the pool: later statistics on it are not sampled.
        sqlx::query("PRAGMA analysis_limit = 0")
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    async fn begin(&self) -> Result<Box<dyn Tx>, StoreError> {
        let (writer, pool) = (self.writer.clone(), self.pool.clone());
        let (turn, tx) = crate::error::open_in_task(async move {
            // tokio's mutex hands itself over in the order it was asked for.
            let turn = writer.lock_owned().await;
            let tx = pool.begin_with("BEGIN IMMEDIATE").await?;
            Ok((turn, tx))
        })
        .await?;
        Ok(Box::new(SqlTx::sqlite(
            tx,
            Some(turn),
            Some(self.commits.clone()),
        )))
    }

    async fn read(&self) -> Result<Box<dyn Tx>, StoreError> {
        let pool = self.pool.clone();
        let tx = crate::error::open_in_task(async move { Ok(pool.begin().await?) }).await?;
        Ok(Box::new(SqlTx::sqlite(tx, None, None)))
    }

    fn commits(&self) -> u64 {
        self.commits.load(Ordering::Acquire)
    }

    async fn close(&self) {
        self.pool.close().await;
    }
}

/// The index made for a list's view, named so that SQLite reads it whatever its statistics say
/// (it chose the assignee index for the unassigned queue after an import and walked thousands of
/// rows). A search by number or by words reads its own index instead.
pub(crate) fn list_index(query: &crate::TicketQuery) -> Option<&'static str> {
    use crate::TicketScope;
    use balie_domain::TicketStatus::{New, OnHold, Open, Pending};
    if !query.text.trim().is_empty()
        && (query.scope == TicketScope::All
            || balie_domain::TicketNumber::parse(query.text.trim()).is_ok())
    {
        return None;
    }
    Some(match &query.scope {
        TicketScope::Requester { .. } => "tickets_requester_activity",
        TicketScope::Org(_) => "tickets_org_activity",
        TicketScope::Cc { .. } => return None,
        TicketScope::Unassigned { .. } => "tickets_unassigned_view",
        TicketScope::AssignedTo(_) => "tickets_assigned_view",
        TicketScope::Statuses(s) if s.len() == 1 => "tickets_status_activity",
        TicketScope::Statuses(s) if s[..] == [New, Open, Pending, OnHold] => {
            "tickets_unresolved_view"
        }
        TicketScope::Statuses(_) => return None,
        TicketScope::All => "tickets_activity",
    })
}

/// The oldest pending mails, read from their own index whatever the statistics say.
pub(crate) const OUTBOX_PENDING: &str = "INDEXED BY outbox_pending";

/// SQLite's SQL where it differs.
pub(crate) static DIALECT: Dialect = Dialect {
    // SQLite has a single writer and `BEGIN IMMEDIATE` holds it: no row locks to skip.
    skip_locked: "",
    outbox_pending: OUTBOX_PENDING,
    // `BEGIN IMMEDIATE` already runs writers one after another.
    lock_key: None,
    // Words through the FTS5 tables of stems the store writes (see `search`).
    words: WordSearch {
        list_index,
        subjects: crate::sql::search::sqlite_subjects,
        messages: crate::sql::search::sqlite_messages,
        before_search: None,
        terms: crate::sql::search_stems,
        index_messages: Some(crate::sql::search::sqlite_index_messages),
        index_subjects: Some(crate::sql::search::sqlite_index_subjects),
    },
    numbering: Numbering::Counter,
};
