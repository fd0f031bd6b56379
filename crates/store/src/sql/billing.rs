//! Portable SQL of licences, invoices and subscription-change requests. Dates are stored as ISO
//! text (`YYYY-MM-DD`), which sorts and compares the same on both backends.

macro_rules! billing_sql {
    ($tx:ident) => {
        fn date_from(text: &str) -> Result<d::Date, $crate::StoreError> {
            text.parse()
                .map_err(|_| $crate::StoreError::Corrupt(format!("date {text}")))
        }

        #[async_trait::async_trait]
        impl $crate::contract::BillingTx for $tx {
            async fn licences_of(&mut self, org: d::OrgId) -> Result<Vec<d::Licence>, $crate::StoreError> {
                let rows = sqlx::query(
                    "SELECT id, product, quantity, unit_price_cents FROM licences
                     WHERE org_id = $1 ORDER BY id",
                )
                .bind(org.0)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok(d::Licence {
                            id: r.try_get(0)?,
                            product: r.try_get(1)?,
                            quantity: r.try_get(2)?,
                            unit_price: d::Money(r.try_get(3)?),
                        })
                    })
                    .collect()
            }

            async fn insert_licence(
                &mut self,
                org: d::OrgId,
                l: &d::NewLicence,
                now: d::Timestamp,
            ) -> Result<i64, $crate::StoreError> {
                let id = sqlx::query_scalar(
                    "INSERT INTO licences (org_id, product, quantity, unit_price_cents, created_at)
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(org.0)
                .bind(&l.product)
                .bind(l.quantity)
                .bind(l.unit_price.cents())
                .bind(now.0)
                .fetch_one(&mut *self.tx)
                .await?;
                Ok(id)
            }

            async fn delete_licence(&mut self, org: d::OrgId, id: i64) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query("DELETE FROM licences WHERE id = $1 AND org_id = $2")
                    .bind(id)
                    .bind(org.0)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn insert_invoice(
                &mut self,
                org: d::OrgId,
                invoice: &d::NewInvoice,
                now: d::Timestamp,
            ) -> Result<i64, $crate::StoreError> {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO invoices (org_id, number, issue_date, due_date, created_at)
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(org.0)
                .bind(&invoice.number)
                .bind(invoice.issue_date.to_string())
                .bind(invoice.due_date.to_string())
                .bind(now.0)
                .fetch_one(&mut *self.tx)
                .await
                .map_err(|e| $crate::StoreError::unique_as(e, "invoice number"))?;
                for (position, line) in invoice.lines.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO invoice_lines
                            (invoice_id, position, description, quantity, unit_price_cents, vat_percent)
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(id)
                    .bind(position as i64)
                    .bind(&line.description)
                    .bind(line.quantity)
                    .bind(line.unit_price.cents())
                    .bind(line.vat_percent)
                    .execute(&mut *self.tx)
                    .await?;
                }
                Ok(id)
            }

            async fn invoices_of(&mut self, org: d::OrgId) -> Result<Vec<d::Invoice>, $crate::StoreError> {
                self.load_invoices(org, None).await
            }

            async fn invoice(&mut self, org: d::OrgId, id: i64) -> Result<Option<d::Invoice>, $crate::StoreError> {
                Ok(self.load_invoices(org, Some(id)).await?.into_iter().next())
            }

            async fn set_invoice_status(
                &mut self,
                org: d::OrgId,
                id: i64,
                status: d::InvoiceStatus,
            ) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query("UPDATE invoices SET status = $3 WHERE id = $1 AND org_id = $2")
                    .bind(id)
                    .bind(org.0)
                    .bind(status.code())
                    .execute(&mut *self.tx)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn insert_subscription_request(
                &mut self,
                org: d::OrgId,
                by: d::UserId,
                change: &d::SubscriptionChange,
                now: d::Timestamp,
            ) -> Result<i64, $crate::StoreError> {
                let id = sqlx::query_scalar(
                    "INSERT INTO subscription_requests (org_id, requested_by, subject, explanation, created_at)
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(org.0)
                .bind(by.0)
                .bind(&change.subject)
                .bind(&change.explanation)
                .bind(now.0)
                .fetch_one(&mut *self.tx)
                .await?;
                Ok(id)
            }

            async fn subscription_requests_of(
                &mut self,
                org: d::OrgId,
            ) -> Result<Vec<d::SubscriptionRequest>, $crate::StoreError> {
                let rows = sqlx::query(
                    "SELECT r.id, r.org_id, r.requested_by, COALESCE(u.first_name || ' ' || u.last_name, ''),
                        r.subject, r.explanation, r.created_at
                     FROM subscription_requests r LEFT JOIN users u ON u.id = r.requested_by
                     WHERE r.org_id = $1 ORDER BY r.created_at DESC, r.id DESC",
                )
                .bind(org.0)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.iter()
                    .map(|r| {
                        let by: Option<i64> = r.try_get(2)?;
                        Ok(d::SubscriptionRequest {
                            id: r.try_get(0)?,
                            org: d::OrgId(r.try_get(1)?),
                            requested_by: by.map(d::UserId),
                            requester_name: r.try_get(3)?,
                            subject: r.try_get(4)?,
                            explanation: r.try_get(5)?,
                            created_at: d::Timestamp(r.try_get(6)?),
                        })
                    })
                    .collect()
            }
        }

        impl $tx {
            /// The invoices of `org` (or the one with `only`), with their lines in two queries.
            async fn load_invoices(
                &mut self,
                org: d::OrgId,
                only: Option<i64>,
            ) -> Result<Vec<d::Invoice>, $crate::StoreError> {
                let rows = sqlx::query(
                    "SELECT id, number, issue_date, due_date, status FROM invoices
                     WHERE org_id = $1 AND ($2 IS NULL OR id = $2)
                     ORDER BY issue_date DESC, id DESC",
                )
                .bind(org.0)
                .bind(only)
                .fetch_all(&mut *self.tx)
                .await?;
                let mut invoices = Vec::with_capacity(rows.len());
                for r in &rows {
                    let status: String = r.try_get(4)?;
                    let issue: String = r.try_get(2)?;
                    let due: String = r.try_get(3)?;
                    invoices.push(d::Invoice {
                        id: r.try_get(0)?,
                        org,
                        number: r.try_get(1)?,
                        issue_date: date_from(&issue)?,
                        due_date: date_from(&due)?,
                        status: d::InvoiceStatus::from_code(&status)
                            .ok_or_else(|| $crate::StoreError::Corrupt(format!("invoice status {status}")))?,
                        lines: vec![],
                    });
                }
                let lines = sqlx::query(
                    "SELECT l.invoice_id, l.description, l.quantity, l.unit_price_cents, l.vat_percent
                     FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
                     WHERE i.org_id = $1 AND ($2 IS NULL OR i.id = $2)
                     ORDER BY l.invoice_id, l.position",
                )
                .bind(org.0)
                .bind(only)
                .fetch_all(&mut *self.tx)
                .await?;
                for r in &lines {
                    let invoice_id: i64 = r.try_get(0)?;
                    if let Some(invoice) = invoices.iter_mut().find(|i| i.id == invoice_id) {
                        invoice.lines.push(d::InvoiceLine {
                            description: r.try_get(1)?,
                            quantity: r.try_get(2)?,
                            unit_price: d::Money(r.try_get(3)?),
                            vat_percent: r.try_get(4)?,
                        });
                    }
                }
                Ok(invoices)
            }
        }
    };
}

pub(crate) use billing_sql;
