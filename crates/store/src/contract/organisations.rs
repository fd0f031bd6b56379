//! The contract of organisation self-service: the organisation's data, its contact persons and
//! their roles. Every read and write of a contact names the organisation, so another
//! organisation's contact reads as not found.

use async_trait::async_trait;
use balie_domain::{EmailAddress, OrgId, PersonDetails, PortalRoles, Timestamp, User, UserId};

use crate::{NewOrganisation, Organisation, StoreError};

#[async_trait]
pub trait OrganisationTx: Send {
    /// Organisations whose name contains `search` (any case), by name; at most `limit`.
    async fn list_organisations(
        &mut self,
        search: &str,
        limit: i64,
    ) -> Result<Vec<Organisation>, StoreError>;
    /// Replaces the organisation's data; `false` when it does not exist.
    async fn update_organisation(
        &mut self,
        id: OrgId,
        details: &NewOrganisation,
    ) -> Result<bool, StoreError>;
    /// Switches "Aanvragen vanuit de organisatie" (B5).
    async fn set_requests_shared(&mut self, id: OrgId, shared: bool) -> Result<bool, StoreError>;
    async fn set_subscription_plan(&mut self, id: OrgId, plan: &str) -> Result<bool, StoreError>;

    /// The contact persons of `org`, by last name and first name.
    async fn contacts_of(&mut self, org: OrgId) -> Result<Vec<User>, StoreError>;
    /// How many Beheerders `org` has; with `with_access` only those with a portal e-mail.
    async fn count_beheerders(&mut self, org: OrgId, with_access: bool) -> Result<i64, StoreError>;
    /// Replaces the name, gender, phone and portal e-mail (`None`: no portal access) of a
    /// contact of `org`; `false` when `id` is not one. A portal e-mail in use by someone else
    /// gives `Duplicate(Unique::Email)`.
    async fn update_person(
        &mut self,
        org: OrgId,
        id: UserId,
        details: &PersonDetails,
        email: Option<&EmailAddress>,
        now: Timestamp,
    ) -> Result<bool, StoreError>;
    /// Sets the roles of a contact of `org`; `false` when `id` is not a contact of `org`.
    async fn set_roles(
        &mut self,
        org: OrgId,
        id: UserId,
        roles: PortalRoles,
        now: Timestamp,
    ) -> Result<bool, StoreError>;
    /// Takes away portal access: the e-mail and password go, the contact stays. `false` when
    /// `id` is not a contact of `org`.
    async fn remove_portal_access(
        &mut self,
        org: OrgId,
        id: UserId,
        now: Timestamp,
    ) -> Result<bool, StoreError>;
    /// Lifts a block of a contact of `org` without changing the password (an agent's decision).
    async fn unblock(&mut self, org: OrgId, id: UserId) -> Result<bool, StoreError>;

    /// "Volgen": `user` gets every update of `org`'s tickets (on) or no longer (off).
    async fn set_following_requests(
        &mut self,
        org: OrgId,
        user: UserId,
        on: bool,
        now: Timestamp,
    ) -> Result<(), StoreError>;
    /// Who follows `org`'s requests.
    async fn request_followers(&mut self, org: OrgId) -> Result<Vec<UserId>, StoreError>;
}
