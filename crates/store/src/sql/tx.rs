//! The one transaction type of the store: either backend's transaction, with the dialect of that
//! backend and the executor every area's SQL runs through.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::{Postgres, Sqlite, Transaction};
use tokio::sync::OwnedMutexGuard;

use super::dialect::Dialect;
use super::exec::{Arg, FromValue, Row, bind_all};
use crate::StoreError;

/// The backend connection a transaction holds.
enum Conn {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

pub struct SqlTx {
    conn: Conn,
    /// What differs between the backends (row locks, key locks, word search, numbering).
    pub(crate) dialect: &'static Dialect,
    /// A SQLite writer's place at the head of the queue, given up when the transaction ends.
    _turn: Option<OwnedMutexGuard<()>>,
    /// The store's count of commits, for a write transaction.
    commits: Option<Arc<AtomicU64>>,
}

impl SqlTx {
    pub(crate) fn sqlite(
        tx: Transaction<'static, Sqlite>,
        turn: Option<OwnedMutexGuard<()>>,
        commits: Option<Arc<AtomicU64>>,
    ) -> SqlTx {
        SqlTx {
            conn: Conn::Sqlite(tx),
            dialect: &crate::sqlite::DIALECT,
            _turn: turn,
            commits,
        }
    }

    pub(crate) fn postgres(
        tx: Transaction<'static, Postgres>,
        commits: Option<Arc<AtomicU64>>,
    ) -> SqlTx {
        SqlTx {
            conn: Conn::Postgres(tx),
            dialect: &crate::postgres::DIALECT,
            _turn: None,
            commits,
        }
    }

    /// Runs a statement; the number of rows it changed.
    pub(crate) async fn execute(&mut self, sql: &str, args: Vec<Arg>) -> Result<u64, StoreError> {
        Ok(match &mut self.conn {
            Conn::Sqlite(tx) => bind_all(sqlx::query(sql), args)
                .execute(&mut **tx)
                .await?
                .rows_affected(),
            Conn::Postgres(tx) => bind_all(sqlx::query(sql), args)
                .execute(&mut **tx)
                .await?
                .rows_affected(),
        })
    }

    /// The rows a query returns.
    pub(crate) async fn fetch_all(
        &mut self,
        sql: &str,
        args: Vec<Arg>,
    ) -> Result<Vec<Row>, StoreError> {
        match &mut self.conn {
            Conn::Sqlite(tx) => {
                let rows = bind_all(sqlx::query(sql), args)
                    .fetch_all(&mut **tx)
                    .await?;
                rows.iter().map(Row::from_sqlite).collect()
            }
            Conn::Postgres(tx) => {
                let rows = bind_all(sqlx::query(sql), args)
                    .fetch_all(&mut **tx)
                    .await?;
                rows.iter().map(Row::from_postgres).collect()
            }
        }
    }

    /// The first row a query returns, if any.
    pub(crate) async fn fetch_optional(
        &mut self,
        sql: &str,
        args: Vec<Arg>,
    ) -> Result<Option<Row>, StoreError> {
        match &mut self.conn {
            Conn::Sqlite(tx) => {
                let row = bind_all(sqlx::query(sql), args)
                    .fetch_optional(&mut **tx)
                    .await?;
                row.as_ref().map(Row::from_sqlite).transpose()
            }
            Conn::Postgres(tx) => {
                let row = bind_all(sqlx::query(sql), args)
                    .fetch_optional(&mut **tx)
                    .await?;
                row.as_ref().map(Row::from_postgres).transpose()
            }
        }
    }

    /// The row a query must return.
    pub(crate) async fn fetch_one(&mut self, sql: &str, args: Vec<Arg>) -> Result<Row, StoreError> {
        self.fetch_optional(sql, args)
            .await?
            .ok_or(StoreError::Database(sqlx::Error::RowNotFound))
    }

    /// The first column of the row a query must return.
    pub(crate) async fn scalar<T: FromValue>(
        &mut self,
        sql: &str,
        args: Vec<Arg>,
    ) -> Result<T, StoreError> {
        self.fetch_one(sql, args).await?.get(0)
    }

    /// The first column of the first row a query returns, if any.
    pub(crate) async fn scalar_optional<T: FromValue>(
        &mut self,
        sql: &str,
        args: Vec<Arg>,
    ) -> Result<Option<T>, StoreError> {
        self.fetch_optional(sql, args)
            .await?
            .map(|row| row.get(0))
            .transpose()
    }

    /// The first column of every row a query returns.
    pub(crate) async fn scalars<T: FromValue>(
        &mut self,
        sql: &str,
        args: Vec<Arg>,
    ) -> Result<Vec<T>, StoreError> {
        self.fetch_all(sql, args)
            .await?
            .iter()
            .map(|row| row.get(0))
            .collect()
    }
}

#[async_trait::async_trait]
impl crate::contract::Tx for SqlTx {
    async fn commit(self: Box<Self>) -> Result<(), StoreError> {
        match self.conn {
            Conn::Sqlite(tx) => tx.commit().await?,
            Conn::Postgres(tx) => tx.commit().await?,
        }
        if let Some(commits) = &self.commits {
            commits.fetch_add(1, Ordering::AcqRel);
        }
        Ok(())
    }

    async fn lock_key(&mut self, key: &str) -> Result<(), StoreError> {
        if let Some(sql) = self.dialect.lock_key {
            self.execute(sql, vec![Arg::Text(key.to_owned())]).await?;
        }
        Ok(())
    }
}
