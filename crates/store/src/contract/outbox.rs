//! The contract of the outbox and the audit log.

use async_trait::async_trait;
use balie_domain::{MailId, Timestamp, UserId};

use crate::{AuditEntry, NewMail, QueuedMail, StoreError};

#[async_trait]
pub trait OutboxTx: Send {
    async fn queue_mail(&mut self, mail: &NewMail, now: Timestamp) -> Result<MailId, StoreError>;
    /// Leases up to `limit` pending mails due at `now` until `lease_until`, for the worker of
    /// `node` under `lease_token`; a mail leased by another worker is skipped until its lease runs
    /// out (a crashed worker's mail is picked up again).
    async fn claim_mail(
        &mut self,
        now: Timestamp,
        lease_until: Timestamp,
        limit: i64,
        node: &str,
        lease_token: &str,
    ) -> Result<Vec<QueuedMail>, StoreError>;
    /// Extends the lease of the still pending mails under `lease_token` to `until`, while their
    /// worker is busy with them; returns how many it still holds.
    async fn renew_mail_lease(
        &mut self,
        lease_token: &str,
        until: Timestamp,
    ) -> Result<u64, StoreError>;
    /// Lets go of every lease `node` holds: called when a node starts, since the worker that
    /// held them died with its process. Returns how many mails are free again.
    async fn release_mail_leases(&mut self, node: &str) -> Result<u64, StoreError>;
    /// Marks a mail sent, if `lease_token` still holds its lease; `false` when another worker
    /// took it over in the meantime.
    async fn mark_mail_sent(
        &mut self,
        id: MailId,
        lease_token: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError>;
    /// Records a failed attempt under `lease_token`: retried at `retry_at`, or given up
    /// (`Failed`) when `None`.
    async fn mark_mail_failed(
        &mut self,
        id: MailId,
        lease_token: &str,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> Result<bool, StoreError>;
    /// How many mails wait to be sent (due now or later), for operators and the benchmark.
    async fn pending_mail(&mut self) -> Result<i64, StoreError>;
    /// The newest mails first, for operators and tests.
    async fn recent_mail(&mut self, limit: i64) -> Result<Vec<QueuedMail>, StoreError>;

    async fn audit(&mut self, entry: &AuditEntry) -> Result<(), StoreError>;
    /// The newest entries first.
    async fn recent_audit(&mut self, limit: i64) -> Result<Vec<AuditEntry>, StoreError>;
    /// When each of `users` last signed in, by the audit log; those who never did are left out.
    async fn last_sign_ins(
        &mut self,
        users: &[UserId],
    ) -> Result<Vec<(UserId, Timestamp)>, StoreError>;
}
