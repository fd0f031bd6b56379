//! Accounts (SPEC A1-A5, A7): invitations, password requests, setting and changing passwords,
//! signing in and out, and the remembered language.

mod agents;
mod invite;
mod password;
mod profile;
mod session;
mod sign_in;

pub use agents::{AgentSummary, AgentsOverview, NewAgent};
pub use invite::{FirstAdmin, Invitation};
pub use password::TokenCheck;
pub use profile::Profile;
pub use session::{Portal, SignedIn};
pub use sign_in::{DEVICE_TTL_SECS, SignInAttempt};

use balie_domain::{TokenPurpose, User};
use balie_store::Tx;

use crate::secret::{new_token, token_hash};
use crate::{App, AppError};

/// The page a link in an e-mail opens; the password is set by a POST from that page (A1).
pub fn set_password_path(token: &str) -> String {
    format!("/password/set/{token}")
}

impl App {
    /// Stores a new one-time token for `user` and returns the full link that carries it.
    pub(crate) async fn issue_link(
        &self,
        tx: &mut dyn Tx,
        user: &User,
        purpose: TokenPurpose,
    ) -> Result<String, AppError> {
        let token = new_token();
        let ttl = match purpose {
            TokenPurpose::Invitation => self.config.invitation_ttl_secs,
            TokenPurpose::PasswordReset => self.config.reset_ttl_secs,
        };
        let now = self.now();
        tx.insert_token(
            &token_hash(&token),
            user.id,
            purpose,
            now,
            now.plus_seconds(ttl),
        )
        .await?;
        Ok(self.config.link(&set_password_path(&token)))
    }
}
