//! "Formulieren" for administrators (D6): the ticket forms and their texts, their custom fields,
//! and the main categories with their help texts. What is taken off stays with old tickets.

use balie_domain::{
    Actor, Bilingual, CategoryId, DomainError, FieldId, FieldKind, FormId, TicketCategory,
    TicketField, TicketForm, parse_options,
};

use crate::audit::Audit;
use crate::guard::require_admin;
use crate::{App, AppError};

/// Everything the forms page shows; hidden forms and categories too.
#[derive(Debug, Clone)]
pub struct FormSettings {
    /// `(form, shown)`; forms filled in elsewhere (subscription changes) are left out.
    pub forms: Vec<(TicketForm, bool)>,
    pub categories: Vec<(TicketCategory, bool)>,
    pub fields: Vec<TicketField>,
}

/// The texts of a form or category as typed: a name and a description (or help text) in both
/// languages, and whether it is shown.
#[derive(Debug, Clone, Default)]
pub struct TextsInput {
    pub name_nl: String,
    pub name_en: String,
    pub text_nl: String,
    pub text_en: String,
    pub shown: bool,
}

/// A custom field as typed.
#[derive(Debug, Clone, Default)]
pub struct FieldInput {
    pub label_nl: String,
    pub label_en: String,
    pub kind: String,
    pub required: bool,
    /// One option a line; "A > B" for a nested drop-down.
    pub options: String,
}

const MAX_NAME: usize = 100;
const MAX_TEXT: usize = 1_000;
const MAX_OPTIONS: usize = 200;

pub(crate) fn checked(
    value: &str,
    field: &'static str,
    max: usize,
    required: bool,
) -> Result<String, DomainError> {
    let value = value.trim();
    if required && value.is_empty() {
        return Err(DomainError::on_field("error-field-required", field));
    }
    if value.chars().count() > max {
        return Err(DomainError::on_field("error-field-too-long", field));
    }
    Ok(value.to_string())
}

/// A stable key from a name: lower-case letters, digits and dashes ("Training aanvragen" →
/// "training-aanvragen"), used in the form's address.
fn key_from(name: &str) -> String {
    let mut key = String::new();
    for c in name.to_lowercase().chars() {
        let c = match c {
            'à'..='å' => 'a',
            'è'..='ë' => 'e',
            'ì'..='ï' => 'i',
            'ò'..='ö' => 'o',
            'ù'..='ü' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            key.push(c);
        } else if !key.ends_with('-') && !key.is_empty() {
            key.push('-');
        }
    }
    key.trim_end_matches('-').chars().take(60).collect()
}

/// The key to save under: a record that exists (`id`) keeps its key; a new one gets a key made
/// from its Dutch name.
fn key_of<I: Copy + PartialEq>(
    existing: &[(I, String)],
    id: Option<I>,
    name_nl: &str,
) -> Result<String, AppError> {
    match id {
        Some(id) => existing
            .iter()
            .find(|(e, _)| *e == id)
            .map(|(_, key)| key.clone())
            .ok_or(AppError::NotFound),
        None => Ok(key_from(name_nl)),
    }
}

/// A key no other record has: the address of a form is made from it.
fn key_is_free<I: Copy + PartialEq>(
    existing: &[(I, String)],
    id: Option<I>,
    key: &str,
) -> Result<(), AppError> {
    if key.is_empty() || existing.iter().any(|(e, k)| k == key && Some(*e) != id) {
        return Err(DomainError::on_field("error-form-name-taken", "name_nl").into());
    }
    Ok(())
}

impl TextsInput {
    /// The form to save; a new one (`id` none) is stored under id 0.
    fn form(&self, id: Option<FormId>, key: String) -> Result<TicketForm, DomainError> {
        Ok(TicketForm {
            id: id.unwrap_or(FormId(0)),
            key,
            name: Bilingual::new(
                checked(&self.name_nl, "name_nl", MAX_NAME, true)?,
                checked(&self.name_en, "name_en", MAX_NAME, true)?,
            ),
            description: Bilingual::new(
                checked(&self.text_nl, "text_nl", MAX_TEXT, false)?,
                checked(&self.text_en, "text_en", MAX_TEXT, false)?,
            ),
            offered: true,
        })
    }

    /// The category to save; a new one (`id` none) is stored under id 0.
    fn category(&self, id: Option<CategoryId>, key: String) -> Result<TicketCategory, DomainError> {
        Ok(TicketCategory {
            id: id.unwrap_or(CategoryId(0)),
            key,
            name: Bilingual::new(
                checked(&self.name_nl, "name_nl", MAX_NAME, true)?,
                checked(&self.name_en, "name_en", MAX_NAME, true)?,
            ),
            help: Bilingual::new(
                checked(&self.text_nl, "text_nl", MAX_TEXT, false)?,
                checked(&self.text_en, "text_en", MAX_TEXT, false)?,
            ),
        })
    }
}

impl FieldInput {
    fn field(
        &self,
        id: FieldId,
        form: FormId,
        kind: Option<FieldKind>,
    ) -> Result<TicketField, DomainError> {
        let kind = match kind {
            Some(kind) => kind,
            None => FieldKind::from_code(&self.kind)
                .ok_or(DomainError::on_field("error-choice-unknown", "kind"))?,
        };
        let options = if kind.has_options() {
            parse_options(&self.options)
        } else {
            vec![]
        };
        if kind.has_options() && options.is_empty() {
            return Err(DomainError::on_field("error-field-options", "options"));
        }
        if options.len() > MAX_OPTIONS || options.iter().any(|o| o.chars().count() > MAX_NAME) {
            return Err(DomainError::on_field("error-field-too-long", "options"));
        }
        if kind == FieldKind::Nested && options.iter().any(|o| !o.contains(" > ")) {
            return Err(DomainError::on_field("error-field-nested", "options"));
        }
        Ok(TicketField {
            id,
            form,
            label: Bilingual::new(
                checked(&self.label_nl, "label_nl", MAX_NAME, true)?,
                checked(&self.label_en, "label_en", MAX_NAME, true)?,
            ),
            kind,
            required: self.required,
            options,
        })
    }
}

impl App {
    pub async fn form_settings(&self, actor: &Actor) -> Result<FormSettings, AppError> {
        require_admin(actor)?;
        let mut tx = self.store.read().await?;
        Ok(FormSettings {
            forms: tx
                .all_ticket_forms()
                .await?
                .into_iter()
                .filter(|(f, _)| f.offered)
                .collect(),
            categories: tx.all_ticket_categories().await?,
            fields: tx.ticket_fields().await?,
        })
    }

    /// Adds a form (`id` none) or changes one; returns its id.
    pub async fn save_form(
        &self,
        actor: &Actor,
        id: Option<FormId>,
        input: &TextsInput,
    ) -> Result<FormId, AppError> {
        require_admin(actor)?;
        let mut tx = self.work().await?;
        let forms = tx.all_ticket_forms().await?;
        let keys = |offered_only: bool| -> Vec<(FormId, String)> {
            forms
                .iter()
                .filter(|(f, _)| f.offered || !offered_only)
                .map(|(f, _)| (f.id, f.key.clone()))
                .collect()
        };
        // Forms filled in elsewhere (subscription changes) are not edited here.
        let key = key_of(&keys(true), id, &input.name_nl)?;
        let form = input.form(id, key)?;
        key_is_free(&keys(false), id, &form.key)?;
        let saved = tx.save_ticket_form(&form, input.shown).await?;
        tx.audit(
            Some(actor.user_id()),
            Audit::FormSaved {
                form: saved,
                key: &form.key,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Adds a main category (`id` none) or changes one; returns its id.
    pub async fn save_category(
        &self,
        actor: &Actor,
        id: Option<CategoryId>,
        input: &TextsInput,
    ) -> Result<CategoryId, AppError> {
        require_admin(actor)?;
        let mut tx = self.work().await?;
        let existing = tx.all_ticket_categories().await?;
        let keys: Vec<(CategoryId, String)> = existing
            .iter()
            .map(|(c, _)| (c.id, c.key.clone()))
            .collect();
        let key = key_of(&keys, id, &input.name_nl)?;
        let category = input.category(id, key)?;
        key_is_free(&keys, id, &category.key)?;
        if !input.shown
            && existing
                .iter()
                .filter(|(c, shown)| *shown && Some(c.id) != id)
                .count()
                == 0
        {
            // "Hoofdcategorie" is required: at least one must stay to choose from.
            return Err(DomainError::on_field("error-last-category", "shown").into());
        }
        let saved = tx.save_ticket_category(&category, input.shown).await?;
        tx.audit(
            Some(actor.user_id()),
            Audit::CategorySaved {
                category: saved,
                key: &category.key,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Adds a custom field at the end of `form`.
    pub async fn add_field(
        &self,
        actor: &Actor,
        form: FormId,
        input: &FieldInput,
    ) -> Result<FieldId, AppError> {
        require_admin(actor)?;
        let mut tx = self.work().await?;
        if !tx
            .all_ticket_forms()
            .await?
            .iter()
            .any(|(f, _)| f.id == form && f.offered)
        {
            return Err(AppError::NotFound);
        }
        let field = input.field(FieldId(0), form, None)?;
        let id = tx.insert_ticket_field(&field).await?;
        tx.audit(
            Some(actor.user_id()),
            Audit::FieldAdded {
                field: id,
                label: &field.label.nl,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes a field's labels, whether it is required and its options; its kind stays.
    pub async fn update_field(
        &self,
        actor: &Actor,
        id: FieldId,
        input: &FieldInput,
    ) -> Result<FormId, AppError> {
        require_admin(actor)?;
        let mut tx = self.work().await?;
        let current = tx
            .ticket_fields()
            .await?
            .into_iter()
            .find(|f| f.id == id)
            .ok_or(AppError::NotFound)?;
        let field = input.field(id, current.form, Some(current.kind))?;
        tx.update_ticket_field(&field).await?;
        tx.audit(
            Some(actor.user_id()),
            Audit::FieldChanged {
                field: id,
                label: &field.label.nl,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(current.form)
    }

    /// Takes a field off its form; returns the form it was on.
    pub async fn retire_field(&self, actor: &Actor, id: FieldId) -> Result<FormId, AppError> {
        require_admin(actor)?;
        let mut tx = self.work().await?;
        let current = tx
            .ticket_fields()
            .await?
            .into_iter()
            .find(|f| f.id == id)
            .ok_or(AppError::NotFound)?;
        tx.retire_ticket_field(id).await?;
        tx.audit(
            Some(actor.user_id()),
            Audit::FieldRetired {
                field: id,
                label: &current.label.nl,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(current.form)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_from_names() {
        assert_eq!(key_from("Training aanvragen"), "training-aanvragen");
        assert_eq!(key_from("  Cliënt / Dossier!  "), "client-dossier");
        assert_eq!(key_from("???"), "");
    }

    #[test]
    fn drop_downs_need_options_and_nested_ones_a_group() {
        let mut input = FieldInput {
            label_nl: "Versie".into(),
            label_en: "Version".into(),
            kind: "dropdown".into(),
            required: false,
            options: " \n".into(),
        };
        assert_eq!(
            input.field(FieldId(0), FormId(1), None).unwrap_err().key,
            "error-field-options"
        );
        input.options = "4.1\n4.2".into();
        assert_eq!(
            input.field(FieldId(0), FormId(1), None).unwrap().options,
            ["4.1", "4.2"]
        );
        input.kind = "nested".into();
        assert_eq!(
            input.field(FieldId(0), FormId(1), None).unwrap_err().key,
            "error-field-nested"
        );
        input.kind = "colour".into();
        assert!(input.field(FieldId(0), FormId(1), None).is_err());
        input.kind = "text".into();
        assert!(
            input
                .field(FieldId(0), FormId(1), None)
                .unwrap()
                .options
                .is_empty()
        );
    }
}
