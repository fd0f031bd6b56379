//! Setting a password from an e-mailed link (A1, A3) and changing it when signed in (A7).

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use balie_app::AppError;
use balie_app::accounts::Portal;
use balie_domain::{TokenPurpose, User};
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::error::{Refusal, refused_page};
use crate::extract::{CsrfForm, CsrfToken, CurrentUser, Lang, Path};
use crate::pages::accounts::signed_in_response;
use crate::pages::kit::{FormError, Layout, Refused, password_rules, render};

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

impl<'a> SetPage<'a> {
    /// The form for a usable `link`, or without one the way to ask for a new link.
    fn new(
        layout: Layout<'a>,
        token: &str,
        link: Option<LinkState>,
        rules: String,
        error: Option<FormError>,
    ) -> Self {
        SetPage {
            layout,
            action: format!("/password/set/{token}"),
            email: link.map(|l| l.email),
            rules,
            error,
        }
    }
}

#[derive(Template)]
#[template(path = "accounts/message.html")]
struct MessagePage<'a> {
    layout: Layout<'a>,
    message: String,
    link_href: &'static str,
    link_label: String,
}

impl<'a> MessagePage<'a> {
    /// "Your password is set", with the way to the sign-in page of `user`'s portal.
    fn password_set(layout: Layout<'a>, user: &User) -> Self {
        let tr = layout.tr;
        MessagePage {
            layout,
            message: tr.t("password-set-done"),
            link_href: Portal::of(user).sign_in_path(),
            link_label: tr.t("sign-in-submit"),
        }
    }
}

#[derive(Template)]
#[template(path = "accounts/password_change.html")]
struct ChangePage<'a> {
    layout: Layout<'a>,
    email: String,
    rules: String,
    error: Option<FormError>,
}

impl<'a> ChangePage<'a> {
    fn new(layout: Layout<'a>, user: &User, rules: String, error: Option<FormError>) -> Self {
        let email = user.email.as_ref().map(|e| e.to_string());
        ChangePage {
            layout,
            email: email.unwrap_or_default(),
            rules,
            error,
        }
    }
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

/// What the set-password page shows: the form for a usable link, else a way to a new link.
struct LinkState {
    purpose: TokenPurpose,
    email: String,
}

fn set_page(
    state: &AppState,
    lang: Lang,
    csrf: &str,
    token: &str,
    link: Option<LinkState>,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let tr = state.app.i18n().for_lang(lang.0);
    let title = match link.as_ref().map(|l| l.purpose) {
        Some(TokenPurpose::Invitation) => "password-set-welcome-title",
        _ => "password-set-title",
    };
    let action = format!("/password/set/{token}");
    let layout = Layout::new(state, tr, title, csrf, &action);
    let rules = password_rules(&tr, state);
    render(&SetPage::new(layout, token, link, rules, error))
}

fn link_state(user: User, purpose: TokenPurpose) -> LinkState {
    let email = user.email.map(|e| e.to_string()).unwrap_or_default();
    LinkState { purpose, email }
}

fn unusable(state: &AppState, lang: Lang, csrf: &str, token: &str) -> Result<Response, WebError> {
    let html = set_page(state, lang, csrf, token, None, None)?;
    Ok(refused_page(Refusal::Gone, html))
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
            let link = link_state(check.user, check.purpose);
            let html = set_page(&state, lang, &csrf, &token, Some(link), None)?;
            Ok(Html(html).into_response())
        }
        Err(AppError::Invalid(_)) => unusable(&state, lang, &csrf, &token),
        Err(e) => Err(e.into()),
    }
}

pub async fn set_password(
    State(state): State<AppState>,
    lang: Lang,
    CsrfToken(csrf): CsrfToken,
    Path(token): Path<String>,
    CsrfForm(form): CsrfForm<NewPasswordForm>,
) -> Result<Response, WebError> {
    let tr = state.app.i18n().for_lang(lang.0);
    match state
        .app
        .set_password(&token, &form.password, &form.password_confirm)
        .await
    {
        Ok(user) => {
            let layout = Layout::new(&state, tr, "password-set-done-title", &csrf, "/login");
            let page = MessagePage::password_set(layout, &user);
            Ok(Html(render(&page)?).into_response())
        }
        Err(AppError::Invalid(e)) if e.key == "error-link-unusable" => {
            unusable(&state, lang, &csrf, &token)
        }
        Err(e) => {
            let Refused { why, error } = Refused::of(&state, lang.0, e)?;
            let check = state.app.check_token(&token).await?;
            let link = link_state(check.user, check.purpose);
            let html = set_page(&state, lang, &csrf, &token, Some(link), Some(error))?;
            Ok(refused_page(why, html))
        }
    }
}

fn change_page(
    state: &AppState,
    csrf: &str,
    user: &User,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let tr = state.app.i18n().for_lang(user.language);
    let layout = Layout::new(
        state,
        tr,
        "password-change-title",
        csrf,
        "/account/password",
    )
    .signed_in(user, "");
    let rules = password_rules(&tr, state);
    render(&ChangePage::new(layout, user, rules, error))
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
    let user = &session.user;
    let result = state
        .app
        .change_password(
            user.id,
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
        Err(e) => {
            let Refused { why, error } = Refused::of(&state, user.language, e)?;
            let html = change_page(&state, &csrf, user, Some(error))?;
            Ok(refused_page(why, html))
        }
    }
}
