//! Portable SQL of the outbox and the audit log.

/// The mails a claim takes: the oldest pending ones that are due at `$1` and not leased, `$2` of them,
/// read in the order of the pending index (`index` names it where the backend needs telling).
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

macro_rules! outbox_sql {
    ($tx:ident) => {
        fn mail_from_row<R: sqlx::Row>(row: &R) -> Result<$crate::QueuedMail, $crate::StoreError>
        where
            for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            for<'r> Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            usize: sqlx::ColumnIndex<R>,
        {
            let status: String = row.try_get(8)?;
            let lang: String = row.try_get(7)?;
            let sent: Option<i64> = row.try_get(13)?;
            Ok($crate::QueuedMail {
                id: row.try_get(0)?,
                mail: $crate::NewMail {
                    to_address: row.try_get(1)?,
                    to_name: row.try_get(2)?,
                    subject: row.try_get(3)?,
                    text_body: row.try_get(4)?,
                    html_body: row.try_get(5)?,
                    message_id: row.try_get(6)?,
                    language: language(&lang),
                },
                status: $crate::MailStatus::parse(&status)
                    .ok_or_else(|| $crate::StoreError::Corrupt(format!("mail status {status}")))?,
                attempts: row.try_get(9)?,
                created_at: d::Timestamp(row.try_get(10)?),
                next_attempt_at: d::Timestamp(row.try_get(11)?),
                last_error: row.try_get(12)?,
                sent_at: sent.map(d::Timestamp),
            })
        }

        #[async_trait::async_trait]
        impl $crate::contract::OutboxTx for $tx {
            async fn queue_mail(&mut self, m: &$crate::NewMail, now: d::Timestamp) -> Result<i64, $crate::StoreError> {
                let id = sqlx::query_scalar(
                    "INSERT INTO outbox (to_address, to_name, subject, text_body, html_body, message_id,
                        language, created_at, next_attempt_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
                )
                .bind(&m.to_address)
                .bind(&m.to_name)
                .bind(&m.subject)
                .bind(&m.text_body)
                .bind(&m.html_body)
                .bind(&m.message_id)
                .bind(m.language.code())
                .bind(now.0)
                .fetch_one(&mut *self.tx)
                .await?;
                Ok(id)
            }

            async fn claim_mail(
                &mut self,
                now: d::Timestamp,
                lease_until: d::Timestamp,
                limit: i64,
                node: &str,
                lease_token: &str,
            ) -> Result<Vec<$crate::QueuedMail>, $crate::StoreError> {
                // Read, then lease by id: as one `UPDATE ... WHERE id IN (SELECT ...)`, SQLite may
                // scan the whole outbox for the few ids, which grew slower with every mail sent.
                let sql = $crate::sql::outbox::claim_select(Self::OUTBOX_PENDING, Self::LOCK_SKIP_LOCKED);
                let rows = sqlx::query(&sql)
                    .bind(now.0)
                    .bind(limit)
                    .fetch_all(&mut *self.tx)
                    .await?;
                let mails = rows.iter().map(mail_from_row).collect::<Result<Vec<_>, _>>()?;
                for mail in &mails {
                    sqlx::query(
                        "UPDATE outbox SET lease_until = $2, lease_token = $3, lease_node = $4
                         WHERE id = $1",
                    )
                    .bind(mail.id)
                    .bind(lease_until.0)
                    .bind(lease_token)
                    .bind(node)
                    .execute(&mut *self.tx)
                    .await?;
                }
                Ok(mails)
            }

            async fn renew_mail_lease(
                &mut self,
                lease_token: &str,
                until: d::Timestamp,
            ) -> Result<u64, $crate::StoreError> {
                let done = sqlx::query($crate::sql::outbox::RENEW_LEASE)
                .bind(lease_token)
                .bind(until.0)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected())
            }

            async fn release_mail_leases(&mut self, node: &str) -> Result<u64, $crate::StoreError> {
                let done = sqlx::query($crate::sql::outbox::RELEASE_LEASES)
                .bind(node)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected())
            }

            async fn mark_mail_sent(
                &mut self,
                id: i64,
                lease_token: &str,
                now: d::Timestamp,
            ) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE outbox SET status = 'sent', sent_at = $2, lease_until = NULL,
                        lease_token = NULL, lease_node = NULL, attempts = attempts + 1
                     WHERE id = $1 AND lease_token = $3",
                )
                .bind(id)
                .bind(now.0)
                .bind(lease_token)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn mark_mail_failed(
                &mut self,
                id: i64,
                lease_token: &str,
                error: &str,
                retry_at: Option<d::Timestamp>,
            ) -> Result<bool, $crate::StoreError> {
                let status = if retry_at.is_some() { $crate::MailStatus::Pending } else { $crate::MailStatus::Failed };
                let done = sqlx::query(
                    "UPDATE outbox SET status = $2, last_error = $3, lease_until = NULL,
                        lease_token = NULL, lease_node = NULL, attempts = attempts + 1,
                        next_attempt_at = COALESCE(CAST($4 AS BIGINT), next_attempt_at)
                     WHERE id = $1 AND lease_token = $5",
                )
                .bind(id)
                .bind(status.as_str())
                .bind(error)
                .bind(retry_at.map(|t| t.0))
                .bind(lease_token)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn pending_mail(&mut self) -> Result<i64, $crate::StoreError> {
                let sql = format!(
                    "SELECT COUNT(*) FROM outbox {} WHERE status = 'pending'",
                    Self::OUTBOX_PENDING
                );
                Ok(sqlx::query_scalar(&sql).fetch_one(&mut *self.tx).await?)
            }

            async fn recent_mail(&mut self, limit: i64) -> Result<Vec<$crate::QueuedMail>, $crate::StoreError> {
                let sql = format!("SELECT {OUTBOX_COLUMNS} FROM outbox ORDER BY id DESC LIMIT $1");
                let rows = sqlx::query(&sql).bind(limit).fetch_all(&mut *self.tx).await?;
                rows.iter().map(mail_from_row).collect()
            }

            async fn audit(&mut self, e: &$crate::AuditEntry) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO audit_log (at, actor_id, action, subject_type, subject_id, detail)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(e.at.0)
                .bind(e.actor.map(|a| a.0))
                .bind(&e.action)
                .bind(&e.subject_type)
                .bind(e.subject_id)
                .bind(&e.detail)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn recent_audit(&mut self, limit: i64) -> Result<Vec<$crate::AuditEntry>, $crate::StoreError> {
                let rows = sqlx::query(
                    "SELECT at, actor_id, action, subject_type, subject_id, detail
                     FROM audit_log ORDER BY id DESC LIMIT $1",
                )
                .bind(limit)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.iter()
                    .map(|r| {
                        let actor: Option<i64> = r.try_get(1)?;
                        Ok($crate::AuditEntry {
                            at: d::Timestamp(r.try_get(0)?),
                            actor: actor.map(d::UserId),
                            action: r.try_get(2)?,
                            subject_type: r.try_get(3)?,
                            subject_id: r.try_get(4)?,
                            detail: r.try_get(5)?,
                        })
                    })
                    .collect()
            }
        }
    };
}

pub(crate) use outbox_sql;
