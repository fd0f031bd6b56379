//! Portable SQL of the agent workspace: groups, routing rules, ticket lists and the changes
//! agents make.

use crate::{TicketQuery, TicketScope};

/// A value to bind to a list query, in placeholder order.
pub(crate) enum Bind {
    Int(i64),
    Text(String),
    Bool(bool),
}

/// `q` with `binds` bound in placeholder order, on either backend.
pub(crate) fn bind_all<'q, DB>(
    mut q: sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments<'q>>,
    binds: Vec<Bind>,
) -> sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments<'q>>
where
    DB: sqlx::Database,
    i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    bool: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    for b in binds {
        q = match b {
            Bind::Int(v) => q.bind(v),
            Bind::Text(v) => q.bind(v),
            Bind::Bool(v) => q.bind(v),
        };
    }
    q
}

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
    words: &super::WordSearch,
) -> (String, Vec<Bind>) {
    use balie_domain::TicketStatus::{New, Open};
    let mut binds = vec![];
    let next = |b: Bind, binds: &mut Vec<Bind>| {
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
                next(Bind::Int(user.0), &mut binds)
            ));
            if *unresolved {
                conds.push(UNRESOLVED.into());
            }
        }
        TicketScope::Org(org) => {
            conds.push(format!("t.org_id = {}", next(Bind::Int(org.0), &mut binds)));
        }
        TicketScope::Cc { org, user } => {
            from.push_str(" JOIN ticket_ccs c ON c.ticket_id = t.id");
            conds.push(format!("t.org_id = {}", next(Bind::Int(org.0), &mut binds)));
            conds.push(format!(
                "c.user_id = {}",
                next(Bind::Int(user.0), &mut binds)
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
                next(Bind::Int(agent.0), &mut binds)
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
        let at = next(Bind::Int(after.updated_at.0), &mut binds);
        let id = next(Bind::Int(after.id), &mut binds);
        conds.push(format!(
            "(t.updated_at < {at} OR (t.updated_at = {at} AND t.id < {id}))"
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
        super::USER_COLUMNS
    )
}

/// A page of a list, last activity first.
pub(crate) fn list_select(query: &TicketQuery, words: &super::WordSearch) -> (String, Vec<Bind>) {
    let (from, mut binds) = ticket_list_from(query, true, words);
    binds.push(Bind::Int(query.limit.max(0)));
    let sql = format!(
        "SELECT {} {from} ORDER BY t.updated_at DESC, t.id DESC LIMIT ${}",
        super::TICKET_COLUMNS,
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
    words: &super::WordSearch,
) -> (String, Vec<Bind>) {
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
    words: &super::WordSearch,
) -> (String, Vec<Bind>) {
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

macro_rules! workspace_sql {
    ($tx:ident) => {
        fn group_from_row<R: sqlx::Row>(row: &R) -> Result<$crate::Group, $crate::StoreError>
        where
            for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            for<'r> bool: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            usize: sqlx::ColumnIndex<R>,
        {
            Ok($crate::Group {
                id: d::GroupId(row.try_get(0)?),
                name: row.try_get(1)?,
                handles_billing: row.try_get(2)?,
            })
        }

        #[async_trait::async_trait]
        impl $crate::contract::WorkspaceTx for $tx {
            async fn groups(&mut self) -> Result<Vec<$crate::Group>, $crate::StoreError> {
                let rows = sqlx::query("SELECT id, name, handles_billing FROM agent_groups ORDER BY name, id")
                    .fetch_all(&mut *self.tx)
                    .await?;
                rows.iter().map(group_from_row).collect()
            }

            async fn group_memberships(&mut self) -> Result<Vec<(d::GroupId, d::UserId)>, $crate::StoreError> {
                let rows: Vec<(i64, i64)> = sqlx::query_as(
                    "SELECT group_id, user_id FROM agent_group_members ORDER BY group_id, user_id",
                )
                .fetch_all(&mut *self.tx)
                .await?;
                Ok(rows.into_iter().map(|(g, u)| (d::GroupId(g), d::UserId(u))).collect())
            }

            async fn agents(&mut self) -> Result<Vec<d::User>, $crate::StoreError> {
                let sql = $crate::sql::workspace::agents_select();
                let rows = sqlx::query(&sql).fetch_all(&mut *self.tx).await?;
                rows.iter().map(user_from_row).collect()
            }

            async fn set_billing_group(&mut self, group: Option<d::GroupId>) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE agent_groups SET handles_billing = $1 WHERE handles_billing = $2")
                    .bind(false)
                    .bind(true)
                    .execute(&mut *self.tx)
                    .await?;
                if let Some(group) = group {
                    sqlx::query("UPDATE agent_groups SET handles_billing = $1 WHERE id = $2")
                        .bind(true)
                        .bind(group.0)
                        .execute(&mut *self.tx)
                        .await?;
                }
                Ok(())
            }

            async fn routing_rules(&mut self) -> Result<Vec<d::RoutingRule>, $crate::StoreError> {
                let rows: Vec<(i64, Option<i64>, Option<i64>, i64)> = sqlx::query_as(
                    "SELECT id, form_id, category_id, group_id FROM routing_rules ORDER BY position, id",
                )
                .fetch_all(&mut *self.tx)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, form, category, group)| d::RoutingRule {
                        id,
                        form,
                        category,
                        group: d::GroupId(group),
                    })
                    .collect())
            }

            async fn insert_routing_rule(
                &mut self,
                form: Option<i64>,
                category: Option<i64>,
                group: d::GroupId,
            ) -> Result<i64, $crate::StoreError> {
                let id = sqlx::query_scalar(
                    "INSERT INTO routing_rules (form_id, category_id, group_id, position)
                     VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position), 0) + 1 FROM routing_rules))
                     RETURNING id",
                )
                .bind(form)
                .bind(category)
                .bind(group.0)
                .fetch_one(&mut *self.tx)
                .await?;
                Ok(id)
            }

            async fn delete_routing_rule(&mut self, id: i64) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query("DELETE FROM routing_rules WHERE id = $1")
                    .bind(id)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn list_tickets(&mut self, query: &$crate::TicketQuery) -> Result<Vec<d::Ticket>, $crate::StoreError> {
                let (sql, binds) = $crate::sql::workspace::list_select(query, &Self::WORD_SEARCH);
                if let Some(before) = Self::WORD_SEARCH.before_search
                    && !query.text.trim().is_empty()
                {
                    sqlx::query(before).execute(&mut *self.tx).await?;
                }
                let q = $crate::sql::workspace::bind_all(sqlx::query(&sql), binds);
                                let rows = q.fetch_all(&mut *self.tx).await?;
                rows.iter().map(ticket_from_row).collect()
            }

            async fn count_tickets(&mut self, scope: &$crate::TicketScope, cap: i64) -> Result<i64, $crate::StoreError> {
                let (sql, binds) = $crate::sql::workspace::count_select(scope, cap, &Self::WORD_SEARCH);
                let row = $crate::sql::workspace::bind_all(sqlx::query(&sql), binds)
                    .fetch_one(&mut *self.tx)
                    .await?;
                Ok(row.try_get(0)?)
            }

            async fn count_views(
                &mut self,
                scopes: &[$crate::TicketScope],
                cap: i64,
            ) -> Result<Vec<i64>, $crate::StoreError> {
                if scopes.is_empty() {
                    return Ok(vec![]);
                }
                let (sql, binds) = $crate::sql::workspace::counts_select(scopes, cap, &Self::WORD_SEARCH);
                let q = $crate::sql::workspace::bind_all(sqlx::query(&sql), binds);
                                let row = q.fetch_one(&mut *self.tx).await?;
                (0..scopes.len()).map(|i| Ok(row.try_get::<i64, _>(i)?)).collect()
            }

            async fn set_ticket_priority(
                &mut self,
                ticket: i64,
                priority: d::Priority,
                actor: Option<d::UserId>,
                now: d::Timestamp,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE tickets SET priority = $2, updated_at = $3 WHERE id = $1")
                    .bind(ticket)
                    .bind(priority.code())
                    .bind(now.0)
                    .execute(&mut *self.tx)
                    .await?;
                self.ticket_event(ticket, actor, "priority", priority.code(), now).await
            }

            async fn set_ticket_group(
                &mut self,
                ticket: i64,
                group: Option<d::GroupId>,
                actor: Option<d::UserId>,
                now: d::Timestamp,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE tickets SET group_id = $2, updated_at = $3 WHERE id = $1")
                    .bind(ticket)
                    .bind(group.map(|g| g.0))
                    .bind(now.0)
                    .execute(&mut *self.tx)
                    .await?;
                let detail = group.map(|g| g.0.to_string()).unwrap_or_default();
                self.ticket_event(ticket, actor, "group", &detail, now).await
            }

            async fn set_ticket_assignee(
                &mut self,
                ticket: i64,
                assignee: Option<d::UserId>,
                actor: Option<d::UserId>,
                now: d::Timestamp,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE tickets SET assignee_id = $2, updated_at = $3 WHERE id = $1")
                    .bind(ticket)
                    .bind(assignee.map(|a| a.0))
                    .bind(now.0)
                    .execute(&mut *self.tx)
                    .await?;
                let detail = assignee.map(|a| a.0.to_string()).unwrap_or_default();
                self.ticket_event(ticket, actor, "assignee", &detail, now).await
            }

            async fn ticket_events(&mut self, ticket: i64) -> Result<Vec<d::TicketEvent>, $crate::StoreError> {
                let rows: Vec<(Option<i64>, String, String, i64)> =
                    sqlx::query_as($crate::sql::workspace::EVENTS_OF)
                .bind(ticket)
                .fetch_all(&mut *self.tx)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(actor, kind, detail, at)| d::TicketEvent {
                        actor: actor.map(d::UserId),
                        kind,
                        detail,
                        created_at: d::Timestamp(at),
                    })
                    .collect())
            }

            async fn organisation_names(&mut self, ids: &[d::OrgId]) -> Result<Vec<(d::OrgId, String)>, $crate::StoreError> {
                if ids.is_empty() {
                    return Ok(vec![]);
                }
                let list: Vec<String> = ids.iter().map(|i| i.0.to_string()).collect();
                let sql = format!("SELECT id, name FROM organisations WHERE id IN ({})", list.join(", "));
                let rows: Vec<(i64, String)> = sqlx::query_as(&sql).fetch_all(&mut *self.tx).await?;
                Ok(rows.into_iter().map(|(id, name)| (d::OrgId(id), name)).collect())
            }

            async fn users_by_ids(&mut self, ids: &[d::UserId]) -> Result<Vec<d::User>, $crate::StoreError> {
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
                let rows = sqlx::query(&sql).fetch_all(&mut *self.tx).await?;
                rows.iter().map(user_from_row).collect()
            }

            async fn newest_messages_of(
                &mut self,
                tickets: &[i64],
                include_internal: bool,
                limit: i64,
            ) -> Result<Vec<(i64, String)>, $crate::StoreError> {
                if tickets.is_empty() {
                    return Ok(vec![]);
                }
                // Ids are numbers; each ticket's messages are read from its own index. The
                // order is fenced (`id + 0`): by the key itself, PostgreSQL walked every message
                // newest first to find an old ticket's few.
                let list: Vec<String> = tickets.iter().map(i64::to_string).collect();
                let sql = format!(
                    "SELECT ticket_id, body FROM ticket_comments
                     WHERE ticket_id IN ({}) AND (public OR $1)
                     ORDER BY id + 0 DESC LIMIT $2",
                    list.join(", ")
                );
                Ok(sqlx::query_as(&sql)
                    .bind(include_internal)
                    .bind(limit)
                    .fetch_all(&mut *self.tx)
                    .await?)
            }
        }
    };
}

pub(crate) use workspace_sql;

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
