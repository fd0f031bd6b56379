//! Signing in and out (A5), the signed-in person of a session, and the remembered language (A7).

use balie_domain::{DomainError, EmailAddress, Language, TokenPurpose, User, UserId};
use balie_store::{NewSession, Tx};

use crate::secret::{looks_like_token, new_token, token_hash};
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
}

fn sign_in_failed() -> AppError {
    AppError::Invalid(DomainError::new("error-sign-in-failed"))
}

impl App {
    /// Signs a person in with e-mail and password (A5). Failures are counted per account; the
    /// failure that reaches the configured number blocks the account until the password is reset
    /// (A4) and mails its owner a link to do so. Every wrong answer reads alike and takes as long,
    /// so the form does not tell which addresses have an account; only the right password of a
    /// blocked account hears that it is blocked. Attempts are also limited per client.
    pub async fn sign_in(
        &self,
        portal: Portal,
        email: &str,
        password: &str,
        client: &str,
    ) -> Result<SignedIn, AppError> {
        self.count_attempt(
            "sign_in",
            client,
            self.config.rate_limits.sign_in_per_ip,
            self.config.rate_limits.sign_in_window_secs,
        )
        .await?;
        let email = EmailAddress::parse(email).ok();
        let (user, stored) = {
            let mut tx = self.store.read().await?;
            let user = match &email {
                Some(email) => tx.user_by_email(email).await?,
                None => None,
            };
            let user = user.filter(|u| Portal::of(u) == portal);
            let stored = match &user {
                Some(u) => tx.password_hash(u.id).await?,
                None => None,
            };
            (user, stored)
        };
        // The hash is checked outside any transaction: it is slow, and writers must not wait.
        let valid = self.hasher.verify_off_thread(password, stored).await?;
        let Some(user) = user else {
            return Err(sign_in_failed());
        };
        let mut tx = self.store.begin().await?;
        // Read again under the write lock: a parallel attempt may have blocked the account.
        let user = tx.user(user.id).await?.ok_or_else(sign_in_failed)?;
        if user.blocked_at.is_some() {
            return Err(if valid {
                AppError::Invalid(DomainError::new("error-account-blocked"))
            } else {
                sign_in_failed()
            });
        }
        if !valid {
            self.record_failure(tx, &user, &format!("client={client}"))
                .await?;
            return Err(sign_in_failed());
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

    /// Counts one attempt of `kind` by `key` and refuses it when `limit` attempts were made
    /// within the last `window_secs`. Parallel attempts by one key are counted one after another.
    pub(crate) async fn count_attempt(
        &self,
        kind: &str,
        key: &str,
        limit: i64,
        window_secs: i64,
    ) -> Result<(), AppError> {
        let mut tx = self.store.begin().await?;
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
        mut tx: Box<dyn Tx>,
        user: &User,
        detail: &str,
    ) -> Result<(), AppError> {
        let limit = self.config.block_after_failures;
        let failures = tx.record_failed_sign_in(user.id, limit, self.now()).await?;
        let detail = format!("{detail} failures={failures}");
        let entry = self.audit_entry(
            Some(user.id),
            "session.sign_in_failed",
            "user",
            Some(user.id.0),
            detail,
        );
        tx.audit(&entry).await?;
        let just_blocked = failures == limit;
        if just_blocked {
            self.queue_blocked_notice(&mut *tx, user).await?;
        }
        tx.commit().await?;
        if just_blocked {
            self.mail_was_queued();
        }
        Ok(())
    }

    /// Tells the owner of a just-blocked account, with a link that sets a new password.
    async fn queue_blocked_notice(&self, tx: &mut dyn Tx, user: &User) -> Result<(), AppError> {
        let Some(email) = &user.email else {
            return Ok(());
        };
        let link = self
            .issue_link(tx, user, TokenPurpose::PasswordReset)
            .await?;
        let mail = self.compose_blocked_notice(user, email, &link)?;
        tx.queue_mail(&mail, self.now()).await?;
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
