//! "Persoonlijke gegevens" (B2): every signed-in person edits their own name, gender, phone and
//! sign-in e-mail, confirmed with their portal password.

use balie_domain::{DomainError, EmailAddress, PersonDetails, UserId, UserKind};

use crate::audit::Audit;
use crate::{App, AppError};

impl App {
    /// Checks the person's own password before a change; a wrong one counts as a failed sign-in.
    pub(crate) async fn confirm_password(
        &self,
        user: UserId,
        password: &str,
    ) -> Result<(), AppError> {
        let (person, stored) = {
            let mut tx = self.store.read().await?;
            let person = tx.user(user).await?.ok_or(AppError::Unauthenticated)?;
            (person, tx.password_hash(user).await?)
        };
        if self.hasher.verify_off_thread(password, stored).await? {
            return Ok(());
        }
        let tx = self.work().await?;
        self.record_failure(tx, &person, "confirm_password").await?;
        Err(AppError::Invalid(DomainError::on_field(
            "error-confirm-password-wrong",
            "confirm_password",
        )))
    }

    /// Saves a person's own data. The sign-in e-mail stays required: without it they could not
    /// sign in again.
    pub async fn update_personal_details(
        &self,
        user: UserId,
        details: &PersonDetails,
        email: &str,
        confirm: &str,
    ) -> Result<(), AppError> {
        let email = EmailAddress::parse(email)?;
        self.confirm_password(user, confirm).await?;
        let mut tx = self.work().await?;
        let person = tx.user(user).await?.ok_or(AppError::Unauthenticated)?;
        // Personal data here is a contact's; agents keep theirs with the vendor.
        let UserKind::Contact { org, .. } = person.kind else {
            return Err(AppError::Forbidden(crate::error::Only::Contacts));
        };
        tx.update_person(org, user, details, Some(&email), self.now())
            .await?;
        // The address itself stays out of the log, which outlives a request to erase a person.
        tx.audit(Some(user), Audit::PersonalUpdated { user })
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
