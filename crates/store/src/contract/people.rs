//! The contract of the vendor, organisations, people and agent groups.

use async_trait::async_trait;
use balie_domain::{EmailAddress, GroupId, Language, NewUser, OrgId, Timestamp, User, UserId};

use crate::{Group, NewOrganisation, Organisation, StoreError};

#[async_trait]
pub trait PeopleTx: Send {
    /// Records the vendor's name once; later calls keep the first row and update its name.
    async fn upsert_vendor(&mut self, name: &str, now: Timestamp) -> Result<(), StoreError>;
    async fn vendor_name(&mut self) -> Result<Option<String>, StoreError>;
    async fn insert_organisation(
        &mut self,
        new: &NewOrganisation,
        now: Timestamp,
    ) -> Result<OrgId, StoreError>;
    async fn organisation(&mut self, id: OrgId) -> Result<Option<Organisation>, StoreError>;

    /// Inserts a contact or agent. A portal e-mail already in use gives `Duplicate(Unique::Email)`.
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

    async fn insert_group(&mut self, name: &str) -> Result<GroupId, StoreError>;
    async fn add_group_member(&mut self, group: GroupId, agent: UserId) -> Result<(), StoreError>;
    async fn groups_of(&mut self, agent: UserId) -> Result<Vec<Group>, StoreError>;
    /// Makes agent `agent` an administrator or not and a member of exactly `groups`; `false`
    /// when there is no such agent.
    async fn set_agent_role_and_groups(
        &mut self,
        agent: UserId,
        admin: bool,
        groups: &[GroupId],
        now: Timestamp,
    ) -> Result<bool, StoreError>;
    /// How many agents are administrators.
    async fn count_admins(&mut self) -> Result<i64, StoreError>;
}
