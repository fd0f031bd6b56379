//! Signing in and out (A5): the customer page, the separate agent page, and "Afmelden".

use askama::Template;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Redirect, Response};
use balie_app::accounts::{Portal, SignInAttempt};
use balie_domain::{Language, Line};
use serde::Deserialize;

use crate::AppState;
use crate::cookies::{Cookie, with_cookies};
use crate::error::WebError;
use crate::error::refused_page;
use crate::extract::{ClientAddr, CsrfForm, CsrfToken, CurrentUser, Lang, MaybeUser};
use crate::pages::accounts::signed_in_response;
use crate::pages::kit::{FormError, Layout, Refused, render, safe_return_path};

#[derive(Template)]
#[template(path = "accounts/sign_in.html")]
struct SignInPage<'a> {
    layout: Layout<'a>,
    heading: String,
    agent: bool,
    action: &'static str,
    next: String,
    email: String,
    /// Whether visitors may submit a request without an account (C3).
    anonymous: bool,
    error: Option<FormError>,
}

impl<'a> SignInPage<'a> {
    /// The sign-in form of `portal`, with the address as typed and where to go after;
    /// `anonymous` when visitors may send a request without an account.
    fn new(
        layout: Layout<'a>,
        portal: Portal,
        anonymous: bool,
        next: String,
        email: String,
        error: Option<FormError>,
    ) -> Self {
        let (agent, action, title) = sign_in_keys(portal);
        let heading = layout.tr.t1(title, "portal", &layout.brand.portal_name);
        SignInPage {
            layout,
            heading,
            agent,
            action,
            next,
            email,
            anonymous,
            error,
        }
    }
}

/// Whether `portal` is the agents', where its form posts, and its heading's key.
fn sign_in_keys(portal: Portal) -> (bool, &'static str, &'static str) {
    match portal {
        Portal::Customer => (false, "/login", "sign-in-title"),
        Portal::Agent => (true, "/agent/login", "sign-in-agent-title"),
    }
}

#[derive(Deserialize, Default)]
pub struct NextQuery {
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: Line,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

fn page(
    state: &AppState,
    lang: Lang,
    csrf: &str,
    portal: Portal,
    next: String,
    email: String,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let tr = state.app.i18n().for_lang(lang.0);
    let (_, action, _) = sign_in_keys(portal);
    let layout = Layout::new(state, tr, "sign-in-submit", csrf, action);
    let anonymous = state.app.config().anonymous_requests;
    render(&SignInPage::new(
        layout, portal, anonymous, next, email, error,
    ))
}

pub async fn sign_in_form(
    state: State<AppState>,
    lang: Lang,
    csrf: CsrfToken,
    user: MaybeUser,
    query: Query<NextQuery>,
) -> Result<Response, WebError> {
    form(state, lang, csrf, user, query, Portal::Customer)
}

pub async fn agent_sign_in_form(
    state: State<AppState>,
    lang: Lang,
    csrf: CsrfToken,
    user: MaybeUser,
    query: Query<NextQuery>,
) -> Result<Response, WebError> {
    form(state, lang, csrf, user, query, Portal::Agent)
}

/// The sign-in form; someone already signed in on this side goes straight on.
fn form(
    State(state): State<AppState>,
    lang: Lang,
    CsrfToken(csrf): CsrfToken,
    MaybeUser(user): MaybeUser,
    Query(q): Query<NextQuery>,
    portal: Portal,
) -> Result<Response, WebError> {
    let default_next = if portal == Portal::Agent {
        "/agent"
    } else {
        "/"
    };
    let next = safe_return_path(q.next.as_deref().or(Some(default_next)));
    if user.is_some_and(|s| s.user.is_agent() == (portal == Portal::Agent)) {
        return Ok(Redirect::to(&next).into_response());
    }
    let html = page(&state, lang, &csrf, portal, next, String::new(), None)?;
    Ok(Html(html).into_response())
}

pub async fn sign_in(
    state: State<AppState>,
    lang: Lang,
    csrf: CsrfToken,
    client: ClientAddr,
    headers: HeaderMap,
    form: CsrfForm<SignInForm>,
) -> Result<Response, WebError> {
    attempt(state, lang, csrf, client, headers, form, Portal::Customer).await
}

pub async fn agent_sign_in(
    state: State<AppState>,
    lang: Lang,
    csrf: CsrfToken,
    client: ClientAddr,
    headers: HeaderMap,
    form: CsrfForm<SignInForm>,
) -> Result<Response, WebError> {
    attempt(state, lang, csrf, client, headers, form, Portal::Agent).await
}

async fn attempt(
    State(state): State<AppState>,
    lang: Lang,
    CsrfToken(csrf): CsrfToken,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    CsrfForm(form): CsrfForm<SignInForm>,
    portal: Portal,
) -> Result<Response, WebError> {
    let default_next = if portal == Portal::Agent {
        "/agent"
    } else {
        "/"
    };
    let next = safe_return_path(form.next.as_deref().or(Some(default_next)));
    let cookies = &state.web.cookies;
    let device = cookies.read(&headers, Cookie::Device);
    let attempt = SignInAttempt {
        portal,
        email: &form.email,
        password: &form.password,
        client: &client,
        device: device.as_deref(),
        language: cookies
            .read(&headers, Cookie::LangChosen)
            .and_then(|code| Language::from_code(&code)),
    };
    let Refused { why, error } = match state.app.sign_in(attempt).await {
        Ok(signed_in) => return Ok(signed_in_response(&state, &signed_in, &next)),
        Err(e) => Refused::of(&state, lang.0, e)?,
    };
    let email = form.email.to_string();
    let html = page(&state, lang, &csrf, portal, next, email, Some(error))?;
    Ok(refused_page(why, html))
}

#[derive(Deserialize)]
pub struct SignOutForm {}

pub async fn sign_out(
    State(state): State<AppState>,
    CurrentUser(session): CurrentUser,
    CsrfForm(_): CsrfForm<SignOutForm>,
) -> Result<Response, WebError> {
    state.app.sign_out(&session.token, session.user.id).await?;
    let target = Portal::of(&session.user).sign_in_path();
    let clear = [state.web.cookies.clear(Cookie::Session)];
    Ok(with_cookies(Redirect::to(target), &clear))
}
