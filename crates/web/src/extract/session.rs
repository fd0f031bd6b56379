//! The signed-in person. `MaybeUser` for pages open to everyone, `CurrentUser` for any signed-in
//! person, `ContactUser` and `AgentUser` for one side only. The other side gets 403; a signed-out
//! visitor is sent to the sign-in page of that side.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use balie_app::accounts::Portal;
use balie_domain::{Actor, OrgId, PortalRoles, User, UserKind};

use crate::AppState;
use crate::cookies::Cookie;
use crate::error::WebError;

/// A valid session: its person and the cookie value (needed to end it).
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub user: User,
    pub token: String,
}

pub struct MaybeUser(pub Option<SessionUser>);

pub struct CurrentUser(pub SessionUser);

pub struct AgentUser {
    pub session: SessionUser,
    pub admin: bool,
}

/// A signed-in contact person, with the organisation and roles every customer page checks.
pub struct ContactUser {
    pub session: SessionUser,
    pub org: OrgId,
    pub roles: PortalRoles,
}

impl ContactUser {
    pub fn actor(&self) -> Actor {
        self.session.user.actor()
    }
}

impl AgentUser {
    pub fn actor(&self) -> Actor {
        self.session.user.actor()
    }
}

/// Reads the session once per request and keeps it in the request's extensions.
async fn session(parts: &mut Parts, state: &AppState) -> Result<Option<SessionUser>, WebError> {
    if let Some(cached) = parts.extensions.get::<Option<SessionUser>>() {
        return Ok(cached.clone());
    }
    let found = match state.web.cookies.read(&parts.headers, Cookie::Session) {
        Some(token) => state
            .app
            .session_user(&token)
            .await?
            .map(|user| SessionUser { user, token }),
        None => None,
    };
    parts.extensions.insert(found.clone());
    Ok(found)
}

fn sign_in_required(parts: &Parts, portal: Portal) -> WebError {
    let next = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    // Only a page can be returned to; a form post starts again from its page.
    let next = if parts.method == axum::http::Method::GET {
        next
    } else {
        String::new()
    };
    WebError::SignInRequired {
        sign_in: portal.sign_in_path(),
        next,
    }
}

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(MaybeUser(session(parts, state).await?))
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match session(parts, state).await? {
            Some(s) => Ok(CurrentUser(s)),
            None => Err(sign_in_required(parts, Portal::Customer)),
        }
    }
}

impl FromRequestParts<AppState> for ContactUser {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(session) = session(parts, state).await? else {
            return Err(sign_in_required(parts, Portal::Customer));
        };
        match session.user.kind {
            UserKind::Contact { org, roles } => Ok(ContactUser {
                org,
                roles,
                session,
            }),
            UserKind::Agent { .. } => Err(WebError::Forbidden(balie_app::Only::Contacts)),
        }
    }
}

impl FromRequestParts<AppState> for AgentUser {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(session) = session(parts, state).await? else {
            return Err(sign_in_required(parts, Portal::Agent));
        };
        match session.user.kind {
            UserKind::Agent { admin } => Ok(AgentUser { admin, session }),
            UserKind::Contact { .. } => Err(WebError::Forbidden(balie_app::Only::Agents)),
        }
    }
}
