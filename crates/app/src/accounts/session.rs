//! Signing in and out (A5), the signed-in person of a session, and the remembered language (A7).

use balie_domain::{DomainError, EmailAddress, Language, User, UserId};
use balie_store::{NewSession, Tx};

use crate::secret::{looks_like_token, new_token, token_hash};
use crate::{App, AppError};

/// Which sign-in page was used: contacts and agents each have their own (A5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Portal {
    Customer,
    Agent,
}

/// A new session: the cookie value (only its hash is stored) and who it belongs to.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub session_token: String,
    pub user: User,
}

fn sign_in_failed() -> AppError {
    AppError::Invalid(DomainError::new("error-sign-in-failed"))
}

fn blocked() -> AppError {
    AppError::Invalid(DomainError::new("error-account-blocked"))
}

impl App {
    /// Signs a person in with e-mail and password. Failures are counted per account; at the
    /// configured number the account is blocked until the password is reset (A4). Attempts are
    /// also limited per client address.
    pub async fn sign_in(
        &self,
        portal: Portal,
        email: &str,
        password: &str,
        client: &str,
    ) -> Result<SignedIn, AppError> {
        let limits = self.config.rate_limits;
        let since = self.now().plus_seconds(-limits.sign_in_window_secs);
        let mut tx = self.store.begin().await?;
        if tx.count_attempts_since("sign_in", client, since).await? >= limits.sign_in_per_ip {
            return Err(AppError::RateLimited);
        }
        tx.record_attempt("sign_in", client, self.now()).await?;
        let user = match EmailAddress::parse(email) {
            Ok(email) => tx.user_by_email(&email).await?,
            Err(_) => None,
        };
        let user = user.filter(|u| u.is_agent() == (portal == Portal::Agent));
        let Some(user) = user else {
            tx.commit().await?;
            self.hasher.waste_time(password);
            return Err(sign_in_failed());
        };
        if user.blocked_at.is_some() {
            tx.commit().await?;
            return Err(blocked());
        }
        let stored = tx.password_hash(user.id).await?;
        let valid = stored.is_some_and(|hash| self.hasher.verify(password, &hash));
        if !valid {
            let failures = tx
                .record_failed_sign_in(user.id, self.config.block_after_failures, self.now())
                .await?;
            let entry = self.audit_entry(
                Some(user.id),
                "session.sign_in_failed",
                "user",
                Some(user.id.0),
                format!("client={client}"),
            );
            tx.audit(&entry).await?;
            tx.commit().await?;
            return Err(if failures >= self.config.block_after_failures {
                blocked()
            } else {
                sign_in_failed()
            });
        }
        tx.clear_failed_sign_ins(user.id).await?;
        let entry = self.audit_entry(
            Some(user.id),
            "session.signed_in",
            "user",
            Some(user.id.0),
            format!("client={client}"),
        );
        tx.audit(&entry).await?;
        let signed_in = self.start_session(&mut *tx, user).await?;
        tx.commit().await?;
        Ok(signed_in)
    }

    pub(crate) async fn start_session(
        &self,
        tx: &mut dyn Tx,
        user: User,
    ) -> Result<SignedIn, AppError> {
        let token = new_token();
        let now = self.now();
        let session = NewSession {
            token_hash: token_hash(&token),
            user: user.id,
            created_at: now,
            expires_at: now.plus_seconds(self.config.session_ttl_secs),
        };
        tx.insert_session(&session).await?;
        Ok(SignedIn {
            session_token: token,
            user,
        })
    }

    /// The person a session cookie belongs to, if the session is still valid.
    pub async fn session_user(&self, session_token: &str) -> Result<Option<User>, AppError> {
        if !looks_like_token(session_token) {
            return Ok(None);
        }
        let mut tx = self.store.read().await?;
        let user = tx
            .session_user(&token_hash(session_token), self.now())
            .await?;
        // A block ends the use of existing sessions too.
        Ok(user.filter(|u| u.blocked_at.is_none()))
    }

    /// "Afmelden".
    pub async fn sign_out(&self, session_token: &str, user: UserId) -> Result<(), AppError> {
        let mut tx = self.store.begin().await?;
        tx.delete_session(&token_hash(session_token)).await?;
        let entry = self.audit_entry(
            Some(user),
            "session.signed_out",
            "user",
            Some(user.0),
            String::new(),
        );
        tx.audit(&entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Remembers the language a person chose.
    pub async fn set_language(&self, user: UserId, language: Language) -> Result<(), AppError> {
        let mut tx = self.store.begin().await?;
        tx.set_language(user, language).await?;
        tx.commit().await?;
        Ok(())
    }
}
