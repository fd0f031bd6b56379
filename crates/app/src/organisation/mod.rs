//! Organisation self-service (SPEC B1-B5): the organisation's data, personal data, contact
//! persons and their roles. A Beheerder manages their own organisation; agents manage any.
//! Every rule is checked here, whatever page or API calls it.

mod contacts;
pub use contacts::ContactForm;
mod personal;

use balie_domain::{Actor, DomainError, OrgId, OrganisationDetails};
use balie_store::{NewOrganisation, Organisation};

use crate::audit::Audit;
use crate::guard::require_agent;
use crate::{App, AppError};

/// Who may manage `org`: its Beheerders and every agent. Anyone else is refused, and another
/// organisation reads as not found.
pub(crate) fn authorize_manage(actor: &Actor, org: OrgId) -> Result<(), AppError> {
    match actor {
        Actor::Agent { .. } => Ok(()),
        Actor::Contact { org: own, .. } if *own != org => Err(AppError::NotFound),
        Actor::Contact { roles, .. } if roles.can_manage_organisation() => Ok(()),
        Actor::Contact { .. } => Err(AppError::Forbidden(crate::error::Only::Beheerders)),
    }
}

impl App {
    /// The organisation's data ("Organisatie", B1), for its Beheerders and agents; other contacts
    /// reach only their own personal data.
    pub async fn organisation(&self, actor: &Actor, org: OrgId) -> Result<Organisation, AppError> {
        authorize_manage(actor, org)?;
        let mut tx = self.store.read().await?;
        tx.organisation(org).await?.ok_or(AppError::NotFound)
    }

    /// "Aanpassen" of the organisation's data, by its Beheerder or an agent.
    pub async fn update_organisation(
        &self,
        actor: &Actor,
        org: OrgId,
        details: &OrganisationDetails,
    ) -> Result<(), AppError> {
        authorize_manage(actor, org)?;
        let mut tx = self.work().await?;
        if !tx
            .update_organisation(org, &NewOrganisation::from(details))
            .await?
        {
            return Err(AppError::NotFound);
        }
        tx.audit(
            Some(actor.user_id()),
            Audit::OrganisationUpdated {
                org,
                name: &details.name,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Creates an organisation (agents only).
    pub async fn create_organisation(
        &self,
        actor: &Actor,
        details: &OrganisationDetails,
    ) -> Result<OrgId, AppError> {
        require_agent(actor)?;
        let mut tx = self.work().await?;
        let org = tx
            .insert_organisation(&NewOrganisation::from(details), self.now())
            .await?;
        tx.audit(
            Some(actor.user_id()),
            Audit::OrganisationCreated {
                org,
                name: &details.name,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(org)
    }

    /// Organisations by name, for agents.
    pub async fn find_organisations(
        &self,
        actor: &Actor,
        search: &str,
    ) -> Result<Vec<Organisation>, AppError> {
        require_agent(actor)?;
        let search: String = search.trim().chars().take(100).collect();
        let mut tx = self.store.read().await?;
        Ok(tx.list_organisations(&search, 200).await?)
    }

    /// "Aanvragen vanuit de organisatie" (B5): only agents switch it.
    pub async fn set_requests_shared(
        &self,
        actor: &Actor,
        org: OrgId,
        shared: bool,
    ) -> Result<(), AppError> {
        require_agent(actor)?;
        let mut tx = self.work().await?;
        if !tx.set_requests_shared(org, shared).await? {
            return Err(AppError::NotFound);
        }
        tx.audit(Some(actor.user_id()), Audit::RequestsShared { org, shared })
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The message when a rule about the last Beheerder stops a change.
pub(crate) fn last_beheerder() -> AppError {
    AppError::Invalid(DomainError::on_field("error-last-beheerder", "beheerder"))
}
