//! The SQL both backends share. It is written once as a macro that each adapter expands over its
//! own transaction type, so the two adapters cannot drift apart; what differs between SQLite and
//! PostgreSQL is handed in as the adapter's `Dialect` constants and lives in the adapter files.
//!
//! Portable means: `$n` placeholders, `RETURNING`, `ON CONFLICT`, BIGINT seconds for times and
//! booleans that both drivers bind and read as `bool`.

/// Columns of `users` that make a [`balie_domain::User`], in the order `user_from_row` reads.
pub(crate) const USER_COLUMNS: &str = "u.id, u.kind, u.org_id, u.first_name, u.last_name, \
    u.email, u.language, u.is_beheerder, u.is_medewerker, u.is_medewerker_plus, u.is_admin, \
    u.failed_sign_ins, u.blocked_at, u.created_at, u.password_hash";

pub(crate) const OUTBOX_COLUMNS: &str = "id, to_address, to_name, subject, text_body, html_body, \
    message_id, language, status, attempts, created_at, next_attempt_at, last_error, sent_at";

/// Reads a stored language code; an unknown one falls back to Dutch rather than failing a page.
pub(crate) fn language(code: &str) -> balie_domain::Language {
    balie_domain::Language::from_code(code).unwrap_or_default()
}

macro_rules! portable_tx {
    ($tx:ident) => {
        use sqlx::Row as _;
        use $crate::portable::{OUTBOX_COLUMNS, USER_COLUMNS, language};
        use balie_domain as d;

        fn user_from_row<R: sqlx::Row>(row: &R) -> Result<d::User, $crate::StoreError>
        where
            for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            for<'r> Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            for<'r> bool: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            usize: sqlx::ColumnIndex<R>,
        {
            let kind: String = row.try_get(1)?;
            let kind = match kind.as_str() {
                "agent" => d::UserKind::Agent {
                    admin: row.try_get(10)?,
                },
                "contact" => {
                    let org: Option<i64> = row.try_get(2)?;
                    let org = org.ok_or_else(|| {
                        $crate::StoreError::Corrupt("contact without organisation".into())
                    })?;
                    let roles = d::PortalRoles::new(row.try_get(7)?, row.try_get(8)?, row.try_get(9)?)
                        .map_err(|e| $crate::StoreError::Corrupt(e.key.into()))?;
                    d::UserKind::Contact {
                        org: d::OrgId(org),
                        roles,
                    }
                }
                other => return Err($crate::StoreError::Corrupt(format!("user kind {other}"))),
            };
            let email: Option<String> = row.try_get(5)?;
            let email = email
                .map(|e| d::EmailAddress::parse(&e))
                .transpose()
                .map_err(|e| $crate::StoreError::Corrupt(e.key.into()))?;
            let failed: i64 = row.try_get(11)?;
            let blocked: Option<i64> = row.try_get(12)?;
            let hash: Option<String> = row.try_get(14)?;
            let lang: String = row.try_get(6)?;
            Ok(d::User {
                id: d::UserId(row.try_get(0)?),
                kind,
                first_name: row.try_get(3)?,
                last_name: row.try_get(4)?,
                email,
                language: language(&lang),
                has_password: hash.is_some(),
                failed_sign_ins: u32::try_from(failed).unwrap_or(u32::MAX),
                blocked_at: blocked.map(d::Timestamp),
                created_at: d::Timestamp(row.try_get(13)?),
            })
        }

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
        impl $crate::Tx for $tx {
            async fn commit(self: Box<Self>) -> Result<(), $crate::StoreError> {
                self.tx.commit().await?;
                Ok(())
            }

            async fn lock_key(&mut self, key: &str) -> Result<(), $crate::StoreError> {
                if let Some(sql) = Self::LOCK_KEY {
                    sqlx::query(sql).bind(key).execute(&mut *self.tx).await?;
                }
                Ok(())
            }

            async fn upsert_vendor(&mut self, name: &str, now: d::Timestamp) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO vendor (id, name, created_at) VALUES (1, $1, $2)
                     ON CONFLICT (id) DO UPDATE SET name = excluded.name",
                )
                .bind(name)
                .bind(now.0)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn vendor_name(&mut self) -> Result<Option<String>, $crate::StoreError> {
                let name = sqlx::query_scalar("SELECT name FROM vendor WHERE id = 1")
                    .fetch_optional(&mut *self.tx)
                    .await?;
                Ok(name)
            }

            async fn insert_organisation(
                &mut self,
                new: &$crate::NewOrganisation,
                now: d::Timestamp,
            ) -> Result<d::OrgId, $crate::StoreError> {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO organisations (name, address, postcode, city, phone, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(&new.name)
                .bind(&new.address)
                .bind(&new.postcode)
                .bind(&new.city)
                .bind(&new.phone)
                .bind(now.0)
                .fetch_one(&mut *self.tx)
                .await?;
                Ok(d::OrgId(id))
            }

            async fn organisation(
                &mut self,
                id: d::OrgId,
            ) -> Result<Option<$crate::Organisation>, $crate::StoreError> {
                let row = sqlx::query(
                    "SELECT id, name, address, postcode, city, phone, requests_shared, created_at
                     FROM organisations WHERE id = $1",
                )
                .bind(id.0)
                .fetch_optional(&mut *self.tx)
                .await?;
                let Some(row) = row else { return Ok(None) };
                Ok(Some($crate::Organisation {
                    id: d::OrgId(row.try_get(0)?),
                    name: row.try_get(1)?,
                    address: row.try_get(2)?,
                    postcode: row.try_get(3)?,
                    city: row.try_get(4)?,
                    phone: row.try_get(5)?,
                    requests_shared: row.try_get(6)?,
                    created_at: d::Timestamp(row.try_get(7)?),
                }))
            }

            async fn insert_user(
                &mut self,
                new: &d::NewUser,
                now: d::Timestamp,
            ) -> Result<d::UserId, $crate::StoreError> {
                let (kind, org, roles, admin) = match new.kind {
                    d::UserKind::Contact { org, roles } => ("contact", Some(org.0), roles, false),
                    d::UserKind::Agent { admin } => ("agent", None, d::PortalRoles::default(), admin),
                };
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO users (kind, org_id, first_name, last_name, gender, email, language,
                        is_beheerder, is_medewerker, is_medewerker_plus, is_admin, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
                )
                .bind(kind)
                .bind(org)
                .bind(&new.first_name)
                .bind(&new.last_name)
                .bind(&new.gender)
                .bind(new.email.as_ref().map(|e| e.as_str()))
                .bind(new.language.code())
                .bind(roles.beheerder())
                .bind(roles.medewerker())
                .bind(roles.medewerker_plus())
                .bind(admin)
                .bind(now.0)
                .fetch_one(&mut *self.tx)
                .await
                .map_err(|e| $crate::StoreError::unique_as(e, "email"))?;
                Ok(d::UserId(id))
            }

            async fn user(&mut self, id: d::UserId) -> Result<Option<d::User>, $crate::StoreError> {
                let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1");
                let row = sqlx::query(&sql).bind(id.0).fetch_optional(&mut *self.tx).await?;
                row.as_ref().map(user_from_row).transpose()
            }

            async fn user_by_email(
                &mut self,
                email: &d::EmailAddress,
            ) -> Result<Option<d::User>, $crate::StoreError> {
                let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.email = $1");
                let row = sqlx::query(&sql)
                    .bind(email.as_str())
                    .fetch_optional(&mut *self.tx)
                    .await?;
                row.as_ref().map(user_from_row).transpose()
            }

            async fn contact_in_org(
                &mut self,
                org: d::OrgId,
                id: d::UserId,
            ) -> Result<Option<d::User>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {USER_COLUMNS} FROM users u
                     WHERE u.id = $1 AND u.org_id = $2 AND u.kind = 'contact'"
                );
                let row = sqlx::query(&sql)
                    .bind(id.0)
                    .bind(org.0)
                    .fetch_optional(&mut *self.tx)
                    .await?;
                row.as_ref().map(user_from_row).transpose()
            }

            async fn count_agents(&mut self) -> Result<i64, $crate::StoreError> {
                let n = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE kind = 'agent'")
                    .fetch_one(&mut *self.tx)
                    .await?;
                Ok(n)
            }

            async fn password_hash(&mut self, id: d::UserId) -> Result<Option<String>, $crate::StoreError> {
                let hash: Option<Option<String>> =
                    sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
                        .bind(id.0)
                        .fetch_optional(&mut *self.tx)
                        .await?;
                Ok(hash.flatten())
            }

            async fn set_password_hash(
                &mut self,
                id: d::UserId,
                hash: &str,
                now: d::Timestamp,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "UPDATE users SET password_hash = $2, failed_sign_ins = 0, blocked_at = NULL,
                        updated_at = $3 WHERE id = $1",
                )
                .bind(id.0)
                .bind(hash)
                .bind(now.0)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn record_failed_sign_in(
                &mut self,
                id: d::UserId,
                block_after: u32,
                now: d::Timestamp,
            ) -> Result<u32, $crate::StoreError> {
                let count: i64 = sqlx::query_scalar(
                    "UPDATE users SET failed_sign_ins = failed_sign_ins + 1,
                        blocked_at = CASE
                            WHEN blocked_at IS NULL AND failed_sign_ins + 1 >= CAST($2 AS BIGINT)
                            THEN CAST($3 AS BIGINT) ELSE blocked_at END
                     WHERE id = $1 RETURNING failed_sign_ins",
                )
                .bind(id.0)
                .bind(i64::from(block_after))
                .bind(now.0)
                .fetch_one(&mut *self.tx)
                .await?;
                Ok(u32::try_from(count).unwrap_or(u32::MAX))
            }

            async fn clear_failed_sign_ins(&mut self, id: d::UserId) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE users SET failed_sign_ins = 0 WHERE id = $1")
                    .bind(id.0)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn set_language(
                &mut self,
                id: d::UserId,
                language: d::Language,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE users SET language = $2 WHERE id = $1")
                    .bind(id.0)
                    .bind(language.code())
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn insert_group(&mut self, name: &str) -> Result<d::GroupId, $crate::StoreError> {
                let id: i64 = sqlx::query_scalar("INSERT INTO agent_groups (name) VALUES ($1) RETURNING id")
                    .bind(name)
                    .fetch_one(&mut *self.tx)
                    .await
                    .map_err(|e| $crate::StoreError::unique_as(e, "group name"))?;
                Ok(d::GroupId(id))
            }

            async fn add_group_member(
                &mut self,
                group: d::GroupId,
                agent: d::UserId,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO agent_group_members (group_id, user_id) VALUES ($1, $2)
                     ON CONFLICT (group_id, user_id) DO NOTHING",
                )
                .bind(group.0)
                .bind(agent.0)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn groups_of(&mut self, agent: d::UserId) -> Result<Vec<$crate::Group>, $crate::StoreError> {
                let rows = sqlx::query(
                    "SELECT g.id, g.name FROM agent_groups g
                     JOIN agent_group_members m ON m.group_id = g.id
                     WHERE m.user_id = $1 ORDER BY g.name",
                )
                .bind(agent.0)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.iter()
                    .map(|r| Ok($crate::Group { id: d::GroupId(r.try_get(0)?), name: r.try_get(1)? }))
                    .collect()
            }

            async fn insert_session(&mut self, s: &$crate::NewSession) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO sessions (token_hash, user_id, created_at, expires_at)
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(&s.token_hash)
                .bind(s.user.0)
                .bind(s.created_at.0)
                .bind(s.expires_at.0)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn session_user(
                &mut self,
                token_hash: &str,
                now: d::Timestamp,
            ) -> Result<Option<d::User>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id
                     WHERE s.token_hash = $1 AND s.expires_at > $2"
                );
                let row = sqlx::query(&sql)
                    .bind(token_hash)
                    .bind(now.0)
                    .fetch_optional(&mut *self.tx)
                    .await?;
                row.as_ref().map(user_from_row).transpose()
            }

            async fn delete_session(&mut self, token_hash: &str) -> Result<(), $crate::StoreError> {
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn delete_sessions_of(&mut self, user: d::UserId) -> Result<(), $crate::StoreError> {
                sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                    .bind(user.0)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn insert_token(
                &mut self,
                token_hash: &str,
                user: d::UserId,
                purpose: d::TokenPurpose,
                now: d::Timestamp,
                expires_at: d::Timestamp,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO one_time_tokens (token_hash, user_id, purpose, created_at, expires_at)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(token_hash)
                .bind(user.0)
                .bind(purpose.as_str())
                .bind(now.0)
                .bind(expires_at.0)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn token(&mut self, token_hash: &str) -> Result<Option<$crate::TokenRecord>, $crate::StoreError> {
                let row = sqlx::query(
                    "SELECT user_id, purpose, created_at, expires_at, used_at
                     FROM one_time_tokens WHERE token_hash = $1",
                )
                .bind(token_hash)
                .fetch_optional(&mut *self.tx)
                .await?;
                let Some(row) = row else { return Ok(None) };
                let purpose: String = row.try_get(1)?;
                let used: Option<i64> = row.try_get(4)?;
                Ok(Some($crate::TokenRecord {
                    user: d::UserId(row.try_get(0)?),
                    purpose: d::TokenPurpose::from_str_opt(&purpose)
                        .ok_or_else(|| $crate::StoreError::Corrupt(format!("token purpose {purpose}")))?,
                    created_at: d::Timestamp(row.try_get(2)?),
                    expires_at: d::Timestamp(row.try_get(3)?),
                    used_at: used.map(d::Timestamp),
                }))
            }

            async fn spend_token(&mut self, token_hash: &str, now: d::Timestamp) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE one_time_tokens SET used_at = $2
                     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
                )
                .bind(token_hash)
                .bind(now.0)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn spend_tokens_of(&mut self, user: d::UserId, now: d::Timestamp) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE one_time_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL")
                    .bind(user.0)
                    .bind(now.0)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn prune_expired(&mut self, now: d::Timestamp) -> Result<(), $crate::StoreError> {
                sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                    .bind(now.0)
                    .execute(&mut *self.tx)
                    .await?;
                sqlx::query("DELETE FROM one_time_tokens WHERE expires_at <= $1")
                    .bind(now.0)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn record_attempt(
                &mut self,
                kind: &str,
                key: &str,
                now: d::Timestamp,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query("INSERT INTO attempts (kind, key, at) VALUES ($1, $2, $3)")
                    .bind(kind)
                    .bind(key)
                    .bind(now.0)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn count_attempts_since(
                &mut self,
                kind: &str,
                key: &str,
                since: d::Timestamp,
            ) -> Result<i64, $crate::StoreError> {
                let n = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM attempts WHERE kind = $1 AND key = $2 AND at >= $3",
                )
                .bind(kind)
                .bind(key)
                .bind(since.0)
                .fetch_one(&mut *self.tx)
                .await?;
                Ok(n)
            }

            async fn prune_attempts(&mut self, before: d::Timestamp) -> Result<(), $crate::StoreError> {
                sqlx::query("DELETE FROM attempts WHERE at < $1")
                    .bind(before.0)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

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
                lease_secs: i64,
                limit: i64,
                lease_token: &str,
            ) -> Result<Vec<$crate::QueuedMail>, $crate::StoreError> {
                let sql = format!(
                    "UPDATE outbox SET lease_until = $2, lease_token = $4 WHERE id IN (
                        SELECT id FROM outbox
                        WHERE status = 'pending' AND next_attempt_at <= $1
                          AND (lease_until IS NULL OR lease_until <= $1)
                        ORDER BY id LIMIT $3 {}
                     ) RETURNING {OUTBOX_COLUMNS}",
                    Self::LOCK_SKIP_LOCKED
                );
                let rows = sqlx::query(&sql)
                    .bind(now.0)
                    .bind(now.0.saturating_add(lease_secs))
                    .bind(limit)
                    .bind(lease_token)
                    .fetch_all(&mut *self.tx)
                    .await?;
                let mut mails = rows.iter().map(mail_from_row).collect::<Result<Vec<_>, _>>()?;
                mails.sort_by_key(|m| m.id);
                Ok(mails)
            }

            async fn mark_mail_sent(
                &mut self,
                id: i64,
                lease_token: &str,
                now: d::Timestamp,
            ) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE outbox SET status = 'sent', sent_at = $2, lease_until = NULL,
                        lease_token = NULL, attempts = attempts + 1
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
                        lease_token = NULL, attempts = attempts + 1,
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

pub(crate) use portable_tx;
