//! The agent's organisation pages (D4, B5): find and add organisations, and on an organisation's
//! page its data, the switch "Aanvragen vanuit de organisatie", its contacts, subscription,
//! licences and invoices.

use balie_domain::{Line, SearchText};
use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use balie_app::billing::BillingOverview;
use balie_app::{AppError, Organisation};
use balie_domain::{
    Date, DomainError, InvoiceLine, InvoiceStatus, Money, NewInvoice, NewLicence, OrgId, User,
};
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::error::refused_page;
use crate::extract::{AgentUser, CsrfForm, CsrfToken, Path};
use crate::pages::billing::views::{InvoiceRow, LicenceRow, OverviewView, RequestRow, today};
use crate::pages::kit::{DoneQuery, FormError, Layout, Refused, flash, form_answer, render};
use crate::pages::organisation::views::{FormTarget, OrgFormData, OrgFormPage, Row, rows};

const TAB: &str = "/agent/organisations";
/// Lines on a new invoice form; empty ones are skipped.
const INVOICE_LINES: usize = 5;

#[derive(Template)]
#[template(path = "agent/organisations/list.html")]
struct ListPage<'a> {
    layout: Layout<'a>,
    search: String,
    orgs: Vec<Organisation>,
}

impl<'a> ListPage<'a> {
    fn new(layout: Layout<'a>, search: &SearchText, orgs: Vec<Organisation>) -> Self {
        ListPage {
            layout,
            search: search.to_string(),
            orgs,
        }
    }
}

#[derive(Template)]
#[template(path = "agent/organisations/organisation.html")]
struct OrgPage<'a> {
    layout: Layout<'a>,
    base: String,
    org: Organisation,
    rows: Vec<Row>,
    agent: bool,
    invoices: Vec<InvoiceRow>,
    licences: Vec<LicenceRow>,
    licence_total: String,
    plan: String,
    requests: Vec<RequestRow>,
    flash: Option<String>,
    error: Option<FormError>,
}

impl<'a> OrgPage<'a> {
    /// The organisation's billing overview and its contacts, with the amounts due by `today`;
    /// `done` is what was just done on the page.
    fn new(
        mut layout: Layout<'a>,
        overview: BillingOverview,
        contacts: &[User],
        today: Date,
        done: &Option<String>,
        error: Option<FormError>,
    ) -> Self {
        let tr = layout.tr;
        let base = base(overview.organisation.id);
        let view = OverviewView::of(&tr, tr.lang, &overview, &base, today);
        layout.title = overview.organisation.name.clone();
        OrgPage {
            rows: rows(&tr, contacts, &format!("{base}/contacts")),
            base,
            org: overview.organisation,
            agent: true,
            invoices: view.invoices,
            licences: view.licences,
            licence_total: view.licence_total,
            plan: view.plan,
            requests: view.requests,
            flash: flash(&tr, done),
            error,
            layout,
        }
    }
}

struct InvoiceFormView {
    number: String,
    issue_date: String,
    due_date: String,
    lines: Vec<(String, String, String, String)>,
}

#[derive(Template)]
#[template(path = "agent/organisations/invoice_form.html")]
struct InvoiceFormPage<'a> {
    layout: Layout<'a>,
    action: String,
    cancel_href: String,
    form: InvoiceFormView,
    error: Option<FormError>,
}

impl<'a> InvoiceFormPage<'a> {
    /// The form posted to `action`, for a new invoice of `org`.
    fn new(
        layout: Layout<'a>,
        action: String,
        org: OrgId,
        form: InvoiceFormView,
        error: Option<FormError>,
    ) -> Self {
        InvoiceFormPage {
            layout,
            action,
            cancel_href: base(org),
            form,
            error,
        }
    }
}

#[derive(Deserialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    q: SearchText,
}

#[derive(Deserialize)]
pub struct SharedForm {
    shared: String,
}

#[derive(Deserialize)]
pub struct PlanForm {
    #[serde(default)]
    plan: String,
}

#[derive(Deserialize)]
pub struct LicenceForm {
    #[serde(default)]
    product: Line,
    #[serde(default)]
    quantity: Line,
    #[serde(default)]
    unit_price: Line,
}

#[derive(Deserialize)]
pub struct StatusForm {
    status: String,
}

#[derive(Deserialize)]
pub struct NoFields {}

fn base(org: OrgId) -> String {
    format!("/agent/organisations/{org}")
}

pub async fn list(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Query(q): Query<SearchQuery>,
) -> Result<Html<String>, WebError> {
    let orgs = state.app.find_organisations(&agent.actor(), &q.q).await?;
    let user = &agent.session.user;
    let tr = state.app.i18n().for_lang(user.language);
    let layout = Layout::new(&state, tr, "agent-orgs-title", &csrf, TAB).signed_in(user, TAB);
    render(&ListPage::new(layout, &q.q, orgs)).map(Html)
}

pub async fn show(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(org): Path<OrgId>,
    Query(q): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    show_page(&state, &agent, &csrf, org, &q.done, None)
        .await
        .map(Html)
}

async fn show_page(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    org: OrgId,
    done: &Option<String>,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let actor = agent.actor();
    let overview = state.app.billing_overview(&actor, org).await?;
    let contacts = state.app.contacts(&actor, org).await?;
    let user = &agent.session.user;
    let tr = state.app.i18n().for_lang(user.language);
    let layout = Layout::new(state, tr, "agent-orgs-title", csrf, &base(org)).signed_in(user, TAB);
    let page = OrgPage::new(layout, overview, &contacts, today(state), done, error);
    render(&page)
}

fn org_form(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    org: Option<OrgId>,
    form: OrgFormData,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let user = &agent.session.user;
    let tr = state.app.i18n().for_lang(user.language);
    let (title, target) = match org {
        Some(org) => (
            "org-details-edit-title",
            FormTarget {
                action: format!("{}/edit", base(org)),
                cancel_href: base(org),
                submit: "button-edit",
            },
        ),
        None => (
            "agent-orgs-new-title",
            FormTarget {
                action: format!("{TAB}/new"),
                cancel_href: TAB.to_string(),
                submit: "button-create",
            },
        ),
    };
    let layout = Layout::new(state, tr, title, csrf, &target.action).signed_in(user, TAB);
    render(&OrgFormPage::new(layout, target, form, error))
}

pub async fn new_form(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
) -> Result<Html<String>, WebError> {
    org_form(&state, &agent, &csrf, None, OrgFormData::default(), None).map(Html)
}

pub async fn edit_form(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(org): Path<OrgId>,
) -> Result<Html<String>, WebError> {
    let current = state.app.organisation(&agent.actor(), org).await?;
    org_form(
        &state,
        &agent,
        &csrf,
        Some(org),
        OrgFormData::of(&current),
        None,
    )
    .map(Html)
}

async fn save(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    org: Option<OrgId>,
    form: OrgFormData,
) -> Result<Response, WebError> {
    let actor = agent.actor();
    let result = match (form.parse(), org) {
        (Ok(details), Some(org)) => state
            .app
            .update_organisation(&actor, org, &details)
            .await
            .map(|()| org),
        (Ok(details), None) => state.app.create_organisation(&actor, &details).await,
        (Err(e), _) => Err(AppError::Invalid(e)),
    };
    form_answer(
        state,
        agent.session.user.language,
        result,
        |org| format!("{}?done=saved", base(org)),
        |error| std::future::ready(org_form(state, agent, csrf, org, form, Some(error))),
    )
    .await
}

pub async fn create(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    CsrfForm(form): CsrfForm<OrgFormData>,
) -> Result<Response, WebError> {
    save(&state, &agent, &csrf, None, form).await
}

pub async fn update(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(org): Path<OrgId>,
    CsrfForm(form): CsrfForm<OrgFormData>,
) -> Result<Response, WebError> {
    save(&state, &agent, &csrf, Some(org), form).await
}

pub async fn set_shared(
    State(state): State<AppState>,
    agent: AgentUser,
    Path(org): Path<OrgId>,
    CsrfForm(form): CsrfForm<SharedForm>,
) -> Result<Response, WebError> {
    state
        .app
        .set_requests_shared(&agent.actor(), org, form.shared == "on")
        .await?;
    Ok(Redirect::to(&format!("{}?done=saved", base(org))).into_response())
}

pub async fn set_plan(
    State(state): State<AppState>,
    agent: AgentUser,
    Path(org): Path<OrgId>,
    CsrfForm(form): CsrfForm<PlanForm>,
) -> Result<Response, WebError> {
    state
        .app
        .set_subscription_plan(&agent.actor(), org, &form.plan)
        .await?;
    Ok(Redirect::to(&format!("{}?done=saved", base(org))).into_response())
}

/// Re-shows the organisation page with a message, after a refused form on it.
async fn refused(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    org: OrgId,
    e: AppError,
) -> Result<Response, WebError> {
    let Refused { why, error } = Refused::of(state, agent.session.user.language, e)?;
    let html = show_page(state, agent, csrf, org, &None, Some(error)).await?;
    Ok(refused_page(why, html))
}

pub async fn add_licence(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(org): Path<OrgId>,
    CsrfForm(form): CsrfForm<LicenceForm>,
) -> Result<Response, WebError> {
    let result = match NewLicence::parse(&form.product, &form.quantity, &form.unit_price) {
        Ok(licence) => state.app.add_licence(&agent.actor(), org, &licence).await,
        Err(e) => Err(AppError::Invalid(e)),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("{}?done=saved", base(org))).into_response()),
        Err(e @ AppError::Invalid(_)) => refused(&state, &agent, &csrf, org, e).await,
        Err(e) => Err(e.into()),
    }
}

pub async fn remove_licence(
    State(state): State<AppState>,
    agent: AgentUser,
    Path((org, id)): Path<(OrgId, balie_domain::LicenceId)>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response, WebError> {
    state.app.remove_licence(&agent.actor(), org, id).await?;
    Ok(Redirect::to(&format!("{}?done=saved", base(org))).into_response())
}

pub async fn set_invoice_status(
    State(state): State<AppState>,
    agent: AgentUser,
    Path((org, id)): Path<(OrgId, balie_domain::InvoiceId)>,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> Result<Response, WebError> {
    let status = InvoiceStatus::from_code(&form.status).ok_or(WebError::BadRequest)?;
    state
        .app
        .set_invoice_status(&agent.actor(), org, id, status)
        .await?;
    Ok(Redirect::to(&format!("{}?done=saved", base(org))).into_response())
}

fn invoice_form(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    org: OrgId,
    form: InvoiceFormView,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let user = &agent.session.user;
    let tr = state.app.i18n().for_lang(user.language);
    let action = format!("{}/invoices/new", base(org));
    let layout =
        Layout::new(state, tr, "agent-invoice-new-title", csrf, &action).signed_in(user, TAB);
    render(&InvoiceFormPage::new(layout, action, org, form, error))
}

/// The invoice form as typed; every field of it is one line.
impl From<&HashMap<String, Line>> for InvoiceFormView {
    fn from(fields: &HashMap<String, Line>) -> Self {
        let get = |k: &str| fields.get(k).map(|v| v.to_string()).unwrap_or_default();
        InvoiceFormView {
            number: get("number"),
            issue_date: get("issue_date"),
            due_date: get("due_date"),
            lines: (0..INVOICE_LINES)
                .map(|i| {
                    (
                        get(&format!("description_{i}")),
                        get(&format!("quantity_{i}")),
                        get(&format!("price_{i}")),
                        get(&format!("vat_{i}")),
                    )
                })
                .collect(),
        }
    }
}

/// Reads the invoice form: dates, and each line that has a description.
impl TryFrom<&InvoiceFormView> for NewInvoice {
    type Error = DomainError;

    fn try_from(view: &InvoiceFormView) -> Result<Self, DomainError> {
        let date = |s: &str, field| {
            s.trim()
                .parse::<balie_domain::Date>()
                .map_err(|_| DomainError::on_field("error-date-invalid", field))
        };
        let mut lines = vec![];
        for (description, quantity, price, vat) in &view.lines {
            if description.trim().is_empty() {
                // A line with an amount but no description is a mistake, not an empty line.
                if !price.trim().is_empty() {
                    return Err(DomainError::on_field(
                        "error-invoice-line-incomplete",
                        "lines",
                    ));
                }
                continue;
            }
            let quantity: i64 = quantity
                .trim()
                .parse()
                .ok()
                .filter(|q| (1..=100_000).contains(q))
                .ok_or(DomainError::on_field("error-quantity-invalid", "lines"))?;
            let vat: i64 = if vat.trim().is_empty() {
                21
            } else {
                vat.trim()
                    .parse()
                    .ok()
                    .filter(|v| (0..=100).contains(v))
                    .ok_or(DomainError::on_field("error-vat-invalid", "lines"))?
            };
            let unit_price = Money::parse(price, "lines")?;
            lines.push(InvoiceLine {
                description: description.trim().chars().take(500).collect(),
                quantity,
                unit_price,
                vat_percent: vat,
            });
        }
        NewInvoice {
            number: view.number.clone(),
            issue_date: date(&view.issue_date, "issue_date")?,
            due_date: date(&view.due_date, "due_date")?,
            lines,
        }
        .validate()
    }
}

pub async fn new_invoice_form(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(org): Path<OrgId>,
) -> Result<Html<String>, WebError> {
    state.app.organisation(&agent.actor(), org).await?;
    let issue = today(&state);
    let due = issue.checked_add(jiff_days(30)).unwrap_or(issue);
    let fields: HashMap<String, Line> = [
        ("issue_date", issue.to_string()),
        ("due_date", due.to_string()),
        ("vat_0", "21".into()),
        ("quantity_0", "1".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), Line::clean(&v)))
    .collect();
    invoice_form(
        &state,
        &agent,
        &csrf,
        org,
        InvoiceFormView::from(&fields),
        None,
    )
    .map(Html)
}

fn jiff_days(days: i64) -> balie_domain::Span {
    balie_domain::Span::new().days(days)
}

pub async fn create_invoice(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(org): Path<OrgId>,
    CsrfForm(fields): CsrfForm<HashMap<String, Line>>,
) -> Result<Response, WebError> {
    let view = InvoiceFormView::from(&fields);
    let result = match NewInvoice::try_from(&view) {
        Ok(invoice) => state.app.create_invoice(&agent.actor(), org, invoice).await,
        Err(e) => Err(AppError::Invalid(e)),
    };
    form_answer(
        &state,
        agent.session.user.language,
        result,
        |_| format!("{}?done=saved", base(org)),
        |error| std::future::ready(invoice_form(&state, &agent, &csrf, org, view, Some(error))),
    )
    .await
}
