//! The agent workspace (D1-D3): the views with their counts and a search, and the ticket page
//! where an agent replies or writes an internal note, and sets status, priority, group and
//! assignee in one update.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, Response};
use balie_app::Tr;
use balie_app::tickets::{
    AgentListPage, AgentTicket, AgentUpdate, AgentView, AssignOptions, ListFilter,
};
use balie_domain::words::Segment;
use balie_domain::{
    Comment, DomainError, Priority, Ticket, TicketEvent, TicketNumber, TicketStatus,
};
use balie_domain::{SearchText, Text};
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::extract::{AgentUser, CsrfToken, CsrfUpload, Path};
use crate::pages::kit::lists::{ListSearch, list_filter, list_link};
use crate::pages::kit::tickets::{
    Catalog, FileLink, category_name, field_lines, form_name, links, status_class, view_count,
};
use crate::pages::kit::{
    DoneQuery, FormError, Layout, address, form_answer, format_timestamp, number, optional_id,
    render,
};

const TAB: &str = "/agent/tickets";

pub(crate) struct AgentRow {
    number: i64,
    /// The subject, its words marked where a search found them.
    subject: Vec<Segment>,
    /// A piece of the message a search found, if it found one.
    snippet: Vec<Segment>,
    organisation: String,
    requester: String,
    status: String,
    status_class: &'static str,
    priority: String,
    assignee: String,
    activity: String,
}

#[derive(Template)]
#[template(path = "agent/tickets/list.html")]
struct ListPage<'a> {
    layout: Layout<'a>,
    /// `(code, label, count, active)`.
    views: Vec<(&'static str, String, String, bool)>,
    list: &'static str,
    search: ListSearch,
    rows: Vec<AgentRow>,
    next: Option<String>,
}

struct CommentView {
    author: String,
    at: String,
    body: String,
    internal: bool,
    files: Vec<FileLink>,
}

struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "agent/tickets/ticket.html")]
struct TicketPage<'a> {
    layout: Layout<'a>,
    number: i64,
    comments: Vec<CommentView>,
    closed: bool,
    body: String,
    public: bool,
    statuses: Vec<Choice>,
    priorities: Vec<Choice>,
    groups: Vec<Choice>,
    assignees: Vec<Choice>,
    requester: String,
    requester_email: String,
    organisation: String,
    org_id: Option<i64>,
    created: String,
    activity: String,
    form: String,
    category: String,
    ccs: Vec<String>,
    fields: Vec<(String, String)>,
    history: Vec<(i64, String, String, &'static str)>,
    events: Vec<(String, String, String)>,
    flash: Option<String>,
    error: Option<FormError>,
}

pub(crate) fn agent_status(tr: &Tr<'_>, status: TicketStatus) -> String {
    tr.t(&format!("agent-status-{}", status.code()))
}

#[derive(Deserialize, Default)]
pub struct ViewQuery {
    view: Option<String>,
    #[serde(default)]
    q: SearchText,
    status: Option<String>,
    after: Option<String>,
}

impl AgentRow {
    fn new(tr: &Tr<'_>, listed: &AgentListPage, t: &Ticket) -> Self {
        let found = listed.page.found(t.id);
        AgentRow {
            number: t.number.0,
            subject: found.map_or_else(
                || {
                    vec![Segment {
                        text: t.subject.clone(),
                        hit: false,
                    }]
                },
                |f| f.subject.clone(),
            ),
            snippet: found.map_or_else(Vec::new, |f| f.snippet.clone()),
            organisation: listed.organisation(t.org),
            requester: match t.requester {
                Some(_) => listed.person(t.requester),
                None => address(t.requester_email.as_ref()),
            },
            status: agent_status(tr, t.status),
            status_class: status_class(t.status),
            priority: tr.t(&format!("priority-{}", t.priority.code())),
            assignee: listed.person(t.assignee),
            activity: format_timestamp(t.updated_at),
        }
    }
}

impl<'a> ListPage<'a> {
    /// `view` of the workspace with every view's count; `status` is the filter as asked, for
    /// the next page's link.
    fn new(
        mut layout: Layout<'a>,
        counts: Vec<(AgentView, i64)>,
        view: AgentView,
        filter: &ListFilter,
        status: &str,
        listed: &AgentListPage,
    ) -> Self {
        let tr = layout.tr;
        layout.title = tr.t(&format!("agent-view-{}", view.code()));
        let next = listed.page.next.map(|c| {
            list_link(
                TAB,
                &[
                    ("view", view.code()),
                    ("q", &filter.text),
                    ("status", status),
                ],
                Some(c),
            )
        });
        ListPage {
            views: counts
                .into_iter()
                .map(|(v, n)| {
                    let label = tr.t(&format!("agent-view-{}", v.code()));
                    (v.code(), label, view_count(n), v == view)
                })
                .collect(),
            list: view.code(),
            search: ListSearch::new(&tr, filter, "agent-filter-"),
            rows: listed
                .page
                .tickets
                .iter()
                .map(|t| AgentRow::new(&tr, listed, t))
                .collect(),
            next,
            layout,
        }
    }
}

/// `/agent/tickets`: a view of the workspace, or a search through every ticket.
pub async fn list(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Query(v): Query<ViewQuery>,
) -> Result<Html<String>, WebError> {
    let user = &agent.session.user;
    let actor = agent.actor();
    let filter = list_filter(&v.q, v.status.as_deref(), v.after.as_deref())?;
    let view = match v.view.as_deref() {
        // A search without a chosen view looks through every ticket.
        None | Some("") if !filter.text.is_empty() => AgentView::All,
        None | Some("") => AgentView::Unassigned,
        Some(code) => AgentView::from_code(code).ok_or(WebError::NotFound)?,
    };
    let counts = state.app.agent_view_counts(&actor).await?;
    let listed = state.app.agent_ticket_list(&actor, view, &filter).await?;
    let tr = state.app.i18n().for_lang(user.language);
    let layout = Layout::new(&state, tr, "agent-tickets-title", &csrf, TAB).signed_in(user, TAB);
    let status = v.status.as_deref().unwrap_or("");
    render(&ListPage::new(
        layout, counts, view, &filter, status, &listed,
    ))
    .map(Html)
}

/// The fields of the update form as typed.
#[derive(Deserialize, Default)]
pub struct UpdateForm {
    #[serde(default)]
    body: Text,
    #[serde(default)]
    visibility: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    priority: String,
    #[serde(default)]
    group: String,
    #[serde(default)]
    assignee: String,
}

impl TryFrom<&UpdateForm> for AgentUpdate {
    type Error = DomainError;

    /// A choice the page does not offer is refused with its field's message; the files come
    /// separately.
    fn try_from(form: &UpdateForm) -> Result<Self, DomainError> {
        Ok(AgentUpdate {
            body: form.body.to_string(),
            public: match form.visibility.as_str() {
                "public" => true,
                "internal" => false,
                _ => return Err(DomainError::on_field("error-choice-unknown", "visibility")),
            },
            status: TicketStatus::from_code(&form.status)
                .ok_or(DomainError::on_field("error-choice-unknown", "status"))?,
            priority: Priority::from_code(&form.priority)
                .ok_or(DomainError::on_field("error-choice-unknown", "priority"))?,
            group: optional_id(&form.group, "group")?,
            assignee: optional_id(&form.assignee, "assignee")?,
            attachments: vec![],
        })
    }
}

fn event_line(tr: &Tr<'_>, ticket: &AgentTicket, kind: &str, detail: &str) -> String {
    let value = match kind {
        "status" => TicketStatus::from_code(detail)
            .map(|s| agent_status(tr, s))
            .unwrap_or_default(),
        "priority" => tr.t(&format!("priority-{detail}")),
        "group" => ticket
            .options
            .groups
            .iter()
            .find(|g| g.id.0.to_string() == detail)
            .map(|g| g.name.clone())
            .unwrap_or_else(|| tr.t("agent-none")),
        "assignee" => ticket
            .options
            .agents
            .iter()
            .find(|a| a.id.0.to_string() == detail)
            .map(|a| a.display_name())
            .unwrap_or_else(|| tr.t("agent-none")),
        _ => String::new(),
    };
    let label = tr.t(&format!("agent-event-{kind}"));
    if value.is_empty() {
        label
    } else {
        format!("{label}: {value}")
    }
}

/// The values the update form starts from: after a refused update what was typed, otherwise
/// the ticket's own (a new ticket is answered as open).
struct Wanted {
    status: String,
    priority: String,
    group: String,
    assignee: String,
}

impl Wanted {
    fn new(ticket: &Ticket, form: Option<&UpdateForm>) -> Self {
        match form {
            Some(f) => Wanted {
                status: f.status.clone(),
                priority: f.priority.clone(),
                group: f.group.clone(),
                assignee: f.assignee.clone(),
            },
            None => Wanted {
                status: match ticket.status {
                    TicketStatus::New => TicketStatus::Open,
                    s => s,
                }
                .code()
                .to_string(),
                priority: ticket.priority.code().to_string(),
                group: ticket.group.map(|g| g.0.to_string()).unwrap_or_default(),
                assignee: ticket.assignee.map(|a| a.0.to_string()).unwrap_or_default(),
            },
        }
    }
}

fn status_choices(tr: &Tr<'_>, wanted: &str) -> Vec<Choice> {
    [
        TicketStatus::Open,
        TicketStatus::Pending,
        TicketStatus::OnHold,
        TicketStatus::Solved,
    ]
    .into_iter()
    .map(|s| Choice {
        value: s.code().into(),
        label: agent_status(tr, s),
        selected: s.code() == wanted,
    })
    .collect()
}

fn priority_choices(tr: &Tr<'_>, wanted: &str) -> Vec<Choice> {
    Priority::ALL
        .into_iter()
        .map(|p| Choice {
            value: p.code().into(),
            label: tr.t(&format!("priority-{}", p.code())),
            selected: p.code() == wanted,
        })
        .collect()
}

/// "None" first, then each option as `(id, label)`.
fn with_none(tr: &Tr<'_>, wanted: &str, options: Vec<(String, String)>) -> Vec<Choice> {
    let none = Choice {
        value: String::new(),
        label: tr.t("agent-none"),
        selected: wanted.is_empty(),
    };
    std::iter::once(none)
        .chain(options.into_iter().map(|(value, label)| Choice {
            selected: value == wanted,
            value,
            label,
        }))
        .collect()
}

/// Each agent with the groups they are in, so that the assignee fits the group.
fn assignee_options(options: &AssignOptions) -> Vec<(String, String)> {
    options
        .agents
        .iter()
        .map(|a| {
            let groups: Vec<&str> = options
                .memberships
                .iter()
                .filter(|(_, u)| *u == a.id)
                .filter_map(|(g, _)| options.groups.iter().find(|x| x.id == *g))
                .map(|g| g.name.as_str())
                .collect();
            let label = if groups.is_empty() {
                a.display_name()
            } else {
                format!("{} ({})", a.display_name(), groups.join(", "))
            };
            (a.id.0.to_string(), label)
        })
        .collect()
}

impl CommentView {
    fn new(t: &AgentTicket, c: &Comment) -> Self {
        let ticket = &t.view.ticket;
        CommentView {
            // Without an author the message came from an anonymous requester's address.
            author: match c.author {
                Some(_) => t.view.name_of(c.author),
                None => address(ticket.requester_email.as_ref()),
            },
            at: format_timestamp(c.created_at),
            body: c.body.clone(),
            internal: !c.public,
            files: links(
                &t.view,
                c.id,
                &format!("/agent/tickets/{}", ticket.number.0),
            ),
        }
    }
}

/// A line of the ticket's history: `(when, who, what)`.
fn event_view(tr: &Tr<'_>, t: &AgentTicket, e: &TicketEvent) -> (String, String, String) {
    let who = match e.actor {
        Some(a) => t
            .options
            .agents
            .iter()
            .find(|x| x.id == a)
            .map(|x| x.display_name())
            .unwrap_or_else(|| t.view.name_of(Some(a))),
        None => tr.t("agent-event-system"),
    };
    (
        format_timestamp(e.created_at),
        who,
        event_line(tr, t, &e.kind, &e.detail),
    )
}

impl<'a> TicketPage<'a> {
    /// The ticket with the update form; `form` is a refused update to show again.
    fn new(
        mut layout: Layout<'a>,
        t: &AgentTicket,
        catalog: &Catalog,
        form: Option<&UpdateForm>,
        done: Option<&str>,
        error: Option<FormError>,
    ) -> Self {
        let tr = layout.tr;
        let lang = tr.lang;
        let ticket = &t.view.ticket;
        layout.title = ticket.subject.clone();
        let wanted = Wanted::new(ticket, form);
        let groups = t
            .options
            .groups
            .iter()
            .map(|g| (g.id.0.to_string(), g.name.clone()))
            .collect();
        TicketPage {
            number: ticket.number.0,
            comments: t
                .view
                .comments
                .iter()
                .map(|c| CommentView::new(t, c))
                .collect(),
            closed: ticket.status == TicketStatus::Closed,
            body: form.map(|f| f.body.to_string()).unwrap_or_default(),
            public: form.is_none_or(|f| f.visibility != "internal"),
            statuses: status_choices(&tr, &wanted.status),
            priorities: priority_choices(&tr, &wanted.priority),
            groups: with_none(&tr, &wanted.group, groups),
            assignees: with_none(&tr, &wanted.assignee, assignee_options(&t.options)),
            requester: t.view.name_of(ticket.requester),
            requester_email: address(ticket.requester_email.as_ref()),
            organisation: t.view.organisation.clone().unwrap_or_default(),
            org_id: ticket.org.map(|o| o.0),
            created: format_timestamp(ticket.created_at),
            activity: format_timestamp(ticket.updated_at),
            form: form_name(&catalog.forms, ticket.form, lang),
            category: category_name(&catalog.categories, ticket.category, lang),
            ccs: t
                .view
                .ccs
                .iter()
                .map(|c| t.view.name_of(Some(*c)))
                .collect(),
            fields: field_lines(&tr, &t.view),
            history: t
                .history
                .iter()
                .map(|h| {
                    (
                        h.number.0,
                        h.subject.clone(),
                        agent_status(&tr, h.status),
                        status_class(h.status),
                    )
                })
                .collect(),
            events: t
                .events
                .iter()
                .rev()
                .map(|e| event_view(&tr, t, e))
                .collect(),
            flash: (done == Some("updated")).then(|| tr.t("agent-ticket-updated")),
            error,
            layout,
        }
    }
}

/// The ticket page, read for `agent`.
async fn ticket_page(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    t: &AgentTicket,
    done: Option<&str>,
    form: Option<&UpdateForm>,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let catalog = Catalog::load(state).await?;
    let user = &agent.session.user;
    let tr = state.app.i18n().for_lang(user.language);
    let path = format!("/agent/tickets/{}", t.view.ticket.number.0);
    let layout = Layout::new(state, tr, "agent-tickets-title", csrf, &path).signed_in(user, TAB);
    render(&TicketPage::new(layout, t, &catalog, form, done, error))
}

pub async fn show(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(raw): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let t = state
        .app
        .agent_ticket(&agent.actor(), number(&raw)?)
        .await?;
    ticket_page(&state, &agent, &csrf, &t, q.done.as_deref(), None, None)
        .await
        .map(Html)
}

pub async fn update(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(raw): Path<String>,
    mut upload: CsrfUpload,
) -> Result<Response, WebError> {
    let n: TicketNumber = number(&raw)?;
    let actor = agent.actor();
    let form: UpdateForm = upload.form()?;
    let result = match AgentUpdate::try_from(&form).and_then(|u| {
        Ok(AgentUpdate {
            attachments: upload.take_files()?,
            ..u
        })
    }) {
        Ok(update) => state.app.update_ticket_as_agent(&actor, n, &update).await,
        Err(e) => Err(e.into()),
    };
    let lang = agent.session.user.language;
    // Only a refused update needs the page again, with what was typed and the message.
    let again = |error| async {
        let t = state.app.agent_ticket(&actor, n).await?;
        ticket_page(&state, &agent, &csrf, &t, None, Some(&form), Some(error)).await
    };
    let done = |()| format!("/agent/tickets/{}?done=updated", n.0);
    form_answer(&state, lang, result, done, again).await
}
