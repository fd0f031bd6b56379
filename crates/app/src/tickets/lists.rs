//! The ticket lists: the customer's (C5) and the agent's views (D1), each searchable by text or
//! number, filtered by status and paged by last activity with a cursor.

use balie_domain::{Actor, GroupId, OrgId, Ticket, TicketStatus, UserId};
use balie_store::{TicketCursor, TicketQuery, TicketScope};

use super::found::{Found, MESSAGES_READ, found};
use crate::error::Only;
use crate::{App, AppError};

/// Views count up to this many; above it they read "1000+".
pub const VIEW_COUNT_CAP: i64 = 1_000;

/// Tickets on one page of a list.
pub const PAGE_SIZE: i64 = 25;

/// The customer's ticket lists (C5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketList {
    /// "Mijn aanvragen".
    Mine,
    /// "Openstaande aanvragen": own, not solved or closed.
    Unresolved,
    /// "Alle aanvragen" of the organisation, for those whose role or B5 allows it.
    All,
    /// "Aanvragen waarbij ik in de CC sta".
    Cc,
}

impl TicketList {
    pub fn code(self) -> &'static str {
        match self {
            TicketList::Mine => "mine",
            TicketList::Unresolved => "open",
            TicketList::All => "all",
            TicketList::Cc => "cc",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            TicketList::Mine,
            TicketList::Unresolved,
            TicketList::All,
            TicketList::Cc,
        ]
        .into_iter()
        .find(|l| l.code() == code)
    }

    /// The tickets the list holds for contact `user` of `org`.
    fn scope(self, user: UserId, org: OrgId) -> TicketScope {
        match self {
            TicketList::Mine => TicketScope::Requester {
                user,
                unresolved: false,
            },
            TicketList::Unresolved => TicketScope::Requester {
                user,
                unresolved: true,
            },
            TicketList::All => TicketScope::Org(org),
            TicketList::Cc => TicketScope::Cc { org, user },
        }
    }
}

/// The agent's views (D1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentView {
    /// New or open, nobody assigned, in one of the agent's groups or in none.
    Unassigned,
    /// Assigned to the agent and not solved.
    Mine,
    /// Waiting for the customer.
    Waiting,
    /// Everything not solved or closed.
    Open,
    /// Solved and not yet closed.
    Solved,
    /// Every ticket, for searching.
    All,
}

impl AgentView {
    /// The views that show a count, in the order of the workspace's menu.
    pub const COUNTED: [AgentView; 5] = [
        AgentView::Unassigned,
        AgentView::Mine,
        AgentView::Waiting,
        AgentView::Open,
        AgentView::Solved,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AgentView::Unassigned => "unassigned",
            AgentView::Mine => "mine",
            AgentView::Waiting => "waiting",
            AgentView::Open => "open",
            AgentView::Solved => "solved",
            AgentView::All => "all",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        AgentView::COUNTED
            .into_iter()
            .chain([AgentView::All])
            .find(|v| v.code() == code)
    }

    fn scope(self, agent: balie_domain::UserId, groups: Vec<GroupId>) -> TicketScope {
        use TicketStatus::*;
        match self {
            AgentView::Unassigned => TicketScope::Unassigned { groups },
            AgentView::Mine => TicketScope::AssignedTo(agent),
            AgentView::Waiting => TicketScope::Statuses(vec![Pending]),
            AgentView::Open => TicketScope::Statuses(vec![New, Open, Pending, OnHold]),
            AgentView::Solved => TicketScope::Statuses(vec![Solved]),
            AgentView::All => TicketScope::All,
        }
    }
}

/// The status filter of a list, as customers read statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    /// New, open or on hold: with the agents.
    InProgress,
    /// Waiting for the customer.
    Waiting,
    Solved,
    Closed,
}

impl StatusFilter {
    pub const ALL: [StatusFilter; 4] = [
        StatusFilter::InProgress,
        StatusFilter::Waiting,
        StatusFilter::Solved,
        StatusFilter::Closed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            StatusFilter::InProgress => "open",
            StatusFilter::Waiting => "pending",
            StatusFilter::Solved => "solved",
            StatusFilter::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        StatusFilter::ALL.into_iter().find(|f| f.code() == code)
    }

    pub fn statuses(self) -> Vec<TicketStatus> {
        use TicketStatus::*;
        match self {
            StatusFilter::InProgress => vec![New, Open, OnHold],
            StatusFilter::Waiting => vec![Pending],
            StatusFilter::Solved => vec![Solved],
            StatusFilter::Closed => vec![Closed],
        }
    }
}

/// What narrows a list: words or a number, a status, and where the page starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    pub text: String,
    pub status: Option<StatusFilter>,
    pub after: Option<TicketCursor>,
    /// Least recent activity first ("Laatste activiteit ▲").
    pub oldest_first: bool,
}

/// One page of a list and where the next one starts, if there is one; for a search by words,
/// what it found in each ticket.
#[derive(Debug, Clone)]
pub struct ListedTickets {
    pub tickets: Vec<Ticket>,
    pub next: Option<TicketCursor>,
    pub found: Vec<Found>,
    /// The names of the requesters on a customer's list ("Aanvrager").
    pub requesters: Vec<(UserId, String)>,
}

impl ListedTickets {
    /// The name of `ticket`'s requester, when the list knows it.
    pub fn requester(&self, ticket: &Ticket) -> String {
        let id = ticket.requester;
        id.and_then(|id| self.requesters.iter().find(|(u, _)| *u == id))
            .map(|(_, name)| name.clone())
            .unwrap_or_default()
    }

    /// What the search found in `ticket`, when the list was searched by words.
    pub fn found(&self, ticket: balie_domain::TicketId) -> Option<&Found> {
        self.found.iter().find(|f| f.ticket == ticket)
    }
}

/// A page of an agent's view with the names its rows show.
#[derive(Debug, Clone)]
pub struct AgentListPage {
    pub page: ListedTickets,
    pub people: Vec<(UserId, String)>,
    pub orgs: Vec<(OrgId, String)>,
}

impl AgentListPage {
    pub fn person(&self, id: Option<UserId>) -> String {
        id.and_then(|id| self.people.iter().find(|(p, _)| *p == id))
            .map(|(_, name)| name.clone())
            .unwrap_or_default()
    }

    pub fn organisation(&self, id: Option<OrgId>) -> String {
        id.and_then(|id| self.orgs.iter().find(|(o, _)| *o == id))
            .map(|(_, name)| name.clone())
            .unwrap_or_default()
    }
}

const MAX_SEARCH: usize = 200;

impl App {
    /// Whether `actor` may open "Alle aanvragen" of their organisation (B4, B5).
    pub async fn may_see_all_tickets(&self, actor: &Actor) -> Result<bool, AppError> {
        let Actor::Contact { org, roles, .. } = actor else {
            return Ok(false);
        };
        let mut tx = self.store.read().await?;
        let shared = tx
            .organisation(*org)
            .await?
            .is_some_and(|o| o.requests_shared);
        Ok(roles.can_see_all_org_tickets(shared))
    }

    /// Whether `actor` follows their organisation's requests ("Volgen").
    pub async fn follows_requests(&self, actor: &Actor) -> Result<bool, AppError> {
        let Actor::Contact { user, org, .. } = *actor else {
            return Ok(false);
        };
        let mut tx = self.store.read().await?;
        Ok(tx.request_followers(org).await?.contains(&user))
    }

    /// "Volgen" (on) or stop following (off) the organisation's requests: an e-mail of every
    /// update of every ticket. Only for those who may see all of them.
    pub async fn set_following_requests(&self, actor: &Actor, on: bool) -> Result<(), AppError> {
        let Actor::Contact { user, org, .. } = *actor else {
            return Err(AppError::Forbidden(Only::Contacts));
        };
        if on && !self.may_see_all_tickets(actor).await? {
            return Err(AppError::Forbidden(Only::AllRequests));
        }
        let mut tx = self.work().await?;
        tx.set_following_requests(org, user, on, self.now()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// One page of a customer's list (C5), last activity first.
    pub async fn ticket_list(
        &self,
        actor: &Actor,
        list: TicketList,
        filter: &ListFilter,
    ) -> Result<ListedTickets, AppError> {
        let Actor::Contact { user, org, .. } = *actor else {
            return Err(AppError::Forbidden(Only::Contacts));
        };
        if list == TicketList::All && !self.may_see_all_tickets(actor).await? {
            return Err(AppError::Forbidden(Only::AllRequests));
        }
        let mut page = self
            .ticket_page(list.scope(user, org), filter, PAGE_SIZE)
            .await?;
        let mut requesters: Vec<UserId> = page.tickets.iter().filter_map(|t| t.requester).collect();
        requesters.sort();
        requesters.dedup();
        let mut tx = self.store.read().await?;
        page.requesters = tx
            .users_by_ids(&requesters)
            .await?
            .iter()
            .map(|u| (u.id, u.display_name()))
            .collect();
        Ok(page)
    }

    /// The lists `actor` may open with how many requests each holds, counted up to
    /// [`VIEW_COUNT_CAP`] as the agents' views are.
    pub async fn customer_list_counts(
        &self,
        actor: &Actor,
    ) -> Result<Vec<(TicketList, i64)>, AppError> {
        let Actor::Contact { user, org, .. } = *actor else {
            return Err(AppError::Forbidden(Only::Contacts));
        };
        let mut lists = vec![TicketList::Mine, TicketList::Unresolved];
        if self.may_see_all_tickets(actor).await? {
            lists.push(TicketList::All);
        }
        lists.push(TicketList::Cc);
        let scopes: Vec<TicketScope> = lists.iter().map(|l| l.scope(user, org)).collect();
        let mut tx = self.store.read().await?;
        let counts = tx.count_views(&scopes, VIEW_COUNT_CAP + 1).await?;
        Ok(lists.into_iter().zip(counts).collect())
    }

    /// The agent's views with how many tickets each holds (D1).
    pub async fn agent_view_counts(
        &self,
        actor: &Actor,
    ) -> Result<Vec<(AgentView, i64)>, AppError> {
        let Actor::Agent { user, .. } = *actor else {
            return Err(AppError::Forbidden(Only::Agents));
        };
        // Read before the counts, so that a change committed meanwhile is never hidden.
        let commits = self.store.commits();
        let mut tx = self.store.read().await?;
        let groups: Vec<GroupId> = tx.groups_of(user).await?.iter().map(|g| g.id).collect();
        let viewer = (user, groups);
        let counts = match self.view_counts.get(&viewer, commits, self.now()) {
            Some(counts) => counts,
            None => {
                let scopes: Vec<TicketScope> = AgentView::COUNTED
                    .iter()
                    .map(|view| view.scope(user, viewer.1.clone()))
                    .collect();
                let counts = tx.count_views(&scopes, VIEW_COUNT_CAP + 1).await?;
                self.view_counts
                    .put(viewer, commits, self.now(), counts.clone());
                counts
            }
        };
        Ok(AgentView::COUNTED.into_iter().zip(counts).collect())
    }

    /// One page of an agent's view, last activity first, with the names of the requesters,
    /// assignees and organisations on it.
    pub async fn agent_ticket_list(
        &self,
        actor: &Actor,
        view: AgentView,
        filter: &ListFilter,
    ) -> Result<AgentListPage, AppError> {
        let Actor::Agent { user, .. } = *actor else {
            return Err(AppError::Forbidden(Only::Agents));
        };
        let groups = if view == AgentView::Unassigned {
            let mut tx = self.store.read().await?;
            tx.groups_of(user).await?.iter().map(|g| g.id).collect()
        } else {
            vec![]
        };
        let page = self
            .ticket_page(view.scope(user, groups), filter, PAGE_SIZE)
            .await?;
        let mut people: Vec<UserId> = page
            .tickets
            .iter()
            .flat_map(|t| t.requester.into_iter().chain(t.assignee))
            .collect();
        people.sort();
        people.dedup();
        let mut orgs: Vec<OrgId> = page.tickets.iter().filter_map(|t| t.org).collect();
        orgs.sort();
        orgs.dedup();
        let mut tx = self.store.read().await?;
        let people = tx
            .users_by_ids(&people)
            .await?
            .iter()
            .map(|u| (u.id, u.display_name()))
            .collect();
        let orgs = tx.organisation_names(&orgs).await?;
        Ok(AgentListPage { page, people, orgs })
    }

    /// How many tickets the portal holds, for reports.
    pub async fn count_all_tickets(&self) -> Result<i64, AppError> {
        let mut tx = self.store.read().await?;
        Ok(tx.count_tickets(&TicketScope::All, i64::MAX).await?)
    }

    pub(crate) async fn ticket_page(
        &self,
        scope: TicketScope,
        filter: &ListFilter,
        size: i64,
    ) -> Result<ListedTickets, AppError> {
        // A search longer than any subject cannot match; cutting it keeps the query small.
        let text: String = filter.text.trim().chars().take(MAX_SEARCH).collect();
        let query = TicketQuery {
            scope,
            statuses: filter.status.map(|s| s.statuses()).unwrap_or_default(),
            text,
            after: filter.after,
            oldest_first: filter.oldest_first,
            // One more than shown tells whether a next page exists.
            limit: size + 1,
        };
        let mut tx = self.store.read().await?;
        let mut tickets = tx.list_tickets(&query).await?;
        let next = if tickets.len() as i64 > size {
            tickets.truncate(size as usize);
            tickets.last().map(|t| TicketCursor {
                updated_at: t.updated_at,
                id: t.id,
            })
        } else {
            None
        };
        let words =
            !query.text.is_empty() && balie_domain::TicketNumber::parse(query.text.trim()).is_err();
        let found = if words && !tickets.is_empty() {
            // Customers never see a piece of an internal note.
            let internal = !matches!(
                query.scope,
                TicketScope::Requester { .. } | TicketScope::Org(_) | TicketScope::Cc { .. }
            );
            let ids: Vec<_> = tickets.iter().map(|t| t.id).collect();
            let messages = tx.newest_messages_of(&ids, internal, MESSAGES_READ).await?;
            found(&query.text, &tickets, &messages)
        } else {
            vec![]
        };
        Ok(ListedTickets {
            tickets,
            next,
            found,
            requesters: vec![],
        })
    }
}
