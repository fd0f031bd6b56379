//! "Contactpersonen" (B3, B4): the list, adding a contact (with an invitation when a portal
//! e-mail is given), editing roles and portal e-mail, resending the invitation and removing portal
//! access. A Beheerder confirms changes with their own password; the last Beheerder stays.

use balie_domain::{
    Actor, EmailAddress, NewUser, OrgId, PersonDetails, PortalRoles, User, UserId, UserKind,
};

use super::{authorize_manage, last_beheerder, require_agent};
use crate::audit::Audit;
use crate::{App, AppError};

/// A contact as a Beheerder or agent enters it.
#[derive(Debug, Clone)]
pub struct ContactForm {
    pub details: PersonDetails,
    pub roles: PortalRoles,
    /// "Inloggen | E-mail portaltoegang"; `None` for a contact without portal access.
    pub email: Option<EmailAddress>,
}

fn roles_of(user: &User) -> PortalRoles {
    match user.kind {
        UserKind::Contact { roles, .. } => roles,
        UserKind::Agent { .. } => PortalRoles::default(),
    }
}

impl App {
    /// Contacts confirm with their own password; agents act on their own authority.
    async fn confirm_if_contact(
        &self,
        actor: &Actor,
        confirm: Option<&str>,
    ) -> Result<(), AppError> {
        match actor {
            Actor::Agent { .. } => Ok(()),
            Actor::Contact { user, .. } => {
                self.confirm_password(*user, confirm.unwrap_or("")).await
            }
        }
    }

    pub async fn contacts(&self, actor: &Actor, org: OrgId) -> Result<Vec<User>, AppError> {
        authorize_manage(actor, org)?;
        let mut tx = self.store.read().await?;
        Ok(tx.contacts_of(org).await?)
    }

    pub async fn contact(&self, actor: &Actor, org: OrgId, id: UserId) -> Result<User, AppError> {
        authorize_manage(actor, org)?;
        let mut tx = self.store.read().await?;
        tx.contact_in_org(org, id).await?.ok_or(AppError::NotFound)
    }

    /// "Aanmaken": stores the contact and, with a portal e-mail, mails the invitation (A1). The
    /// first contact of an organisation without a Beheerder becomes its Beheerder (the owner).
    pub async fn add_contact(
        &self,
        actor: &Actor,
        org: OrgId,
        form: &ContactForm,
    ) -> Result<UserId, AppError> {
        authorize_manage(actor, org)?;
        let mut tx = self.work().await?;
        tx.lock_key(&beheerders_key(org)).await?;
        tx.organisation(org).await?.ok_or(AppError::NotFound)?;
        let roles = if tx.count_beheerders(org, false).await? == 0 {
            PortalRoles::new(true, form.roles.medewerker(), form.roles.medewerker_plus())?
        } else {
            form.roles
        };
        let new = NewUser {
            kind: UserKind::Contact { org, roles },
            first_name: form.details.first_name.clone(),
            last_name: form.details.last_name.clone(),
            gender: Some(form.details.gender),
            phone: form.details.phone.clone(),
            email: form.email.clone(),
            language: balie_domain::Language::Nl,
        };
        let id = tx.insert_user(&new, self.now()).await?;
        let person = tx.user(id).await?.ok_or(AppError::NotFound)?;
        if person.email.is_some() {
            self.queue_invitation(&mut tx, &person).await?;
        }
        let roles = roles_text(roles);
        tx.audit(
            Some(actor.user_id()),
            Audit::ContactCreated {
                contact: id,
                roles: &roles,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// "Aanpassen" of a contact: data, roles and portal e-mail. The organisation keeps a Beheerder
    /// who can sign in. A changed portal e-mail ends the person's sessions, drops the old password
    /// and invites the new address, so the account cannot pass to someone else with it.
    pub async fn edit_contact(
        &self,
        actor: &Actor,
        org: OrgId,
        id: UserId,
        form: &ContactForm,
        confirm: Option<&str>,
    ) -> Result<(), AppError> {
        authorize_manage(actor, org)?;
        self.contact(actor, org, id).await?;
        self.confirm_if_contact(actor, confirm).await?;
        let mut tx = self.work().await?;
        // Two Beheerders changing each other at once must not both pass the last-Beheerder rule.
        tx.lock_key(&beheerders_key(org)).await?;
        let current = tx
            .contact_in_org(org, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let was_signing_in_beheerder = roles_of(&current).beheerder() && current.email.is_some();
        let stays = form.roles.beheerder() && form.email.is_some();
        if was_signing_in_beheerder && !stays && tx.count_beheerders(org, true).await? <= 1 {
            return Err(last_beheerder());
        }
        let email_changed = current.email != form.email;
        if email_changed {
            tx.remove_portal_access(org, id, self.now()).await?;
            tx.delete_sessions_of(id).await?;
            tx.spend_tokens_of(id, self.now()).await?;
        }
        tx.update_person(org, id, &form.details, form.email.as_ref(), self.now())
            .await?;
        tx.set_roles(org, id, form.roles, self.now()).await?;
        if email_changed && form.email.is_some() {
            let person = tx.user(id).await?.ok_or(AppError::NotFound)?;
            self.queue_invitation(&mut tx, &person).await?;
        }
        let detail = format!(
            "{}; e-mail {}",
            roles_text(form.roles),
            if email_changed { "changed" } else { "kept" }
        );
        tx.audit(
            Some(actor.user_id()),
            Audit::ContactUpdated {
                contact: id,
                detail: &detail,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sends the invitation again, for a contact with a portal e-mail.
    pub async fn resend_invitation(
        &self,
        actor: &Actor,
        org: OrgId,
        id: UserId,
    ) -> Result<(), AppError> {
        let person = self.contact(actor, org, id).await?;
        if person.email.is_none() {
            return Err(AppError::Invalid(balie_domain::DomainError::on_field(
                "error-no-portal-email",
                "email",
            )));
        }
        self.send_invitation(Some(actor.user_id()), id).await?;
        Ok(())
    }

    /// Removes portal access (deregistration): the contact stays for the organisation's history.
    pub async fn remove_portal_access(
        &self,
        actor: &Actor,
        org: OrgId,
        id: UserId,
        confirm: Option<&str>,
    ) -> Result<(), AppError> {
        let current = self.contact(actor, org, id).await?;
        self.confirm_if_contact(actor, confirm).await?;
        let mut tx = self.work().await?;
        if roles_of(&current).beheerder()
            && current.email.is_some()
            && tx.count_beheerders(org, true).await? <= 1
        {
            return Err(last_beheerder());
        }
        tx.remove_portal_access(org, id, self.now()).await?;
        tx.delete_sessions_of(id).await?;
        tx.spend_tokens_of(id, self.now()).await?;
        tx.audit(
            Some(actor.user_id()),
            Audit::ContactAccessRemoved { contact: id },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Lifts a block (A4) on the decision of an agent.
    pub async fn unblock_contact(
        &self,
        actor: &Actor,
        org: OrgId,
        id: UserId,
    ) -> Result<(), AppError> {
        require_agent(actor)?;
        self.contact(actor, org, id).await?;
        let mut tx = self.work().await?;
        tx.unblock(org, id).await?;
        tx.audit(
            Some(actor.user_id()),
            Audit::ContactUnblocked { contact: id },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The lock under which the Beheerders of `org` are counted and changed.
fn beheerders_key(org: OrgId) -> String {
    format!("org-beheerders:{org}")
}

fn roles_text(roles: PortalRoles) -> String {
    let on = |b: bool| if b { "1" } else { "0" };
    format!(
        "beh={} mdw={} mdw+={}",
        on(roles.beheerder()),
        on(roles.medewerker()),
        on(roles.medewerker_plus())
    )
}
