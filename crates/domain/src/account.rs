//! People and who they act as: contacts of an organisation and agents of the vendor.

use crate::{EmailAddress, Gender, Language, OrgId, PortalRoles, Timestamp, UserId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserKind {
    Contact { org: OrgId, roles: PortalRoles },
    Agent { admin: bool },
}

/// A stored person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub kind: UserKind,
    pub first_name: String,
    pub last_name: String,
    pub gender: Option<Gender>,
    pub phone: String,
    /// The portal e-mail ("E-mail portaltoegang"); a contact without it has no portal access.
    pub email: Option<EmailAddress>,
    pub language: Language,
    pub has_password: bool,
    pub failed_sign_ins: u32,
    pub blocked_at: Option<Timestamp>,
    pub created_at: Timestamp,
}

impl User {
    pub fn display_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
            .trim()
            .to_string()
    }

    pub fn is_agent(&self) -> bool {
        matches!(self.kind, UserKind::Agent { .. })
    }

    pub fn actor(&self) -> Actor {
        match self.kind {
            UserKind::Contact { org, roles } => Actor::Contact {
                user: self.id,
                org,
                roles,
            },
            UserKind::Agent { admin } => Actor::Agent {
                user: self.id,
                admin,
            },
        }
    }
}

/// A person to insert.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub kind: UserKind,
    pub first_name: String,
    pub last_name: String,
    pub gender: Option<Gender>,
    pub phone: String,
    pub email: Option<EmailAddress>,
    pub language: Language,
}

/// Who performs a request; every tenant-scoped read and write takes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Contact {
        user: UserId,
        org: OrgId,
        roles: PortalRoles,
    },
    Agent {
        user: UserId,
        admin: bool,
    },
}

impl Actor {
    pub fn user_id(&self) -> UserId {
        match self {
            Actor::Contact { user, .. } | Actor::Agent { user, .. } => *user,
        }
    }

    pub fn is_agent(&self) -> bool {
        matches!(self, Actor::Agent { .. })
    }
}
