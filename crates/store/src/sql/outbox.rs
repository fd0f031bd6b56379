//! Portable SQL of the outbox and the audit log.

use balie_domain as d;

use super::exec::{Row, args};
use super::{OUTBOX_COLUMNS, SqlTx, language};
use crate::contract::OutboxTx;
use crate::{AuditEntry, MailStatus, NewMail, QueuedMail, StoreError};

/// The mails a claim takes: the oldest pending ones that are due at `$1` and not leased, `$2` of
/// them, read in the order of the pending index (`index` names it where the backend needs
/// telling).
pub(crate) fn claim_select(index: &str, lock: &str) -> String {
    format!(
        "SELECT {} FROM outbox {index}
         WHERE status = 'pending' AND next_attempt_at <= $1
           AND (lease_until IS NULL OR lease_until <= $1)
         ORDER BY id LIMIT $2 {lock}",
        super::OUTBOX_COLUMNS
    )
}

/// Extends a batch's lease: `$1` the lease token, `$2` until when. Reads the small index of
/// leased mail, however many wait.
pub(crate) const RENEW_LEASE: &str = "UPDATE outbox SET lease_until = $2
     WHERE status = 'pending' AND lease_token = $1";

/// Frees every lease of node `$1`. A lease always has a token, so this too reads only the
/// index of leased mail.
pub(crate) const RELEASE_LEASES: &str =
    "UPDATE outbox SET lease_until = NULL, lease_token = NULL, lease_node = NULL
     WHERE status = 'pending' AND lease_token IS NOT NULL AND lease_node = $1";

pub(crate) fn mail_from_row(row: &Row) -> Result<QueuedMail, StoreError> {
    let status: String = row.get(8)?;
    let lang: String = row.get(7)?;
    Ok(QueuedMail {
        id: row.get(0)?,
        mail: NewMail {
            to_address: row.get(1)?,
            to_name: row.get(2)?,
            subject: row.get(3)?,
            text_body: row.get(4)?,
            html_body: row.get(5)?,
            message_id: row.get(6)?,
            language: language(&lang),
        },
        status: MailStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("mail status {status}")))?,
        attempts: row.get(9)?,
        created_at: row.get(10)?,
        next_attempt_at: row.get(11)?,
        last_error: row.get(12)?,
        sent_at: row.get(13)?,
    })
}

#[async_trait::async_trait]
impl OutboxTx for SqlTx {
    async fn queue_mail(
        &mut self,
        m: &NewMail,
        now: d::Timestamp,
    ) -> Result<d::MailId, StoreError> {
        self.scalar(
            "INSERT INTO outbox (to_address, to_name, subject, text_body, html_body, message_id,
                language, created_at, next_attempt_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
            args![
                &m.to_address,
                &m.to_name,
                &m.subject,
                &m.text_body,
                &m.html_body,
                &m.message_id,
                m.language.code(),
                now
            ],
        )
        .await
    }

    async fn claim_mail(
        &mut self,
        now: d::Timestamp,
        lease_until: d::Timestamp,
        limit: i64,
        node: &str,
        lease_token: &str,
    ) -> Result<Vec<QueuedMail>, StoreError> {
        // Read, then lease by id: as one `UPDATE ... WHERE id IN (SELECT ...)`, SQLite may
        // scan the whole outbox for the few ids, which grew slower with every mail sent.
        let sql = claim_select(self.dialect.outbox_pending, self.dialect.skip_locked);
        let rows = self.fetch_all(&sql, args![now, limit]).await?;
        let mails = rows
            .iter()
            .map(mail_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        for mail in &mails {
            self.execute(
                "UPDATE outbox SET lease_until = $2, lease_token = $3, lease_node = $4
                 WHERE id = $1",
                args![mail.id, lease_until, lease_token, node],
            )
            .await?;
        }
        Ok(mails)
    }

    async fn renew_mail_lease(
        &mut self,
        lease_token: &str,
        until: d::Timestamp,
    ) -> Result<u64, StoreError> {
        self.execute(RENEW_LEASE, args![lease_token, until]).await
    }

    async fn release_mail_leases(&mut self, node: &str) -> Result<u64, StoreError> {
        self.execute(RELEASE_LEASES, args![node]).await
    }

    async fn mark_mail_sent(
        &mut self,
        id: d::MailId,
        lease_token: &str,
        now: d::Timestamp,
    ) -> Result<bool, StoreError> {
        let changed = self
            .execute(
                "UPDATE outbox SET status = 'sent', sent_at = $2, lease_until = NULL,
                    lease_token = NULL, lease_node = NULL, attempts = attempts + 1
                 WHERE id = $1 AND lease_token = $3",
                args![id, now, lease_token],
            )
            .await?;
        Ok(changed == 1)
    }

    async fn mark_mail_failed(
        &mut self,
        id: d::MailId,
        lease_token: &str,
        error: &str,
        retry_at: Option<d::Timestamp>,
    ) -> Result<bool, StoreError> {
        let status = if retry_at.is_some() {
            MailStatus::Pending
        } else {
            MailStatus::Failed
        };
        let changed = self
            .execute(
                "UPDATE outbox SET status = $2, last_error = $3, lease_until = NULL,
                    lease_token = NULL, lease_node = NULL, attempts = attempts + 1,
                    next_attempt_at = COALESCE(CAST($4 AS BIGINT), next_attempt_at)
                 WHERE id = $1 AND lease_token = $5",
                args![id, status.as_str(), error, retry_at, lease_token],
            )
            .await?;
        Ok(changed == 1)
    }

    async fn pending_mail(&mut self) -> Result<i64, StoreError> {
        let sql = format!(
            "SELECT COUNT(*) FROM outbox {} WHERE status = 'pending'",
            self.dialect.outbox_pending
        );
        self.scalar(&sql, args![]).await
    }

    async fn recent_mail(&mut self, limit: i64) -> Result<Vec<QueuedMail>, StoreError> {
        let sql = format!("SELECT {OUTBOX_COLUMNS} FROM outbox ORDER BY id DESC LIMIT $1");
        let rows = self.fetch_all(&sql, args![limit]).await?;
        rows.iter().map(mail_from_row).collect()
    }

    async fn audit(&mut self, e: &AuditEntry) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO audit_log (at, actor_id, action, subject_type, subject_id, detail)
             VALUES ($1, $2, $3, $4, $5, $6)",
            args![
                e.at,
                e.actor,
                &e.action,
                &e.subject_type,
                e.subject_id,
                &e.detail
            ],
        )
        .await?;
        Ok(())
    }

    async fn last_sign_ins(
        &mut self,
        users: &[d::UserId],
    ) -> Result<Vec<(d::UserId, d::Timestamp)>, StoreError> {
        if users.is_empty() {
            return Ok(vec![]);
        }
        // Ids are numbers, so writing them into the text is safe: one statement through the
        // subject index for the whole list, as `users_by_ids` reads people.
        let list: Vec<String> = users.iter().map(|u| u.0.to_string()).collect();
        let sql = format!(
            "SELECT subject_id, MAX(at) FROM audit_log
             WHERE subject_type = 'user' AND subject_id IN ({})
               AND action = 'session.signed_in'
             GROUP BY subject_id",
            list.join(", ")
        );
        let rows = self.fetch_all(&sql, vec![]).await?;
        rows.iter()
            .map(|r| Ok((d::UserId(r.get(0)?), r.get(1)?)))
            .collect()
    }

    async fn recent_audit(&mut self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT at, actor_id, action, subject_type, subject_id, detail
                 FROM audit_log ORDER BY id DESC LIMIT $1",
                args![limit],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(AuditEntry {
                    at: r.get(0)?,
                    actor: r.get(1)?,
                    action: r.get(2)?,
                    subject_type: r.get(3)?,
                    subject_id: r.get(4)?,
                    detail: r.get(5)?,
                })
            })
            .collect()
    }
}
