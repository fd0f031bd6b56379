//! "Mijn organisatie" (B1, B2): the hub with its three parts, the organisation's data and the
//! signed-in person's own data. The contact persons are in `contacts`.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, Response};
use balie_app::AppError;
use balie_app::Organisation;
use balie_domain::User;

use crate::AppState;
use crate::error::WebError;
use crate::extract::{ContactUser, CsrfForm, CsrfToken};
use crate::pages::kit::{DoneQuery, FormError, Layout, flash, form_answer, render};
use crate::pages::organisation::views::{
    FormTarget, OrgFormData, OrgFormPage, PersonFormData, PersonFormFor, PersonFormPage, PersonView,
};

#[derive(Template)]
#[template(path = "organisation/hub.html")]
struct HubPage<'a> {
    layout: Layout<'a>,
    manager: bool,
}

impl<'a> HubPage<'a> {
    /// `manager`: whether the reader may manage the organisation.
    fn new(layout: Layout<'a>, manager: bool) -> Self {
        HubPage { layout, manager }
    }
}

#[derive(Template)]
#[template(path = "organisation/details.html")]
pub(crate) struct DetailsPage<'a> {
    pub layout: Layout<'a>,
    pub org: Organisation,
    pub edit_href: Option<String>,
    pub back_href: String,
    pub back_label: String,
    pub flash: Option<String>,
    pub error: Option<FormError>,
}

impl<'a> DetailsPage<'a> {
    /// The contact's own organisation, with the way to edit it.
    fn new(layout: Layout<'a>, org: Organisation, done: &Option<String>) -> Self {
        let tr = layout.tr;
        DetailsPage {
            org,
            edit_href: Some("/organisation/details/edit".into()),
            back_href: "/organisation".into(),
            back_label: tr.t("back-to-organisation"),
            flash: flash(&tr, done),
            error: None,
            layout,
        }
    }
}

pub async fn hub(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    contact: ContactUser,
) -> Result<Html<String>, WebError> {
    let user = &contact.session.user;
    let tr = state.app.i18n().for_lang(user.language);
    let layout = Layout::new(&state, tr, "org-title", &csrf, "/organisation")
        .signed_in(user, "/organisation");
    let page = HubPage::new(layout, contact.roles.can_manage_organisation());
    render(&page).map(Html)
}

pub async fn details(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    contact: ContactUser,
    Query(q): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let org = state
        .app
        .organisation(&contact.actor(), contact.org)
        .await?;
    let user = &contact.session.user;
    let tr = state.app.i18n().for_lang(user.language);
    let layout = Layout::new(
        &state,
        tr,
        "org-details-title",
        &csrf,
        "/organisation/details",
    )
    .signed_in(user, "/organisation");
    let page = DetailsPage::new(layout, org, &q.done);
    render(&page).map(Html)
}

fn org_form_page(
    state: &AppState,
    user: &User,
    csrf: &str,
    form: OrgFormData,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let tr = state.app.i18n().for_lang(user.language);
    let layout = Layout::new(
        state,
        tr,
        "org-details-edit-title",
        csrf,
        "/organisation/details/edit",
    )
    .signed_in(user, "/organisation");
    let target = FormTarget {
        action: "/organisation/details/edit".into(),
        cancel_href: "/organisation/details".into(),
        submit: "button-edit",
    };
    render(&OrgFormPage::new(layout, target, form, error))
}

pub async fn details_form(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    contact: ContactUser,
) -> Result<Html<String>, WebError> {
    let org = state
        .app
        .organisation(&contact.actor(), contact.org)
        .await?;
    org_form_page(
        &state,
        &contact.session.user,
        &csrf,
        OrgFormData::of(&org),
        None,
    )
    .map(Html)
}

pub async fn save_details(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    contact: ContactUser,
    CsrfForm(form): CsrfForm<OrgFormData>,
) -> Result<Response, WebError> {
    let user = &contact.session.user;
    // Who may not change the data hears so before their input is looked at.
    state
        .app
        .organisation(&contact.actor(), contact.org)
        .await?;
    let result = match form.parse() {
        Ok(details) => {
            state
                .app
                .update_organisation(&contact.actor(), contact.org, &details)
                .await
        }
        Err(e) => Err(AppError::Invalid(e)),
    };
    form_answer(
        &state,
        user.language,
        result,
        |()| "/organisation/details?done=saved".into(),
        |error| std::future::ready(org_form_page(&state, user, &csrf, form, Some(error))),
    )
    .await
}

#[derive(Template)]
#[template(path = "organisation/personal.html")]
struct PersonalPage<'a> {
    layout: Layout<'a>,
    person: PersonView,
    flash: Option<String>,
    error: Option<FormError>,
}

impl<'a> PersonalPage<'a> {
    /// The signed-in `user`'s own details.
    fn new(layout: Layout<'a>, user: &User, done: &Option<String>) -> Self {
        let tr = layout.tr;
        PersonalPage {
            person: PersonView::of(&tr, user, false),
            flash: flash(&tr, done),
            error: None,
            layout,
        }
    }
}

pub async fn personal(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    contact: ContactUser,
    Query(q): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let user = &contact.session.user;
    let tr = state.app.i18n().for_lang(user.language);
    let layout = Layout::new(
        &state,
        tr,
        "personal-title",
        &csrf,
        "/organisation/personal",
    )
    .signed_in(user, "/organisation");
    let page = PersonalPage::new(layout, user, &q.done);
    render(&page).map(Html)
}

fn personal_form_page(
    state: &AppState,
    user: &User,
    csrf: &str,
    form: &PersonFormData,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let tr = state.app.i18n().for_lang(user.language);
    let layout = Layout::new(
        state,
        tr,
        "personal-edit-title",
        csrf,
        "/organisation/personal/edit",
    )
    .signed_in(user, "/organisation");
    let target = FormTarget {
        action: "/organisation/personal/edit".into(),
        cancel_href: "/organisation/personal".into(),
        submit: "button-edit",
    };
    let page = PersonFormPage::new(layout, target, PersonFormFor::Own, form, error);
    render(&page)
}

pub async fn personal_form(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    contact: ContactUser,
) -> Result<Html<String>, WebError> {
    let user = &contact.session.user;
    personal_form_page(&state, user, &csrf, &PersonFormData::of(user), None).map(Html)
}

pub async fn save_personal(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    contact: ContactUser,
    CsrfForm(form): CsrfForm<PersonFormData>,
) -> Result<Response, WebError> {
    let user = &contact.session.user;
    let result = match form.details() {
        Ok(details) => {
            state
                .app
                .update_personal_details(user.id, &details, &form.email, &form.confirm_password)
                .await
        }
        Err(e) => Err(AppError::Invalid(e)),
    };
    form_answer(
        &state,
        user.language,
        result,
        |()| "/organisation/personal?done=saved".into(),
        |error| std::future::ready(personal_form_page(&state, user, &csrf, &form, Some(error))),
    )
    .await
}
