//! Portable SQL of ticket forms, main categories and custom fields as administrators keep them,
//! and the field values of tickets.

use balie_domain as d;

use super::SqlTx;
use super::exec::{Row, args};
use crate::contract::FieldTx;
use crate::{FieldValue, StoreError, Unique};

/// The custom field values of ticket `$1`, in the form's order of fields.
pub(crate) const FIELD_VALUES_OF: &str = "SELECT f.id, f.label_nl, f.label_en, f.kind, v.value
     FROM ticket_field_values v JOIN ticket_fields f ON f.id = v.field_id
     WHERE v.ticket_id = $1 ORDER BY f.position, f.id";

pub(crate) fn field_from_row(row: &Row) -> Result<d::TicketField, StoreError> {
    let kind: String = row.get(4)?;
    let options: String = row.get(6)?;
    Ok(d::TicketField {
        id: row.get(0)?,
        form: row.get(1)?,
        label: d::Bilingual::new(row.get::<String>(2)?, row.get::<String>(3)?),
        kind: d::FieldKind::from_code(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("field kind {kind}")))?,
        required: row.get(5)?,
        options: d::parse_options(&options),
    })
}

#[async_trait::async_trait]
impl FieldTx for SqlTx {
    async fn ticket_fields(&mut self) -> Result<Vec<d::TicketField>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT id, form_id, label_nl, label_en, kind, required, options
                     FROM ticket_fields WHERE active = $1 ORDER BY form_id, position, id",
                args![true],
            )
            .await?;
        rows.iter().map(field_from_row).collect()
    }

    async fn insert_ticket_field(
        &mut self,
        field: &d::TicketField,
    ) -> Result<d::FieldId, StoreError> {
        self.scalar(
            "INSERT INTO ticket_fields (form_id, label_nl, label_en, kind, required, options, position)
                     VALUES ($1, $2, $3, $4, $5, $6,
                        (SELECT COALESCE(MAX(position), 0) + 1 FROM ticket_fields WHERE form_id = $1))
                     RETURNING id",
            args![
                field.form,
                &field.label.nl,
                &field.label.en,
                field.kind.code(),
                field.required,
                field.options.join("\n")
            ],
        )
        .await
    }

    async fn update_ticket_field(&mut self, field: &d::TicketField) -> Result<bool, StoreError> {
        let done = self
            .execute(
                "UPDATE ticket_fields SET label_nl = $2, label_en = $3, required = $4, options = $5
                     WHERE id = $1 AND active = $6",
                args![
                    field.id,
                    &field.label.nl,
                    &field.label.en,
                    field.required,
                    field.options.join("\n"),
                    true
                ],
            )
            .await?;
        Ok(done == 1)
    }

    async fn retire_ticket_field(&mut self, id: d::FieldId) -> Result<bool, StoreError> {
        let done = self
            .execute(
                "UPDATE ticket_fields SET active = $2 WHERE id = $1 AND active = $3",
                args![id, false, true],
            )
            .await?;
        Ok(done == 1)
    }

    async fn set_field_values(
        &mut self,
        ticket: d::TicketId,
        values: &[(d::FieldId, String)],
    ) -> Result<(), StoreError> {
        for (field, value) in values {
            self.execute(
                "INSERT INTO ticket_field_values (ticket_id, field_id, value) VALUES ($1, $2, $3)
                         ON CONFLICT (ticket_id, field_id) DO UPDATE SET value = excluded.value",
                args![ticket, *field, value],
            )
            .await?;
        }
        Ok(())
    }

    async fn field_values(&mut self, ticket: d::TicketId) -> Result<Vec<FieldValue>, StoreError> {
        let rows = self.fetch_all(FIELD_VALUES_OF, args![ticket]).await?;
        rows.iter()
            .map(|row| {
                let kind: String = row.get(3)?;
                Ok(FieldValue {
                    field: row.get(0)?,
                    label: d::Bilingual::new(row.get::<String>(1)?, row.get::<String>(2)?),
                    kind: d::FieldKind::from_code(&kind)
                        .ok_or_else(|| StoreError::Corrupt(format!("field kind {kind}")))?,
                    value: row.get(4)?,
                })
            })
            .collect()
    }

    async fn all_ticket_forms(&mut self) -> Result<Vec<(d::TicketForm, bool)>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT id, key, name_nl, name_en, description_nl, description_en, offered, active
                     FROM ticket_forms ORDER BY position, id",
                vec![],
            )
            .await?;
        rows.iter()
            .map(|row| {
                let form = d::TicketForm {
                    id: row.get(0)?,
                    key: row.get(1)?,
                    name: d::Bilingual::new(row.get::<String>(2)?, row.get::<String>(3)?),
                    description: d::Bilingual::new(row.get::<String>(4)?, row.get::<String>(5)?),
                    offered: row.get(6)?,
                };
                Ok((form, row.get(7)?))
            })
            .collect()
    }

    async fn all_ticket_categories(
        &mut self,
    ) -> Result<Vec<(d::TicketCategory, bool)>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT id, key, name_nl, name_en, help_nl, help_en, active
                     FROM ticket_categories ORDER BY position, id",
                vec![],
            )
            .await?;
        rows.iter()
            .map(|row| {
                let category = d::TicketCategory {
                    id: row.get(0)?,
                    key: row.get(1)?,
                    name: d::Bilingual::new(row.get::<String>(2)?, row.get::<String>(3)?),
                    help: d::Bilingual::new(row.get::<String>(4)?, row.get::<String>(5)?),
                };
                Ok((category, row.get(6)?))
            })
            .collect()
    }

    async fn save_ticket_form(
        &mut self,
        form: &d::TicketForm,
        active: bool,
    ) -> Result<d::FormId, StoreError> {
        if form.id.0 > 0 {
            self.execute(
                "UPDATE ticket_forms SET name_nl = $2, name_en = $3, description_nl = $4,
                            description_en = $5, active = $6 WHERE id = $1",
                args![
                    form.id,
                    &form.name.nl,
                    &form.name.en,
                    &form.description.nl,
                    &form.description.en,
                    active
                ],
            )
            .await?;
            return Ok(form.id);
        }
        self.scalar(
            "INSERT INTO ticket_forms (key, name_nl, name_en, description_nl, description_en, position, active)
                     VALUES ($1, $2, $3, $4, $5,
                        (SELECT COALESCE(MAX(position), 0) + 1 FROM ticket_forms WHERE offered = $7), $6)
                     RETURNING id",
            args![
                &form.key,
                &form.name.nl,
                &form.name.en,
                &form.description.nl,
                &form.description.en,
                active,
                true
            ],
        )
        .await
        .map_err(|e| e.unique_as(Unique::FormKey))
    }

    async fn save_ticket_category(
        &mut self,
        c: &d::TicketCategory,
        active: bool,
    ) -> Result<d::CategoryId, StoreError> {
        if c.id.0 > 0 {
            self.execute(
                "UPDATE ticket_categories SET name_nl = $2, name_en = $3, help_nl = $4,
                            help_en = $5, active = $6 WHERE id = $1",
                args![c.id, &c.name.nl, &c.name.en, &c.help.nl, &c.help.en, active],
            )
            .await?;
            return Ok(c.id);
        }
        self.scalar(
            "INSERT INTO ticket_categories (key, name_nl, name_en, help_nl, help_en, position, active)
                     VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(MAX(position), 0) + 1 FROM ticket_categories), $6)
                     RETURNING id",
            args![&c.key, &c.name.nl, &c.name.en, &c.help.nl, &c.help.en, active],
        )
        .await
        .map_err(|e| e.unique_as(Unique::CategoryKey))
    }
}
