//! "Contactpersonen" (B3, B4, D4): the list, adding, viewing, editing, resending the invitation,
//! removing portal access and (agents) lifting a block. The same pages serve a Beheerder, under
//! `/organisation/contacts`, and agents, under `/agent/organisations/{org}/contacts`; the rules
//! themselves live in the use cases.

use askama::Template;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Redirect, Response};
use balie_app::AppError;
use balie_app::organisation::ContactForm;
use balie_domain::{Actor, OrgId, PortalRoles, User, UserId};
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::error::refused_page;
use crate::extract::{AgentUser, ContactUser, CsrfForm, CsrfToken, OrgSide, Path};
use crate::pages::kit::{DoneQuery, FormError, Layout, Refused, flash, render};
use crate::pages::organisation::views::{
    FormTarget, PersonFormData, PersonFormFor, PersonFormPage, PersonView, Row, rows,
};

/// Who manages the contacts, of which organisation, and where their pages live.
pub(crate) struct Side {
    actor: Actor,
    org: OrgId,
    user: User,
    /// `/organisation/contacts` or `/agent/organisations/{org}/contacts`.
    base: String,
    /// Where the list of contacts is shown.
    list_href: String,
    tab: &'static str,
    /// Contacts confirm changes with their own password; agents do not.
    confirm: bool,
}

impl Side {
    pub fn customer(contact: &ContactUser) -> Side {
        Side::of(OrgSide::customer(contact))
    }

    fn of(side: OrgSide) -> Side {
        let OrgSide { actor, org, user } = side;
        if actor.is_agent() {
            Side {
                actor,
                org,
                user,
                base: format!("/agent/organisations/{org}/contacts"),
                list_href: format!("/agent/organisations/{org}"),
                tab: "/agent/organisations",
                confirm: false,
            }
        } else {
            Side {
                actor,
                org,
                user,
                base: "/organisation/contacts".into(),
                list_href: "/organisation/contacts".into(),
                tab: "/organisation",
                confirm: true,
            }
        }
    }

    fn layout<'a>(&self, state: &'a AppState, csrf: &str, title: &str, path: &str) -> Layout<'a> {
        let tr = state.app.i18n().for_lang(self.user.language);
        Layout::new(state, tr, title, csrf, path).signed_in(&self.user, self.tab)
    }
}

#[derive(Template)]
#[template(path = "organisation/contacts.html")]
struct ListPage<'a> {
    layout: Layout<'a>,
    back_href: String,
    back_label: String,
    new_href: String,
    rows: Vec<Row>,
    flash: Option<String>,
    error: Option<FormError>,
}

impl<'a> ListPage<'a> {
    /// The organisation's `contacts`, each linking to its page under `base`.
    fn new(layout: Layout<'a>, contacts: &[User], base: &str, done: &Option<String>) -> Self {
        let tr = layout.tr;
        ListPage {
            back_href: "/organisation".into(),
            back_label: tr.t("back-to-organisation"),
            new_href: format!("{base}/new"),
            rows: rows(&tr, contacts, base),
            flash: flash(&tr, done),
            error: None,
            layout,
        }
    }
}

#[derive(Template)]
#[template(path = "organisation/contact.html")]
struct ContactPage<'a> {
    layout: Layout<'a>,
    back_href: String,
    base_href: String,
    person: PersonView,
    has_email: bool,
    can_unblock: bool,
    flash: Option<String>,
    error: Option<FormError>,
}

impl<'a> ContactPage<'a> {
    /// `person` as `side` sees them; `base_href` is the address of their page.
    fn new(
        mut layout: Layout<'a>,
        side: &Side,
        person: &User,
        base_href: String,
        done: &Option<String>,
    ) -> Self {
        let tr = layout.tr;
        layout.title = person.display_name();
        ContactPage {
            back_href: side.list_href.clone(),
            person: PersonView::of(&tr, person, true),
            has_email: person.email.is_some(),
            can_unblock: side.actor.is_agent() && person.blocked_at.is_some(),
            flash: flash(&tr, done),
            error: None,
            base_href,
            layout,
        }
    }
}

#[derive(Template)]
#[template(path = "organisation/remove_access.html")]
struct RemovePage<'a> {
    layout: Layout<'a>,
    text: String,
    action: String,
    cancel_href: String,
    confirm: bool,
    flash: Option<String>,
    error: Option<FormError>,
}

impl<'a> RemovePage<'a> {
    /// The question whether `person` loses portal access, sent to `action`.
    fn new(
        layout: Layout<'a>,
        side: &Side,
        person: &User,
        action: String,
        error: Option<FormError>,
    ) -> Self {
        let text = layout.tr.t1(
            "contacts-remove-access-text",
            "name",
            &person.display_name(),
        );
        RemovePage {
            text,
            cancel_href: format!("{}/{}", side.base, person.id),
            action,
            confirm: side.confirm,
            flash: None,
            error,
            layout,
        }
    }
}

#[derive(Deserialize, Default)]
pub struct ConfirmForm {
    #[serde(default)]
    confirm_password: String,
}

/// Parses the contact form; the roles rule (Medewerker+ needs Medewerker) is the domain's.
fn contact_form(form: &PersonFormData) -> Result<ContactForm, AppError> {
    let details = form.details()?;
    let roles = PortalRoles::new(
        form.beheerder.is_some(),
        form.medewerker.is_some(),
        form.medewerker_plus.is_some(),
    )?;
    let email = balie_domain::contact::optional_email(&form.email)?;
    Ok(ContactForm {
        details,
        roles,
        email,
    })
}

fn form_page(
    state: &AppState,
    side: &Side,
    csrf: &str,
    editing: Option<UserId>,
    form: &PersonFormData,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let (title, action, cancel, submit) = match editing {
        Some(id) => (
            "contacts-edit-title",
            format!("{}/{id}/edit", side.base),
            format!("{}/{id}", side.base),
            "button-edit",
        ),
        None => (
            "contacts-new-title",
            format!("{}/new", side.base),
            side.list_href.clone(),
            "button-create",
        ),
    };
    let layout = side.layout(state, csrf, title, &action);
    let target = FormTarget {
        action,
        cancel_href: cancel,
        submit,
    };
    let whose = PersonFormFor::Contact {
        confirm: side.confirm && editing.is_some(),
    };
    let page = PersonFormPage::new(layout, target, whose, form, error);
    render(&page)
}

fn refused(
    state: &AppState,
    side: &Side,
    csrf: &str,
    editing: Option<UserId>,
    form: &PersonFormData,
    e: AppError,
) -> Result<Response, WebError> {
    let Refused { why, error } = Refused::of(state, side.user.language, e)?;
    let html = form_page(state, side, csrf, editing, form, Some(error))?;
    Ok(refused_page(why, html))
}

pub async fn list(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    contact: ContactUser,
    Query(q): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let side = Side::customer(&contact);
    let contacts = state.app.contacts(&side.actor, side.org).await?;
    let layout = side.layout(&state, &csrf, "contacts-title", &side.base);
    let page = ListPage::new(layout, &contacts, &side.base, &q.done);
    render(&page).map(Html)
}

async fn show_for(
    state: &AppState,
    side: &Side,
    csrf: &str,
    id: UserId,
    done: &Option<String>,
) -> Result<Html<String>, WebError> {
    let person = state.app.contact(&side.actor, side.org, id).await?;
    let base_href = format!("{}/{id}", side.base);
    let layout = side.layout(state, csrf, "contacts-title", &base_href);
    let page = ContactPage::new(layout, side, &person, base_href, done);
    render(&page).map(Html)
}

async fn new_form_for(state: &AppState, side: &Side, csrf: &str) -> Result<Html<String>, WebError> {
    // Only those who may manage the organisation see the form. The first contact is the owner,
    // so the form suggests Beheerder for it.
    let existing = state.app.contacts(&side.actor, side.org).await?;
    let form = PersonFormData {
        beheerder: existing.is_empty().then(|| "on".to_string()),
        medewerker: Some("on".into()),
        ..PersonFormData::default()
    };
    form_page(state, side, csrf, None, &form, None).map(Html)
}

async fn create_for(
    state: &AppState,
    side: &Side,
    csrf: &str,
    form: PersonFormData,
) -> Result<Response, WebError> {
    // Who may not add contacts hears so before their input is looked at.
    state.app.contacts(&side.actor, side.org).await?;
    let parsed = match contact_form(&form) {
        Ok(parsed) => parsed,
        Err(e @ AppError::Invalid(_)) => return refused(state, side, csrf, None, &form, e),
        Err(e) => return Err(e.into()),
    };
    match state.app.add_contact(&side.actor, side.org, &parsed).await {
        Ok(id) => {
            let done = if parsed.email.is_some() {
                "invited"
            } else {
                "created"
            };
            Ok(Redirect::to(&format!("{}/{id}?done={done}", side.base)).into_response())
        }
        Err(e @ AppError::Invalid(_)) => refused(state, side, csrf, None, &form, e),
        Err(e) => Err(e.into()),
    }
}

async fn edit_form_for(
    state: &AppState,
    side: &Side,
    csrf: &str,
    id: UserId,
) -> Result<Html<String>, WebError> {
    let person = state.app.contact(&side.actor, side.org, id).await?;
    form_page(
        state,
        side,
        csrf,
        Some(id),
        &PersonFormData::of(&person),
        None,
    )
    .map(Html)
}

async fn update_for(
    state: &AppState,
    side: &Side,
    csrf: &str,
    id: UserId,
    form: PersonFormData,
) -> Result<Response, WebError> {
    state.app.contact(&side.actor, side.org, id).await?;
    let parsed = match contact_form(&form) {
        Ok(parsed) => parsed,
        Err(e @ AppError::Invalid(_)) => return refused(state, side, csrf, Some(id), &form, e),
        Err(e) => return Err(e.into()),
    };
    let confirm = side.confirm.then_some(form.confirm_password.as_str());
    match state
        .app
        .edit_contact(&side.actor, side.org, id, &parsed, confirm)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("{}/{id}?done=saved", side.base)).into_response()),
        Err(e @ AppError::Invalid(_)) => refused(state, side, csrf, Some(id), &form, e),
        Err(e) => Err(e.into()),
    }
}

async fn resend_for(state: &AppState, side: &Side, id: UserId) -> Result<Response, WebError> {
    state
        .app
        .resend_invitation(&side.actor, side.org, id)
        .await?;
    Ok(Redirect::to(&format!("{}/{id}?done=resent", side.base)).into_response())
}

fn remove_page(
    state: &AppState,
    side: &Side,
    csrf: &str,
    person: &User,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let action = format!("{}/{}/remove-access", side.base, person.id);
    let layout = side.layout(state, csrf, "contacts-remove-access-title", &action);
    let page = RemovePage::new(layout, side, person, action, error);
    render(&page)
}

async fn remove_form_for(
    state: &AppState,
    side: &Side,
    csrf: &str,
    id: UserId,
) -> Result<Html<String>, WebError> {
    let person = state.app.contact(&side.actor, side.org, id).await?;
    remove_page(state, side, csrf, &person, None).map(Html)
}

async fn remove_for(
    state: &AppState,
    side: &Side,
    csrf: &str,
    id: UserId,
    form: ConfirmForm,
) -> Result<Response, WebError> {
    let confirm = side.confirm.then_some(form.confirm_password.as_str());
    match state
        .app
        .remove_portal_access(&side.actor, side.org, id, confirm)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("{}/{id}?done=removed", side.base)).into_response()),
        Err(e) => {
            let Refused { why, error } = Refused::of(state, side.user.language, e)?;
            let person = state.app.contact(&side.actor, side.org, id).await?;
            let html = remove_page(state, side, csrf, &person, Some(error))?;
            Ok(refused_page(why, html))
        }
    }
}

// --- the routes, the same for a Beheerder and for agents --------------------------------------

/// The contact a page is about: `{id}` in `/organisation/contacts/{id}` and in
/// `/agent/organisations/{org}/contacts/{id}`.
#[derive(Deserialize)]
pub struct ContactPath {
    id: i64,
}

impl FromRequestParts<AppState> for Side {
    type Rejection = WebError;

    /// A Beheerder's own organisation, or for an agent the organisation `{org}` of the address.
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Side::of(OrgSide::from_request_parts(parts, state).await?))
    }
}

pub async fn show(
    State(s): State<AppState>,
    CsrfToken(c): CsrfToken,
    side: Side,
    Path(p): Path<ContactPath>,
    Query(q): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    show_for(&s, &side, &c, UserId(p.id), &q.done).await
}

pub async fn new_form(
    State(s): State<AppState>,
    CsrfToken(c): CsrfToken,
    side: Side,
) -> Result<Html<String>, WebError> {
    new_form_for(&s, &side, &c).await
}

pub async fn create(
    State(s): State<AppState>,
    CsrfToken(c): CsrfToken,
    side: Side,
    CsrfForm(f): CsrfForm<PersonFormData>,
) -> Result<Response, WebError> {
    create_for(&s, &side, &c, f).await
}

pub async fn edit_form(
    State(s): State<AppState>,
    CsrfToken(c): CsrfToken,
    side: Side,
    Path(p): Path<ContactPath>,
) -> Result<Html<String>, WebError> {
    edit_form_for(&s, &side, &c, UserId(p.id)).await
}

pub async fn update(
    State(s): State<AppState>,
    CsrfToken(c): CsrfToken,
    side: Side,
    Path(p): Path<ContactPath>,
    CsrfForm(f): CsrfForm<PersonFormData>,
) -> Result<Response, WebError> {
    update_for(&s, &side, &c, UserId(p.id), f).await
}

pub async fn resend(
    State(s): State<AppState>,
    side: Side,
    Path(p): Path<ContactPath>,
    CsrfForm(_): CsrfForm<ConfirmForm>,
) -> Result<Response, WebError> {
    resend_for(&s, &side, UserId(p.id)).await
}

pub async fn remove_form(
    State(s): State<AppState>,
    CsrfToken(c): CsrfToken,
    side: Side,
    Path(p): Path<ContactPath>,
) -> Result<Html<String>, WebError> {
    remove_form_for(&s, &side, &c, UserId(p.id)).await
}

pub async fn remove(
    State(s): State<AppState>,
    CsrfToken(c): CsrfToken,
    side: Side,
    Path(p): Path<ContactPath>,
    CsrfForm(f): CsrfForm<ConfirmForm>,
) -> Result<Response, WebError> {
    remove_for(&s, &side, &c, UserId(p.id), f).await
}

// --- agents only ------------------------------------------------------------------------------

pub async fn agent_unblock(
    State(s): State<AppState>,
    a: AgentUser,
    Path((org, id)): Path<(i64, i64)>,
    CsrfForm(_): CsrfForm<ConfirmForm>,
) -> Result<Response, WebError> {
    s.app
        .unblock_contact(&a.actor(), OrgId(org), UserId(id))
        .await?;
    Ok(Redirect::to(&format!(
        "/agent/organisations/{org}/contacts/{id}?done=unblocked"
    ))
    .into_response())
}
