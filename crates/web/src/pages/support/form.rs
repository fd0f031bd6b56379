//! The new-ticket form, as signed-in contacts and visitors without an account fill it.

use askama::Template;
use balie_app::tickets::Submission;
use balie_domain::DomainError;
use balie_domain::{Language, Line, Text, TicketCategory};
use serde::Deserialize;

use crate::extract::form::refusal_message;
use crate::pages::kit::custom_fields::{FieldInput, typed_values};
use crate::pages::kit::{FormError, Layout};

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

pub(crate) fn category_option(c: &TicketCategory, lang: Language, chosen: &str) -> CategoryOption {
    CategoryOption {
        id: c.id,
        name: c.name.get(lang).to_string(),
        help: c.help.get(lang).to_string(),
        selected: chosen == c.id.to_string(),
    }
}
