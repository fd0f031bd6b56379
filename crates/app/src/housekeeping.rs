//! Periodic upkeep: forgets rate-limit attempts older than a day, expired sessions and expired
//! one-time links, closes tickets solved long enough ago, and refreshes the planner's statistics. Safe to run on every node at once.

use std::sync::Arc;
use std::time::Duration;

use crate::{App, AppError};

const EVERY: Duration = Duration::from_secs(15 * 60);

impl App {
    pub async fn housekeeping(&self) -> Result<(), AppError> {
        let mut tx = self.work().await?;
        tx.prune_attempts(self.now().plus_seconds(-86_400)).await?;
        tx.prune_expired(self.now()).await?;
        tx.commit().await?;
        let closed = self.close_solved_tickets().await?;
        if closed > 0 {
            tracing::info!(closed, "closed solved tickets");
        }
        self.store.optimize().await?;
        Ok(())
    }

    /// Runs [`Self::housekeeping`] every quarter of an hour until the process ends.
    pub async fn run_housekeeping(self: Arc<Self>) {
        loop {
            if let Err(e) = self.housekeeping().await {
                tracing::error!(error = %e, "housekeeping");
            }
            tokio::time::sleep(EVERY).await;
        }
    }
}
