//! "Facturen/Abonnement" (E1-E3): the overview, an invoice as a page and as a PDF, and
//! "Abonnement wijzigen". A Beheerder sees their own organisation's; agents see these parts on
//! the organisation's page.

pub(crate) mod views;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Redirect, Response};
use balie_app::AppError;
use balie_app::billing::format_date;
use balie_domain::{Actor, Language, OrgId, SubscriptionChange};
use balie_domain::{Line, Text};
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::error::refused_page;
use crate::extract::{AgentUser, ContactUser, CsrfForm, CsrfToken, Path};
use crate::pages::billing::views::{
    InvoiceRow, LicenceRow, OverviewView, RequestRow, status, today,
};
use crate::pages::kit::{DoneQuery, FormError, Layout, Refused, flash, render};

#[derive(Template)]
#[template(path = "billing/overview.html")]
struct OverviewPage<'a> {
    layout: Layout<'a>,
    agent: bool,
    invoices: Vec<InvoiceRow>,
    licences: Vec<LicenceRow>,
    licence_total: String,
    plan: String,
    requests: Vec<RequestRow>,
    flash: Option<String>,
    error: Option<FormError>,
}

#[derive(Template)]
#[template(path = "billing/invoice.html")]
struct InvoicePage<'a> {
    layout: Layout<'a>,
    back_href: String,
    back_label: String,
    pdf_href: String,
    number: String,
    date: String,
    due: String,
    status: String,
    status_class: &'static str,
    lines: Vec<[String; 4]>,
    totals: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "billing/change.html")]
struct ChangePage<'a> {
    layout: Layout<'a>,
    subject: String,
    explanation: String,
    agree: bool,
    error: Option<FormError>,
}

#[derive(Deserialize, Default)]
pub struct ChangeForm {
    #[serde(default)]
    subject: Line,
    #[serde(default)]
    explanation: Text,
    agree: Option<String>,
}

pub async fn overview(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    contact: ContactUser,
    Query(q): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let data = state
        .app
        .billing_overview(&contact.actor(), contact.org)
        .await?;
    let user = &contact.session.user;
    let tr = state.app.i18n().for_lang(user.language);
    let view = OverviewView::of(&tr, user.language, &data, "/billing", today(&state));
    let layout =
        Layout::new(&state, tr, "billing-title", &csrf, "/billing").signed_in(user, "/billing");
    let page = OverviewPage {
        layout,
        agent: false,
        invoices: view.invoices,
        licences: view.licences,
        licence_total: view.licence_total,
        plan: view.plan,
        requests: view.requests,
        flash: flash(&tr, &q.done),
        error: None,
    };
    render(&page).map(Html)
}

/// An invoice as a page, for a Beheerder (`base` `/billing`) or an agent.
pub(crate) async fn invoice_page(
    state: &AppState,
    actor: &Actor,
    user: &balie_domain::User,
    org: OrgId,
    id: i64,
    csrf: &str,
    base: &str,
) -> Result<Html<String>, WebError> {
    let invoice = state
        .app
        .invoice(actor, org, balie_domain::InvoiceId(id))
        .await?;
    let tab = if actor.is_agent() {
        "/agent/organisations"
    } else {
        "/billing"
    };
    let lang = user.language;
    let tr = state.app.i18n().for_lang(lang);
    let (status, status_class) = status(&tr, &invoice, today(state));
    let mut layout = Layout::new(state, tr, "invoice-title", csrf, base).signed_in(user, tab);
    layout.title = format!("{} {}", tr.t("invoice-title"), invoice.number);
    let money = |m: balie_domain::Money| m.format(lang);
    let page = InvoicePage {
        back_href: base.to_string(),
        back_label: tr.t(if actor.is_agent() {
            "back-to-organisations"
        } else {
            "back-to-billing"
        }),
        pdf_href: format!("{base}/invoices/{id}/pdf"),
        number: invoice.number.clone(),
        date: format_date(invoice.issue_date),
        due: format_date(invoice.due_date),
        status,
        status_class,
        lines: invoice
            .lines
            .iter()
            .map(|l| {
                [
                    l.description.clone(),
                    l.quantity.to_string(),
                    money(l.unit_price),
                    money(l.amount()),
                ]
            })
            .collect(),
        totals: vec![
            (tr.t("invoice-subtotal"), money(invoice.subtotal())),
            (tr.t("invoice-vat"), money(invoice.vat())),
            (tr.t("invoice-total"), money(invoice.total())),
        ],
        layout,
    };
    render(&page).map(Html)
}

/// The PDF, served as a download (never shown inline).
pub(crate) async fn pdf_response(
    state: &AppState,
    actor: &Actor,
    org: OrgId,
    id: i64,
    lang: Language,
) -> Result<Response, WebError> {
    let (name, bytes) = state
        .app
        .invoice_pdf(actor, org, balie_domain::InvoiceId(id), lang)
        .await?;
    let disposition = format!("attachment; filename=\"{name}\"");
    Ok((
        [
            (CONTENT_TYPE, "application/pdf".to_string()),
            (CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

pub async fn invoice(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    contact: ContactUser,
    Path(id): Path<i64>,
) -> Result<Html<String>, WebError> {
    invoice_page(
        &state,
        &contact.actor(),
        &contact.session.user,
        contact.org,
        id,
        &csrf,
        "/billing",
    )
    .await
}

pub async fn invoice_pdf(
    State(state): State<AppState>,
    contact: ContactUser,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    pdf_response(
        &state,
        &contact.actor(),
        contact.org,
        id,
        contact.session.user.language,
    )
    .await
}

fn change_page(
    state: &AppState,
    user: &balie_domain::User,
    csrf: &str,
    form: &ChangeForm,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let tr = state.app.i18n().for_lang(user.language);
    let layout = Layout::new(state, tr, "billing-change-title", csrf, "/billing/change")
        .signed_in(user, "/billing");
    render(&ChangePage {
        layout,
        subject: form.subject.to_string(),
        explanation: form.explanation.to_string(),
        agree: form.agree.is_some(),
        error,
    })
}

pub async fn change_form(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    contact: ContactUser,
) -> Result<Html<String>, WebError> {
    // The form is refused to whoever may not send it, like the overview.
    state
        .app
        .billing_overview(&contact.actor(), contact.org)
        .await?;
    change_page(
        &state,
        &contact.session.user,
        &csrf,
        &ChangeForm::default(),
        None,
    )
    .map(Html)
}

pub async fn change(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    contact: ContactUser,
    CsrfForm(form): CsrfForm<ChangeForm>,
) -> Result<Response, WebError> {
    let result =
        match SubscriptionChange::parse(&form.subject, &form.explanation, form.agree.is_some()) {
            Ok(change) => state
                .app
                .request_subscription_change(&contact.actor(), contact.org, &change)
                .await
                .map(|_| ()),
            Err(e) => Err(AppError::Invalid(e)),
        };
    match result {
        Ok(()) => Ok(Redirect::to("/billing?done=requested").into_response()),
        Err(e) => {
            let Refused { why, error } = Refused::of(&state, contact.session.user.language, e)?;
            // A refused form from someone without access is still a refusal, not a form.
            state
                .app
                .billing_overview(&contact.actor(), contact.org)
                .await?;
            let html = change_page(&state, &contact.session.user, &csrf, &form, Some(error))?;
            Ok(refused_page(why, html))
        }
    }
}

/// The agent's view of an organisation's invoice, PDF included.
pub async fn agent_invoice(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path((org, id)): Path<(i64, i64)>,
) -> Result<Html<String>, WebError> {
    let base = format!("/agent/organisations/{org}");
    invoice_page(
        &state,
        &agent.actor(),
        &agent.session.user,
        OrgId(org),
        id,
        &csrf,
        &base,
    )
    .await
}

pub async fn agent_invoice_pdf(
    State(state): State<AppState>,
    agent: AgentUser,
    Path((org, id)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    pdf_response(
        &state,
        &agent.actor(),
        OrgId(org),
        id,
        agent.session.user.language,
    )
    .await
}
