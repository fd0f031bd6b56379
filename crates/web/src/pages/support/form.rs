//! The new-ticket form, as signed-in contacts and visitors without an account fill it.

use askama::Template;
use balie_app::tickets::Submission;
use balie_domain::DomainError;
use balie_domain::{Language, Line, Text, TicketCategory, TicketForm, User};
use serde::Deserialize;

use crate::extract::form::refusal_message;
use crate::pages::kit::custom_fields::{FieldInput, typed_values};
use crate::pages::kit::{FormError, Layout};

/// A ticket form as a card to choose it by.
pub(crate) struct FormCard {
    pub key: String,
    pub name: String,
    pub description: String,
}

impl FormCard {
    pub fn new(form: &TicketForm, lang: Language) -> Self {
        FormCard {
            key: form.key.clone(),
            name: form.name.get(lang).to_string(),
            description: form.description.get(lang).to_string(),
        }
    }

    /// The cards of the forms that are offered, in their order.
    pub fn offered(forms: &[TicketForm], lang: Language) -> Vec<Self> {
        forms
            .iter()
            .filter(|f| f.offered)
            .map(|f| FormCard::new(f, lang))
            .collect()
    }
}

pub(crate) struct CategoryOption {
    id: balie_domain::CategoryId,
    name: String,
    help: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "support/new.html")]
pub(crate) struct NewPage<'a> {
    pub layout: Layout<'a>,
    /// Where the form posts and where "Annuleren" leads.
    pub action: String,
    pub back: String,
    /// Some for a visitor's request (C3): the address to answer.
    pub email: Option<String>,
    pub description: String,
    pub subject: String,
    pub body: String,
    pub categories: Vec<CategoryOption>,
    pub colleagues: Vec<(i64, String, bool)>,
    pub fields: Vec<FieldInput>,
    pub error: Option<FormError>,
}

/// Who fills the form in: a visitor gives an address to answer (C3), a contact may copy in
/// colleagues.
pub(crate) enum Asker<'c> {
    Visitor,
    Contact(&'c [User]),
}

impl<'a> NewPage<'a> {
    /// Ticket form `form` with what was `typed` (empty the first time) and a refusal's message.
    pub fn new(
        mut layout: Layout<'a>,
        form: &TicketForm,
        categories: &[TicketCategory],
        fields: Vec<FieldInput>,
        asker: Asker<'_>,
        typed: &NewTicketForm,
        error: Option<FormError>,
    ) -> Self {
        let lang = layout.tr.lang;
        layout.title = form.name.get(lang).to_string();
        // A refusal about one of the form's own fields links to that field's input.
        let mut error = error;
        if let Some(error) = error.as_mut() {
            error.each_mut(|e| {
                if e.field == Some("custom") {
                    let input = fields.iter().find(|f| e.about.as_deref() == Some(&f.label));
                    e.target = input.map(|f| f.name.clone());
                }
            });
        }
        let (action, back, email, colleagues) = match asker {
            Asker::Visitor => (
                format!("/request/{}", form.key),
                "/request",
                Some(typed.email.to_string()),
                vec![],
            ),
            Asker::Contact(colleagues) => (
                format!("/support/new/{}", form.key),
                "/support",
                None,
                colleagues
                    .iter()
                    .map(|c| {
                        let chosen = typed.cc.contains(&c.id.0.to_string());
                        (c.id.0, c.display_name(), chosen)
                    })
                    .collect(),
            ),
        };
        NewPage {
            action,
            back: back.to_string(),
            email,
            description: form.description.get(lang).to_string(),
            subject: typed.subject.to_string(),
            body: typed.description.to_string(),
            categories: categories
                .iter()
                .map(|c| category_option(c, lang, &typed.category))
                .collect(),
            colleagues,
            fields,
            error,
            layout,
        }
    }
}

/// The form fields as typed; `cc` may repeat.
#[derive(Default)]
pub struct NewTicketForm {
    pub email: Line,
    pub subject: Line,
    pub description: Text,
    pub category: String,
    pub cc: Vec<String>,
    /// The custom fields as typed, by field id.
    pub fields: Vec<(balie_domain::FieldId, String)>,
}

impl<'de> Deserialize<'de> for NewTicketForm {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let pairs: Vec<(String, String)> = Vec::deserialize(d)?;
        let mut form = NewTicketForm::default();
        let refused = |field| D::Error::custom(refusal_message(field));
        for (k, v) in pairs {
            match k.as_str() {
                "email" => form.email = Line::parse(v).map_err(|_| refused("email"))?,
                "subject" => form.subject = Line::parse(v).map_err(|_| refused("subject"))?,
                "description" => {
                    form.description = Text::parse(v).map_err(|_| refused("description"))?
                }
                "category" => form.category = v,
                "cc" => form.cc.push(v),
                other => form.fields.extend(typed_values(&[(other.to_string(), v)])),
            }
        }
        Ok(form)
    }
}

impl NewTicketForm {
    /// What was submitted on ticket form `form`, as the use case takes it. A choice that is not
    /// an id (a category or a colleague to CC) is refused with its field's message, never
    /// dropped; the files come separately.
    pub fn submission(&self, form: balie_domain::FormId) -> Result<Submission, DomainError> {
        let typed = self;
        let category = match typed.category.trim() {
            "" => None,
            raw => Some(
                raw.parse()
                    .map_err(|_| DomainError::on_field("error-choice-unknown", "category"))?,
            ),
        };
        let ccs = typed
            .cc
            .iter()
            .map(|c| {
                c.trim()
                    .parse()
                    .map_err(|_| DomainError::on_field("error-cc-unknown", "ccs"))
            })
            .collect::<Result<_, _>>()?;
        Ok(Submission {
            form,
            category,
            subject: typed.subject.to_string(),
            description: typed.description.to_string(),
            ccs,
            attachments: vec![],
            fields: typed.fields.clone(),
        })
    }
}

fn category_option(c: &TicketCategory, lang: Language, chosen: &str) -> CategoryOption {
    CategoryOption {
        id: c.id,
        name: c.name.get(lang).to_string(),
        help: c.help.get(lang).to_string(),
        selected: chosen == c.id.to_string(),
    }
}
