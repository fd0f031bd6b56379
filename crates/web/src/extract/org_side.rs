//! The organisation a page is about, for pages both sides reach: a Beheerder's own organisation
//! under the customer's address, or for an agent the organisation `{org}` in the agent's address.
//! The use case decides what each may do; this only says who asks about which organisation.

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use balie_domain::{Actor, OrgId, User};

use super::{AgentUser, ContactUser};
use crate::AppState;
use crate::error::WebError;

pub struct OrgSide {
    pub actor: Actor,
    pub org: OrgId,
    pub user: User,
}

impl OrgSide {
    pub fn customer(contact: &ContactUser) -> OrgSide {
        OrgSide {
            actor: contact.actor(),
            org: contact.org,
            user: contact.session.user.clone(),
        }
    }

    pub fn agent(agent: &AgentUser, org: OrgId) -> OrgSide {
        OrgSide {
            actor: agent.actor(),
            org,
            user: agent.session.user.clone(),
        }
    }

    pub fn is_agent(&self) -> bool {
        self.actor.is_agent()
    }
}

impl FromRequestParts<AppState> for OrgSide {
    type Rejection = WebError;

    /// With `{org}` in the address it asks for an agent, otherwise for a contact; the other side
    /// is refused as by `AgentUser` and `ContactUser`.
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| WebError::NotFound)?;
        let org = params
            .iter()
            .find(|(k, _)| *k == "org")
            .map(|(_, v)| v.to_owned());
        match org {
            None => Ok(OrgSide::customer(
                &ContactUser::from_request_parts(parts, state).await?,
            )),
            Some(raw) => {
                let agent = AgentUser::from_request_parts(parts, state).await?;
                let org = raw.parse().map_err(|_| WebError::NotFound)?;
                Ok(OrgSide::agent(&agent, OrgId(org)))
            }
        }
    }
}
