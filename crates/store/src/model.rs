//! Records the storage reads and writes besides the domain's own types: `New*` to insert,
//! the plain name for what is stored.

use balie_domain::{Language, OrgId, Timestamp, TokenPurpose, UserId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrganisation {
    pub name: String,
    pub address: String,
    pub postcode: String,
    pub city: String,
    pub phone: String,
    /// The organisation's general e-mail address; empty when unknown.
    pub email: String,
}

impl From<&balie_domain::OrganisationDetails> for NewOrganisation {
    fn from(d: &balie_domain::OrganisationDetails) -> Self {
        NewOrganisation {
            name: d.name.clone(),
            address: d.address.clone(),
            postcode: d.postcode.clone(),
            city: d.city.clone(),
            phone: d.phone.clone(),
            email: d.email.as_ref().map(|e| e.to_string()).unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub id: OrgId,
    pub name: String,
    pub address: String,
    pub postcode: String,
    pub city: String,
    pub phone: String,
    pub email: String,
    /// The name of the subscription ("Zorgsoft Praktijk, maandelijks"); empty before one is set.
    pub subscription_plan: String,
    /// "Aanvragen vanuit de organisatie" (B5): every contact sees the organisation's tickets.
    pub requests_shared: bool,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub id: balie_domain::GroupId,
    pub name: String,
    /// The group that gets subscription-change requests (D7).
    pub handles_billing: bool,
}

/// Which tickets a list holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TicketScope {
    /// What one person submitted; only those not solved or closed when `unresolved`.
    Requester { user: UserId, unresolved: bool },
    /// Everything of one organisation.
    Org(OrgId),
    /// The organisation's tickets with `user` in CC.
    Cc { org: OrgId, user: UserId },
    /// New or open, nobody assigned, in one of `groups` or in no group at all.
    Unassigned { groups: Vec<balie_domain::GroupId> },
    /// Not solved or closed, assigned to this agent.
    AssignedTo(UserId),
    /// Every ticket with one of these statuses.
    Statuses(Vec<balie_domain::TicketStatus>),
    /// Every ticket.
    All,
}

/// Where the next page of a list starts: after the ticket with this last activity and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketCursor {
    pub updated_at: Timestamp,
    pub id: balie_domain::TicketId,
}

/// A page of a ticket list, last activity first (or, asked so, least recent first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketQuery {
    pub scope: TicketScope,
    /// Only these statuses; empty for any.
    pub statuses: Vec<balie_domain::TicketStatus>,
    /// Words in the subject, or a ticket number ("188189", "#188189"); empty for any.
    pub text: String,
    pub after: Option<TicketCursor>,
    /// Least recent activity first instead of most recent; the cursor then reads forwards.
    pub oldest_first: bool,
    pub limit: i64,
}

impl TicketQuery {
    pub fn new(scope: TicketScope, limit: i64) -> Self {
        TicketQuery {
            scope,
            statuses: vec![],
            text: String::new(),
            after: None,
            oldest_first: false,
            limit,
        }
    }
}

/// A one-time token as stored: only its hash is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRecord {
    pub user: UserId,
    pub purpose: TokenPurpose,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub used_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token_hash: String,
    pub user: UserId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// An e-mail to deliver, fully composed when queued so delivery needs nothing but the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMail {
    pub to_address: String,
    pub to_name: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub message_id: String,
    pub language: Language,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailStatus {
    /// Waiting for (another) delivery attempt.
    Pending,
    Sent,
    /// Gave up after the last retry; kept for an operator to see.
    Failed,
}

impl MailStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MailStatus::Pending => "pending",
            MailStatus::Sent => "sent",
            MailStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(MailStatus::Pending),
            "sent" => Some(MailStatus::Sent),
            "failed" => Some(MailStatus::Failed),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedMail {
    pub id: balie_domain::MailId,
    pub mail: NewMail,
    pub status: MailStatus,
    pub attempts: i64,
    pub created_at: Timestamp,
    pub next_attempt_at: Timestamp,
    pub last_error: Option<String>,
    pub sent_at: Option<Timestamp>,
}

/// One line of the audit log: who did what to which subject, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: Timestamp,
    pub actor: Option<UserId>,
    pub action: String,
    pub subject_type: String,
    pub subject_id: Option<i64>,
    pub detail: String,
}

/// A ticket to import with its history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportTicket {
    pub org: Option<OrgId>,
    pub requester: Option<UserId>,
    pub requester_email: Option<balie_domain::EmailAddress>,
    pub form: balie_domain::FormId,
    pub category: Option<balie_domain::CategoryId>,
    pub subject: String,
    pub status: balie_domain::TicketStatus,
    pub priority: balie_domain::Priority,
    pub group: Option<balie_domain::GroupId>,
    pub assignee: Option<UserId>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub solved_at: Option<Timestamp>,
    /// Oldest first; the first is the description.
    pub comments: Vec<ImportComment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportComment {
    pub author: Option<UserId>,
    pub body: String,
    pub public: bool,
    pub created_at: Timestamp,
}

/// A custom field's value on a ticket, with the field's labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldValue {
    pub field: balie_domain::FieldId,
    pub label: balie_domain::Bilingual,
    pub kind: balie_domain::FieldKind,
    pub value: String,
}
