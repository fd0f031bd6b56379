//! Portable SQL of ticket forms, main categories and custom fields as administrators keep them,
//! and the field values of tickets.

/// The custom field values of ticket `$1`, in the form's order of fields.
pub(crate) const FIELD_VALUES_OF: &str = "SELECT f.id, f.label_nl, f.label_en, f.kind, v.value
     FROM ticket_field_values v JOIN ticket_fields f ON f.id = v.field_id
     WHERE v.ticket_id = $1 ORDER BY f.position, f.id";

macro_rules! fields_sql {
    ($tx:ident) => {
        fn field_from_row<R: sqlx::Row>(row: &R) -> Result<d::TicketField, $crate::StoreError>
        where
            for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            for<'r> bool: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            usize: sqlx::ColumnIndex<R>,
        {
            let kind: String = row.try_get(4)?;
            let options: String = row.try_get(6)?;
            Ok(d::TicketField {
                id: row.try_get(0)?,
                form: row.try_get(1)?,
                label_nl: row.try_get(2)?,
                label_en: row.try_get(3)?,
                kind: d::FieldKind::from_code(&kind)
                    .ok_or_else(|| $crate::StoreError::Corrupt(format!("field kind {kind}")))?,
                required: row.try_get(5)?,
                options: d::parse_options(&options),
            })
        }

        #[async_trait::async_trait]
        impl $crate::contract::FieldTx for $tx {
            async fn ticket_fields(&mut self) -> Result<Vec<d::TicketField>, $crate::StoreError> {
                let rows = sqlx::query(
                    "SELECT id, form_id, label_nl, label_en, kind, required, options
                     FROM ticket_fields WHERE active = $1 ORDER BY form_id, position, id",
                )
                .bind(true)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.iter().map(field_from_row).collect()
            }

            async fn insert_ticket_field(&mut self, field: &d::TicketField) -> Result<i64, $crate::StoreError> {
                let id = sqlx::query_scalar(
                    "INSERT INTO ticket_fields (form_id, label_nl, label_en, kind, required, options, position)
                     VALUES ($1, $2, $3, $4, $5, $6,
                        (SELECT COALESCE(MAX(position), 0) + 1 FROM ticket_fields WHERE form_id = $1))
                     RETURNING id",
                )
                .bind(field.form)
                .bind(&field.label_nl)
                .bind(&field.label_en)
                .bind(field.kind.code())
                .bind(field.required)
                .bind(field.options.join("\n"))
                .fetch_one(&mut *self.tx)
                .await?;
                Ok(id)
            }

            async fn update_ticket_field(&mut self, field: &d::TicketField) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE ticket_fields SET label_nl = $2, label_en = $3, required = $4, options = $5
                     WHERE id = $1 AND active = $6",
                )
                .bind(field.id)
                .bind(&field.label_nl)
                .bind(&field.label_en)
                .bind(field.required)
                .bind(field.options.join("\n"))
                .bind(true)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn retire_ticket_field(&mut self, id: i64) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query("UPDATE ticket_fields SET active = $2 WHERE id = $1 AND active = $3")
                    .bind(id)
                    .bind(false)
                    .bind(true)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn set_field_values(&mut self, ticket: i64, values: &[(i64, String)]) -> Result<(), $crate::StoreError> {
                for (field, value) in values {
                    sqlx::query(
                        "INSERT INTO ticket_field_values (ticket_id, field_id, value) VALUES ($1, $2, $3)
                         ON CONFLICT (ticket_id, field_id) DO UPDATE SET value = excluded.value",
                    )
                    .bind(ticket)
                    .bind(*field)
                    .bind(value)
                    .execute(&mut *self.tx)
                    .await?;
                }
                Ok(())
            }

            async fn field_values(&mut self, ticket: i64) -> Result<Vec<$crate::FieldValue>, $crate::StoreError> {
                let rows: Vec<(i64, String, String, String, String)> =
                    sqlx::query_as($crate::sql::fields::FIELD_VALUES_OF)
                .bind(ticket)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.into_iter()
                    .map(|(field, label_nl, label_en, kind, value)| {
                        Ok($crate::FieldValue {
                            field,
                            label_nl,
                            label_en,
                            kind: d::FieldKind::from_code(&kind)
                                .ok_or_else(|| $crate::StoreError::Corrupt(format!("field kind {kind}")))?,
                            value,
                        })
                    })
                    .collect()
            }

            async fn all_ticket_forms(&mut self) -> Result<Vec<(d::TicketForm, bool)>, $crate::StoreError> {
                let rows: Vec<(i64, String, String, String, String, String, bool, bool)> = sqlx::query_as(
                    "SELECT id, key, name_nl, name_en, description_nl, description_en, offered, active
                     FROM ticket_forms ORDER BY position, id",
                )
                .fetch_all(&mut *self.tx)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, key, name_nl, name_en, description_nl, description_en, offered, active)| {
                        (
                            d::TicketForm { id, key, name_nl, name_en, description_nl, description_en, offered },
                            active,
                        )
                    })
                    .collect())
            }

            async fn all_ticket_categories(&mut self) -> Result<Vec<(d::TicketCategory, bool)>, $crate::StoreError> {
                let rows: Vec<(i64, String, String, String, String, String, bool)> = sqlx::query_as(
                    "SELECT id, key, name_nl, name_en, help_nl, help_en, active
                     FROM ticket_categories ORDER BY position, id",
                )
                .fetch_all(&mut *self.tx)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, key, name_nl, name_en, help_nl, help_en, active)| {
                        (d::TicketCategory { id, key, name_nl, name_en, help_nl, help_en }, active)
                    })
                    .collect())
            }

            async fn save_ticket_form(&mut self, form: &d::TicketForm, active: bool) -> Result<i64, $crate::StoreError> {
                if form.id > 0 {
                    sqlx::query(
                        "UPDATE ticket_forms SET name_nl = $2, name_en = $3, description_nl = $4,
                            description_en = $5, active = $6 WHERE id = $1",
                    )
                    .bind(form.id)
                    .bind(&form.name_nl)
                    .bind(&form.name_en)
                    .bind(&form.description_nl)
                    .bind(&form.description_en)
                    .bind(active)
                    .execute(&mut *self.tx)
                    .await?;
                    return Ok(form.id);
                }
                let id = sqlx::query_scalar(
                    "INSERT INTO ticket_forms (key, name_nl, name_en, description_nl, description_en, position, active)
                     VALUES ($1, $2, $3, $4, $5,
                        (SELECT COALESCE(MAX(position), 0) + 1 FROM ticket_forms WHERE offered = $7), $6)
                     RETURNING id",
                )
                .bind(&form.key)
                .bind(&form.name_nl)
                .bind(&form.name_en)
                .bind(&form.description_nl)
                .bind(&form.description_en)
                .bind(active)
                .bind(true)
                .fetch_one(&mut *self.tx)
                .await
                .map_err(|e| $crate::StoreError::unique_as(e, "form key"))?;
                Ok(id)
            }

            async fn save_ticket_category(&mut self, c: &d::TicketCategory, active: bool) -> Result<i64, $crate::StoreError> {
                if c.id > 0 {
                    sqlx::query(
                        "UPDATE ticket_categories SET name_nl = $2, name_en = $3, help_nl = $4,
                            help_en = $5, active = $6 WHERE id = $1",
                    )
                    .bind(c.id)
                    .bind(&c.name_nl)
                    .bind(&c.name_en)
                    .bind(&c.help_nl)
                    .bind(&c.help_en)
                    .bind(active)
                    .execute(&mut *self.tx)
                    .await?;
                    return Ok(c.id);
                }
                let id = sqlx::query_scalar(
                    "INSERT INTO ticket_categories (key, name_nl, name_en, help_nl, help_en, position, active)
                     VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(MAX(position), 0) + 1 FROM ticket_categories), $6)
                     RETURNING id",
                )
                .bind(&c.key)
                .bind(&c.name_nl)
                .bind(&c.name_en)
                .bind(&c.help_nl)
                .bind(&c.help_en)
                .bind(active)
                .fetch_one(&mut *self.tx)
                .await
                .map_err(|e| $crate::StoreError::unique_as(e, "category key"))?;
                Ok(id)
            }
        }
    };
}

pub(crate) use fields_sql;
