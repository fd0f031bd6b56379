//! The agent's side of a ticket (D1-D3): the page with the customer's organisation and history,
//! and one update that may reply (publicly or as an internal note), change the status and
//! priority, and assign a group and an agent. Every change is recorded with who and when.

use balie_domain::{
    Actor, DomainError, GroupId, Priority, Ticket, TicketEvent, TicketNumber, TicketStatus, User,
    UserId,
};
use balie_store::{Group, TicketScope};

use super::agent_plan::{Message, plan_agent_update};
use super::{ListFilter, TicketView, text};
use crate::guard::require_agent;
use crate::{App, AppError};

/// What an agent sends from the ticket page: the current values of every field, changed or not.
#[derive(Debug, Clone)]
pub struct AgentUpdate {
    /// Empty for no comment.
    pub body: String,
    /// A public reply (mailed to the customer) or an internal note (never shown to them).
    pub public: bool,
    pub status: TicketStatus,
    pub priority: Priority,
    pub group: Option<GroupId>,
    pub assignee: Option<UserId>,
    pub attachments: Vec<super::Upload>,
}

/// The groups and agents a ticket can be assigned to.
#[derive(Debug, Clone)]
pub struct AssignOptions {
    pub groups: Vec<Group>,
    pub agents: Vec<User>,
    pub memberships: Vec<(GroupId, UserId)>,
}

/// A ticket as an agent sees it.
#[derive(Debug, Clone)]
pub struct AgentTicket {
    pub view: TicketView,
    pub events: Vec<TicketEvent>,
    /// The requester's other recent tickets.
    pub history: Vec<Ticket>,
    pub options: AssignOptions,
}

const HISTORY: i64 = 10;

impl App {
    /// The ticket page of the agent workspace: the whole conversation including internal notes.
    pub async fn agent_ticket(
        &self,
        actor: &Actor,
        number: TicketNumber,
    ) -> Result<AgentTicket, AppError> {
        require_agent(actor)?;
        let mut tx = self.store.read().await?;
        let view = self.visible_ticket(&mut *tx, actor, number).await?;
        let events = tx.ticket_events(view.ticket.id).await?;
        let options = AssignOptions {
            groups: tx.groups().await?,
            agents: tx.agents().await?,
            memberships: tx.group_memberships().await?,
        };
        drop(tx);
        let history = match view.ticket.requester {
            Some(user) => {
                let scope = TicketScope::Requester {
                    user,
                    unresolved: false,
                };
                let mut page = self
                    .ticket_page(scope, &ListFilter::default(), HISTORY + 1)
                    .await?;
                page.tickets.retain(|t| t.id != view.ticket.id);
                page.tickets.truncate(HISTORY as usize);
                page.tickets
            }
            None => vec![],
        };
        Ok(AgentTicket {
            view,
            events,
            history,
            options,
        })
    }

    /// Applies an agent's update in one transaction and mails the customer what concerns them:
    /// solved, waiting for them, or a public reply. Internal notes are never mailed.
    pub async fn update_ticket_as_agent(
        &self,
        actor: &Actor,
        number: TicketNumber,
        update: &AgentUpdate,
    ) -> Result<(), AppError> {
        require_agent(actor)?;
        let agent = actor.user_id();
        let body = update.body.trim();
        let body = if body.is_empty() {
            None
        } else {
            Some(text(body, "body", super::MAX_BODY)?)
        };
        let files = self.keep_uploads(&update.attachments).await?;
        let stored = self
            .store_agent_update(agent, number, update, body, &files)
            .await;
        if stored.is_err() {
            self.discard_uploads(&files).await;
        }
        stored
    }

    async fn store_agent_update(
        &self,
        agent: UserId,
        number: TicketNumber,
        update: &AgentUpdate,
        body: Option<String>,
        files: &[balie_domain::NewAttachment],
    ) -> Result<(), AppError> {
        let now = self.now();
        let mut tx = self.work().await?;
        super::lock_ticket(&mut *tx, number).await?;
        let ticket = tx
            .ticket_by_number(number)
            .await?
            .ok_or(AppError::NotFound)?;
        let message = Message {
            text: body.is_some(),
            files: !files.is_empty(),
        };
        let plan = plan_agent_update(&ticket, update, message)?;
        if let Some(Some(group)) = plan.group
            && !tx.groups().await?.iter().any(|g| g.id == group)
        {
            return Err(DomainError::on_field("error-group-unknown", "group").into());
        }
        // What stays as it was is not checked again: an assignee who since left the group does
        // not block a reply.
        if let (true, Some(assignee)) = (plan.reassigned, update.assignee) {
            if !tx.agents().await?.iter().any(|a| a.id == assignee) {
                return Err(DomainError::on_field("error-assignee-unknown", "assignee").into());
            }
            if let Some(group) = update.group
                && !tx.group_memberships().await?.contains(&(group, assignee))
            {
                return Err(
                    DomainError::on_field("error-assignee-not-in-group", "assignee").into(),
                );
            }
        }
        if plan.comment {
            let text = body.as_deref().unwrap_or_default();
            let comment = tx
                .add_comment(ticket.id, Some(agent), text, update.public, now)
                .await?;
            self.record_attachments(&mut *tx, ticket.id, comment, files)
                .await?;
        }
        if let Some(status) = plan.status {
            tx.set_ticket_status(ticket.id, status, Some(agent), now)
                .await?;
        }
        if let Some(priority) = plan.priority {
            tx.set_ticket_priority(ticket.id, priority, Some(agent), now)
                .await?;
        }
        if let Some(group) = plan.group {
            tx.set_ticket_group(ticket.id, group, Some(agent), now)
                .await?;
        }
        if let Some(assignee) = plan.assignee {
            tx.set_ticket_assignee(ticket.id, assignee, Some(agent), now)
                .await?;
        }
        let reply = body.as_deref().filter(|_| update.public);
        let mail = plan.mail;
        if let Some(kind) = mail {
            let ccs = tx.ccs_of(ticket.id).await?;
            self.queue_ticket_mail(&mut tx, &ticket, &ccs, kind, Some(agent), reply)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
