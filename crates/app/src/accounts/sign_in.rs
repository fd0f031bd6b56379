//! Signing in with e-mail and password (A5, A4), with the language picked on the sign-in page
//! (A7) and the browser's device cookie.
//!
//! Attempts are limited per client address, so one address cannot guess on and on. That limit
//! alone would let anyone at a practice lock out their colleagues behind the same address for a
//! quarter of an hour, so a browser that signed in as this person before (a device cookie, as
//! OWASP describes it) is let past the address's limit. One browser can be trusted for several
//! colleagues; a password change or reset forgets it. Its wrong passwords still count towards
//! the account's block (A4), and everyone else stays limited.

use balie_domain::{DomainError, EmailAddress, Language};

use super::{Portal, SignedIn};
use crate::audit::Audit;
use crate::secret::{looks_like_token, new_token, token_hash};
use crate::{App, AppError};

/// How long a browser stays trusted for a person after their last sign-in in it.
pub const DEVICE_TTL_SECS: i64 = 180 * 86_400;

/// One sign-in as typed, and what the browser brought along.
#[derive(Debug, Clone, Copy)]
pub struct SignInAttempt<'a> {
    pub portal: Portal,
    pub email: &'a str,
    pub password: &'a str,
    /// The client's address, as the key of the per-address limit.
    pub client: &'a str,
    /// The browser's device cookie, if it has one.
    pub device: Option<&'a str>,
    /// The language picked on the sign-in page before signing in: the person's choice, kept on
    /// their account.
    pub language: Option<Language>,
}

fn sign_in_failed() -> AppError {
    AppError::Invalid(DomainError::new("error-sign-in-failed"))
}

impl App {
    /// Signs a person in with e-mail and password (A5). Failures are counted per account; the
    /// failure that reaches the configured number blocks the account until the password is reset
    /// (A4) and mails its owner a link to do so. Every wrong answer reads alike and takes as long,
    /// so the form does not tell which addresses have an account; only the right password of a
    /// blocked account hears that it is blocked.
    pub async fn sign_in(&self, attempt: SignInAttempt<'_>) -> Result<SignedIn, AppError> {
        let email = EmailAddress::parse(attempt.email).ok();
        // The browser's own token, if it has one the portal could have issued.
        let device = attempt.device.filter(|d| looks_like_token(d));
        let device_hash = device.map(token_hash);
        let (user, stored, trusted) = {
            let mut tx = self.store.read().await?;
            let user = match &email {
                Some(email) => tx.user_by_email(email).await?,
                None => None,
            };
            let user = user.filter(|u| Portal::of(u) == attempt.portal);
            let stored = match &user {
                Some(u) => tx.password_hash(u.id).await?,
                None => None,
            };
            let trusted = match (&user, &device_hash) {
                (Some(u), Some(hash)) => tx.device_trusted(hash, u.id, self.now()).await?,
                _ => false,
            };
            (user, stored, trusted)
        };
        if !trusted {
            self.count_attempt(
                "sign_in",
                attempt.client,
                self.config.rate_limits.sign_in_per_ip,
                self.config.rate_limits.sign_in_window_secs,
            )
            .await?;
        }
        // The hash is checked outside any transaction: it is slow, and writers must not wait.
        let valid = self
            .hasher
            .verify_off_thread(attempt.password, stored)
            .await?;
        let Some(user) = user else {
            return Err(sign_in_failed());
        };
        let mut tx = self.work().await?;
        // Read again under the write lock: a parallel attempt may have blocked the account.
        let mut user = tx.user(user.id).await?.ok_or_else(sign_in_failed)?;
        if user.blocked_at.is_some() {
            return Err(if valid {
                AppError::Invalid(DomainError::new("error-account-blocked"))
            } else {
                sign_in_failed()
            });
        }
        let client = format!("client={}", attempt.client);
        if !valid {
            self.record_failure(tx, &user, &client).await?;
            return Err(sign_in_failed());
        }
        tx.clear_failed_sign_ins(user.id).await?;
        if let Some(language) = attempt.language.filter(|l| *l != user.language) {
            tx.set_language(user.id, language).await?;
            user.language = language;
        }
        // The browser keeps its token, now trusted for this person too, for another while.
        let device_token = device.map_or_else(new_token, str::to_string);
        let expires = self.now().plus_seconds(DEVICE_TTL_SECS);
        tx.trust_device(&token_hash(&device_token), user.id, self.now(), expires)
            .await?;
        let detail = format!("{client} trusted_device={trusted}");
        let signed_in = Audit::SignedIn {
            user: user.id,
            detail: &detail,
        };
        tx.audit(Some(user.id), signed_in).await?;
        let mut signed_in = self.start_session(&mut *tx, user).await?;
        tx.commit().await?;
        signed_in.device_token = Some(device_token);
        Ok(signed_in)
    }
}
