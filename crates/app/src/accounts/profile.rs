//! What the profile and home pages show of the signed-in person.

use balie_domain::{User, UserKind};
use balie_store::Organisation;

use crate::{App, AppError};

#[derive(Debug, Clone)]
pub struct Profile {
    /// The organisation of a contact; `None` for agents.
    pub organisation: Option<Organisation>,
    /// The agent groups of an agent; empty for contacts.
    pub groups: Vec<String>,
}

impl App {
    pub async fn profile(&self, user: &User) -> Result<Profile, AppError> {
        let mut tx = self.store.read().await?;
        match user.kind {
            UserKind::Contact { org, .. } => Ok(Profile {
                organisation: Some(tx.organisation(org).await?.ok_or(AppError::NotFound)?),
                groups: vec![],
            }),
            UserKind::Agent { .. } => Ok(Profile {
                organisation: None,
                groups: tx
                    .groups_of(user.id)
                    .await?
                    .into_iter()
                    .map(|g| g.name)
                    .collect(),
            }),
        }
    }
}
