//! Requesting, setting and changing passwords (A2, A3, A4, A7).

use balie_domain::{DomainError, EmailAddress, Language, TokenPurpose, User, UserId};

use crate::audit::Audit;
use crate::secret::{looks_like_token, token_hash};
use crate::{App, AppError};

/// What the set-password page may show for a link.
#[derive(Debug, Clone)]
pub struct TokenCheck {
    pub user: User,
    pub purpose: TokenPurpose,
}

fn link_unusable() -> AppError {
    AppError::Invalid(DomainError::new("error-link-unusable"))
}

impl App {
    /// "Wachtwoord vergeten?" / "Een wachtwoord aanvragen" (A2). A known person gets a
    /// set-password link, an unknown address the not-registered e-mail; the caller shows the same
    /// answer either way. `lang` is the language of the page, used for unknown addresses.
    pub async fn request_password(
        &self,
        email: &str,
        lang: Language,
        client: &str,
    ) -> Result<(), AppError> {
        let email = EmailAddress::parse(email)?;
        let limits = self.config.rate_limits;
        let window = limits.password_window_secs;
        self.count_attempt(
            "password_ip",
            client,
            limits.password_requests_per_ip,
            window,
        )
        .await?;
        // Requests for one address beyond its allowance are answered alike but mailed nothing,
        // so nobody can flood someone's mailbox through this form.
        let per_address = limits.password_requests_per_address;
        match self
            .count_attempt("password_address", email.as_str(), per_address, window)
            .await
        {
            Err(AppError::RateLimited) => return Ok(()),
            other => other?,
        }
        let mut tx = self.work().await?;
        let mail = match tx.user_by_email(&email).await? {
            Some(user) => {
                let link = self
                    .issue_link(&mut *tx, &user, TokenPurpose::PasswordReset)
                    .await?;
                tx.audit(None, Audit::PasswordRequested { user: user.id })
                    .await?;
                self.compose_password_reset(&user, &email, &link)?
            }
            None => self.compose_not_registered(&email, lang)?,
        };
        tx.mail(&mail).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether a link from an e-mail can still set a password: known, not used, not expired.
    pub async fn check_token(&self, token: &str) -> Result<TokenCheck, AppError> {
        if !looks_like_token(token) {
            return Err(link_unusable());
        }
        let mut tx = self.store.read().await?;
        let record = tx
            .token(&token_hash(token))
            .await?
            .ok_or_else(link_unusable)?;
        if record.used_at.is_some() || record.expires_at <= self.now() {
            return Err(link_unusable());
        }
        let user = tx.user(record.user).await?.ok_or_else(link_unusable)?;
        Ok(TokenCheck {
            user,
            purpose: record.purpose,
        })
    }

    /// Sets a password through a link (A3). It spends this and every other open link of the
    /// person, lifts a block (A4) and ends every session of the person.
    pub async fn set_password(
        &self,
        token: &str,
        password: &str,
        confirmation: &str,
    ) -> Result<User, AppError> {
        let check = self.check_token(token).await?;
        let policy = self.config.password_policy;
        let password = policy.check(password, confirmation, check.user.email.as_ref())?;
        let hash = self.hasher.hash_off_thread(password.expose()).await?;
        let mut tx = self.work().await?;
        if !tx.spend_token(&token_hash(token), self.now()).await? {
            return Err(link_unusable());
        }
        // No older invitation or reset link may change this password later.
        tx.spend_tokens_of(check.user.id, self.now()).await?;
        tx.set_password_hash(check.user.id, &hash, self.now())
            .await?;
        tx.delete_sessions_of(check.user.id).await?;
        let user = check.user.id;
        let set = match check.purpose {
            TokenPurpose::Invitation => Audit::PasswordSetFromInvitation { user },
            TokenPurpose::PasswordReset => Audit::PasswordReset { user },
        };
        tx.audit(Some(user), set).await?;
        tx.commit().await?;
        Ok(check.user)
    }

    /// "Wachtwoord wijzigen" (A7): needs the current password, and a wrong one counts as a failed
    /// sign-in. Every session and open link of the person ends; the caller signs the current
    /// browser in again with the returned session.
    pub async fn change_password(
        &self,
        user: UserId,
        current: &str,
        new: &str,
        confirmation: &str,
    ) -> Result<super::SignedIn, AppError> {
        let (person, stored) = {
            let mut tx = self.store.read().await?;
            let person = tx.user(user).await?.ok_or(AppError::Unauthenticated)?;
            (person, tx.password_hash(user).await?)
        };
        if !self.hasher.verify_off_thread(current, stored).await? {
            let tx = self.work().await?;
            self.record_failure(tx, &person, "change_password").await?;
            return Err(AppError::Invalid(DomainError::on_field(
                "error-current-password-wrong",
                "current_password",
            )));
        }
        let password =
            self.config
                .password_policy
                .check(new, confirmation, person.email.as_ref())?;
        let hash = self.hasher.hash_off_thread(password.expose()).await?;
        let mut tx = self.work().await?;
        tx.set_password_hash(user, &hash, self.now()).await?;
        tx.spend_tokens_of(user, self.now()).await?;
        tx.delete_sessions_of(user).await?;
        tx.audit(Some(user), Audit::PasswordChanged { user })
            .await?;
        let signed_in = self.start_session(&mut *tx, person).await?;
        tx.commit().await?;
        Ok(signed_in)
    }
}
