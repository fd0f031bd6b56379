//! Portable SQL of licences, invoices and subscription-change requests. Dates are stored as ISO
//! text (`YYYY-MM-DD`), which sorts and compares the same on both backends.

use balie_domain as d;

use super::SqlTx;
use super::exec::args;
use crate::contract::BillingTx;
use crate::{StoreError, Unique};

fn date_from(text: &str) -> Result<d::Date, StoreError> {
    text.parse()
        .map_err(|_| StoreError::Corrupt(format!("date {text}")))
}

#[async_trait::async_trait]
impl BillingTx for SqlTx {
    async fn licences_of(&mut self, org: d::OrgId) -> Result<Vec<d::Licence>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT id, product, quantity, unit_price_cents FROM licences
                     WHERE org_id = $1 ORDER BY id",
                args![org],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(d::Licence {
                    id: r.get(0)?,
                    product: r.get(1)?,
                    quantity: r.get(2)?,
                    unit_price: r.get(3)?,
                })
            })
            .collect()
    }

    async fn insert_licence(
        &mut self,
        org: d::OrgId,
        l: &d::NewLicence,
        now: d::Timestamp,
    ) -> Result<d::LicenceId, StoreError> {
        self.scalar(
            "INSERT INTO licences (org_id, product, quantity, unit_price_cents, created_at)
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
            args![org, &l.product, l.quantity, l.unit_price.cents(), now],
        )
        .await
    }

    async fn delete_licence(
        &mut self,
        org: d::OrgId,
        id: d::LicenceId,
    ) -> Result<bool, StoreError> {
        let changed = self
            .execute(
                "DELETE FROM licences WHERE id = $1 AND org_id = $2",
                args![id, org],
            )
            .await?;
        Ok(changed == 1)
    }

    async fn insert_invoice(
        &mut self,
        org: d::OrgId,
        invoice: &d::NewInvoice,
        now: d::Timestamp,
    ) -> Result<d::InvoiceId, StoreError> {
        let id: d::InvoiceId = self
            .scalar(
                "INSERT INTO invoices (org_id, number, issue_date, due_date, created_at)
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                args![
                    org,
                    &invoice.number,
                    invoice.issue_date.to_string(),
                    invoice.due_date.to_string(),
                    now
                ],
            )
            .await
            .map_err(|e| e.unique_as(Unique::InvoiceNumber))?;
        for (position, line) in invoice.lines.iter().enumerate() {
            self.execute(
                "INSERT INTO invoice_lines
                            (invoice_id, position, description, quantity, unit_price_cents, vat_percent)
                         VALUES ($1, $2, $3, $4, $5, $6)",
                args![
                    id,
                    position as i64,
                    &line.description,
                    line.quantity,
                    line.unit_price.cents(),
                    line.vat_percent
                ],
            )
            .await?;
        }
        Ok(id)
    }

    async fn invoices_of(&mut self, org: d::OrgId) -> Result<Vec<d::Invoice>, StoreError> {
        self.load_invoices(org, None).await
    }

    async fn invoice(
        &mut self,
        org: d::OrgId,
        id: d::InvoiceId,
    ) -> Result<Option<d::Invoice>, StoreError> {
        Ok(self.load_invoices(org, Some(id)).await?.into_iter().next())
    }

    async fn set_invoice_status(
        &mut self,
        org: d::OrgId,
        id: d::InvoiceId,
        status: d::InvoiceStatus,
    ) -> Result<bool, StoreError> {
        let changed = self
            .execute(
                "UPDATE invoices SET status = $3 WHERE id = $1 AND org_id = $2",
                args![id, org, status.code()],
            )
            .await?;
        Ok(changed == 1)
    }

    async fn insert_subscription_request(
        &mut self,
        org: d::OrgId,
        by: d::UserId,
        change: &d::SubscriptionChange,
        now: d::Timestamp,
    ) -> Result<d::SubscriptionRequestId, StoreError> {
        self.scalar(
            "INSERT INTO subscription_requests (org_id, requested_by, subject, explanation, created_at)
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
            args![org, by, &change.subject, &change.explanation, now],
        )
        .await
    }

    async fn subscription_requests_of(
        &mut self,
        org: d::OrgId,
    ) -> Result<Vec<d::SubscriptionRequest>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT r.id, r.org_id, r.requested_by, COALESCE(u.first_name || ' ' || u.last_name, ''),
                        r.subject, r.explanation, r.created_at
                     FROM subscription_requests r LEFT JOIN users u ON u.id = r.requested_by
                     WHERE r.org_id = $1 ORDER BY r.created_at DESC, r.id DESC",
                args![org],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(d::SubscriptionRequest {
                    id: r.get(0)?,
                    org: r.get(1)?,
                    requested_by: r.get(2)?,
                    requester_name: r.get(3)?,
                    subject: r.get(4)?,
                    explanation: r.get(5)?,
                    created_at: r.get(6)?,
                })
            })
            .collect()
    }
}

impl SqlTx {
    /// The invoices of `org` (or the one with `only`), with their lines in two queries.
    async fn load_invoices(
        &mut self,
        org: d::OrgId,
        only: Option<d::InvoiceId>,
    ) -> Result<Vec<d::Invoice>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT id, number, issue_date, due_date, status FROM invoices
                     WHERE org_id = $1 AND ($2 IS NULL OR id = $2)
                     ORDER BY issue_date DESC, id DESC",
                args![org, only],
            )
            .await?;
        let mut invoices = Vec::with_capacity(rows.len());
        for r in &rows {
            let status: String = r.get(4)?;
            let issue: String = r.get(2)?;
            let due: String = r.get(3)?;
            invoices.push(d::Invoice {
                id: r.get(0)?,
                org,
                number: r.get(1)?,
                issue_date: date_from(&issue)?,
                due_date: date_from(&due)?,
                status: d::InvoiceStatus::from_code(&status)
                    .ok_or_else(|| StoreError::Corrupt(format!("invoice status {status}")))?,
                lines: vec![],
            });
        }
        let lines = self
            .fetch_all(
                "SELECT l.invoice_id, l.description, l.quantity, l.unit_price_cents, l.vat_percent
                     FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
                     WHERE i.org_id = $1 AND ($2 IS NULL OR i.id = $2)
                     ORDER BY l.invoice_id, l.position",
                args![org, only],
            )
            .await?;
        for r in &lines {
            let invoice_id: d::InvoiceId = r.get(0)?;
            if let Some(invoice) = invoices.iter_mut().find(|i| i.id == invoice_id) {
                invoice.lines.push(d::InvoiceLine {
                    description: r.get(1)?,
                    quantity: r.get(2)?,
                    unit_price: r.get(3)?,
                    vat_percent: r.get(4)?,
                });
            }
        }
        Ok(invoices)
    }
}
