//! Requesting a password: "Wachtwoord vergeten?" / "Een wachtwoord aanvragen" (A2) and
//! "Registreren" (A6), two doors to the same request. The answer is the same for known and
//! unknown addresses.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use balie_domain::Line;
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::error::refused_page;
use crate::extract::{ClientAddr, CsrfForm, CsrfToken, Lang};
use crate::pages::kit::{FormError, Layout, Refused, render};

#[derive(Template)]
#[template(path = "accounts/password_request.html")]
struct RequestPage<'a> {
    layout: Layout<'a>,
    intro: String,
    action: &'static str,
    email: String,
    error: Option<FormError>,
}

#[derive(Template)]
#[template(path = "accounts/password_request_sent.html")]
struct RequestSentPage<'a> {
    layout: Layout<'a>,
    email: String,
}

impl<'a> RequestPage<'a> {
    /// The form behind `door`, with the address as typed.
    fn new(layout: Layout<'a>, door: Door, email: String, error: Option<FormError>) -> Self {
        let intro = layout.tr.t(door.keys().1);
        RequestPage {
            layout,
            intro,
            action: door.action(),
            email,
            error,
        }
    }
}

impl<'a> RequestSentPage<'a> {
    fn new(layout: Layout<'a>, email: &Line) -> Self {
        let email = email.trim().to_string();
        RequestSentPage { layout, email }
    }
}

#[derive(Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: Line,
}

#[derive(Clone, Copy)]
enum Door {
    Forgot,
    Register,
}

impl Door {
    fn action(self) -> &'static str {
        match self {
            Door::Forgot => "/password/forgot",
            Door::Register => "/register",
        }
    }

    /// The title and the introduction of the form.
    fn keys(self) -> (&'static str, &'static str) {
        match self {
            Door::Forgot => ("password-request-title", "password-request-intro"),
            Door::Register => ("register-title", "register-intro"),
        }
    }
}

fn request_page(
    state: &AppState,
    lang: Lang,
    csrf: &str,
    door: Door,
    email: String,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let tr = state.app.i18n().for_lang(lang.0);
    let layout = Layout::new(state, tr, door.keys().0, csrf, door.action());
    render(&RequestPage::new(layout, door, email, error))
}

pub async fn forgot_password_form(
    State(state): State<AppState>,
    lang: Lang,
    CsrfToken(csrf): CsrfToken,
) -> Result<Html<String>, WebError> {
    request_page(&state, lang, &csrf, Door::Forgot, String::new(), None).map(Html)
}

pub async fn register_form(
    State(state): State<AppState>,
    lang: Lang,
    CsrfToken(csrf): CsrfToken,
) -> Result<Html<String>, WebError> {
    request_page(&state, lang, &csrf, Door::Register, String::new(), None).map(Html)
}

pub async fn forgot_password(
    state: State<AppState>,
    lang: Lang,
    csrf: CsrfToken,
    client: ClientAddr,
    form: CsrfForm<EmailForm>,
) -> Result<Response, WebError> {
    request(state, lang, csrf, client, form, Door::Forgot).await
}

pub async fn register(
    state: State<AppState>,
    lang: Lang,
    csrf: CsrfToken,
    client: ClientAddr,
    form: CsrfForm<EmailForm>,
) -> Result<Response, WebError> {
    request(state, lang, csrf, client, form, Door::Register).await
}

/// Answers the same for known and unknown addresses; only a malformed address is refused.
async fn request(
    State(state): State<AppState>,
    lang: Lang,
    CsrfToken(csrf): CsrfToken,
    ClientAddr(client): ClientAddr,
    CsrfForm(form): CsrfForm<EmailForm>,
    door: Door,
) -> Result<Response, WebError> {
    let tr = state.app.i18n().for_lang(lang.0);
    let Refused { why, error } = match state
        .app
        .request_password(&form.email, lang.0, &client)
        .await
    {
        Ok(()) => {
            let layout = Layout::new(
                &state,
                tr,
                "password-request-sent-title",
                &csrf,
                door.action(),
            );
            let page = RequestSentPage::new(layout, &form.email);
            return Ok(Html(render(&page)?).into_response());
        }
        Err(e) => Refused::of(&state, lang.0, e)?,
    };
    let html = request_page(
        &state,
        lang,
        &csrf,
        door,
        form.email.to_string(),
        Some(error),
    )?;
    Ok(refused_page(why, html))
}
