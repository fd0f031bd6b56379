//! Fills SQLite's stemmed word indexes from the texts already stored, after the migration that
//! made them anew (SQLite cannot stem Dutch, so no SQL statement can fill them). Batches of a
//! few thousand texts, each in its own write transaction that also records how far it got: an
//! interrupted start carries on where it stopped.

use sqlx::{Sqlite, SqlitePool, Transaction};

use crate::StoreError;
use crate::sql::exec::{Arg, bind_all};
use crate::sql::search::{
    IndexedMessage, IndexedSubject, sqlite_index_messages, sqlite_index_subjects,
};

/// Texts read in one transaction, and written to the index per statement.
const BATCH: i64 = 5_000;
const ROWS: usize = 1_000;

/// Indexes every text that `search_index_build` says is still to do, then forgets it.
pub(crate) async fn fill(pool: &SqlitePool) -> Result<(), StoreError> {
    let mut done = 0usize;
    loop {
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let next: Option<(String, i64)> =
            sqlx::query_as("SELECT name, after FROM search_index_build ORDER BY name LIMIT 1")
                .fetch_optional(&mut *tx)
                .await?;
        let Some((name, after)) = next else {
            tx.commit().await?;
            if done > 0 {
                tracing::info!(texts = done, "search indexes filled");
            }
            return Ok(());
        };
        let last = match name.as_str() {
            "messages" => messages(&mut tx, after).await?,
            "subjects" => subjects(&mut tx, after).await?,
            _ => None,
        };
        match last {
            Some((last, count)) => {
                sqlx::query("UPDATE search_index_build SET after = $2 WHERE name = $1")
                    .bind(&name)
                    .bind(last)
                    .execute(&mut *tx)
                    .await?;
                let before = done;
                done += count;
                if before / 500_000 != done / 500_000 {
                    tracing::info!(texts = done, "filling the search indexes");
                }
            }
            None => {
                sqlx::query("DELETE FROM search_index_build WHERE name = $1")
                    .bind(&name)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
    }
}

/// The next batch of messages after `after`: the last id indexed and how many, or `None` when
/// none are left.
async fn messages(
    tx: &mut Transaction<'static, Sqlite>,
    after: i64,
) -> Result<Option<(i64, usize)>, StoreError> {
    type Row = (i64, Option<i64>, Option<i64>, bool, String);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT c.id, t.org_id, t.requester_id, c.public, c.body
         FROM ticket_comments c JOIN tickets t ON t.id = c.ticket_id
         WHERE c.id > $1 ORDER BY c.id LIMIT $2",
    )
    .bind(after)
    .bind(BATCH)
    .fetch_all(&mut **tx)
    .await?;
    let Some(last) = rows.last().map(|r| r.0) else {
        return Ok(None);
    };
    let indexed: Vec<IndexedMessage<'_>> = rows
        .iter()
        .map(|(id, org, requester, public, body)| IndexedMessage {
            id: *id,
            org: *org,
            requester: *requester,
            public: *public,
            body,
        })
        .collect();
    write(tx, &indexed, sqlite_index_messages).await?;
    Ok(Some((last, rows.len())))
}

/// As [`messages`], for the subjects of tickets.
async fn subjects(
    tx: &mut Transaction<'static, Sqlite>,
    after: i64,
) -> Result<Option<(i64, usize)>, StoreError> {
    let rows: Vec<(i64, Option<i64>, Option<i64>, String)> = sqlx::query_as(
        "SELECT id, org_id, requester_id, subject FROM tickets WHERE id > $1 ORDER BY id LIMIT $2",
    )
    .bind(after)
    .bind(BATCH)
    .fetch_all(&mut **tx)
    .await?;
    let Some(last) = rows.last().map(|r| r.0) else {
        return Ok(None);
    };
    let subjects: Vec<IndexedSubject<'_>> = rows
        .iter()
        .map(|(id, org, requester, subject)| IndexedSubject {
            id: *id,
            org: *org,
            requester: *requester,
            subject,
        })
        .collect();
    write(tx, &subjects, sqlite_index_subjects).await?;
    Ok(Some((last, rows.len())))
}

/// Writes the index rows of `items`, a statement per thousand.
async fn write<T>(
    tx: &mut Transaction<'static, Sqlite>,
    items: &[T],
    rows: fn(&[T]) -> (String, Vec<Arg>),
) -> Result<(), StoreError> {
    for chunk in items.chunks(ROWS) {
        let (sql, binds) = rows(chunk);
        bind_all(sqlx::query(&sql), binds)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
