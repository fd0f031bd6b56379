//! Requests from visitors without an account (C3), when the portal allows them: the forms, and
//! one form with an e-mail address instead of a sign-in. Not found when switched off.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use balie_app::AppError;
use balie_app::tickets::Submission;
use balie_domain::{Ticket, TicketForm};

use crate::AppState;
use crate::error::WebError;
use crate::error::refused_page;
use crate::extract::{ClientAddr, CsrfToken, CsrfUpload, Lang, Path};
use crate::pages::kit::custom_fields::inputs;
use crate::pages::kit::{FormError, Layout, Refused, address, render};
use crate::pages::support::form::{Asker, FormCard, NewPage, NewTicketForm};

#[derive(Template)]
#[template(path = "support/request_index.html")]
struct IndexPage<'a> {
    layout: Layout<'a>,
    forms: Vec<FormCard>,
}

impl<'a> IndexPage<'a> {
    fn new(layout: Layout<'a>, forms: &[TicketForm]) -> Self {
        let forms = FormCard::offered(forms, layout.tr.lang);
        IndexPage { layout, forms }
    }
}

#[derive(Template)]
#[template(path = "support/request_sent.html")]
struct SentPage<'a> {
    layout: Layout<'a>,
    number: i64,
    email: String,
}

impl<'a> SentPage<'a> {
    /// The confirmation of `ticket`, naming the address its answers go to.
    fn new(layout: Layout<'a>, ticket: &Ticket) -> Self {
        SentPage {
            layout,
            number: ticket.number.0,
            email: address(ticket.requester_email.as_ref()),
        }
    }
}

fn allowed(state: &AppState) -> Result<(), WebError> {
    if state.app.config().anonymous_requests {
        Ok(())
    } else {
        Err(WebError::NotFound)
    }
}

async fn offered(state: &AppState, key: &str) -> Result<TicketForm, WebError> {
    state
        .app
        .ticket_forms()
        .await?
        .into_iter()
        .find(|f| f.key == key && f.offered)
        .ok_or(WebError::NotFound)
}

pub async fn index(
    State(state): State<AppState>,
    Lang(lang): Lang,
    CsrfToken(csrf): CsrfToken,
) -> Result<Html<String>, WebError> {
    allowed(&state)?;
    let tr = state.app.i18n().for_lang(lang);
    let forms = state.app.ticket_forms().await?;
    let layout = Layout::new(&state, tr, "request-title", &csrf, "/request");
    render(&IndexPage::new(layout, &forms)).map(Html)
}

async fn page(
    state: &AppState,
    lang: balie_domain::Language,
    csrf: &str,
    form: &TicketForm,
    typed: &NewTicketForm,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let tr = state.app.i18n().for_lang(lang);
    let path = format!("/request/{}", form.key);
    let layout = Layout::new(state, tr, "request-title", csrf, &path);
    let categories = state.app.ticket_categories().await?;
    let fields = inputs(
        &state.app.ticket_fields().await?,
        form.id,
        lang,
        &typed.fields,
        &error,
    );
    render(&NewPage::new(
        layout,
        form,
        &categories,
        fields,
        Asker::Visitor,
        typed,
        error,
    ))
}

pub async fn form(
    State(state): State<AppState>,
    Lang(lang): Lang,
    CsrfToken(csrf): CsrfToken,
    Path(key): Path<String>,
) -> Result<Html<String>, WebError> {
    allowed(&state)?;
    let form = offered(&state, &key).await?;
    page(&state, lang, &csrf, &form, &NewTicketForm::default(), None)
        .await
        .map(Html)
}

pub async fn submit(
    State(state): State<AppState>,
    Lang(lang): Lang,
    CsrfToken(csrf): CsrfToken,
    client: ClientAddr,
    Path(key): Path<String>,
    mut upload: CsrfUpload,
) -> Result<Response, WebError> {
    allowed(&state)?;
    let form = offered(&state, &key).await?;
    let mut typed: NewTicketForm = upload.form()?;
    // Visitors name no colleagues: whatever came as one is not read.
    typed.cc.clear();
    let result = match (typed.submission(form.id), upload.take_files()) {
        (Ok(submission), Ok(files)) => {
            let submission = Submission {
                attachments: files,
                ..submission
            };
            state
                .app
                .submit_anonymous_ticket(&typed.email, &submission, lang, &client.0)
                .await
        }
        (Err(e), _) => Err(AppError::Invalid(e)),
        (_, Err(e)) => Err(e.into()),
    };
    let tr = state.app.i18n().for_lang(lang);
    match result {
        Ok(ticket) => {
            let layout = Layout::new(&state, tr, "request-sent-title", &csrf, "/request");
            Ok(Html(render(&SentPage::new(layout, &ticket))?).into_response())
        }
        Err(e) => {
            let Refused { why, error } = Refused::of(&state, lang, e)?;
            let html = page(&state, lang, &csrf, &form, &typed, Some(error)).await?;
            Ok(refused_page(why, html))
        }
    }
}
