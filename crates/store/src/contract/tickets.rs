//! The contract of tickets: forms and main categories, tickets with sequential numbers, their
//! conversation, CCs and status. Customer reads name the organisation; another organisation's
//! ticket reads as not found.

use async_trait::async_trait;
use balie_domain::{
    Attachment, AttachmentId, Comment, CommentId, NewAttachment, NewTicket, OrgId, Ticket,
    TicketCategory, TicketForm, TicketId, TicketNumber, TicketStatus, Timestamp, UserId,
};

use crate::StoreError;

#[async_trait]
pub trait TicketTx: Send {
    /// The active ticket forms, in their order, offered ones and the others.
    async fn ticket_forms(&mut self) -> Result<Vec<TicketForm>, StoreError>;
    /// The active main categories, in their order.
    async fn ticket_categories(&mut self) -> Result<Vec<TicketCategory>, StoreError>;
    /// Stores a ticket under the next number (numbers are never handed out twice), with its
    /// description as the requester's first public comment and that comment's files, its
    /// field values, its CCs and a "created" event; returns it as stored, without reading it
    /// back.
    async fn insert_ticket(
        &mut self,
        new: &NewTicket,
        now: Timestamp,
    ) -> Result<Ticket, StoreError>;
    /// A ticket of `org` by its number.
    async fn ticket_in_org(
        &mut self,
        org: OrgId,
        number: TicketNumber,
    ) -> Result<Option<Ticket>, StoreError>;
    /// Any ticket by its number, for agents.
    async fn ticket_by_number(
        &mut self,
        number: TicketNumber,
    ) -> Result<Option<Ticket>, StoreError>;
    /// The conversation, oldest first; internal notes only when asked for.
    async fn comments(
        &mut self,
        ticket: TicketId,
        include_internal: bool,
    ) -> Result<Vec<Comment>, StoreError>;
    /// Adds to the conversation and moves the ticket's last activity.
    async fn add_comment(
        &mut self,
        ticket: TicketId,
        author: Option<UserId>,
        body: &str,
        public: bool,
        now: Timestamp,
    ) -> Result<CommentId, StoreError>;
    /// Sets the status (and when it was solved), records who did it and moves last activity.
    async fn set_ticket_status(
        &mut self,
        ticket: TicketId,
        status: TicketStatus,
        actor: Option<UserId>,
        now: Timestamp,
    ) -> Result<(), StoreError>;
    async fn ccs_of(&mut self, ticket: TicketId) -> Result<Vec<UserId>, StoreError>;
    /// Makes `ccs` the ticket's CCs, records who changed them (the number of CCs after, in the
    /// history) and moves last activity.
    async fn set_ticket_ccs(
        &mut self,
        ticket: TicketId,
        ccs: &[UserId],
        actor: Option<UserId>,
        now: Timestamp,
    ) -> Result<(), StoreError>;
    /// Keeps an attachment of `comment` (a comment of `ticket`).
    async fn insert_attachment(
        &mut self,
        ticket: TicketId,
        comment: CommentId,
        new: &NewAttachment,
        now: Timestamp,
    ) -> Result<AttachmentId, StoreError>;
    /// The attachments of a ticket, oldest first.
    async fn attachments_of(&mut self, ticket: TicketId) -> Result<Vec<Attachment>, StoreError>;
    /// Numbers of tickets solved at or before `before`, oldest first: the ones to close now.
    async fn solved_before(
        &mut self,
        before: Timestamp,
        limit: i64,
    ) -> Result<Vec<TicketNumber>, StoreError>;
}
