//! "Mijn organisatie" (B1, B2): the hub with its three parts, the organisation's data and the
//! signed-in person's own data. The contact persons are in `contacts`.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, Response};
use balie_app::AppError;
use balie_app::Organisation;
use balie_domain::Line;
use balie_domain::{Gender, OrganisationDetails, PersonDetails, User};
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::extract::{ContactUser, CsrfForm, CsrfToken};
use crate::pages::{FormError, Layout, form_answer, render};

#[derive(Template)]
#[template(path = "organisation/hub.html")]
struct HubPage<'a> {
    layout: Layout<'a>,
    manager: bool,
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

/// The organisation form's fields as typed, to show again after a refusal.
#[derive(Deserialize, Default, Clone)]
pub struct OrgFormData {
    #[serde(default)]
    pub name: Line,
    #[serde(default)]
    pub address: Line,
    #[serde(default)]
    pub postcode: Line,
    #[serde(default)]
    pub city: Line,
    #[serde(default)]
    pub phone: Line,
    #[serde(default)]
    pub org_email: Line,
}

impl OrgFormData {
    pub fn of(org: &Organisation) -> Self {
        OrgFormData {
            name: Line::clean(&org.name),
            address: Line::clean(&org.address),
            postcode: Line::clean(&org.postcode),
            city: Line::clean(&org.city),
            phone: Line::clean(&org.phone),
            org_email: Line::clean(&org.email),
        }
    }

    pub fn parse(&self) -> Result<OrganisationDetails, balie_domain::DomainError> {
        OrganisationDetails::parse(
            &self.name,
            &self.address,
            &self.postcode,
            &self.city,
            &self.phone,
            &self.org_email,
        )
    }
}

#[derive(Template)]
#[template(path = "organisation/details_form.html")]
pub(crate) struct OrgFormPage<'a> {
    pub layout: Layout<'a>,
    pub action: String,
    pub cancel_href: String,
    pub submit_label: String,
    pub form: OrgFormData,
    pub flash: Option<String>,
    pub error: Option<FormError>,
}

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    pub done: Option<String>,
}

/// A flash message after a redirect: `?done=saved` and the like, from a fixed set of keys.
pub(crate) fn flash(tr: &balie_app::Tr<'_>, done: &Option<String>) -> Option<String> {
    let key = match done.as_deref()? {
        "saved" => "saved",
        "created" => "contacts-created",
        "invited" => "contacts-created-invited",
        "resent" => "contacts-resent",
        "removed" => "contacts-access-removed",
        "unblocked" => "contacts-unblocked",
        "requested" => "billing-change-sent",
        "followed" => "support-followed",
        "unfollowed" => "support-unfollowed",
        _ => return None,
    };
    Some(tr.t(key))
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
    render(&HubPage {
        layout,
        manager: contact.roles.can_manage_organisation(),
    })
    .map(Html)
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
    let page = DetailsPage {
        layout,
        org,
        edit_href: Some("/organisation/details/edit".into()),
        back_href: "/organisation".into(),
        back_label: tr.t("back-to-organisation"),
        flash: flash(&tr, &q.done),
        error: None,
    };
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
    render(&OrgFormPage {
        layout,
        action: "/organisation/details/edit".into(),
        cancel_href: "/organisation/details".into(),
        submit_label: tr.t("button-edit"),
        form,
        flash: None,
        error,
    })
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

/// A person as the pages show them, in the reader's language.
pub(crate) struct PersonView {
    pub first_name: String,
    pub last_name: String,
    pub gender: String,
    pub phone: String,
    pub email: String,
    pub roles: Vec<String>,
    pub access: String,
}

pub(crate) fn gender_label(tr: &balie_app::Tr<'_>, gender: Option<Gender>) -> String {
    gender
        .map(|g| tr.t(&format!("gender-{}", g.code())))
        .unwrap_or_default()
}

/// The gender choices of the forms, in the reader's language.
pub(crate) fn gender_choices(tr: &balie_app::Tr<'_>) -> Vec<(&'static str, String)> {
    Gender::ALL
        .iter()
        .map(|g| (g.code(), tr.t(&format!("gender-{}", g.code()))))
        .collect()
}

impl PersonView {
    pub fn of(tr: &balie_app::Tr<'_>, user: &User, with_roles: bool) -> Self {
        let access = if !with_roles {
            String::new()
        } else if user.email.is_none() {
            tr.t("contacts-no-access")
        } else if user.blocked_at.is_some() {
            tr.t("contacts-access-blocked")
        } else if user.has_password {
            tr.t("contacts-access-active")
        } else {
            tr.t("contacts-access-invited")
        };
        PersonView {
            first_name: user.first_name.clone(),
            last_name: user.last_name.clone(),
            gender: gender_label(tr, user.gender),
            phone: user.phone.clone(),
            email: user
                .email
                .as_ref()
                .map(|e| e.to_string())
                .unwrap_or_default(),
            roles: if with_roles {
                crate::pages::accounts::profile::role_names(tr, &user.kind)
            } else {
                vec![]
            },
            access,
        }
    }
}

/// The person form's fields as typed.
#[derive(Deserialize, Default, Clone)]
pub struct PersonFormData {
    #[serde(default)]
    pub first_name: Line,
    #[serde(default)]
    pub last_name: Line,
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub phone: Line,
    #[serde(default)]
    pub email: Line,
    pub beheerder: Option<String>,
    pub medewerker: Option<String>,
    pub medewerker_plus: Option<String>,
    #[serde(default)]
    pub confirm_password: String,
}

impl PersonFormData {
    pub fn of(user: &User) -> Self {
        let roles = match user.kind {
            balie_domain::UserKind::Contact { roles, .. } => roles,
            balie_domain::UserKind::Agent { .. } => balie_domain::PortalRoles::default(),
        };
        let on = |b: bool| b.then(|| "on".to_string());
        PersonFormData {
            first_name: Line::clean(&user.first_name),
            last_name: Line::clean(&user.last_name),
            gender: user
                .gender
                .map(|g| g.code().to_string())
                .unwrap_or_default(),
            phone: Line::clean(&user.phone),
            email: Line::clean(
                &user
                    .email
                    .as_ref()
                    .map(|e| e.to_string())
                    .unwrap_or_default(),
            ),
            beheerder: on(roles.beheerder()),
            medewerker: on(roles.medewerker()),
            medewerker_plus: on(roles.medewerker_plus()),
            confirm_password: String::new(),
        }
    }

    pub fn details(&self) -> Result<PersonDetails, balie_domain::DomainError> {
        PersonDetails::parse(&self.first_name, &self.last_name, &self.gender, &self.phone)
    }

    pub fn view(&self) -> PersonFormView {
        PersonFormView {
            first_name: self.first_name.to_string(),
            last_name: self.last_name.to_string(),
            gender: self.gender.clone(),
            phone: self.phone.to_string(),
            email: self.email.to_string(),
            beheerder: self.beheerder.is_some(),
            medewerker: self.medewerker.is_some(),
            medewerker_plus: self.medewerker_plus.is_some(),
        }
    }
}

/// What the person form shows (never the password).
pub(crate) struct PersonFormView {
    pub first_name: String,
    pub last_name: String,
    pub gender: String,
    pub phone: String,
    pub email: String,
    pub beheerder: bool,
    pub medewerker: bool,
    pub medewerker_plus: bool,
}

#[derive(Template)]
#[template(path = "organisation/person_form.html")]
pub(crate) struct PersonFormPage<'a> {
    pub layout: Layout<'a>,
    pub action: String,
    pub cancel_href: String,
    pub submit_label: String,
    pub form: PersonFormView,
    pub genders: Vec<(&'static str, String)>,
    pub with_roles: bool,
    pub email_required: bool,
    pub email_hint: String,
    pub confirm: bool,
    pub flash: Option<String>,
    pub error: Option<FormError>,
}

#[derive(Template)]
#[template(path = "organisation/personal.html")]
struct PersonalPage<'a> {
    layout: Layout<'a>,
    person: PersonView,
    flash: Option<String>,
    error: Option<FormError>,
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
    let page = PersonalPage {
        layout,
        person: PersonView::of(&tr, user, false),
        flash: flash(&tr, &q.done),
        error: None,
    };
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
    render(&PersonFormPage {
        layout,
        action: "/organisation/personal/edit".into(),
        cancel_href: "/organisation/personal".into(),
        submit_label: tr.t("button-edit"),
        form: form.view(),
        genders: gender_choices(&tr),
        with_roles: false,
        email_required: true,
        email_hint: tr.t("personal-email-hint"),
        confirm: true,
        flash: None,
        error,
    })
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
