//! Delivers the outbox (G1, G2): claims due mail with a lease, hands it to a transport and marks
//! it sent, or failed with a retry after a growing pause.
//!
//! The guarantee is at least once. A worker claims twenty mails with a one-minute lease, sends
//! them, and records what happened to all of them in the transaction that claims the next batch
//! (sooner, renewing the lease, when sending is slow), so under load the worker needs one of the
//! database's write turns for twenty mails while every new ticket needs one. A dead worker's batch is free when its lease ends;
//! a node that starts again takes back its dead predecessor's leases at once. A mail is sent
//! twice only when the process died after the mail server accepted it and before that was
//! recorded: at most the one batch in hand. The retry carries the same Message-ID, so mail
//! programs show it once. Each claim carries its own lease token, so a worker that comes back
//! after its lease ran out cannot overwrite the result of the worker that took the mail over.

mod transport;

pub use transport::{EmlFolder, MemoryTransport, SmtpTransport, Transport, build_message};

use std::sync::Arc;
use std::time::Duration;

use crate::secret::new_token;
use crate::{App, AppError};

/// Mails handled per claim: enough that one write turn a batch keeps up with eight clients
/// creating tickets, each of which takes a turn of its own.
const BATCH: i64 = 20;
/// How long one mail may take to send before it counts as failed (and is retried later).
const SEND_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a claimed batch is reserved for its worker: longer than one mail may take, since
/// what was sent is recorded and the lease renewed once half of it has passed.
pub const LEASE_SECS: i64 = 60;
/// Attempts after which a mail is given up and left, marked failed, for an operator.
pub const MAX_ATTEMPTS: i64 = 10;
/// How long the worker sleeps when nothing woke it.
const POLL: Duration = Duration::from_secs(5);

/// The pause before attempt `attempts + 1`: one minute, doubling, at most six hours.
pub fn retry_delay_secs(attempts: i64) -> i64 {
    let doubling = 1_i64 << attempts.clamp(0, 10);
    (60 * doubling).min(6 * 3600)
}

/// A mail handed to the transport, and how that went, until it is recorded.
struct Sent {
    id: balie_domain::MailId,
    attempts: i64,
    outcome: Result<(), String>,
}

/// What one delivery round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delivered {
    pub sent: usize,
    pub failed: usize,
}

impl App {
    /// Delivers every mail that is due now, batch after batch, and returns what happened.
    /// The background worker calls it in a loop; tests call it directly. What a batch did is
    /// recorded in the transaction that claims the next one: one write a batch.
    pub async fn deliver_due_mail(&self, transport: &dyn Transport) -> Result<Delivered, AppError> {
        let mut total = Delivered::default();
        let node = &self.config.node_name;
        let mut unrecorded: Option<(String, Vec<Sent>)> = None;
        loop {
            let lease = new_token();
            let now = self.now();
            let mut tx = self.work().await?;
            if let Some((held_lease, done)) = unrecorded.take() {
                self.record(&mut *tx, &held_lease, done, false).await?;
            }
            let batch = tx
                .claim_mail(now, now.plus_seconds(LEASE_SECS), BATCH, node, &lease)
                .await?;
            tx.commit().await?;
            if batch.is_empty() {
                return Ok(total);
            }
            let mut done = vec![];
            let mut leased_at = now;
            for queued in &batch {
                // The whole send is bounded, not only each exchange with the server, so a mail
                // never outlasts the lease it was claimed with.
                let outcome = tokio::time::timeout(
                    SEND_TIMEOUT,
                    transport.send(queued, &self.config.mail_from),
                )
                .await
                .unwrap_or_else(|_| Err(format!("no answer within {} s", SEND_TIMEOUT.as_secs())));
                match &outcome {
                    Ok(()) => total.sent += 1,
                    Err(_) => total.failed += 1,
                }
                done.push(Sent {
                    id: queued.id,
                    attempts: queued.attempts,
                    outcome,
                });
                // Sending is slow: record what went out and keep the rest of the batch.
                if self.now().0 - leased_at.0 >= LEASE_SECS / 2 {
                    let mut tx = self.work().await?;
                    let held = self
                        .record(&mut *tx, &lease, std::mem::take(&mut done), true)
                        .await?;
                    tx.commit().await?;
                    leased_at = self.now();
                    if !held {
                        break;
                    }
                }
            }
            unrecorded = Some((lease, done));
        }
    }

    /// Records what happened to the mails in `done` in `tx`, renewing the lease on the rest of
    /// the batch when `renew`. `false` when another worker took the batch over: the rest of it
    /// is that worker's now.
    async fn record(
        &self,
        tx: &mut dyn balie_store::Tx,
        lease: &str,
        done: Vec<Sent>,
        renew: bool,
    ) -> Result<bool, AppError> {
        let mut held = true;
        for sent in done {
            let recorded = match sent.outcome {
                Ok(()) => tx.mark_mail_sent(sent.id, lease, self.now()).await?,
                Err(error) => {
                    let attempts = sent.attempts + 1;
                    let retry = (attempts < MAX_ATTEMPTS)
                        .then(|| self.now().plus_seconds(retry_delay_secs(sent.attempts)));
                    tracing::warn!(mail = sent.id.0, attempts, %error, "mail delivery failed");
                    tx.mark_mail_failed(sent.id, lease, &error, retry).await?
                }
            };
            if !recorded {
                tracing::warn!(
                    mail = sent.id.0,
                    "lease ran out before the delivery was recorded"
                );
                held = false;
            }
        }
        if renew && held {
            held = tx
                .renew_mail_lease(lease, self.now().plus_seconds(LEASE_SECS))
                .await?
                > 0;
        }
        Ok(held)
    }

    /// Frees the mail this node's previous process had claimed: that process is gone, so its
    /// leases would otherwise only hold the mail back until they ran out.
    pub async fn take_back_mail_leases(&self) -> Result<u64, AppError> {
        let mut tx = self.work().await?;
        let freed = tx.release_mail_leases(&self.config.node_name).await?;
        tx.commit().await?;
        if freed > 0 {
            tracing::info!(freed, node = %self.config.node_name, "outbox leases of the previous process taken back");
        }
        Ok(freed)
    }

    /// Runs the worker until the process ends: takes back what this node's previous process was
    /// sending, then delivers and waits for new mail or the next poll.
    pub async fn run_mail_worker(self: Arc<Self>, transport: Arc<dyn Transport>) {
        if let Err(e) = self.take_back_mail_leases().await {
            tracing::error!(error = %e, "outbox leases");
        }
        loop {
            match self.deliver_due_mail(&*transport).await {
                Ok(done) if done.sent + done.failed > 0 => {
                    tracing::debug!(sent = done.sent, failed = done.failed, "outbox delivered");
                }
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "outbox worker"),
            }
            let _ = tokio::time::timeout(POLL, self.mail_queued()).await;
        }
    }

    /// How many mails wait to be sent.
    pub async fn pending_mail(&self) -> Result<i64, AppError> {
        let mut tx = self.store.read().await?;
        Ok(tx.pending_mail().await?)
    }

    /// The newest mails of the outbox with their state, for operators (`balie outbox`).
    pub async fn recent_mail(&self, limit: i64) -> Result<Vec<balie_store::QueuedMail>, AppError> {
        let mut tx = self.store.read().await?;
        Ok(tx.recent_mail(limit.clamp(1, 1000)).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_up_to_six_hours() {
        assert_eq!(retry_delay_secs(0), 60);
        assert_eq!(retry_delay_secs(1), 120);
        assert_eq!(retry_delay_secs(5), 1920);
        assert_eq!(retry_delay_secs(9), 6 * 3600);
        assert_eq!(retry_delay_secs(40), 6 * 3600);
    }

    #[test]
    fn a_mail_fits_in_its_lease_even_when_its_send_times_out() {
        assert!(2 * SEND_TIMEOUT.as_secs() <= LEASE_SECS as u64);
        assert!(transport::SMTP_TIMEOUT <= SEND_TIMEOUT);
    }
}
