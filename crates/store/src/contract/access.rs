//! The contract of sessions, one-time tokens and rate-limit attempts.

use async_trait::async_trait;
use balie_domain::{Timestamp, TokenPurpose, User, UserId};

use crate::{NewSession, StoreError, TokenRecord};

#[async_trait]
pub trait AccessTx: Send {
    async fn insert_session(&mut self, session: &NewSession) -> Result<(), StoreError>;
    /// The signed-in user of an unexpired session.
    async fn session_user(
        &mut self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<User>, StoreError>;
    async fn delete_session(&mut self, token_hash: &str) -> Result<(), StoreError>;
    /// Ends every session of a user and forgets the browsers trusted for them (after a password
    /// change or reset, or when their portal access ends).
    async fn delete_sessions_of(&mut self, user: UserId) -> Result<(), StoreError>;

    async fn insert_token(
        &mut self,
        token_hash: &str,
        user: UserId,
        purpose: TokenPurpose,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<(), StoreError>;
    async fn token(&mut self, token_hash: &str) -> Result<Option<TokenRecord>, StoreError>;
    /// Marks a token used; `false` when it was used already or has expired (so two racing
    /// requests cannot both spend it).
    async fn spend_token(&mut self, token_hash: &str, now: Timestamp) -> Result<bool, StoreError>;
    /// Marks every unused token of a person used, so no older link works once a password is set.
    async fn spend_tokens_of(&mut self, user: UserId, now: Timestamp) -> Result<(), StoreError>;
    /// Remembers a browser (its device cookie's hash) in which `user` signed in, until
    /// `expires_at`; a browser trusted already has its time extended.
    async fn trust_device(
        &mut self,
        token_hash: &str,
        user: UserId,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<(), StoreError>;
    /// Whether an unexpired device cookie is trusted for `user`.
    async fn device_trusted(
        &mut self,
        token_hash: &str,
        user: UserId,
        now: Timestamp,
    ) -> Result<bool, StoreError>;
    /// Forgets expired sessions, tokens and trusted devices that expired before `now`.
    async fn prune_expired(&mut self, now: Timestamp) -> Result<(), StoreError>;

    /// Remembers one attempt of `kind` (such as `sign_in`) by `key` (such as an IP address).
    async fn record_attempt(
        &mut self,
        kind: &str,
        key: &str,
        now: Timestamp,
    ) -> Result<(), StoreError>;
    async fn count_attempts_since(
        &mut self,
        kind: &str,
        key: &str,
        since: Timestamp,
    ) -> Result<i64, StoreError>;
    /// Forgets attempts older than `before`.
    async fn prune_attempts(&mut self, before: Timestamp) -> Result<(), StoreError>;
}
