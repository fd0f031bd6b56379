//! Passwords: requesting one ("Wachtwoord vergeten?", "Registreren"; A2, A6), setting one from
//! an e-mailed link (A1, A3) and changing it when signed in (A7).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use balie_app::AppError;
use balie_domain::TokenPurpose;
use serde::Deserialize;

use super::accounts::signed_in_response;
use super::{FormError, Layout, render};
use crate::AppState;
use crate::error::WebError;
use crate::extract::{ClientAddr, CsrfForm, CsrfToken, CurrentUser, Lang};

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

#[derive(Template)]
#[template(path = "accounts/password_set.html")]
struct SetPage<'a> {
    layout: Layout<'a>,
    action: String,
    /// `None` when the link cannot be used.
    email: Option<String>,
    rules: String,
    error: Option<FormError>,
}

#[derive(Template)]
#[template(path = "accounts/message.html")]
struct MessagePage<'a> {
    layout: Layout<'a>,
    message: String,
    link_href: &'static str,
    link_label: String,
}

#[derive(Template)]
#[template(path = "accounts/password_change.html")]
struct ChangePage<'a> {
    layout: Layout<'a>,
    email: String,
    rules: String,
    error: Option<FormError>,
}

#[derive(Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
}

#[derive(Deserialize)]
pub struct NewPasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

#[derive(Deserialize)]
pub struct ChangePasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

/// The two doors to the same request: "Wachtwoord vergeten?" and "Registreren".
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
    fn keys(self) -> (&'static str, &'static str) {
        match self {
            Door::Forgot => ("password-request-title", "password-request-intro"),
            Door::Register => ("register-title", "register-intro"),
        }
    }
}

fn password_rules(state: &AppState, tr: &balie_app::Tr<'_>) -> String {
    let min = state.app.config.password_policy.min_length.to_string();
    tr.t1("password-rules", "min", &min)
}

fn request_page(
    state: &AppState,
    lang: Lang,
    csrf: &str,
    door: Door,
    email: String,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let tr = state.app.i18n.for_lang(lang.0);
    let (title, intro) = door.keys();
    let layout = Layout::new(state, tr, title, csrf, door.action());
    render(&RequestPage {
        layout,
        intro: tr.t(intro),
        action: door.action(),
        email,
        error,
    })
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
    let tr = state.app.i18n.for_lang(lang.0);
    let error = match state
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
            let email = form.email.trim().to_string();
            return Ok(Html(render(&RequestSentPage { layout, email })?).into_response());
        }
        Err(AppError::Invalid(e)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            FormError::from_domain(&tr, &state, &e),
        ),
        Err(AppError::RateLimited) => (
            StatusCode::TOO_MANY_REQUESTS,
            FormError {
                field: None,
                message: tr.t("error-rate-limited"),
            },
        ),
        Err(e) => return Err(e.into()),
    };
    let html = request_page(&state, lang, &csrf, door, form.email, Some(error.1))?;
    Ok((error.0, Html(html)).into_response())
}

fn set_page(
    state: &AppState,
    lang: Lang,
    csrf: &str,
    token: &str,
    purpose: Option<TokenPurpose>,
    email: Option<String>,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let tr = state.app.i18n.for_lang(lang.0);
    let title = match purpose {
        Some(TokenPurpose::Invitation) => "password-set-welcome-title",
        _ => "password-set-title",
    };
    let action = format!("/password/set/{token}");
    let layout = Layout::new(state, tr, title, csrf, &action);
    let rules = password_rules(state, &tr);
    render(&SetPage {
        layout,
        action,
        email,
        rules,
        error,
    })
}

/// The page a link in an e-mail opens. Opening it changes nothing (mail scanners follow links).
pub async fn set_password_form(
    State(state): State<AppState>,
    lang: Lang,
    CsrfToken(csrf): CsrfToken,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    match state.app.check_token(&token).await {
        Ok(check) => {
            let email = check.user.email.map(|e| e.to_string()).unwrap_or_default();
            Ok(Html(set_page(
                &state,
                lang,
                &csrf,
                &token,
                Some(check.purpose),
                Some(email),
                None,
            )?)
            .into_response())
        }
        Err(AppError::Invalid(_)) => unusable(&state, lang, &csrf, &token),
        Err(e) => Err(e.into()),
    }
}

fn unusable(state: &AppState, lang: Lang, csrf: &str, token: &str) -> Result<Response, WebError> {
    let html = set_page(state, lang, csrf, token, None, None, None)?;
    Ok((StatusCode::GONE, Html(html)).into_response())
}

pub async fn set_password(
    State(state): State<AppState>,
    lang: Lang,
    CsrfToken(csrf): CsrfToken,
    Path(token): Path<String>,
    CsrfForm(form): CsrfForm<NewPasswordForm>,
) -> Result<Response, WebError> {
    let tr = state.app.i18n.for_lang(lang.0);
    match state
        .app
        .set_password(&token, &form.password, &form.password_confirm)
        .await
    {
        Ok(user) => {
            let layout = Layout::new(&state, tr, "password-set-done-title", &csrf, "/login");
            let link_href = if user.is_agent() {
                "/agent/login"
            } else {
                "/login"
            };
            let page = MessagePage {
                layout,
                message: tr.t("password-set-done"),
                link_href,
                link_label: tr.t("sign-in-submit"),
            };
            Ok(Html(render(&page)?).into_response())
        }
        Err(AppError::Invalid(e)) if e.key == "error-link-unusable" => {
            unusable(&state, lang, &csrf, &token)
        }
        Err(AppError::Invalid(e)) => {
            let check = state.app.check_token(&token).await?;
            let email = check.user.email.map(|e| e.to_string());
            let error = FormError::from_domain(&tr, &state, &e);
            let html = set_page(
                &state,
                lang,
                &csrf,
                &token,
                Some(check.purpose),
                email,
                Some(error),
            )?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

fn change_page(
    state: &AppState,
    csrf: &str,
    user: &balie_domain::User,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let tr = state.app.i18n.for_lang(user.language);
    let layout = Layout::new(
        state,
        tr,
        "password-change-title",
        csrf,
        "/account/password",
    )
    .signed_in(user, "");
    let email = user
        .email
        .as_ref()
        .map(|e| e.to_string())
        .unwrap_or_default();
    let rules = password_rules(state, &tr);
    render(&ChangePage {
        layout,
        email,
        rules,
        error,
    })
}

pub async fn change_password_form(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    CurrentUser(session): CurrentUser,
) -> Result<Html<String>, WebError> {
    change_page(&state, &csrf, &session.user, None).map(Html)
}

pub async fn change_password(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    CurrentUser(session): CurrentUser,
    CsrfForm(form): CsrfForm<ChangePasswordForm>,
) -> Result<Response, WebError> {
    let result = state
        .app
        .change_password(
            session.user.id,
            &form.current_password,
            &form.password,
            &form.password_confirm,
        )
        .await;
    match result {
        Ok(signed_in) => Ok(signed_in_response(
            &state,
            &signed_in,
            "/account?done=password",
        )),
        Err(AppError::Invalid(e)) => {
            let tr = state.app.i18n.for_lang(session.user.language);
            let error = FormError::from_domain(&tr, &state, &e);
            let html = change_page(&state, &csrf, &session.user, Some(error))?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
