//! How an organisation and its people read and are edited, for the contact's "Mijn organisatie"
//! and the agent's organisation page alike.

use askama::Template;
use balie_app::Organisation;
use balie_domain::{Gender, Line, OrganisationDetails, PersonDetails, PortalRoles, User};
use serde::Deserialize;

use crate::pages::kit::{FormError, Layout, role_names};

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

/// Where a form is sent, where its "cancel" leads, and the key of its button's label.
pub(crate) struct FormTarget {
    pub action: String,
    pub cancel_href: String,
    pub submit: &'static str,
}

impl<'a> OrgFormPage<'a> {
    /// The organisation form with `form` as typed; `error` is the refusal to show with it.
    pub fn new(
        layout: Layout<'a>,
        target: FormTarget,
        form: OrgFormData,
        error: Option<FormError>,
    ) -> Self {
        OrgFormPage {
            action: target.action,
            cancel_href: target.cancel_href,
            submit_label: layout.tr.t(target.submit),
            form,
            flash: None,
            error,
            layout,
        }
    }
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
                role_names(tr, &user.kind)
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

/// Whose details the person form edits.
pub(crate) enum PersonFormFor {
    /// A contact of the organisation, with portal roles and an optional address; `confirm`
    /// asks for the editor's own password.
    Contact { confirm: bool },
    /// The signed-in person's own details, which always ask for their password.
    Own,
}

impl<'a> PersonFormPage<'a> {
    /// The person form with `form` as typed; `error` is the refusal to show with it.
    pub fn new(
        layout: Layout<'a>,
        target: FormTarget,
        whose: PersonFormFor,
        form: &PersonFormData,
        error: Option<FormError>,
    ) -> Self {
        let tr = layout.tr;
        let (with_roles, email_required, email_hint, confirm) = match whose {
            PersonFormFor::Contact { confirm } => {
                (true, false, "contacts-portal-email-hint", confirm)
            }
            PersonFormFor::Own => (false, true, "personal-email-hint", true),
        };
        PersonFormPage {
            action: target.action,
            cancel_href: target.cancel_href,
            submit_label: tr.t(target.submit),
            form: form.view(),
            genders: gender_choices(&tr),
            with_roles,
            email_required,
            email_hint: tr.t(email_hint),
            confirm,
            flash: None,
            error,
            layout,
        }
    }
}

pub(crate) struct Row {
    pub name: String,
    pub href: String,
    /// The roles held, by their short names ("Beheerder", "Medewerker+").
    pub roles: Vec<String>,
    pub email: String,
    pub phone: String,
    pub access: String,
}

/// Rows of the contacts table, for the customer's list and the agent's organisation page.
pub(crate) fn rows(tr: &balie_app::Tr<'_>, contacts: &[User], base: &str) -> Vec<Row> {
    contacts
        .iter()
        .map(|c| {
            let roles = roles_of(c);
            Row {
                name: c.display_name(),
                href: format!("{base}/{}", c.id),
                roles: [
                    (roles.beheerder(), "role-short-beheerder"),
                    (roles.medewerker(), "role-short-medewerker"),
                    (roles.medewerker_plus(), "role-short-medewerker-plus"),
                ]
                .into_iter()
                .filter(|(on, _)| *on)
                .map(|(_, key)| tr.t(key))
                .collect(),
                email: c.email.as_ref().map(|e| e.to_string()).unwrap_or_default(),
                phone: c.phone.clone(),
                access: PersonView::of(tr, c, true).access,
            }
        })
        .collect()
}

pub(crate) fn roles_of(user: &User) -> PortalRoles {
    match user.kind {
        balie_domain::UserKind::Contact { roles, .. } => roles,
        balie_domain::UserKind::Agent { .. } => PortalRoles::default(),
    }
}
