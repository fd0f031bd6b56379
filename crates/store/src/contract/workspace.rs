//! The contract of the agent workspace: groups and agents to assign, routing rules, ticket lists
//! with filters and keyset pages, counts for the views, and the changes agents make with the
//! history they leave.

use async_trait::async_trait;
use balie_domain::{
    GroupId, OrgId, Priority, RoutingRule, Ticket, TicketEvent, TicketId, Timestamp, User, UserId,
};

use crate::{Group, StoreError, TicketQuery, TicketScope};

#[async_trait]
pub trait WorkspaceTx: Send {
    /// Every agent group, by name.
    async fn groups(&mut self) -> Result<Vec<Group>, StoreError>;
    /// Every `(group, agent)` membership.
    async fn group_memberships(&mut self) -> Result<Vec<(GroupId, UserId)>, StoreError>;
    /// Every agent, by name.
    async fn agents(&mut self) -> Result<Vec<User>, StoreError>;
    /// Makes `group` the one that handles subscription changes (none when `None`).
    async fn set_billing_group(&mut self, group: Option<GroupId>) -> Result<(), StoreError>;

    /// The routing rules in the order they are tried.
    async fn routing_rules(&mut self) -> Result<Vec<RoutingRule>, StoreError>;
    /// Adds a rule after the others.
    async fn insert_routing_rule(
        &mut self,
        form: Option<balie_domain::FormId>,
        category: Option<balie_domain::CategoryId>,
        group: GroupId,
    ) -> Result<balie_domain::RoutingRuleId, StoreError>;
    /// Whether a rule was there to delete.
    async fn delete_routing_rule(
        &mut self,
        id: balie_domain::RoutingRuleId,
    ) -> Result<bool, StoreError>;

    /// One page of a ticket list, last activity first, using indexes and the cursor (never an
    /// offset).
    async fn list_tickets(&mut self, query: &TicketQuery) -> Result<Vec<Ticket>, StoreError>;
    /// How many tickets a scope holds, counting no further than `cap` (so a large view costs
    /// no more than a small one; the caller shows "1000+").
    async fn count_tickets(&mut self, scope: &TicketScope, cap: i64) -> Result<i64, StoreError>;
    /// As [`count_tickets`](Self::count_tickets) for each of `scopes`, in one statement.
    async fn count_views(
        &mut self,
        scopes: &[TicketScope],
        cap: i64,
    ) -> Result<Vec<i64>, StoreError>;

    /// Sets the priority and records it; last activity moves.
    async fn set_ticket_priority(
        &mut self,
        ticket: TicketId,
        priority: Priority,
        actor: Option<UserId>,
        now: Timestamp,
    ) -> Result<(), StoreError>;
    /// Sets the group and records it; last activity moves.
    async fn set_ticket_group(
        &mut self,
        ticket: TicketId,
        group: Option<GroupId>,
        actor: Option<UserId>,
        now: Timestamp,
    ) -> Result<(), StoreError>;
    /// Sets the assignee and records it; last activity moves.
    async fn set_ticket_assignee(
        &mut self,
        ticket: TicketId,
        assignee: Option<UserId>,
        actor: Option<UserId>,
        now: Timestamp,
    ) -> Result<(), StoreError>;
    /// A ticket's history, oldest first.
    async fn ticket_events(&mut self, ticket: TicketId) -> Result<Vec<TicketEvent>, StoreError>;
    /// The names of these organisations, in one query.
    async fn organisation_names(
        &mut self,
        ids: &[OrgId],
    ) -> Result<Vec<(OrgId, String)>, StoreError>;
    /// The people with these ids, in one query.
    async fn users_by_ids(&mut self, ids: &[UserId]) -> Result<Vec<User>, StoreError>;
    /// The newest messages of these tickets, at most `limit` in all, newest first, as
    /// `(ticket id, body)`: what a search result shows a piece of. Internal notes only when
    /// `include_internal`.
    async fn newest_messages_of(
        &mut self,
        tickets: &[TicketId],
        include_internal: bool,
        limit: i64,
    ) -> Result<Vec<(TicketId, String)>, StoreError>;
}
