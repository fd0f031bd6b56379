//! Portable SQL of the agent workspace: groups, routing rules, ticket lists and the changes
//! agents make.

use balie_domain as d;

use super::exec::{Arg, Row, args};
use super::people::user_from_row;
use super::tickets::{TICKET_COLUMNS, ticket_from_row};
use super::{SqlTx, USER_COLUMNS, WordSearch};
use crate::contract::WorkspaceTx;
use crate::{Group, StoreError, TicketQuery, TicketScope};

/// A status list as SQL literals: the codes are fixed words of the domain, never user input.
fn status_list(statuses: &[balie_domain::TicketStatus]) -> String {
    statuses
        .iter()
        .map(|s| format!("'{}'", s.code()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `FROM ... WHERE ...` of a list and the values it binds. Everything a user typed is bound;
/// only status codes and group ids (numbers) are written into the text.
pub(crate) fn ticket_list_from(
    query: &TicketQuery,
    with_cursor: bool,
    words: &WordSearch,
) -> (String, Vec<Arg>) {
    use balie_domain::TicketStatus::{New, Open};
    let mut binds = vec![];
    let next = |b: Arg, binds: &mut Vec<Arg>| {
        binds.push(b);
        format!("${}", binds.len())
    };
    let mut from = String::from("FROM tickets t");
    if let Some(index) = (words.list_index)(query) {
        from.push_str(" INDEXED BY ");
        from.push_str(index);
    }
    let mut conds: Vec<String> = vec![];
    const UNRESOLVED: &str = "t.status NOT IN ('solved', 'closed')";
    match &query.scope {
        TicketScope::Requester { user, unresolved } => {
            conds.push(format!(
                "t.requester_id = {}",
                next(Arg::Int(user.0), &mut binds)
            ));
            if *unresolved {
                conds.push(UNRESOLVED.into());
            }
        }
        TicketScope::Org(org) => {
            conds.push(format!("t.org_id = {}", next(Arg::Int(org.0), &mut binds)));
        }
        TicketScope::Cc { org, user } => {
            from.push_str(" JOIN ticket_ccs c ON c.ticket_id = t.id");
            conds.push(format!("t.org_id = {}", next(Arg::Int(org.0), &mut binds)));
            conds.push(format!(
                "c.user_id = {}",
                next(Arg::Int(user.0), &mut binds)
            ));
        }
        TicketScope::Unassigned { groups } => {
            conds.push("t.assignee_id IS NULL".into());
            conds.push(format!("t.status IN ({})", status_list(&[New, Open])));
            let ids: Vec<String> = groups.iter().map(|g| g.0.to_string()).collect();
            conds.push(if ids.is_empty() {
                "t.group_id IS NULL".into()
            } else {
                format!("(t.group_id IS NULL OR t.group_id IN ({}))", ids.join(", "))
            });
        }
        TicketScope::AssignedTo(agent) => {
            conds.push(format!(
                "t.assignee_id = {}",
                next(Arg::Int(agent.0), &mut binds)
            ));
            conds.push(UNRESOLVED.into());
        }
        TicketScope::Statuses(statuses) if statuses.is_empty() => conds.push("1 = 0".into()),
        TicketScope::Statuses(statuses) => {
            conds.push(format!("t.status IN ({})", status_list(statuses)));
        }
        TicketScope::All => {}
    }
    if !query.statuses.is_empty() {
        conds.push(format!("t.status IN ({})", status_list(&query.statuses)));
    }
    if let Some(words) = super::search::text_condition(query, words, &mut binds) {
        conds.push(words);
    }
    if let (true, Some(after)) = (with_cursor, query.after) {
        let at = next(Arg::Int(after.updated_at.0), &mut binds);
        let id = next(Arg::Int(after.id.0), &mut binds);
        let past = if query.oldest_first { '>' } else { '<' };
        conds.push(format!(
            "(t.updated_at {past} {at} OR (t.updated_at = {at} AND t.id {past} {id}))"
        ));
    }
    if !conds.is_empty() {
        from.push_str(" WHERE ");
        from.push_str(&conds.join(" AND "));
    }
    (from, binds)
}

/// The history of ticket `$1`, oldest first.
pub(crate) const EVENTS_OF: &str = "SELECT actor_id, kind, detail, created_at FROM ticket_events
     WHERE ticket_id = $1 ORDER BY id";

/// Every agent, by name: read from the small index of agents, not from every contact person.
pub(crate) fn agents_select() -> String {
    format!(
        "SELECT {} FROM users u WHERE u.kind = 'agent'
         ORDER BY LOWER(u.first_name), LOWER(u.last_name), u.id",
        USER_COLUMNS
    )
}

/// A page of a list, last activity first, or least recent first: the same index read the
/// other way.
pub(crate) fn list_select(query: &TicketQuery, words: &WordSearch) -> (String, Vec<Arg>) {
    let (from, mut binds) = ticket_list_from(query, true, words);
    binds.push(Arg::Int(query.limit.max(0)));
    let order = if query.oldest_first { "ASC" } else { "DESC" };
    let sql = format!(
        "SELECT {} {from} ORDER BY t.updated_at {order}, t.id {order} LIMIT ${}",
        TICKET_COLUMNS,
        binds.len()
    );
    (sql, binds)
}

/// How many tickets a view holds, up to `cap`. Counting newest first, as the list reads, walks
/// the view's index by activity: a view's tickets are mostly recent, so the cap is reached
/// after a few rows instead of after every old ticket that shares the view's first column.
pub(crate) fn count_select(
    scope: &TicketScope,
    cap: i64,
    words: &WordSearch,
) -> (String, Vec<Arg>) {
    let query = TicketQuery::new(scope.clone(), 0);
    let (from, binds) = ticket_list_from(&query, false, words);
    // The cap is the program's own number, written into the text: with a bound limit
    // PostgreSQL planned the five counts anew on every page (0.8 ms) instead of keeping a plan.
    let sql = format!(
        "SELECT COUNT(*) FROM (SELECT 1 {from} ORDER BY t.updated_at DESC, t.id DESC LIMIT {}) capped",
        cap.max(0)
    );
    (sql, binds)
}

/// The counts of several views in one statement, one column each: an agent's page shows five,
/// and one round trip costs the database less than five.
pub(crate) fn counts_select(
    scopes: &[TicketScope],
    cap: i64,
    words: &WordSearch,
) -> (String, Vec<Arg>) {
    let mut binds = vec![];
    let mut columns = vec![];
    for scope in scopes {
        let (sql, own) = count_select(scope, cap, words);
        columns.push(format!("({})", renumber(&sql, binds.len())));
        binds.extend(own);
    }
    (format!("SELECT {}", columns.join(", ")), binds)
}

/// `sql` with each placeholder `$n` moved up by `by`. The statements built here write a `$`
/// only in placeholders: every text they compare is bound.
fn renumber(sql: &str, by: usize) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c != '$' {
            continue;
        }
        let mut digits = String::new();
        while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
            digits.push(*d);
            chars.next();
        }
        match digits.parse::<usize>() {
            Ok(n) => out.push_str(&(n + by).to_string()),
            Err(_) => out.push_str(&digits),
        }
    }
    out
}

pub(crate) fn group_from_row(row: &Row) -> Result<Group, StoreError> {
    Ok(Group {
        id: row.get(0)?,
        name: row.get(1)?,
        handles_billing: row.get(2)?,
    })
}

#[async_trait::async_trait]
impl WorkspaceTx for SqlTx {
    async fn groups(&mut self) -> Result<Vec<Group>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT id, name, handles_billing FROM agent_groups ORDER BY name, id",
                vec![],
            )
            .await?;
        rows.iter().map(group_from_row).collect()
    }

    async fn group_memberships(&mut self) -> Result<Vec<(d::GroupId, d::UserId)>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT group_id, user_id FROM agent_group_members ORDER BY group_id, user_id",
                vec![],
            )
            .await?;
        rows.iter()
            .map(|row| Ok((row.get(0)?, row.get(1)?)))
            .collect()
    }

    async fn agents(&mut self) -> Result<Vec<d::User>, StoreError> {
        let sql = agents_select();
        let rows = self.fetch_all(&sql, vec![]).await?;
        rows.iter().map(user_from_row).collect()
    }

    async fn set_billing_group(&mut self, group: Option<d::GroupId>) -> Result<(), StoreError> {
        self.execute(
            "UPDATE agent_groups SET handles_billing = $1 WHERE handles_billing = $2",
            args![false, true],
        )
        .await?;
        if let Some(group) = group {
            self.execute(
                "UPDATE agent_groups SET handles_billing = $1 WHERE id = $2",
                args![true, group],
            )
            .await?;
        }
        Ok(())
    }

    async fn routing_rules(&mut self) -> Result<Vec<d::RoutingRule>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT id, form_id, category_id, group_id FROM routing_rules ORDER BY position, id",
                vec![],
            )
            .await?;
        rows.iter()
            .map(|row| {
                Ok(d::RoutingRule {
                    id: row.get(0)?,
                    form: row.get(1)?,
                    category: row.get(2)?,
                    group: row.get(3)?,
                })
            })
            .collect()
    }

    async fn insert_routing_rule(
        &mut self,
        form: Option<d::FormId>,
        category: Option<d::CategoryId>,
        group: d::GroupId,
    ) -> Result<balie_domain::RoutingRuleId, StoreError> {
        self.scalar(
            "INSERT INTO routing_rules (form_id, category_id, group_id, position)
                     VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position), 0) + 1 FROM routing_rules))
                     RETURNING id",
            args![form, category, group],
        )
        .await
    }

    async fn delete_routing_rule(
        &mut self,
        id: balie_domain::RoutingRuleId,
    ) -> Result<bool, StoreError> {
        let done = self
            .execute("DELETE FROM routing_rules WHERE id = $1", args![id])
            .await?;
        Ok(done == 1)
    }

    async fn list_tickets(&mut self, query: &TicketQuery) -> Result<Vec<d::Ticket>, StoreError> {
        let dialect = self.dialect;
        let (sql, binds) = list_select(query, &dialect.words);
        if let Some(before) = dialect.words.before_search
            && !query.text.trim().is_empty()
        {
            self.execute(before, vec![]).await?;
        }
        let rows = self.fetch_all(&sql, binds).await?;
        rows.iter().map(ticket_from_row).collect()
    }

    async fn count_tickets(&mut self, scope: &TicketScope, cap: i64) -> Result<i64, StoreError> {
        let dialect = self.dialect;
        let (sql, binds) = count_select(scope, cap, &dialect.words);
        self.scalar(&sql, binds).await
    }

    async fn count_views(
        &mut self,
        scopes: &[TicketScope],
        cap: i64,
    ) -> Result<Vec<i64>, StoreError> {
        if scopes.is_empty() {
            return Ok(vec![]);
        }
        let dialect = self.dialect;
        let (sql, binds) = counts_select(scopes, cap, &dialect.words);
        let row = self.fetch_one(&sql, binds).await?;
        (0..scopes.len()).map(|i| row.get(i)).collect()
    }

    async fn set_ticket_priority(
        &mut self,
        ticket: d::TicketId,
        priority: d::Priority,
        actor: Option<d::UserId>,
        now: d::Timestamp,
    ) -> Result<(), StoreError> {
        self.execute(
            "UPDATE tickets SET priority = $2, updated_at = $3 WHERE id = $1",
            args![ticket, priority.code(), now],
        )
        .await?;
        self.ticket_event(ticket, actor, "priority", priority.code(), now)
            .await
    }

    async fn set_ticket_group(
        &mut self,
        ticket: d::TicketId,
        group: Option<d::GroupId>,
        actor: Option<d::UserId>,
        now: d::Timestamp,
    ) -> Result<(), StoreError> {
        self.execute(
            "UPDATE tickets SET group_id = $2, updated_at = $3 WHERE id = $1",
            args![ticket, group, now],
        )
        .await?;
        let detail = group.map(|g| g.0.to_string()).unwrap_or_default();
        self.ticket_event(ticket, actor, "group", &detail, now)
            .await
    }

    async fn set_ticket_assignee(
        &mut self,
        ticket: d::TicketId,
        assignee: Option<d::UserId>,
        actor: Option<d::UserId>,
        now: d::Timestamp,
    ) -> Result<(), StoreError> {
        self.execute(
            "UPDATE tickets SET assignee_id = $2, updated_at = $3 WHERE id = $1",
            args![ticket, assignee, now],
        )
        .await?;
        let detail = assignee.map(|a| a.0.to_string()).unwrap_or_default();
        self.ticket_event(ticket, actor, "assignee", &detail, now)
            .await
    }

    async fn ticket_events(
        &mut self,
        ticket: d::TicketId,
    ) -> Result<Vec<d::TicketEvent>, StoreError> {
        let rows = self.fetch_all(EVENTS_OF, args![ticket]).await?;
        rows.iter()
            .map(|row| {
                Ok(d::TicketEvent {
                    actor: row.get(0)?,
                    kind: row.get(1)?,
                    detail: row.get(2)?,
                    created_at: row.get(3)?,
                })
            })
            .collect()
    }

    async fn organisation_names(
        &mut self,
        ids: &[d::OrgId],
    ) -> Result<Vec<(d::OrgId, String)>, StoreError> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let list: Vec<String> = ids.iter().map(|i| i.0.to_string()).collect();
        let sql = format!(
            "SELECT id, name FROM organisations WHERE id IN ({})",
            list.join(", ")
        );
        let rows = self.fetch_all(&sql, vec![]).await?;
        rows.iter()
            .map(|row| Ok((row.get(0)?, row.get(1)?)))
            .collect()
    }

    async fn users_by_ids(&mut self, ids: &[d::UserId]) -> Result<Vec<d::User>, StoreError> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        // Ids are numbers, so writing them into the text is safe; one statement per
        // page instead of one per person.
        let list: Vec<String> = ids.iter().map(|i| i.0.to_string()).collect();
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.id IN ({})",
            list.join(", ")
        );
        let rows = self.fetch_all(&sql, vec![]).await?;
        rows.iter().map(user_from_row).collect()
    }

    async fn newest_messages_of(
        &mut self,
        tickets: &[d::TicketId],
        include_internal: bool,
        limit: i64,
    ) -> Result<Vec<(d::TicketId, String)>, StoreError> {
        if tickets.is_empty() {
            return Ok(vec![]);
        }
        // Ids are numbers; each ticket's messages are read from its own index. The
        // order is fenced (`id + 0`): by the key itself, PostgreSQL walked every message
        // newest first to find an old ticket's few.
        let list: Vec<String> = tickets.iter().map(|t| t.0.to_string()).collect();
        let sql = format!(
            "SELECT ticket_id, body FROM ticket_comments
                     WHERE ticket_id IN ({}) AND (public OR $1)
                     ORDER BY id + 0 DESC LIMIT $2",
            list.join(", ")
        );
        let rows = self.fetch_all(&sql, args![include_internal, limit]).await?;
        rows.iter()
            .map(|row| Ok((row.get(0)?, row.get(1)?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_move_up_and_nothing_else_changes() {
        assert_eq!(
            super::renumber("a = $1 AND b IN ($2, $10)", 3),
            "a = $4 AND b IN ($5, $13)"
        );
        assert_eq!(super::renumber("no marks", 3), "no marks");
    }
}
