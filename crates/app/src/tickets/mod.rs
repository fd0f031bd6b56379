//! Tickets for customers (SPEC C1, C6-C8): submitting one, who may see it, adding to the
//! conversation, marking it solved, and closing solved tickets after the configured days.
//! The pages and the agent workspace build on these use cases.

use balie_domain::{
    Actor, Comment, DomainError, NewTicket, OrgId, StatusChange, Ticket, TicketCategory,
    TicketForm, TicketNumber, TicketStatus, UserId, next_status,
};
use balie_store::Tx;

use crate::{App, AppError};

mod agent;
mod agent_plan;
mod anonymous;
mod attachments;
mod ccs;
mod forms_admin;
mod found;
mod lists;
mod mail;
mod routing;

pub use agent::{AgentTicket, AgentUpdate, AssignOptions};
pub use attachments::{MAX_FILES, Upload};
pub use balie_store::TicketCursor;
pub(crate) use forms_admin::checked;
pub use forms_admin::{FieldInput, FormSettings, TextsInput};
pub use found::Found;
pub use lists::{
    AgentListPage, AgentView, ListFilter, ListedTickets, PAGE_SIZE, StatusFilter, TicketList,
    VIEW_COUNT_CAP,
};
pub use routing::{NewRoutingRule, RoutingSettings};

/// What a contact fills in on a ticket form.
#[derive(Debug, Clone)]
pub struct Submission {
    pub form: balie_domain::FormId,
    /// "Hoofdcategorie", required.
    pub category: Option<balie_domain::CategoryId>,
    pub subject: String,
    pub description: String,
    /// Colleagues of the same organisation to keep informed.
    pub ccs: Vec<UserId>,
    pub attachments: Vec<Upload>,
    /// The form's custom fields as typed: `(field id, value)`.
    pub fields: Vec<(balie_domain::FieldId, String)>,
}

/// A ticket with the part of its conversation the reader may see.
#[derive(Debug, Clone)]
pub struct TicketView {
    pub ticket: Ticket,
    pub comments: Vec<Comment>,
    pub ccs: Vec<UserId>,
    /// Display names of the people on the ticket: requester, assignee, CCs, comment authors.
    pub names: Vec<(UserId, String)>,
    /// Which of them are Customer Support's agents, so their replies can be told apart.
    pub agents: Vec<UserId>,
    pub organisation: Option<String>,
    /// The files of the messages in `comments`.
    pub attachments: Vec<balie_domain::Attachment>,
    /// The custom fields it was submitted with.
    pub fields: Vec<balie_store::FieldValue>,
}

impl TicketView {
    /// Whether `user` answers for Customer Support.
    pub fn is_agent(&self, user: Option<UserId>) -> bool {
        user.is_some_and(|u| self.agents.contains(&u))
    }

    pub fn name_of(&self, user: Option<UserId>) -> String {
        user.and_then(|u| self.names.iter().find(|(id, _)| *id == u))
            .map(|(_, name)| name.clone())
            .unwrap_or_default()
    }
}

const MAX_SUBJECT: usize = 200;
const MAX_BODY: usize = 50_000;

fn text(value: &str, field: &'static str, max: usize) -> Result<String, DomainError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(DomainError::on_field("error-field-required", field));
    }
    if value.chars().count() > max {
        return Err(DomainError::on_field("error-field-too-long", field));
    }
    Ok(value.to_string())
}

/// Whether a contact may see `ticket`: their own, one they are CC'd on, or every ticket of
/// their organisation when their role (or the organisation's B5 switch) allows it.
fn contact_may_see(actor: &Actor, ticket: &Ticket, ccs: &[UserId], shared: bool) -> bool {
    match actor {
        Actor::Agent { .. } => true,
        Actor::Contact { user, org, roles } => {
            ticket.org == Some(*org)
                && (ticket.requester == Some(*user)
                    || ccs.contains(user)
                    || roles.can_see_all_org_tickets(shared))
        }
    }
}

/// Makes changes to one ticket run one after another, so a status read at the start of a change
/// is still the status when it is written (PostgreSQL; SQLite has one writer anyway). Every use
/// case that changes a ticket's status takes this lock first.
pub(crate) async fn lock_ticket(tx: &mut dyn Tx, number: TicketNumber) -> Result<(), AppError> {
    tx.lock_key(&format!("ticket:{}", number.0)).await?;
    Ok(())
}

/// What a submission's checks give: its main category, the group routing chose, and the values
/// of the form's custom fields.
pub(crate) struct Checked {
    pub category: balie_domain::CategoryId,
    pub group: Option<balie_domain::GroupId>,
    pub values: Vec<(balie_domain::FieldId, String)>,
}

/// Checks that the form is one offered, the main category one of the list, and the custom fields
/// filled in as their kinds require; routes the ticket to its group.
pub(crate) async fn checked_submission(
    tx: &mut dyn Tx,
    submission: &Submission,
    lang: balie_domain::Language,
) -> Result<Checked, AppError> {
    if !tx
        .ticket_forms()
        .await?
        .iter()
        .any(|f| f.id == submission.form && f.offered)
    {
        return Err(DomainError::on_field("error-form-unknown", "form").into());
    }
    let categories = tx.ticket_categories().await?;
    let category = submission
        .category
        .filter(|c| categories.iter().any(|k| k.id == *c))
        .ok_or(DomainError::on_field("error-category-required", "category"));
    let values = custom_values(&tx.ticket_fields().await?, submission, lang);
    // Every field that is wrong is told at once, not one per try.
    let (category, values) = match (category, values) {
        (Ok(category), Ok(values)) => (category, values),
        (category, values) => {
            let errors = [category.err(), values.err()].into_iter().flatten();
            return Err(DomainError::all_of(errors).map_or(AppError::NotFound, AppError::Invalid));
        }
    };
    let rules = tx.routing_rules().await?;
    Ok(Checked {
        category,
        group: balie_domain::route(&rules, submission.form, Some(category)),
        values,
    })
}

/// The values to keep for the form's custom fields: each checked by its kind, required ones
/// present; values for fields of other forms are ignored.
fn custom_values(
    fields: &[balie_domain::TicketField],
    submission: &Submission,
    lang: balie_domain::Language,
) -> Result<Vec<(balie_domain::FieldId, String)>, DomainError> {
    let mut values = vec![];
    let mut refused = vec![];
    for field in fields.iter().filter(|f| f.form == submission.form) {
        let raw = submission
            .fields
            .iter()
            .find(|(id, _)| *id == field.id)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default();
        match field.parse(raw, lang) {
            Ok(Some(value)) => values.push((field.id, value)),
            Ok(None) => {}
            Err(e) => refused.push(e),
        }
    }
    match DomainError::all_of(refused) {
        None => Ok(values),
        Some(refused) => Err(refused),
    }
}

fn contact_of(actor: &Actor) -> Result<(UserId, OrgId), AppError> {
    match actor {
        Actor::Contact { user, org, .. } => Ok((*user, *org)),
        Actor::Agent { .. } => Err(AppError::Forbidden(crate::error::Only::Contacts)),
    }
}

impl App {
    /// The forms a customer may choose, as kept (see `kept`): nearly every portal page shows them.
    pub async fn ticket_forms(&self) -> Result<Vec<TicketForm>, AppError> {
        let commits = self.store.commits();
        if let Some(forms) = self.forms.get(&(), commits, self.now()) {
            return Ok(forms);
        }
        let mut tx = self.store.read().await?;
        let forms = tx.ticket_forms().await?;
        self.forms.put((), commits, self.now(), forms.clone());
        Ok(forms)
    }

    /// The active custom fields of every form.
    pub async fn ticket_fields(&self) -> Result<Vec<balie_domain::TicketField>, AppError> {
        let mut tx = self.store.read().await?;
        Ok(tx.ticket_fields().await?)
    }

    /// The main categories of a request, as kept (see `kept`).
    pub async fn ticket_categories(&self) -> Result<Vec<TicketCategory>, AppError> {
        let commits = self.store.commits();
        if let Some(categories) = self.categories.get(&(), commits, self.now()) {
            return Ok(categories);
        }
        let mut tx = self.store.read().await?;
        let categories = tx.ticket_categories().await?;
        self.categories
            .put((), commits, self.now(), categories.clone());
        Ok(categories)
    }

    /// "Een aanvraag indienen" (C1): stores the ticket and mails the confirmation with its number
    /// to the requester and the CCs (C8).
    pub async fn submit_ticket(
        &self,
        actor: &Actor,
        submission: &Submission,
    ) -> Result<Ticket, AppError> {
        let (user, org) = contact_of(actor)?;
        let subject = text(&submission.subject, "subject", MAX_SUBJECT);
        let description = text(&submission.description, "description", MAX_BODY);
        let (subject, description) = match (subject, description) {
            (Ok(subject), Ok(description)) => (subject, description),
            (subject, description) => {
                return Err(self
                    .every_refusal(user, submission, [subject.err(), description.err()])
                    .await);
            }
        };
        let files = self.keep_uploads(&submission.attachments).await?;
        let stored = self
            .store_submission(user, org, submission, (subject, description), &files)
            .await;
        if stored.is_err() {
            self.discard_uploads(&files).await;
        }
        stored
    }

    /// The refusal of a submission whose texts were refused: with what the rest of the form
    /// breaks too (the main category, the form's own fields), so all of it is told at once.
    async fn every_refusal(
        &self,
        user: UserId,
        submission: &Submission,
        texts: [Option<DomainError>; 2],
    ) -> AppError {
        let rest = async {
            let mut tx = self.store.read().await?;
            let lang = tx.user(user).await?.map(|u| u.language).unwrap_or_default();
            Ok::<_, AppError>(checked_submission(&mut *tx, submission, lang).await.err())
        };
        let rest = match rest.await {
            Ok(Some(AppError::Invalid(e))) => Some(e),
            Ok(Some(other)) | Err(other) => return other,
            Ok(None) => None,
        };
        let all = DomainError::all_of(texts.into_iter().flatten().chain(rest));
        all.map_or(AppError::NotFound, AppError::Invalid)
    }

    async fn store_submission(
        &self,
        user: UserId,
        org: OrgId,
        submission: &Submission,
        (subject, description): (String, String),
        files: &[balie_domain::NewAttachment],
    ) -> Result<Ticket, AppError> {
        let mut tx = self.work().await?;
        let requester = tx.user(user).await?.ok_or(AppError::Unauthenticated)?;
        let checked = checked_submission(&mut *tx, submission, requester.language).await?;
        // Only colleagues of the same organisation, never the requester twice: the people
        // asked for are read in one query.
        let asked = tx.users_by_ids(&submission.ccs).await?;
        let ccs = balie_domain::chosen_ccs(user, org, &submission.ccs, &asked)?;
        let new = NewTicket {
            org: Some(org),
            requester: Some(user),
            requester_email: requester.email.clone(),
            form: submission.form,
            category: Some(checked.category),
            subject,
            description,
            ccs: ccs.clone(),
            group: checked.group,
            fields: checked.values,
            attachments: files.to_vec(),
        };
        let ticket = tx.insert_ticket(&new, self.now()).await?;
        self.queue_ticket_mail(
            &mut tx,
            &ticket,
            &ccs,
            TicketMail::Received,
            Some(user),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(ticket)
    }

    /// A ticket as `actor` may see it; anything else reads as not found.
    pub async fn ticket(
        &self,
        actor: &Actor,
        number: TicketNumber,
    ) -> Result<TicketView, AppError> {
        let mut tx = self.store.read().await?;
        self.visible_ticket(&mut *tx, actor, number).await
    }

    async fn visible_ticket(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        number: TicketNumber,
    ) -> Result<TicketView, AppError> {
        let ticket = match actor {
            Actor::Agent { .. } => tx.ticket_by_number(number).await?,
            Actor::Contact { org, .. } => tx.ticket_in_org(*org, number).await?,
        }
        .ok_or(AppError::NotFound)?;
        let ccs = tx.ccs_of(ticket.id).await?;
        let organisation = match ticket.org {
            Some(org) => tx.organisation(org).await?,
            None => None,
        };
        let shared = organisation.as_ref().is_some_and(|o| o.requests_shared);
        if !contact_may_see(actor, &ticket, &ccs, shared) {
            return Err(AppError::NotFound);
        }
        let comments = tx.comments(ticket.id, actor.is_agent()).await?;
        let attachments = tx
            .attachments_of(ticket.id)
            .await?
            .into_iter()
            .filter(|a| comments.iter().any(|c| c.id == a.comment))
            .collect();
        let fields = tx.field_values(ticket.id).await?;
        let mut people: Vec<UserId> = ticket
            .requester
            .into_iter()
            .chain(ticket.assignee)
            .chain(ccs.iter().copied())
            .chain(comments.iter().filter_map(|c| c.author))
            .collect();
        people.sort();
        people.dedup();
        let people = tx.users_by_ids(&people).await?;
        let names = people.iter().map(|p| (p.id, p.display_name())).collect();
        let agents = people
            .iter()
            .filter(|p| p.is_agent())
            .map(|p| p.id)
            .collect();
        let organisation = organisation.map(|o| o.name);
        Ok(TicketView {
            ticket,
            comments,
            ccs,
            names,
            agents,
            organisation,
            attachments,
            fields,
        })
    }

    /// "Toevoegen aan gesprek" by a customer (C7): a ticket waiting for them, or solved, returns
    /// to the agents; a closed one refuses (a follow-up ticket is the way on).
    pub async fn add_customer_comment(
        &self,
        actor: &Actor,
        number: TicketNumber,
        body: &str,
        uploads: &[Upload],
    ) -> Result<(), AppError> {
        let (user, _) = contact_of(actor)?;
        // A file alone is a message too ("zie bijlage"); nothing at all is not.
        let body = if uploads.is_empty() || !body.trim().is_empty() {
            text(body, "body", MAX_BODY)?
        } else {
            String::new()
        };
        let files = self.keep_uploads(uploads).await?;
        let stored = self
            .store_customer_comment(actor, user, number, &body, &files)
            .await;
        if stored.is_err() {
            self.discard_uploads(&files).await;
        }
        stored
    }

    async fn store_customer_comment(
        &self,
        actor: &Actor,
        user: UserId,
        number: TicketNumber,
        body: &str,
        files: &[balie_domain::NewAttachment],
    ) -> Result<(), AppError> {
        let mut tx = self.work().await?;
        lock_ticket(&mut *tx, number).await?;
        let view = self.visible_ticket(&mut *tx, actor, number).await?;
        let next = next_status(view.ticket.status, StatusChange::CustomerComment)?;
        let comment = tx
            .add_comment(view.ticket.id, Some(user), body, true, self.now())
            .await?;
        self.record_attachments(&mut *tx, view.ticket.id, comment, files)
            .await?;
        if next != view.ticket.status {
            tx.set_ticket_status(view.ticket.id, next, Some(user), self.now())
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// "Markeren als opgelost" by a customer (C7).
    pub async fn solve_as_customer(
        &self,
        actor: &Actor,
        number: TicketNumber,
    ) -> Result<(), AppError> {
        let (user, _) = contact_of(actor)?;
        let mut tx = self.work().await?;
        lock_ticket(&mut *tx, number).await?;
        let view = self.visible_ticket(&mut *tx, actor, number).await?;
        let next = next_status(view.ticket.status, StatusChange::CustomerSolve)?;
        tx.set_ticket_status(view.ticket.id, next, Some(user), self.now())
            .await?;
        let ccs = view.ccs.clone();
        self.queue_ticket_mail(
            &mut tx,
            &view.ticket,
            &ccs,
            TicketMail::Solved,
            Some(user),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Colleagues a contact may copy in: the organisation's other contacts with portal access.
    pub async fn cc_candidates(&self, actor: &Actor) -> Result<Vec<balie_domain::User>, AppError> {
        let (user, org) = contact_of(actor)?;
        let mut tx = self.store.read().await?;
        let contacts = tx.contacts_of(org).await?;
        Ok(contacts
            .into_iter()
            .filter(|c| c.id != user && c.email.is_some())
            .collect())
    }

    /// Closes tickets solved at least the configured number of days ago; returns how many.
    pub async fn close_solved_tickets(&self) -> Result<usize, AppError> {
        let before = self
            .now()
            .plus_seconds(-self.config.auto_close_days.max(0) * 86_400);
        let mut closed = 0;
        // A few tickets a transaction: the write lock is held a few milliseconds at a time, and
        // customers and agents waiting to write go first between them.
        while closed < CLOSE_AT_MOST {
            let mut tx = self.work().await?;
            let due = tx.solved_before(before, CLOSE_BATCH).await?;
            let mut closed_now = 0;
            for number in &due {
                // Read again under the ticket's lock: a customer or agent may just have reopened it.
                lock_ticket(&mut *tx, *number).await?;
                let Some(ticket) = tx.ticket_by_number(*number).await? else {
                    continue;
                };
                if next_status(ticket.status, StatusChange::AutoClose).is_ok()
                    && ticket.solved_at.is_some_and(|at| at <= before)
                {
                    tx.set_ticket_status(ticket.id, TicketStatus::Closed, None, self.now())
                        .await?;
                    closed_now += 1;
                }
            }
            tx.commit().await?;
            closed += closed_now;
            if (due.len() as i64) < CLOSE_BATCH || closed_now == 0 {
                break;
            }
        }
        Ok(closed)
    }
}

/// Solved tickets closed in one transaction.
const CLOSE_BATCH: i64 = 25;
/// Solved tickets closed in one housekeeping round; the next round goes on.
const CLOSE_AT_MOST: usize = 20_000;

/// The ticket e-mails of C8 that customers get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketMail {
    Received,
    /// An agent's public reply.
    Reply,
    /// An agent set the ticket to wait for the customer.
    Waiting,
    Solved,
}

#[cfg(test)]
mod tests {
    use super::*;
    use balie_domain::{PortalRoles, Priority, Timestamp};

    fn ticket(org: i64, requester: i64) -> Ticket {
        Ticket {
            id: balie_domain::TicketId(1),
            number: TicketNumber(1),
            org: Some(OrgId(org)),
            requester: Some(UserId(requester)),
            requester_email: None,
            form: balie_domain::FormId(1),
            category: Some(balie_domain::CategoryId(1)),
            subject: "x".into(),
            status: TicketStatus::New,
            priority: Priority::Normal,
            group: None,
            assignee: None,
            created_at: Timestamp(0),
            updated_at: Timestamp(0),
            solved_at: None,
        }
    }

    fn contact(user: i64, org: i64, roles: PortalRoles) -> Actor {
        Actor::Contact {
            user: UserId(user),
            org: OrgId(org),
            roles,
        }
    }

    #[test]
    fn a_medewerker_sees_own_and_cc_tickets_and_the_rest_only_when_shared() {
        let medewerker = PortalRoles::new(false, true, false).unwrap();
        let t = ticket(1, 10);
        assert!(contact_may_see(&contact(10, 1, medewerker), &t, &[], false));
        assert!(contact_may_see(
            &contact(11, 1, medewerker),
            &t,
            &[UserId(11)],
            false
        ));
        assert!(!contact_may_see(
            &contact(11, 1, medewerker),
            &t,
            &[],
            false
        ));
        assert!(
            contact_may_see(&contact(11, 1, medewerker), &t, &[], true),
            "B5"
        );
    }

    #[test]
    fn beheerder_and_medewerker_plus_see_the_organisations_tickets_but_never_anothers() {
        let plus = PortalRoles::new(false, true, true).unwrap();
        let t = ticket(1, 10);
        assert!(contact_may_see(&contact(12, 1, plus), &t, &[], false));
        assert!(contact_may_see(
            &contact(13, 1, PortalRoles::BEHEERDER),
            &t,
            &[],
            false
        ));
        assert!(!contact_may_see(
            &contact(14, 2, PortalRoles::BEHEERDER),
            &t,
            &[UserId(14)],
            true
        ));
    }
}
