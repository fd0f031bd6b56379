//! The storage contract. Every method's promise is written here; both adapters keep it and the
//! conformance suite (`tests/conformance`) proves it on each.

use async_trait::async_trait;
use balie_domain::{
    EmailAddress, GroupId, Language, NewUser, OrgId, Timestamp, TokenPurpose, User, UserId,
};

use crate::{
    AuditEntry, Group, NewMail, NewOrganisation, NewSession, Organisation, QueuedMail, StoreError,
    TokenRecord,
};

#[async_trait]
pub trait Store: Send + Sync {
    /// Applies every migration not yet applied; safe to call on every start and from several
    /// nodes at once.
    async fn migrate(&self) -> Result<(), StoreError>;

    /// Answers when the database does.
    async fn ping(&self) -> Result<(), StoreError>;

    /// Starts a transaction. Nothing it writes is visible to others until `commit`; dropping it
    /// rolls back. On SQLite it takes the write lock at once so a read-then-write cannot fail
    /// halfway.
    async fn begin(&self) -> Result<Box<dyn Tx>, StoreError>;

    /// Starts a read-only transaction. On SQLite it does not take the write lock, so pages that
    /// only read never wait for writers; on PostgreSQL it is `READ ONLY`.
    async fn read(&self) -> Result<Box<dyn Tx>, StoreError>;

    /// Closes the pool, waiting for connections in use.
    async fn close(&self);
}

#[async_trait]
pub trait Tx: Send {
    async fn commit(self: Box<Self>) -> Result<(), StoreError>;

    /// Makes transactions that pass the same `key` run one after another until they end, so a
    /// count-then-insert (a rate limit) cannot be raced. SQLite's single writer does so already.
    async fn lock_key(&mut self, key: &str) -> Result<(), StoreError>;

    // --- vendor and organisations -------------------------------------------------------------

    /// Records the vendor's name once; later calls keep the first row and update its name.
    async fn upsert_vendor(&mut self, name: &str, now: Timestamp) -> Result<(), StoreError>;
    async fn vendor_name(&mut self) -> Result<Option<String>, StoreError>;
    async fn insert_organisation(
        &mut self,
        new: &NewOrganisation,
        now: Timestamp,
    ) -> Result<OrgId, StoreError>;
    async fn organisation(&mut self, id: OrgId) -> Result<Option<Organisation>, StoreError>;

    // --- people ---------------------------------------------------------------------------------

    /// Inserts a contact or agent. A portal e-mail already in use gives `Duplicate("email")`.
    async fn insert_user(&mut self, new: &NewUser, now: Timestamp) -> Result<UserId, StoreError>;
    async fn user(&mut self, id: UserId) -> Result<Option<User>, StoreError>;
    async fn user_by_email(&mut self, email: &EmailAddress) -> Result<Option<User>, StoreError>;
    /// A contact of `org`, or `None` for someone of another organisation (tenant scope).
    async fn contact_in_org(&mut self, org: OrgId, id: UserId) -> Result<Option<User>, StoreError>;
    async fn count_agents(&mut self) -> Result<i64, StoreError>;
    async fn password_hash(&mut self, id: UserId) -> Result<Option<String>, StoreError>;
    /// Stores a new password hash; it also clears failed attempts and lifts a block.
    async fn set_password_hash(
        &mut self,
        id: UserId,
        hash: &str,
        now: Timestamp,
    ) -> Result<(), StoreError>;
    /// Counts one failed sign-in and blocks the account when the count reaches `block_after`.
    /// Returns the count after this failure.
    async fn record_failed_sign_in(
        &mut self,
        id: UserId,
        block_after: u32,
        now: Timestamp,
    ) -> Result<u32, StoreError>;
    async fn clear_failed_sign_ins(&mut self, id: UserId) -> Result<(), StoreError>;
    async fn set_language(&mut self, id: UserId, language: Language) -> Result<(), StoreError>;

    // --- agent groups ---------------------------------------------------------------------------

    async fn insert_group(&mut self, name: &str) -> Result<GroupId, StoreError>;
    async fn add_group_member(&mut self, group: GroupId, agent: UserId) -> Result<(), StoreError>;
    async fn groups_of(&mut self, agent: UserId) -> Result<Vec<Group>, StoreError>;

    // --- sessions -------------------------------------------------------------------------------

    async fn insert_session(&mut self, session: &NewSession) -> Result<(), StoreError>;
    /// The signed-in user of an unexpired session.
    async fn session_user(
        &mut self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<User>, StoreError>;
    async fn delete_session(&mut self, token_hash: &str) -> Result<(), StoreError>;
    /// Ends every session of a user (after a password change or reset).
    async fn delete_sessions_of(&mut self, user: UserId) -> Result<(), StoreError>;

    // --- one-time tokens ------------------------------------------------------------------------

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
    /// Forgets expired sessions and tokens that expired before `now`.
    async fn prune_expired(&mut self, now: Timestamp) -> Result<(), StoreError>;

    // --- attempts (rate limits) -----------------------------------------------------------------

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

    // --- outbox ---------------------------------------------------------------------------------

    async fn queue_mail(&mut self, mail: &NewMail, now: Timestamp) -> Result<i64, StoreError>;
    /// Leases up to `limit` pending mails due at `now` for `lease_secs` under `lease_token`; a
    /// mail leased by another worker is skipped until its lease runs out (a crashed worker's mail
    /// is picked up again).
    async fn claim_mail(
        &mut self,
        now: Timestamp,
        lease_secs: i64,
        limit: i64,
        lease_token: &str,
    ) -> Result<Vec<QueuedMail>, StoreError>;
    /// Marks a mail sent, if `lease_token` still holds its lease; `false` when another worker
    /// took it over in the meantime.
    async fn mark_mail_sent(
        &mut self,
        id: i64,
        lease_token: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError>;
    /// Records a failed attempt under `lease_token`: retried at `retry_at`, or given up
    /// (`Failed`) when `None`.
    async fn mark_mail_failed(
        &mut self,
        id: i64,
        lease_token: &str,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> Result<bool, StoreError>;
    /// The newest mails first, for operators and tests.
    async fn recent_mail(&mut self, limit: i64) -> Result<Vec<QueuedMail>, StoreError>;

    // --- audit ----------------------------------------------------------------------------------

    async fn audit(&mut self, entry: &AuditEntry) -> Result<(), StoreError>;
    /// The newest entries first.
    async fn recent_audit(&mut self, limit: i64) -> Result<Vec<AuditEntry>, StoreError>;
}
