//! Schemas of their own for tests on one PostgreSQL database, that never outlive the test: a
//! schema is dropped when its guard goes, also when the test fails, and each test process
//! first drops what tests killed before their end left behind.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sqlx::{Connection, PgConnection};

use crate::StoreError;
use crate::postgres::PostgresStore;

/// How old a test schema must be before a sweep takes it for a leftover: no test runs this
/// long, and a younger one may belong to a test running beside this one.
const LEFTOVER_AFTER: Duration = Duration::from_secs(3_600);

/// A test's schema, dropped with the guard.
pub struct TestSchema {
    url: String,
    name: String,
}

impl TestSchema {
    /// A new schema named `<prefix>_<seconds since 1970, hex>_<unique>` on the database at
    /// `url`, with the store connected to it and migrated. Leftovers of every prefix are swept
    /// first.
    pub async fn create(
        url: &str,
        prefix: &str,
    ) -> Result<(PostgresStore, TestSchema), StoreError> {
        sweep(url).await?;
        let name = name(prefix, now_secs());
        let store = PostgresStore::connect_in_schema(url, &name).await?;
        Ok((
            store,
            TestSchema {
                url: url.into(),
                name,
            },
        ))
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for TestSchema {
    fn drop(&mut self) {
        // Dropping cannot wait on the test's runtime, which may be the one panicking: a thread
        // of its own with a runtime of its own drops the schema. A schema still locked by a
        // connection of the test is left to the next sweep instead of hanging the test.
        let (url, name) = (self.url.clone(), self.name.clone());
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| StoreError::Url(e.to_string()))?;
            runtime.block_on(drop_schema(&url, &name))
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("test schema {} left for the next sweep", self.name);
        }
    }
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A name no other test of this or another process takes: the time, the process and a count.
fn name(prefix: &str, secs: u64) -> String {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let unique = (u64::from(std::process::id()) << 32)
        ^ (u64::from(nanos) << 8)
        ^ COUNT.fetch_add(1, Ordering::Relaxed);
    format!("{prefix}_{secs:x}_{unique:016x}")
}

/// Whether `schema` is a test schema older than [`LEFTOVER_AFTER`] at `now`: a prefix of
/// letters, the hex seconds it was made and a hex number. Names of test schemas from before
/// they held their time (a prefix and 16 hex digits) are always leftovers.
fn is_leftover(schema: &str, now: u64) -> bool {
    let hex = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_hexdigit());
    let parts: Vec<&str> = schema.split('_').collect();
    let prefix = parts[0];
    if prefix.is_empty() || !prefix.chars().all(|c| c.is_ascii_lowercase()) {
        return false;
    }
    match parts[1..] {
        [unique] => unique.len() == 16 && hex(unique),
        [secs, unique] if hex(secs) && hex(unique) => u64::from_str_radix(secs, 16)
            .is_ok_and(|made| now.saturating_sub(made) > LEFTOVER_AFTER.as_secs()),
        _ => false,
    }
}

/// Drops the test schemas on the database at `url` that are old enough to be leftovers.
async fn sweep(url: &str) -> Result<(), StoreError> {
    let mut conn = PgConnection::connect(url).await?;
    let names: Vec<String> = sqlx::query_scalar("SELECT nspname::text FROM pg_namespace")
        .fetch_all(&mut conn)
        .await?;
    conn.close().await?;
    let now = now_secs();
    for name in names.iter().filter(|n| is_leftover(n, now)) {
        // Another process may sweep the same leftover at the same moment; that is fine.
        let _ = drop_schema(url, name).await;
    }
    Ok(())
}

/// Ends the connections still open in the schema (a failed test's, perhaps in the middle of a
/// transaction that holds its tables), then drops it.
async fn drop_schema(url: &str, name: &str) -> Result<(), StoreError> {
    let mut conn = PgConnection::connect(url).await?;
    sqlx::query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE application_name = $1 AND pid <> pg_backend_pid()",
    )
    .bind(name)
    .execute(&mut conn)
    .await?;
    conn.close().await?;
    PostgresStore::drop_schema(url, name).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_old_test_schemas_are_leftovers() {
        let now = 0x6000_0000;
        let old = name("t", now - 7_200);
        let young = name("t", now - 60);
        assert!(is_leftover(&old, now), "{old}");
        assert!(!is_leftover(&young, now), "{young}");
        for other in [
            "public", "balie", "t_abc", "t_zz_00", "t_1_2_3", "T_1_2", "_1_2",
        ] {
            assert!(!is_leftover(other, now), "{other}");
        }
    }
}
