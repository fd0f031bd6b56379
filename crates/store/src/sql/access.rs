//! Portable SQL of sessions, one-time tokens and rate-limit attempts.

use balie_domain as d;

use super::exec::args;
use super::people::user_from_row;
use super::{SqlTx, USER_COLUMNS};
use crate::contract::AccessTx;
use crate::{NewSession, StoreError, TokenRecord};

#[async_trait::async_trait]
impl AccessTx for SqlTx {
    async fn insert_session(&mut self, s: &NewSession) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at)
             VALUES ($1, $2, $3, $4)",
            args![&s.token_hash, s.user, s.created_at, s.expires_at],
        )
        .await?;
        Ok(())
    }

    async fn session_user(
        &mut self,
        token_hash: &str,
        now: d::Timestamp,
    ) -> Result<Option<d::User>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = $1 AND s.expires_at > $2"
        );
        let row = self.fetch_optional(&sql, args![token_hash, now]).await?;
        row.as_ref().map(user_from_row).transpose()
    }

    async fn delete_session(&mut self, token_hash: &str) -> Result<(), StoreError> {
        self.execute(
            "DELETE FROM sessions WHERE token_hash = $1",
            args![token_hash],
        )
        .await?;
        Ok(())
    }

    async fn delete_sessions_of(&mut self, user: d::UserId) -> Result<(), StoreError> {
        self.execute("DELETE FROM sessions WHERE user_id = $1", args![user])
            .await?;
        self.execute(
            "DELETE FROM trusted_devices WHERE user_id = $1",
            args![user],
        )
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
    ) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO one_time_tokens (token_hash, user_id, purpose, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
            args![token_hash, user, purpose.as_str(), now, expires_at],
        )
        .await?;
        Ok(())
    }

    async fn token(&mut self, token_hash: &str) -> Result<Option<TokenRecord>, StoreError> {
        let row = self
            .fetch_optional(
                "SELECT user_id, purpose, created_at, expires_at, used_at
                 FROM one_time_tokens WHERE token_hash = $1",
                args![token_hash],
            )
            .await?;
        let Some(row) = row else { return Ok(None) };
        let purpose: String = row.get(1)?;
        Ok(Some(TokenRecord {
            user: row.get(0)?,
            purpose: d::TokenPurpose::from_str_opt(&purpose)
                .ok_or_else(|| StoreError::Corrupt(format!("token purpose {purpose}")))?,
            created_at: row.get(2)?,
            expires_at: row.get(3)?,
            used_at: row.get(4)?,
        }))
    }

    async fn spend_token(
        &mut self,
        token_hash: &str,
        now: d::Timestamp,
    ) -> Result<bool, StoreError> {
        let changed = self
            .execute(
                "UPDATE one_time_tokens SET used_at = $2
                 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
                args![token_hash, now],
            )
            .await?;
        Ok(changed == 1)
    }

    async fn spend_tokens_of(
        &mut self,
        user: d::UserId,
        now: d::Timestamp,
    ) -> Result<(), StoreError> {
        self.execute(
            "UPDATE one_time_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL",
            args![user, now],
        )
        .await?;
        Ok(())
    }

    async fn trust_device(
        &mut self,
        token_hash: &str,
        user: d::UserId,
        now: d::Timestamp,
        expires_at: d::Timestamp,
    ) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO trusted_devices (token_hash, user_id, created_at, expires_at)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (token_hash, user_id) DO UPDATE SET expires_at = $4",
            args![token_hash, user, now, expires_at],
        )
        .await?;
        Ok(())
    }

    async fn device_trusted(
        &mut self,
        token_hash: &str,
        user: d::UserId,
        now: d::Timestamp,
    ) -> Result<bool, StoreError> {
        let found: Option<i64> = self
            .scalar_optional(
                "SELECT user_id FROM trusted_devices
                 WHERE token_hash = $1 AND user_id = $2 AND expires_at > $3",
                args![token_hash, user, now],
            )
            .await?;
        Ok(found.is_some())
    }

    async fn prune_expired(&mut self, now: d::Timestamp) -> Result<(), StoreError> {
        self.execute(
            "DELETE FROM trusted_devices WHERE expires_at <= $1",
            args![now],
        )
        .await?;
        self.execute("DELETE FROM sessions WHERE expires_at <= $1", args![now])
            .await?;
        self.execute(
            "DELETE FROM one_time_tokens WHERE expires_at <= $1",
            args![now],
        )
        .await?;
        Ok(())
    }

    async fn record_attempt(
        &mut self,
        kind: &str,
        key: &str,
        now: d::Timestamp,
    ) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO attempts (kind, key, at) VALUES ($1, $2, $3)",
            args![kind, key, now],
        )
        .await?;
        Ok(())
    }

    async fn count_attempts_since(
        &mut self,
        kind: &str,
        key: &str,
        since: d::Timestamp,
    ) -> Result<i64, StoreError> {
        self.scalar(
            "SELECT COUNT(*) FROM attempts WHERE kind = $1 AND key = $2 AND at >= $3",
            args![kind, key, since],
        )
        .await
    }

    async fn prune_attempts(&mut self, before: d::Timestamp) -> Result<(), StoreError> {
        self.execute("DELETE FROM attempts WHERE at < $1", args![before])
            .await?;
        Ok(())
    }
}
