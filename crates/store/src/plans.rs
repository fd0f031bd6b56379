//! The statements that must read the index made for them whatever the statistics say and
//! however the data lies, and the plan each backend gives them, so the conformance suite can
//! assert it (a page that is fast only when the planner guesses well is slow after an import).

use crate::StoreError;
use crate::postgres::PostgresStore;
use crate::sql::outbox::claim_select;
use crate::sqlite::SqliteStore;

/// One statement's plan, a line a step, as the backend prints it.
#[derive(Debug, Clone)]
pub struct Plan {
    pub statement: &'static str,
    pub lines: Vec<String>,
}

impl Plan {
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }
}

impl SqliteStore {
    /// `EXPLAIN QUERY PLAN` of every hot statement.
    pub async fn plans(&self) -> Result<Vec<Plan>, StoreError> {
        let claim = claim_select(crate::sqlite::OUTBOX_PENDING, "");
        let rows: Vec<(i64, i64, i64, String)> =
            sqlx::query_as(&format!("EXPLAIN QUERY PLAN {claim}"))
                .bind(0_i64)
                .bind(0_i64)
                .bind(10_i64)
                .fetch_all(self.pool())
                .await?;
        Ok(vec![Plan {
            statement: "outbox claim",
            lines: rows.into_iter().map(|r| r.3).collect(),
        }])
    }
}

impl PostgresStore {
    /// `EXPLAIN` of every hot statement.
    pub async fn plans(&self) -> Result<Vec<Plan>, StoreError> {
        let claim = claim_select("", crate::postgres::LOCK_SKIP_LOCKED);
        let rows: Vec<(String,)> = sqlx::query_as(&format!("EXPLAIN {claim}"))
            .bind(0_i64)
            .bind(0_i64)
            .bind(10_i64)
            .fetch_all(self.pool())
            .await?;
        Ok(vec![Plan {
            statement: "outbox claim",
            lines: rows.into_iter().map(|r| r.0).collect(),
        }])
    }
}
