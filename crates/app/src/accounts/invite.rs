//! Invitations (A1) and the first vendor administrator.

use balie_domain::{EmailAddress, Language, NewUser, TokenPurpose, User, UserKind};

use crate::audit::Audit;
use crate::work::Work;
use crate::{App, AppError};

/// What an invitation produced: the person and the link that was mailed to them.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub user: User,
    pub link: String,
}

/// The outcome of [`App::ensure_first_admin`].
#[derive(Debug, Clone)]
pub enum FirstAdmin {
    /// Agents exist already; nothing was done.
    AlreadyThere,
    Invited(Invitation),
}

impl App {
    /// Queues the invitation e-mail (with a fresh single-use link) for a stored person.
    pub(crate) async fn queue_invitation(
        &self,
        tx: &mut Work<'_>,
        user: &User,
    ) -> Result<String, AppError> {
        let Some(email) = &user.email else {
            return Err(AppError::Invalid(balie_domain::DomainError::on_field(
                "error-email-required",
                "email",
            )));
        };
        let link = self
            .issue_link(&mut **tx, user, TokenPurpose::Invitation)
            .await?;
        let mail = self.compose_invitation(user, email, &link)?;
        tx.mail(&mail).await?;
        Ok(link)
    }

    /// Creates a vendor administrator and mails the invitation (`balie admin create`).
    pub async fn create_admin(
        &self,
        email: EmailAddress,
        first_name: &str,
        last_name: &str,
        language: Language,
    ) -> Result<Invitation, AppError> {
        let mut tx = self.work().await?;
        let invitation = self
            .insert_admin(&mut tx, email, first_name, last_name, language)
            .await?;
        tx.commit().await?;
        Ok(invitation)
    }

    /// On an empty installation, creates the first administrator with `email` and returns the
    /// one-time link; with agents present it does nothing.
    pub async fn ensure_first_admin(&self, email: EmailAddress) -> Result<FirstAdmin, AppError> {
        let mut tx = self.work().await?;
        if tx.count_agents().await? > 0 {
            return Ok(FirstAdmin::AlreadyThere);
        }
        let invitation = self
            .insert_admin(&mut tx, email, "Portaalbeheerder", "", Language::Nl)
            .await?;
        tx.commit().await?;
        Ok(FirstAdmin::Invited(invitation))
    }

    async fn insert_admin(
        &self,
        tx: &mut Work<'_>,
        email: EmailAddress,
        first_name: &str,
        last_name: &str,
        language: Language,
    ) -> Result<Invitation, AppError> {
        let new = NewUser {
            kind: UserKind::Agent { admin: true },
            first_name: first_name.trim().to_string(),
            last_name: last_name.trim().to_string(),
            gender: None,
            phone: String::new(),
            email: Some(email),
            language,
        };
        let id = tx.insert_user(&new, self.now()).await?;
        let user = tx.user(id).await?.ok_or(AppError::NotFound)?;
        let link = self.queue_invitation(tx, &user).await?;
        let audit = Audit::AgentCreated {
            user: id,
            admin: true,
        };
        tx.audit(None, audit).await?;
        Ok(Invitation { user, link })
    }
}

impl App {
    /// (Re)sends the invitation of a stored person with a portal e-mail; earlier links keep
    /// working until they expire or one of them is used. `by` is who asked, for the audit log.
    pub async fn send_invitation(
        &self,
        by: Option<balie_domain::UserId>,
        user: balie_domain::UserId,
    ) -> Result<Invitation, AppError> {
        let mut tx = self.work().await?;
        let person = tx.user(user).await?.ok_or(AppError::NotFound)?;
        let link = self.queue_invitation(&mut tx, &person).await?;
        tx.audit(by, Audit::UserInvited { user }).await?;
        tx.commit().await?;
        Ok(Invitation { user: person, link })
    }
}
