//! "Facturen/Abonnement" (E1-E3): the overview, an invoice as a page and as a PDF, and
//! "Abonnement wijzigen". A Beheerder sees their own organisation's; agents see these parts on
//! the organisation's page.

pub(crate) mod views;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{Html, IntoResponse, Redirect, Response};
use balie_app::AppError;
use balie_app::billing::{BillingOverview, InvoiceFigures, format_date};
use balie_domain::{Date, Invoice, InvoiceId, SubscriptionChange};
use balie_domain::{Line, Text};
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::error::refused_page;
use crate::extract::{ContactUser, CsrfForm, CsrfToken, OrgSide, Path};
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

impl<'a> OverviewPage<'a> {
    /// A Beheerder's own overview; `today` decides which invoices are overdue.
    fn new(layout: Layout<'a>, data: &BillingOverview, today: Date, done: &Option<String>) -> Self {
        let tr = layout.tr;
        let view = OverviewView::of(&tr, tr.lang, data, "/billing", today);
        OverviewPage {
            agent: false,
            invoices: view.invoices,
            licences: view.licences,
            licence_total: view.licence_total,
            plan: view.plan,
            requests: view.requests,
            flash: flash(&tr, done),
            error: None,
            layout,
        }
    }
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

impl<'a> ChangePage<'a> {
    /// The change request form with `form` as typed.
    fn new(layout: Layout<'a>, form: &ChangeForm, error: Option<FormError>) -> Self {
        ChangePage {
            layout,
            subject: form.subject.to_string(),
            explanation: form.explanation.to_string(),
            agree: form.agree.is_some(),
            error,
        }
    }
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
    let layout =
        Layout::new(&state, tr, "billing-title", &csrf, "/billing").signed_in(user, "/billing");
    let page = OverviewPage::new(layout, &data, today(&state), &q.done);
    render(&page).map(Html)
}

impl<'a> InvoicePage<'a> {
    /// `base` is the organisation's billing address: `/billing` or the agent's organisation page.
    fn new(
        mut layout: Layout<'a>,
        invoice: &Invoice,
        base: &str,
        agent: bool,
        today: Date,
    ) -> Self {
        let tr = layout.tr;
        layout.title = format!("{} {}", tr.t("invoice-title"), invoice.number);
        let (status, status_class) = status(&tr, invoice, today);
        let figures = InvoiceFigures::new(&tr, invoice);
        InvoicePage {
            back_href: base.to_string(),
            back_label: tr.t(if agent {
                "back-to-organisations"
            } else {
                "back-to-billing"
            }),
            pdf_href: format!("{base}/invoices/{}/pdf", invoice.id),
            number: invoice.number.clone(),
            date: format_date(invoice.issue_date),
            due: format_date(invoice.due_date),
            status,
            status_class,
            lines: figures.lines,
            totals: figures.totals,
            layout,
        }
    }
}

/// The last part of an invoice's address; an agent's address also names `{org}`, which
/// [`OrgSide`] reads.
#[derive(Deserialize)]
pub struct InvoicePath {
    id: InvoiceId,
}

/// Where an organisation's billing lives for the one asking, and the menu tab it is under.
fn billing_base(side: &OrgSide) -> (String, &'static str) {
    if side.is_agent() {
        (
            format!("/agent/organisations/{}", side.org),
            "/agent/organisations",
        )
    } else {
        ("/billing".into(), "/billing")
    }
}

/// An invoice as a page, for a Beheerder of its organisation or an agent.
pub async fn invoice(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    side: OrgSide,
    Path(path): Path<InvoicePath>,
) -> Result<Html<String>, WebError> {
    let invoice = state.app.invoice(&side.actor, side.org, path.id).await?;
    let (base, tab) = billing_base(&side);
    let tr = state.app.i18n().for_lang(side.user.language);
    let layout = Layout::new(&state, tr, "invoice-title", &csrf, &base).signed_in(&side.user, tab);
    let page = InvoicePage::new(layout, &invoice, &base, side.is_agent(), today(&state));
    render(&page).map(Html)
}

/// The PDF, served as a download (never shown inline).
pub async fn invoice_pdf(
    State(state): State<AppState>,
    side: OrgSide,
    Path(path): Path<InvoicePath>,
) -> Result<Response, WebError> {
    let (name, bytes) = state
        .app
        .invoice_pdf(&side.actor, side.org, path.id, side.user.language)
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
    render(&ChangePage::new(layout, form, error))
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
