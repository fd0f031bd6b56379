//! What an agent's update of a ticket changes, decided from the ticket as it is and nothing
//! else: which fields move, the status it goes to, whether there is anything to do at all and
//! which mail the customer gets. The use case checks what needs the store (that a group or an
//! agent exists) and then carries the plan out.

use balie_domain::{
    DomainError, GroupId, Priority, StatusChange, Ticket, TicketStatus, UserId, next_status,
};

use super::TicketMail;
use super::agent::AgentUpdate;

/// What comes with the update besides the fields: a message and files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Message {
    pub text: bool,
    pub files: bool,
}

/// The changes of one update; `None` where a field stays as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AgentPlan {
    pub status: Option<TicketStatus>,
    pub priority: Option<Priority>,
    pub group: Option<Option<GroupId>>,
    pub assignee: Option<Option<UserId>>,
    /// A group or an assignee changes, so whoever is assigned is checked against the group.
    pub reassigned: bool,
    /// The message (text, files or both) to add to the conversation.
    pub comment: bool,
    pub mail: Option<TicketMail>,
}

/// The plan of `update` on `ticket`, or why it is refused: a closed ticket takes no update, a
/// status the ticket cannot go to is refused, and an update that changes nothing is one too.
pub(crate) fn plan_agent_update(
    ticket: &Ticket,
    update: &AgentUpdate,
    message: Message,
) -> Result<AgentPlan, DomainError> {
    if ticket.status == TicketStatus::Closed {
        return Err(DomainError::new("error-agent-ticket-closed"));
    }
    // "New" is never chosen, only kept: the form offers "Open" for a new ticket, so an agent
    // who touches one starts working on it.
    let wanted = match update.status {
        TicketStatus::New => ticket.status,
        other => other,
    };
    let status = if wanted == ticket.status {
        None
    } else {
        Some(next_status(ticket.status, StatusChange::Agent(wanted))?)
    };
    let changed = |moved: bool| moved.then_some(());
    let priority = changed(update.priority != ticket.priority).map(|()| update.priority);
    let group = changed(update.group != ticket.group).map(|()| update.group);
    let assignee = changed(update.assignee != ticket.assignee).map(|()| update.assignee);
    let comment = message.text || message.files;
    if !comment && status.is_none() && priority.is_none() && group.is_none() && assignee.is_none() {
        return Err(DomainError::new("error-nothing-changed"));
    }
    let reaches_customer = update.public && comment;
    let mail = match status {
        Some(TicketStatus::Solved) => Some(TicketMail::Solved),
        // Waiting for the customer is worth a mail only with the question in it.
        Some(TicketStatus::Pending) if reaches_customer => Some(TicketMail::Waiting),
        _ if reaches_customer => Some(TicketMail::Reply),
        _ => None,
    };
    Ok(AgentPlan {
        status,
        priority,
        reassigned: group.is_some() || assignee.is_some(),
        group,
        assignee,
        comment,
        mail,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use balie_domain::{FormId, OrgId, TicketId, TicketNumber, Timestamp};

    fn ticket(status: TicketStatus) -> Ticket {
        Ticket {
            id: TicketId(1),
            number: TicketNumber(1),
            org: Some(OrgId(1)),
            requester: Some(UserId(2)),
            requester_email: Some(balie_domain::EmailAddress::parse("anna@delinde.nl").unwrap()),
            form: FormId(1),
            category: None,
            subject: "Agenda laadt niet".into(),
            status,
            priority: Priority::Normal,
            group: Some(GroupId(1)),
            assignee: None,
            created_at: Timestamp(0),
            updated_at: Timestamp(0),
            solved_at: None,
        }
    }

    fn update(t: &Ticket) -> AgentUpdate {
        AgentUpdate {
            body: String::new(),
            public: true,
            status: t.status,
            priority: t.priority,
            group: t.group,
            assignee: t.assignee,
            attachments: vec![],
        }
    }

    const NOTHING: Message = Message {
        text: false,
        files: false,
    };
    const TEXT: Message = Message {
        text: true,
        files: false,
    };

    #[test]
    fn an_update_that_changes_nothing_or_a_closed_ticket_is_refused() {
        let open = ticket(TicketStatus::Open);
        let refused = plan_agent_update(&open, &update(&open), NOTHING).unwrap_err();
        assert_eq!(refused.key, "error-nothing-changed");
        let closed = ticket(TicketStatus::Closed);
        let refused = plan_agent_update(&closed, &update(&closed), TEXT).unwrap_err();
        assert_eq!(refused.key, "error-agent-ticket-closed");
    }

    #[test]
    fn new_is_kept_and_only_what_moved_is_planned() {
        let new = ticket(TicketStatus::New);
        let mut u = update(&new);
        u.priority = Priority::High;
        let plan = plan_agent_update(&new, &u, NOTHING).unwrap();
        assert_eq!(plan.status, None, "New is kept, never chosen");
        assert_eq!(plan.priority, Some(Priority::High));
        assert_eq!(
            (plan.group, plan.assignee, plan.reassigned),
            (None, None, false)
        );
        assert_eq!((plan.comment, plan.mail), (false, None));
        u.assignee = Some(UserId(9));
        let plan = plan_agent_update(&new, &u, NOTHING).unwrap();
        assert_eq!(
            (plan.assignee, plan.reassigned),
            (Some(Some(UserId(9))), true)
        );
    }

    #[test]
    fn the_customer_hears_of_a_public_message_and_of_solving() {
        let open = ticket(TicketStatus::Open);
        let mut u = update(&open);
        let mail = |u: &AgentUpdate, m| plan_agent_update(&open, u, m).unwrap().mail;
        assert_eq!(mail(&u, TEXT), Some(TicketMail::Reply));
        u.public = false;
        assert_eq!(mail(&u, TEXT), None, "an internal note is not mailed");
        u.status = TicketStatus::Pending;
        assert_eq!(
            mail(&u, NOTHING),
            None,
            "waiting without a question is not mailed"
        );
        u.public = true;
        assert_eq!(mail(&u, TEXT), Some(TicketMail::Waiting));
        u.status = TicketStatus::Solved;
        assert_eq!(mail(&u, NOTHING), Some(TicketMail::Solved));
    }
}
