//! The statements that must read the index made for them whatever the statistics say and
//! however the data lies, and the plan each backend gives them, so the conformance suite can
//! assert it (a page that is fast only when the planner guesses well is slow after an import).

use balie_domain::TicketStatus::{New, OnHold, Open, Pending, Solved};
use balie_domain::{GroupId, OrgId, UserId};

use crate::postgres::PostgresStore;
use crate::sql::exec::Arg;
use crate::sql::fields::FIELD_VALUES_OF;
use crate::sql::outbox::{RELEASE_LEASES, RENEW_LEASE, claim_select};
use crate::sql::tickets::{ATTACHMENTS_OF, CCS_OF, COMMENTS_OF, ticket_where_select};
use crate::sql::workspace::{EVENTS_OF, agents_select, count_select, list_select};
use crate::sql::{Dialect, SqlTx, WordSearch};
use crate::sqlite::SqliteStore;
use crate::{StoreError, TicketQuery, TicketScope};

/// One statement's plan, a line a step, as the backend prints it.
#[derive(Debug, Clone)]
pub struct Plan {
    pub statement: String,
    pub lines: Vec<String>,
    /// Whether the statement may sort what it read (a small set, such as one person's CCs).
    pub may_sort: bool,
    /// The indexes made for it, one of which the plan must name (none: any but a full scan).
    pub indexes: &'static [&'static str],
    /// Whether it must read nothing but its index (an agent's view count).
    pub covering: bool,
}

impl Plan {
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }
}

/// The views whose counts every agent page shows.
const AGENT_VIEWS: [&str; 5] = [" unassigned", " mine", " waiting", " open", " solved"];

/// A statement to explain: its name, text, values, whether it may sort, and its index.
type Statement = (String, String, Vec<Arg>, bool, &'static [&'static str]);

/// The indexes a view may read: its own, or (for one unresolved status) the index of every
/// unresolved ticket, which holds only the tickets still in play.
fn made_for(query: &TicketQuery) -> &'static [&'static str] {
    match crate::sqlite::list_index(query) {
        Some("tickets_status_activity") if query.scope == TicketScope::Statuses(vec![Pending]) => {
            &["tickets_status_activity", "tickets_unresolved_view"]
        }
        Some("tickets_requester_activity") => &["tickets_requester_activity"],
        Some("tickets_org_activity") => &["tickets_org_activity"],
        Some("tickets_unassigned_view") => &["tickets_unassigned_view"],
        Some("tickets_assigned_view") => &["tickets_assigned_view"],
        Some("tickets_status_activity") => &["tickets_status_activity"],
        Some("tickets_unresolved_view") => &["tickets_unresolved_view"],
        Some("tickets_activity") => &["tickets_activity"],
        _ => &[],
    }
}

/// The hot statements: the outbox claim, and every list and view count, with values to bind.
fn statements(words: &WordSearch, claim: String) -> Vec<Statement> {
    // Now: every waiting mail is due, as when the worker catches up.
    let claim_binds = vec![Arg::Int(2_000_000_000), Arg::Int(10)];
    let mut all: Vec<Statement> = vec![(
        "outbox claim".to_string(),
        claim,
        claim_binds,
        false,
        &["outbox_pending"],
    )];
    // Renewing a batch's lease and taking back a node's: the leased mails only.
    all.push((
        "outbox lease renewed".into(),
        RENEW_LEASE.into(),
        vec![Arg::Text("lease".into()), Arg::Int(0)],
        false,
        &["outbox_leased"],
    ));
    all.push((
        "outbox leases taken back".into(),
        RELEASE_LEASES.into(),
        vec![Arg::Text("node".into())],
        false,
        &["outbox_leased"],
    ));
    // A ticket page: the ticket by its number within an organisation, its conversation with the
    // internal notes, its CCs, files, field values (a sort of the few by the form's order is
    // fine) and history.
    let one = || vec![Arg::Int(1)];
    all.push((
        "ticket page: the ticket".into(),
        ticket_where_select("number"),
        vec![Arg::Int(188_189), Arg::Int(1)],
        false,
        &[],
    ));
    all.push((
        "ticket page: the conversation".into(),
        COMMENTS_OF.into(),
        vec![Arg::Int(1), Arg::Bool(true), Arg::Bool(false)],
        false,
        &["ticket_comments_ticket"],
    ));
    all.push(("ticket page: CCs".into(), CCS_OF.into(), one(), false, &[]));
    all.push((
        "ticket page: files".into(),
        ATTACHMENTS_OF.into(),
        one(),
        false,
        &["ticket_attachments_ticket"],
    ));
    all.push((
        "ticket page: field values".into(),
        FIELD_VALUES_OF.into(),
        one(),
        true,
        &[],
    ));
    all.push((
        "ticket page: history".into(),
        EVENTS_OF.into(),
        one(),
        false,
        &["ticket_events_ticket"],
    ));
    // The agents to assign to, on every agent's ticket page; a sort of the few is fine.
    all.push((
        "agents".into(),
        agents_select(),
        vec![],
        true,
        &["users_agents"],
    ));
    let user = UserId(1);
    let scopes = [
        (
            "unassigned",
            TicketScope::Unassigned {
                groups: vec![GroupId(1)],
            },
        ),
        (
            "unassigned, no groups",
            TicketScope::Unassigned { groups: vec![] },
        ),
        ("mine", TicketScope::AssignedTo(user)),
        ("waiting", TicketScope::Statuses(vec![Pending])),
        (
            "open",
            TicketScope::Statuses(vec![New, Open, Pending, OnHold]),
        ),
        ("solved", TicketScope::Statuses(vec![Solved])),
        ("all", TicketScope::All),
        (
            "requester",
            TicketScope::Requester {
                user,
                unresolved: false,
            },
        ),
        (
            "requester, unresolved",
            TicketScope::Requester {
                user,
                unresolved: true,
            },
        ),
        ("organisation", TicketScope::Org(OrgId(1))),
        (
            "cc",
            TicketScope::Cc {
                org: OrgId(1),
                user,
            },
        ),
    ];
    for (name, scope) in scopes {
        let cc = matches!(scope, TicketScope::Cc { .. });
        let query = TicketQuery::new(scope.clone(), 25);
        let indexes = made_for(&query);
        let (sql, binds) = list_select(&query, words);
        all.push((format!("list {name}"), sql, binds, cc, indexes));
        let (sql, binds) = count_select(&scope, 1001, words);
        all.push((format!("count {name}"), sql, binds, cc, indexes));
    }
    let mut search = TicketQuery::new(TicketScope::All, 25);
    search.text = "printer".into();
    let (sql, binds) = list_select(&search, words);
    all.push(("search every ticket".into(), sql, binds, true, &[]));
    let mut customer = TicketQuery::new(TicketScope::Org(OrgId(1)), 25);
    customer.text = "printer".into();
    let indexes = made_for(&customer);
    let (sql, binds) = list_select(&customer, words);
    all.push((
        "a customer's list searched by words".into(),
        sql,
        binds,
        false,
        indexes,
    ));
    let mut number = TicketQuery::new(TicketScope::Unassigned { groups: vec![] }, 25);
    number.text = "188189".into();
    let (sql, binds) = list_select(&number, words);
    all.push(("a view searched by number".into(), sql, binds, true, &[]));
    all
}

/// The plans of every hot statement in `dialect`, each read in a transaction of its own from
/// `open`; `prefix` asks for the plan, whose step is in column `column` of each row.
async fn explain(
    dialect: &'static Dialect,
    open: impl AsyncFn() -> Result<SqlTx, StoreError>,
    prefix: &str,
    column: usize,
    claim: String,
) -> Result<Vec<Plan>, StoreError> {
    let mut plans = vec![];
    for (statement, sql, binds, may_sort, indexes) in statements(&dialect.words, claim) {
        // As the store runs it: a search in a transaction of its own, after its prelude. The
        // transaction is rolled back when dropped.
        let mut tx = open().await?;
        if let Some(before) = dialect.words.before_search
            && statement.contains("search")
        {
            tx.execute(before, vec![]).await?;
        }
        let rows = tx.fetch_all(&format!("{prefix} {sql}"), binds).await?;
        let covering =
            statement.starts_with("count ") && AGENT_VIEWS.iter().any(|v| statement.ends_with(v));
        plans.push(Plan {
            statement,
            lines: rows
                .iter()
                .map(|r| r.get::<String>(column))
                .collect::<Result<_, _>>()?,
            may_sort,
            covering,
            indexes,
        });
    }
    Ok(plans)
}

impl SqliteStore {
    /// `EXPLAIN QUERY PLAN` of every hot statement.
    pub async fn plans(&self) -> Result<Vec<Plan>, StoreError> {
        let claim = claim_select(crate::sqlite::OUTBOX_PENDING, "");
        let open = async || Ok(SqlTx::sqlite(self.pool().begin().await?, None, None));
        // id, parent, unused, detail: the detail is the step.
        explain(
            &crate::sqlite::DIALECT,
            open,
            "EXPLAIN QUERY PLAN",
            3,
            claim,
        )
        .await
    }
}

impl PostgresStore {
    /// `EXPLAIN` of every hot statement.
    pub async fn plans(&self) -> Result<Vec<Plan>, StoreError> {
        let claim = claim_select("", crate::postgres::LOCK_SKIP_LOCKED);
        let open = async || Ok(SqlTx::postgres(self.pool().begin().await?, None));
        explain(&crate::postgres::DIALECT, open, "EXPLAIN", 0, claim).await
    }
}

/// What one search read on PostgreSQL, counted in its own transaction: the scans of the tables
/// and of the indexes by block, made by the statements inside the search functions too (which
/// `EXPLAIN` does not show).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reads {
    /// Sequential scans of the tickets or the messages.
    pub full_scans: i64,
    /// Scans of the index of subjects' stems by block, and of messages' stems by block.
    pub subject_blocks: i64,
    pub message_blocks: i64,
}

impl PostgresStore {
    /// The scans an agent's search for `text` through every ticket makes, as the store runs it.
    pub async fn search_reads(&self, text: &str) -> Result<Reads, StoreError> {
        let mut query = TicketQuery::new(TicketScope::All, 25);
        query.text = text.into();
        let words = &crate::postgres::DIALECT.words;
        let (sql, binds) = list_select(&query, words);
        // The counts of the connection not yet flushed to the statistics, taken before and
        // after: they hold earlier transactions' scans too until PostgreSQL flushes them.
        let counts = "SELECT pg_stat_get_xact_numscans('tickets'::regclass) \
                        + pg_stat_get_xact_numscans('ticket_comments'::regclass), \
                      pg_stat_get_xact_numscans('tickets_subject_blocks'::regclass), \
                      pg_stat_get_xact_numscans('ticket_comments_blocks'::regclass)";
        // Rolled back when dropped.
        let mut tx = SqlTx::postgres(self.pool().begin().await?, None);
        let before = tx.fetch_one(counts, vec![]).await?;
        if let Some(prelude) = words.before_search {
            tx.execute(prelude, vec![]).await?;
        }
        tx.fetch_all(&sql, binds).await?;
        let after = tx.fetch_one(counts, vec![]).await?;
        let read = |i: usize| -> Result<i64, StoreError> {
            Ok(after.get::<i64>(i)? - before.get::<i64>(i)?)
        };
        Ok(Reads {
            full_scans: read(0)?,
            subject_blocks: read(1)?,
            message_blocks: read(2)?,
        })
    }
}
