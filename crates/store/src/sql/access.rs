//! Portable SQL of sessions, one-time tokens and rate-limit attempts.

macro_rules! access_sql {
    ($tx:ident) => {
        #[async_trait::async_trait]
        impl $crate::contract::AccessTx for $tx {
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
                sqlx::query("DELETE FROM trusted_devices WHERE user_id = $1")
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

            async fn trust_device(
                &mut self,
                token_hash: &str,
                user: d::UserId,
                now: d::Timestamp,
                expires_at: d::Timestamp,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO trusted_devices (token_hash, user_id, created_at, expires_at)
                     VALUES ($1, $2, $3, $4)
                     ON CONFLICT (token_hash, user_id) DO UPDATE SET expires_at = $4",
                )
                .bind(token_hash)
                .bind(user.0)
                .bind(now.0)
                .bind(expires_at.0)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn device_trusted(
                &mut self,
                token_hash: &str,
                user: d::UserId,
                now: d::Timestamp,
            ) -> Result<bool, $crate::StoreError> {
                let found: Option<i64> = sqlx::query_scalar(
                    "SELECT user_id FROM trusted_devices
                     WHERE token_hash = $1 AND user_id = $2 AND expires_at > $3",
                )
                .bind(token_hash)
                .bind(user.0)
                .bind(now.0)
                .fetch_optional(&mut *self.tx)
                .await?;
                Ok(found.is_some())
            }

            async fn prune_expired(&mut self, now: d::Timestamp) -> Result<(), $crate::StoreError> {
                sqlx::query("DELETE FROM trusted_devices WHERE expires_at <= $1")
                    .bind(now.0)
                    .execute(&mut *self.tx)
                    .await?;
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
        }
    };
}

pub(crate) use access_sql;
