//! Ticket statuses, priorities and numbers (SPEC C), and the one place that decides which status
//! change is allowed: by an agent, by a customer's comment or "Markeren als opgelost", or by the
//! automatic closing of solved tickets.

use crate::DomainError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TicketStatus {
    New,
    Open,
    /// Waiting for the customer ("Wacht op uw reactie").
    Pending,
    /// Waiting for a third party; customers see "In behandeling".
    OnHold,
    Solved,
    /// Final: a closed ticket is never reopened; a follow-up ticket is offered instead.
    Closed,
}

impl TicketStatus {
    pub const ALL: [TicketStatus; 6] = [
        TicketStatus::New,
        TicketStatus::Open,
        TicketStatus::Pending,
        TicketStatus::OnHold,
        TicketStatus::Solved,
        TicketStatus::Closed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TicketStatus::New => "new",
            TicketStatus::Open => "open",
            TicketStatus::Pending => "pending",
            TicketStatus::OnHold => "on_hold",
            TicketStatus::Solved => "solved",
            TicketStatus::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        TicketStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The translation key of the label customers see: on-hold reads as "In behandeling".
    pub fn customer_label_key(self) -> &'static str {
        match self {
            TicketStatus::New => "ticket-status-new",
            TicketStatus::Open | TicketStatus::OnHold => "ticket-status-open",
            TicketStatus::Pending => "ticket-status-pending",
            TicketStatus::Solved => "ticket-status-solved",
            TicketStatus::Closed => "ticket-status-closed",
        }
    }

    /// Not yet solved or closed ("Openstaande aanvragen").
    pub fn is_unresolved(self) -> bool {
        !matches!(self, TicketStatus::Solved | TicketStatus::Closed)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Priority {
    Low,
    #[default]
    Normal,
    High,
    Urgent,
}

impl Priority {
    pub const ALL: [Priority; 4] = [
        Priority::Low,
        Priority::Normal,
        Priority::High,
        Priority::Urgent,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
            Priority::Urgent => "urgent",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Priority::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// A ticket's number as people write it: `188189` or `#188189`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TicketNumber(pub i64);

impl TicketNumber {
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let digits = input.trim().trim_start_matches('#');
        match digits.parse::<i64>() {
            Ok(n) if n > 0 && digits.chars().all(|c| c.is_ascii_digit()) => Ok(TicketNumber(n)),
            _ => Err(DomainError::on_field("error-ticket-number", "number")),
        }
    }
}

impl std::fmt::Display for TicketNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// A ticket form ("Vraag", "Foutmelding", ...), chosen first when submitting (C1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketForm {
    pub id: crate::FormId,
    /// A stable name for code and routing rules ("question", "incident", ...).
    pub key: String,
    pub name: crate::Bilingual,
    pub description: crate::Bilingual,
    /// Offered on "Een aanvraag indienen"; forms that are not (subscription changes) are filled
    /// in elsewhere.
    pub offered: bool,
}

/// A "Hoofdcategorie" with its help text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketCategory {
    pub id: crate::CategoryId,
    pub key: String,
    pub name: crate::Bilingual,
    pub help: crate::Bilingual,
}

/// A ticket to store; its number is given by the store, its first comment is the description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTicket {
    pub org: Option<crate::OrgId>,
    pub requester: Option<crate::UserId>,
    /// Where the requester is mailed; none for a contact without a portal address.
    pub requester_email: Option<crate::EmailAddress>,
    pub form: crate::FormId,
    pub category: Option<crate::CategoryId>,
    pub subject: String,
    pub description: String,
    pub ccs: Vec<crate::UserId>,
    /// Where routing put it.
    pub group: Option<crate::GroupId>,
    /// The values of the form's own fields, by field id.
    pub fields: Vec<(crate::FieldId, String)>,
    /// The files of the first message, already in blob storage.
    pub attachments: Vec<crate::NewAttachment>,
}

/// A stored ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    pub id: crate::TicketId,
    pub number: TicketNumber,
    pub org: Option<crate::OrgId>,
    pub requester: Option<crate::UserId>,
    /// Where the requester is mailed; none for a contact without a portal address.
    pub requester_email: Option<crate::EmailAddress>,
    pub form: crate::FormId,
    pub category: Option<crate::CategoryId>,
    pub subject: String,
    pub status: TicketStatus,
    pub priority: Priority,
    pub group: Option<crate::GroupId>,
    pub assignee: Option<crate::UserId>,
    pub created_at: crate::Timestamp,
    /// "Laatste activiteit".
    pub updated_at: crate::Timestamp,
    pub solved_at: Option<crate::Timestamp>,
}

/// One message of a ticket's conversation; internal notes are never shown to customers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub id: crate::CommentId,
    pub author: Option<crate::UserId>,
    pub body: String,
    pub public: bool,
    pub created_at: crate::Timestamp,
}

/// One line of a ticket's history: who changed what, when. `kind` is "created", "status",
/// "priority", "group" or "assignee"; `detail` the new value's code or id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketEvent {
    pub actor: Option<crate::UserId>,
    pub kind: String,
    pub detail: String,
    pub created_at: crate::Timestamp,
}

/// What asks for a status change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusChange {
    /// An agent sets a status (with or without a reply).
    Agent(TicketStatus),
    /// A customer adds to the conversation ("Toevoegen aan gesprek").
    CustomerComment,
    /// A customer marks the ticket solved ("Markeren als opgelost").
    CustomerSolve,
    /// The scheduled closing of a solved ticket after the configured days.
    AutoClose,
}

fn refused() -> DomainError {
    DomainError::on_field("error-status-change", "status")
}

/// The status after `change` from `current`, or the refusal.
pub fn next_status(
    current: TicketStatus,
    change: StatusChange,
) -> Result<TicketStatus, DomainError> {
    use TicketStatus::*;
    if current == Closed {
        return Err(DomainError::new("error-ticket-closed"));
    }
    match change {
        // "New" is where tickets start; nobody sets it again. Closing is the scheduler's.
        StatusChange::Agent(New | Closed) => Err(refused()),
        StatusChange::Agent(to) => Ok(to),
        // A comment while the agents wait for the customer, or after solving, returns the ticket
        // to the agents; otherwise it keeps its status.
        StatusChange::CustomerComment => Ok(match current {
            Pending | Solved => Open,
            other => other,
        }),
        StatusChange::CustomerSolve if current == Solved => Err(refused()),
        StatusChange::CustomerSolve => Ok(Solved),
        StatusChange::AutoClose if current == Solved => Ok(Closed),
        StatusChange::AutoClose => Err(refused()),
    }
}

/// The CCs of a new ticket from the ones asked for, in the order asked: each must be a contact of
/// the requester's organisation `org` (one of `found`, the people with the asked ids); the
/// requester and repeats are dropped.
pub fn chosen_ccs(
    requester: crate::UserId,
    org: crate::OrgId,
    asked: &[crate::UserId],
    found: &[crate::User],
) -> Result<Vec<crate::UserId>, DomainError> {
    let mut ccs = vec![];
    for id in asked {
        let colleague = found.iter().any(|u| {
            u.id == *id && matches!(u.kind, crate::UserKind::Contact { org: o, .. } if o == org)
        });
        if !colleague {
            return Err(DomainError::on_field("error-cc-unknown", "ccs"));
        }
        if *id != requester && !ccs.contains(id) {
            ccs.push(*id);
        }
    }
    Ok(ccs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use TicketStatus::*;

    fn person(id: i64, kind: crate::UserKind) -> crate::User {
        crate::User {
            id: crate::UserId(id),
            kind,
            first_name: "Anna".into(),
            last_name: "de Vries".into(),
            gender: None,
            phone: String::new(),
            email: None,
            language: crate::Language::Nl,
            has_password: true,
            failed_sign_ins: 0,
            blocked_at: None,
            created_at: crate::Timestamp(0),
        }
    }

    #[test]
    fn ccs_are_colleagues_once_and_never_the_requester() {
        use crate::{OrgId, PortalRoles, UserId, UserKind};
        let contact = |id, org| {
            let kind = UserKind::Contact {
                org: OrgId(org),
                roles: PortalRoles::BEHEERDER,
            };
            person(id, kind)
        };
        let found = [
            contact(1, 7),
            contact(2, 7),
            contact(3, 8),
            person(4, UserKind::Agent { admin: false }),
        ];
        let asked = [UserId(2), UserId(1), UserId(2)];
        assert_eq!(
            chosen_ccs(UserId(1), OrgId(7), &asked, &found),
            Ok(vec![UserId(2)])
        );
        for stranger in [3, 4, 5] {
            let refused = chosen_ccs(UserId(1), OrgId(7), &[UserId(stranger)], &found);
            assert_eq!(refused.unwrap_err().key, "error-cc-unknown", "{stranger}");
        }
    }

    #[test]
    fn agents_set_any_status_but_new_and_closed() {
        for from in [New, Open, Pending, OnHold, Solved] {
            for to in [Open, Pending, OnHold, Solved] {
                assert_eq!(
                    next_status(from, StatusChange::Agent(to)),
                    Ok(to),
                    "{from:?} -> {to:?}"
                );
            }
            assert!(next_status(from, StatusChange::Agent(New)).is_err());
            assert!(next_status(from, StatusChange::Agent(Closed)).is_err());
        }
    }

    #[test]
    fn a_customer_comment_returns_waiting_and_solved_tickets_to_the_agents() {
        assert_eq!(
            next_status(Pending, StatusChange::CustomerComment),
            Ok(Open)
        );
        assert_eq!(next_status(Solved, StatusChange::CustomerComment), Ok(Open));
        for keep in [New, Open, OnHold] {
            assert_eq!(next_status(keep, StatusChange::CustomerComment), Ok(keep));
        }
    }

    #[test]
    fn a_closed_ticket_never_changes() {
        for change in [
            StatusChange::CustomerComment,
            StatusChange::CustomerSolve,
            StatusChange::AutoClose,
            StatusChange::Agent(Open),
        ] {
            assert_eq!(
                next_status(Closed, change).unwrap_err().key,
                "error-ticket-closed"
            );
        }
    }

    #[test]
    fn customers_solve_and_the_scheduler_closes_only_solved_tickets() {
        for from in [New, Open, Pending, OnHold] {
            assert_eq!(next_status(from, StatusChange::CustomerSolve), Ok(Solved));
            assert!(next_status(from, StatusChange::AutoClose).is_err());
        }
        assert!(next_status(Solved, StatusChange::CustomerSolve).is_err());
        assert_eq!(next_status(Solved, StatusChange::AutoClose), Ok(Closed));
    }

    #[test]
    fn customers_see_on_hold_as_in_progress() {
        assert_eq!(OnHold.customer_label_key(), Open.customer_label_key());
        assert!(Pending.is_unresolved() && !Solved.is_unresolved());
        for s in TicketStatus::ALL {
            assert_eq!(TicketStatus::from_code(s.code()), Some(s));
        }
    }

    #[test]
    fn ticket_numbers_read_as_people_write_them() {
        assert_eq!(TicketNumber::parse("#188189"), Ok(TicketNumber(188_189)));
        assert_eq!(TicketNumber::parse(" 42 "), Ok(TicketNumber(42)));
        for bad in ["", "#", "abc", "-5", "0", "1e3", "99999999999999999999"] {
            assert!(TicketNumber::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(TicketNumber(7).to_string(), "#7");
    }
}
