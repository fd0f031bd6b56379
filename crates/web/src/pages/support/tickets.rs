//! "Support" for contacts (C1, C5-C7): the forms to submit a request, "Mijn aanvragen", a new
//! request, and the ticket page with the conversation, "Toevoegen aan gesprek" and "Markeren als
//! opgelost".

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use balie_app::AppError;
use balie_app::tickets::{Found, ListFilter, Submission, TicketList, TicketView};
use balie_domain::{Comment, Ticket, TicketForm, TicketNumber, TicketStatus, User, UserId};
use balie_domain::{Line, SearchText, Text};
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::extract::{ContactUser, CsrfForm, CsrfToken, CsrfUpload, Path};
use crate::pages::kit::custom_fields::inputs;
use crate::pages::kit::lists::{ListSearch, list_filter, list_link};
use crate::pages::kit::tickets::{
    Catalog, FileLink, TicketRow, category_name, field_lines, form_name, links, row, status_class,
    view_count,
};
use crate::pages::kit::{
    DoneQuery, FormError, Layout, flash, form_answer, format_timestamp, number, render,
};
use crate::pages::support::form::{Asker, FormCard, NewPage, NewTicketForm};

const TAB: &str = "/support";

#[derive(Template)]
#[template(path = "support/index.html")]
struct IndexPage<'a> {
    layout: Layout<'a>,
    forms: Vec<FormCard>,
    /// `(code, label, shown, count)` of the lists the reader may open.
    lists: Vec<(&'static str, String, bool, String)>,
    list: &'static str,
    /// Whether the rows name their requester: on the lists beyond one's own.
    with_requester: bool,
    search: ListSearch,
    /// On "Alle aanvragen": whether the reader follows the organisation's requests.
    follow: Option<bool>,
    empty_text: String,
    tickets: Vec<TicketRow>,
    next: Option<String>,
    flash: Option<String>,
    error: Option<FormError>,
}

struct CommentView {
    author: String,
    /// A reply of Customer Support, marked as such; the customer's own messages are not.
    staff: bool,
    at: String,
    body: String,
    files: Vec<FileLink>,
}

#[derive(Template)]
#[template(path = "support/ticket.html")]
struct TicketPage<'a> {
    layout: Layout<'a>,
    number: i64,
    comments: Vec<CommentView>,
    closed: bool,
    /// Where "Vervolgaanvraag indienen" leads: the same form, continuing this ticket.
    follow_up: String,
    can_solve: bool,
    requester: String,
    created: String,
    activity: String,
    assignee: String,
    organisation: String,
    status: String,
    status_class: &'static str,
    priority: String,
    form: String,
    category: String,
    ccs: Vec<String>,
    /// The custom fields: `(label, value)`.
    fields: Vec<(String, String)>,
    /// For the requester of a request that is not closed: the colleagues who can be in the CC,
    /// `(id, name, in the CC now)`.
    cc_choices: Option<Vec<(i64, String, bool)>>,
    flash: Option<String>,
    /// A refused reply, as it was typed.
    body: String,
    error: Option<FormError>,
}

#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    body: Text,
}

#[derive(Deserialize)]
pub struct NoFields {}

/// A row with what a search found in its ticket marked.
fn found_row(mut row: TicketRow, found: Option<&Found>) -> TicketRow {
    if let Some(found) = found {
        row.subject = found.subject.clone();
        row.snippet = found.snippet.clone();
    }
    row
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    list: Option<String>,
    #[serde(default)]
    q: SearchText,
    status: Option<String>,
    after: Option<String>,
    /// "oldest" for least recent activity first.
    sort: Option<String>,
}

/// Which list "Support" shows, which lists the reader may choose and, on "Alle aanvragen",
/// whether they follow the organisation's requests.
struct Lists {
    shown: TicketList,
    /// The lists the reader may open, with how many requests each holds.
    counts: Vec<(TicketList, i64)>,
    follows: Option<bool>,
}

impl<'a> IndexPage<'a> {
    fn new(
        layout: Layout<'a>,
        forms: &[TicketForm],
        lists: Lists,
        filter: &ListFilter,
        status: &str,
        page: &balie_app::tickets::ListedTickets,
        done: Option<&str>,
    ) -> Self {
        let tr = layout.tr;
        let list = lists.shown;
        let label = |l: TicketList| match l {
            TicketList::Mine => "support-list-mine",
            TicketList::Unresolved => "support-list-open",
            TicketList::All => "support-list-all",
            TicketList::Cc => "support-list-cc",
        };
        let searching = !filter.text.is_empty() || filter.status.is_some();
        let empty_text = tr.t(if searching {
            "list-no-matches"
        } else if list == TicketList::Mine {
            "support-no-tickets"
        } else {
            "support-list-empty"
        });
        let sort = if filter.oldest_first { "oldest" } else { "" };
        let next = page.next.map(|c| {
            list_link(
                TAB,
                &[
                    ("list", list.code()),
                    ("q", &filter.text),
                    ("status", status),
                    ("sort", sort),
                ],
                Some(c),
            )
        });
        let with_requester = list != TicketList::Mine;
        let now = layout.now;
        IndexPage {
            forms: FormCard::offered(forms, tr.lang),
            lists: lists
                .counts
                .iter()
                .map(|&(l, n)| (l.code(), tr.t(label(l)), l == list, view_count(n)))
                .collect(),
            list: list.code(),
            with_requester,
            search: ListSearch::new(&tr, filter, "list-status-").sortable(filter),
            follow: lists.follows,
            empty_text,
            tickets: page
                .tickets
                .iter()
                .map(|t| {
                    let mut row = found_row(row(&tr, forms, t, now), page.found(t.id));
                    if with_requester {
                        row.requester = page.requester(t);
                    }
                    row
                })
                .collect(),
            next,
            flash: flash(&tr, &done.map(str::to_string)),
            error: None,
            layout,
        }
    }
}

pub async fn index(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    contact: ContactUser,
    Query(q): Query<DoneQuery>,
    Query(l): Query<ListQuery>,
) -> Result<Html<String>, WebError> {
    let user = &contact.session.user;
    let actor = contact.actor();
    let list = match l.list.as_deref() {
        None | Some("") => TicketList::Mine,
        Some(code) => TicketList::from_code(code).ok_or(WebError::NotFound)?,
    };
    let mut filter = list_filter(&l.q, l.status.as_deref(), l.after.as_deref())?;
    filter.oldest_first = match l.sort.as_deref() {
        None | Some("" | "newest") => false,
        Some("oldest") => true,
        Some(_) => return Err(WebError::NotFound),
    };
    let forms = state.app.ticket_forms().await?;
    let page = state.app.ticket_list(&actor, list, &filter).await?;
    let lists = Lists {
        shown: list,
        counts: state.app.customer_list_counts(&actor).await?,
        follows: match list {
            TicketList::All => Some(state.app.follows_requests(&actor).await?),
            _ => None,
        },
    };
    let tr = state.app.i18n().for_lang(user.language);
    let layout = Layout::new(&state, tr, "support-title", &csrf, TAB).signed_in(user, TAB);
    let status = l.status.as_deref().unwrap_or("");
    let done = q.done.as_deref();
    let page = IndexPage::new(layout, &forms, lists, &filter, status, &page, done);
    render(&page).map(Html)
}

async fn new_page(
    state: &AppState,
    contact: &ContactUser,
    csrf: &str,
    key: &str,
    form: &NewTicketForm,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let user = &contact.session.user;
    let lang = user.language;
    let forms = state.app.ticket_forms().await?;
    let ticket_form = forms
        .iter()
        .find(|f| f.key == key && f.offered)
        .ok_or(WebError::NotFound)?;
    let categories = state.app.ticket_categories().await?;
    let colleagues = state.app.cc_candidates(&contact.actor()).await?;
    let fields = inputs(
        &state.app.ticket_fields().await?,
        ticket_form.id,
        lang,
        &form.fields,
        &error,
    );
    let tr = state.app.i18n().for_lang(lang);
    let path = format!("/support/new/{key}");
    let layout = Layout::new(state, tr, "support-title", csrf, &path).signed_in(user, TAB);
    render(&NewPage::new(
        layout,
        ticket_form,
        &categories,
        fields,
        Asker::Contact(&colleagues),
        form,
        error,
    ))
}

#[derive(Deserialize, Default)]
pub struct FollowUpQuery {
    follow_up: Option<String>,
}

/// A new request; `?follow_up=N` starts one that continues ticket N (closed tickets offer it),
/// with its number and subject in the new subject and the same main category.
pub async fn new_form(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    contact: ContactUser,
    Path(key): Path<String>,
    Query(q): Query<FollowUpQuery>,
) -> Result<Html<String>, WebError> {
    let mut form = NewTicketForm::default();
    if let Some(raw) = q.follow_up.as_deref() {
        let earlier = state.app.ticket(&contact.actor(), number(raw)?).await?;
        let tr = state.app.i18n().for_lang(contact.session.user.language);
        let subject = tr.t_args(
            "support-follow-up-subject",
            &[
                ("number", &earlier.ticket.number.to_string()),
                ("subject", &earlier.ticket.subject),
            ],
        );
        form.subject = Line::clean(&subject.chars().take(200).collect::<String>());
        form.category = earlier
            .ticket
            .category
            .map(|c| c.to_string())
            .unwrap_or_default();
    }
    new_page(&state, &contact, &csrf, &key, &form, None)
        .await
        .map(Html)
}

pub async fn submit(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    contact: ContactUser,
    Path(key): Path<String>,
    mut upload: CsrfUpload,
) -> Result<Response, WebError> {
    let form: NewTicketForm = upload.form()?;
    let forms = state.app.ticket_forms().await?;
    let ticket_form = forms
        .iter()
        .find(|f| f.key == key && f.offered)
        .ok_or(WebError::NotFound)?;
    let result = match (form.submission(ticket_form.id), upload.take_files()) {
        (Ok(submission), Ok(files)) => {
            let submission = Submission {
                attachments: files,
                ..submission
            };
            state.app.submit_ticket(&contact.actor(), &submission).await
        }
        (Err(e), _) => Err(AppError::Invalid(e)),
        (_, Err(e)) => Err(e.into()),
    };
    let lang = contact.session.user.language;
    let again = |error| new_page(&state, &contact, &csrf, &key, &form, Some(error));
    let done = |t: Ticket| format!("/tickets/{}?done=created", t.number.0);
    form_answer(&state, lang, result, done, again).await
}

impl CommentView {
    fn new(view: &TicketView, c: &Comment) -> Self {
        CommentView {
            author: view.name_of(c.author),
            staff: view.is_agent(c.author),
            at: format_timestamp(c.created_at),
            body: c.body.clone(),
            files: links(view, c.id, &format!("/tickets/{}", view.ticket.number.0)),
        }
    }
}

impl<'a> TicketPage<'a> {
    /// `colleagues` are offered for the CC when the reader may change it; `refused` is a reply
    /// sent back with its message.
    fn new(
        mut layout: Layout<'a>,
        view: &TicketView,
        catalog: &Catalog,
        colleagues: Option<&[User]>,
        done: Option<&str>,
        refused: Option<(FormError, String)>,
    ) -> Self {
        let tr = layout.tr;
        let lang = tr.lang;
        let t = &view.ticket;
        // The number a customer is asked for on the phone stands with the subject.
        layout.title = format!("#{} {}", t.number.0, t.subject);
        let flash = match done {
            Some("created") => Some(tr.t("support-created")),
            Some("commented") => Some(tr.t("ticket-commented")),
            Some("solved") => Some(tr.t("ticket-solved")),
            Some("ccs") => Some(tr.t("ticket-ccs-changed")),
            _ => None,
        };
        // "Vervolgaanvraag indienen" uses the same form while it is offered.
        let follow_up_form = catalog
            .forms
            .iter()
            .find(|f| f.id == t.form && f.offered)
            .map(|f| f.key.as_str())
            .unwrap_or("question");
        TicketPage {
            number: t.number.0,
            comments: view
                .comments
                .iter()
                .map(|c| CommentView::new(view, c))
                .collect(),
            closed: t.status == TicketStatus::Closed,
            follow_up: format!("/support/new/{follow_up_form}?follow_up={}", t.number.0),
            can_solve: t.status.is_unresolved(),
            requester: view.name_of(t.requester),
            created: format_timestamp(t.created_at),
            activity: format_timestamp(t.updated_at),
            assignee: view.name_of(t.assignee),
            organisation: view.organisation.clone().unwrap_or_default(),
            status: tr.t(t.status.customer_label_key()),
            status_class: status_class(t.status),
            priority: tr.t(&format!("priority-{}", t.priority.code())),
            form: form_name(&catalog.forms, t.form, lang),
            category: category_name(&catalog.categories, t.category, lang),
            ccs: view.ccs.iter().map(|c| view.name_of(Some(*c))).collect(),
            fields: field_lines(&tr, view),
            cc_choices: colleagues.map(|all| {
                all.iter()
                    .map(|c| (c.id.0, c.display_name(), view.ccs.contains(&c.id)))
                    .collect()
            }),
            flash,
            body: refused
                .as_ref()
                .map(|(_, typed)| typed.clone())
                .unwrap_or_default(),
            error: refused.map(|(error, _)| error),
            layout,
        }
    }
}

/// Ticket `n` as `contact` reads it; `refused` is a reply sent back with its message.
async fn ticket_page(
    state: &AppState,
    contact: &ContactUser,
    csrf: &str,
    n: TicketNumber,
    done: Option<&str>,
    refused: Option<(FormError, String)>,
) -> Result<String, WebError> {
    let user = &contact.session.user;
    let actor = contact.actor();
    let view = state.app.ticket(&actor, n).await?;
    let catalog = Catalog::load(state).await?;
    // The requester may change the CC while the request is not closed.
    let ticket = &view.ticket;
    let colleagues = if ticket.requester == Some(user.id) && ticket.status != TicketStatus::Closed {
        Some(state.app.cc_candidates(&actor).await?)
    } else {
        None
    };
    let tr = state.app.i18n().for_lang(user.language);
    let path = format!("/tickets/{}", view.ticket.number.0);
    let layout = Layout::new(state, tr, "support-title", csrf, &path).signed_in(user, TAB);
    let page = TicketPage::new(
        layout,
        &view,
        &catalog,
        colleagues.as_deref(),
        done,
        refused,
    );
    render(&page)
}

pub async fn show(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    contact: ContactUser,
    Path(raw): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let n = number(&raw)?;
    ticket_page(&state, &contact, &csrf, n, q.done.as_deref(), None)
        .await
        .map(Html)
}

pub async fn comment(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    contact: ContactUser,
    Path(raw): Path<String>,
    mut upload: CsrfUpload,
) -> Result<Response, WebError> {
    let n = number(&raw)?;
    let actor = contact.actor();
    let form: CommentForm = upload.form()?;
    let result = match upload.take_files() {
        Ok(files) => {
            state
                .app
                .add_customer_comment(&actor, n, &form.body, &files)
                .await
        }
        Err(e) => Err(e.into()),
    };
    let lang = contact.session.user.language;
    // Only a refused comment needs the page again, with its message.
    let again = |error| async {
        let refused = Some((error, form.body.to_string()));
        ticket_page(&state, &contact, &csrf, n, None, refused).await
    };
    let done = |()| format!("/tickets/{}?done=commented", n.0);
    form_answer(&state, lang, result, done, again).await
}

#[derive(Deserialize)]
pub struct FollowForm {
    #[serde(default)]
    follow: String,
}

/// "Volgen" or "Niet meer volgen" on "Alle aanvragen".
pub async fn follow(
    State(state): State<AppState>,
    contact: ContactUser,
    CsrfForm(form): CsrfForm<FollowForm>,
) -> Result<Response, WebError> {
    let on = match form.follow.as_str() {
        "on" => true,
        "off" => false,
        _ => return Err(WebError::BadRequest),
    };
    state
        .app
        .set_following_requests(&contact.actor(), on)
        .await?;
    let done = if on { "followed" } else { "unfollowed" };
    Ok(Redirect::to(&format!("/support?list=all&done={done}")).into_response())
}

/// The CC as ticked on the ticket page; `cc` repeats, and none ticked empties the CC.
#[derive(Default)]
pub struct CcForm {
    ccs: Vec<String>,
}

impl<'de> Deserialize<'de> for CcForm {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let pairs: Vec<(String, String)> = Vec::deserialize(d)?;
        Ok(CcForm {
            ccs: pairs
                .into_iter()
                .filter(|(k, _)| k == "cc")
                .map(|(_, v)| v)
                .collect(),
        })
    }
}

impl CcForm {
    /// The ticked colleagues; a value that is not an id is refused with the field's message.
    fn ids(&self) -> Result<Vec<UserId>, AppError> {
        self.ccs
            .iter()
            .map(|c| {
                c.trim().parse().map_err(|_| {
                    AppError::Invalid(balie_domain::DomainError::on_field(
                        "error-cc-unknown",
                        "ccs",
                    ))
                })
            })
            .collect()
    }
}

/// "CC wijzigen" by the requester.
pub async fn change_ccs(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    contact: ContactUser,
    Path(raw): Path<String>,
    CsrfForm(form): CsrfForm<CcForm>,
) -> Result<Response, WebError> {
    let n = number(&raw)?;
    let actor = contact.actor();
    let result = match form.ids() {
        Ok(ids) => state.app.change_ccs(&actor, n, &ids).await,
        Err(e) => Err(e),
    };
    let lang = contact.session.user.language;
    let again = |error| async {
        let refused = Some((error, String::new()));
        ticket_page(&state, &contact, &csrf, n, None, refused).await
    };
    let done = |()| format!("/tickets/{}?done=ccs", n.0);
    form_answer(&state, lang, result, done, again).await
}

pub async fn solve(
    State(state): State<AppState>,
    contact: ContactUser,
    Path(raw): Path<String>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response, WebError> {
    let n = number(&raw)?;
    state.app.solve_as_customer(&contact.actor(), n).await?;
    Ok(Redirect::to(&format!("/tickets/{}?done=solved", n.0)).into_response())
}
