//! Sessions (A5): starting and ending them, the signed-in person of a session, and the remembered language (A7).

use balie_domain::{Language, TokenPurpose, User, UserId};
use balie_store::{NewSession, Tx};

use crate::audit::Audit;
use crate::secret::{looks_like_token, new_token, token_hash};
use crate::work::Work;
use crate::{App, AppError};

/// Which sign-in page was used: contacts and agents each have their own (A5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Portal {
    Customer,
    Agent,
}

impl Portal {
    pub fn of(user: &User) -> Portal {
        if user.is_agent() {
            Portal::Agent
        } else {
            Portal::Customer
        }
    }

    pub fn sign_in_path(self) -> &'static str {
        match self {
            Portal::Customer => "/login",
            Portal::Agent => "/agent/login",
        }
    }

    pub fn home_path(self) -> &'static str {
        match self {
            Portal::Customer => "/",
            Portal::Agent => "/agent",
        }
    }
}

/// A new session: the cookie value (only its hash is stored) and who it belongs to.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub session_token: String,
    pub user: User,
    /// The browser's device cookie, set again after a sign-in so that it lasts another while.
    pub device_token: Option<String>,
}

impl App {
    /// Counts one attempt of `kind` by `key` and refuses it when `limit` attempts were made
    /// within the last `window_secs`. Parallel attempts by one key are counted one after another.
    pub(crate) async fn count_attempt(
        &self,
        kind: &str,
        key: &str,
        limit: i64,
        window_secs: i64,
    ) -> Result<(), AppError> {
        let mut tx = self.work().await?;
        tx.lock_key(&format!("{kind}:{key}")).await?;
        let since = self.now().plus_seconds(-window_secs);
        if tx.count_attempts_since(kind, key, since).await? >= limit {
            return Err(AppError::RateLimited);
        }
        tx.record_attempt(kind, key, self.now()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Counts a wrong password for `user` and commits it, whatever the caller returns next. The
    /// failure that reaches the limit blocks the account and mails its owner.
    pub(crate) async fn record_failure(
        &self,
        mut tx: Work<'_>,
        user: &User,
        detail: &str,
    ) -> Result<(), AppError> {
        let limit = self.config.block_after_failures;
        let failures = tx.record_failed_sign_in(user.id, limit, self.now()).await?;
        let detail = format!("{detail} failures={failures}");
        let failed = Audit::SignInFailed {
            user: user.id,
            detail: &detail,
        };
        tx.audit(Some(user.id), failed).await?;
        let just_blocked = failures == limit;
        if just_blocked {
            self.queue_blocked_notice(&mut tx, user).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Tells the owner of a just-blocked account, with a link that sets a new password.
    async fn queue_blocked_notice(&self, tx: &mut Work<'_>, user: &User) -> Result<(), AppError> {
        let Some(email) = &user.email else {
            return Ok(());
        };
        let link = self
            .issue_link(&mut **tx, user, TokenPurpose::PasswordReset)
            .await?;
        let mail = self.compose_blocked_notice(user, email, &link)?;
        tx.mail(&mail).await?;
        Ok(())
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
            device_token: None,
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
        let mut tx = self.work().await?;
        tx.delete_session(&token_hash(session_token)).await?;
        tx.audit(Some(user), Audit::SignedOut { user }).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Remembers the language a person chose.
    pub async fn set_language(&self, user: UserId, language: Language) -> Result<(), AppError> {
        let mut tx = self.work().await?;
        tx.set_language(user, language).await?;
        tx.commit().await?;
        Ok(())
    }
}
