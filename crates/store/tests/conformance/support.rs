//! Fresh databases for the conformance suite.

use std::sync::Arc;

use balie_store::Store;
use balie_store::postgres::PostgresStore;
use balie_store::sqlite::SqliteStore;
use balie_store::test_schema::TestSchema;

pub const DEFAULT_PG_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

pub struct TestDb {
    store: Arc<dyn Store>,
    sqlite: Option<Arc<SqliteStore>>,
    postgres: Option<Arc<PostgresStore>>,
    _dir: Option<tempfile::TempDir>,
    /// Last, so that it goes after the store's connections.
    _schema: Option<TestSchema>,
}

/// The test PostgreSQL: `BALIE_TEST_DATABASE_URL`, or the local default.
pub fn pg_url() -> String {
    std::env::var("BALIE_TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_PG_URL.to_string())
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("balie.sqlite");
        let store = Arc::new(SqliteStore::open(path.to_str().unwrap()).await.unwrap());
        store.migrate().await.unwrap();
        TestDb {
            store: store.clone(),
            sqlite: Some(store),
            postgres: None,
            _dir: Some(dir),
            _schema: None,
        }
    }

    /// A fresh schema on the test PostgreSQL, or `None` (with a notice) when no server answers
    /// and none was asked for.
    pub async fn postgres() -> Option<TestDb> {
        let explicit = std::env::var("BALIE_TEST_DATABASE_URL").ok();
        let url = pg_url();
        let (store, schema) = match TestSchema::create(&url, "t").await {
            Ok(made) => made,
            Err(e) if explicit.is_none() => {
                eprintln!(
                    "PostgreSQL half skipped: no server at {url} ({e}); set BALIE_TEST_DATABASE_URL to require it"
                );
                return None;
            }
            Err(e) => panic!("PostgreSQL at {url} is required: {e}"),
        };
        store.migrate().await.unwrap();
        let store = Arc::new(store);
        Some(TestDb {
            store: store.clone(),
            postgres: Some(store),
            sqlite: None,
            _dir: None,
            _schema: Some(schema),
        })
    }

    pub fn store(&self) -> &dyn Store {
        &*self.store
    }

    pub fn sqlite_pool(&self) -> &sqlx::SqlitePool {
        self.sqlite.as_ref().unwrap().pool()
    }

    pub fn sqlite_store(&self) -> &SqliteStore {
        self.sqlite.as_ref().unwrap()
    }

    pub fn postgres_store(&self) -> &PostgresStore {
        self.postgres.as_ref().unwrap()
    }

    /// Closes the store's connections, after which the schema goes with `self`.
    pub async fn finish(self) {
        self.store.close().await;
    }
}
