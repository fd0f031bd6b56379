//! "Facturen/Abonnement" (SPEC E1-E3, D4): invoices with their PDF, the subscription and its
//! licences, and subscription-change requests. Only a Beheerder of the organisation and agents
//! get here; everyone else is refused on every address, pages and downloads alike.

mod pdf;

use balie_domain::{
    Actor, Date, Invoice, InvoiceId, InvoiceStatus, Language, Licence, LicenceId, NewInvoice,
    NewLicence, OrgId, SubscriptionChange, SubscriptionRequest,
};
use balie_store::Organisation;

use crate::audit::Audit;
use crate::guard::require_agent;
use crate::{App, AppError};

/// Everything on the "Facturen/Abonnement" page.
#[derive(Debug, Clone)]
pub struct BillingOverview {
    pub organisation: Organisation,
    pub licences: Vec<Licence>,
    pub invoices: Vec<Invoice>,
    pub requests: Vec<SubscriptionRequest>,
}

/// "26-11-2026", the date format of the manuals, in both languages.
pub fn format_date(date: Date) -> String {
    format!("{:02}-{:02}-{:04}", date.day(), date.month(), date.year())
}

fn authorize_billing(actor: &Actor, org: OrgId) -> Result<(), AppError> {
    match actor {
        Actor::Agent { .. } => Ok(()),
        Actor::Contact { org: own, .. } if *own != org => Err(AppError::NotFound),
        Actor::Contact { roles, .. } if roles.can_see_billing() => Ok(()),
        Actor::Contact { .. } => Err(AppError::Forbidden(crate::error::Only::Billing)),
    }
}

/// The key of the hidden ticket form of subscription-change requests.
/// An invoice's lines and totals as the page and the PDF both print them, in the reader's
/// language.
pub struct InvoiceFigures {
    /// Description, quantity, unit price and amount of each line.
    pub lines: Vec<[String; 4]>,
    /// Subtotal, VAT and total with their labels.
    pub totals: Vec<(String, String)>,
}

impl InvoiceFigures {
    pub fn new(tr: &crate::Tr<'_>, invoice: &Invoice) -> Self {
        let money = |m: balie_domain::Money| m.format(tr.lang);
        InvoiceFigures {
            lines: invoice
                .lines
                .iter()
                .map(|l| {
                    [
                        l.description.clone(),
                        l.quantity.to_string(),
                        money(l.unit_price),
                        money(l.amount()),
                    ]
                })
                .collect(),
            totals: vec![
                (tr.t("invoice-subtotal"), money(invoice.subtotal())),
                (tr.t("invoice-vat"), money(invoice.vat())),
                (tr.t("invoice-total"), money(invoice.total())),
            ],
        }
    }
}

pub const SUBSCRIPTION_FORM: &str = "subscription_change";

impl App {
    pub async fn billing_overview(
        &self,
        actor: &Actor,
        org: OrgId,
    ) -> Result<BillingOverview, AppError> {
        authorize_billing(actor, org)?;
        let mut tx = self.store.read().await?;
        Ok(BillingOverview {
            organisation: tx.organisation(org).await?.ok_or(AppError::NotFound)?,
            licences: tx.licences_of(org).await?,
            invoices: tx.invoices_of(org).await?,
            requests: tx.subscription_requests_of(org).await?,
        })
    }

    pub async fn invoice(
        &self,
        actor: &Actor,
        org: OrgId,
        id: InvoiceId,
    ) -> Result<Invoice, AppError> {
        authorize_billing(actor, org)?;
        let mut tx = self.store.read().await?;
        tx.invoice(org, id).await?.ok_or(AppError::NotFound)
    }

    /// The invoice as a PDF in `lang`. Every download is written to the audit log (H3).
    pub async fn invoice_pdf(
        &self,
        actor: &Actor,
        org: OrgId,
        id: InvoiceId,
        lang: Language,
    ) -> Result<(String, Vec<u8>), AppError> {
        let invoice = self.invoice(actor, org, id).await?;
        let organisation = self.organisation(actor, org).await?;
        let document = self.invoice_document(&invoice, &organisation, lang);
        let bytes = tokio::task::spawn_blocking(move || pdf::render(&document))
            .await
            .map_err(|e| AppError::internal("pdf task", e))?;
        let mut tx = self.work().await?;
        tx.audit(
            Some(actor.user_id()),
            Audit::InvoiceDownloaded {
                invoice: id,
                number: &invoice.number,
            },
        )
        .await?;
        tx.commit().await?;
        let name: String = invoice
            .number
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        Ok((format!("factuur-{name}.pdf"), bytes))
    }

    fn invoice_document(
        &self,
        invoice: &Invoice,
        org: &Organisation,
        lang: Language,
    ) -> pdf::InvoicePdf {
        let tr = self.i18n.for_lang(lang);
        let brand = &self.config.branding;
        let figures = InvoiceFigures::new(&tr, invoice);
        let status = tr.t(if invoice.status == InvoiceStatus::Paid {
            "invoice-status-paid"
        } else {
            "invoice-status-open"
        });
        let mut vendor_lines = vec![];
        for line in [&brand.support_phone, &brand.support_email] {
            if !line.is_empty() {
                vendor_lines.push(line.clone());
            }
        }
        let customer_lines = [
            org.address.clone(),
            format!("{} {}", org.postcode, org.city).trim().to_string(),
        ]
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect();
        pdf::InvoicePdf {
            title: tr.t("invoice-title"),
            vendor_name: brand.vendor_name.clone(),
            vendor_lines,
            customer_name: org.name.clone(),
            customer_lines,
            facts: vec![
                (tr.t("invoice-number"), invoice.number.clone()),
                (tr.t("invoice-date"), format_date(invoice.issue_date)),
                (tr.t("invoice-due-date"), format_date(invoice.due_date)),
                (tr.t("invoice-status"), status),
            ],
            columns: [
                tr.t("invoice-line-description"),
                tr.t("invoice-line-quantity"),
                tr.t("invoice-line-price"),
                tr.t("invoice-line-amount"),
            ],
            lines: figures.lines,
            totals: figures.totals,
            footer: tr.t1("invoice-footer", "number", &invoice.number),
        }
    }

    /// "Abonnement wijzigen" (E2): records the request and confirms it by e-mail. This is the one
    /// place a request enters the system: when tickets exist, it also opens a ticket for the
    /// billing group here (D7), in the same transaction.
    pub async fn request_subscription_change(
        &self,
        actor: &Actor,
        org: OrgId,
        change: &SubscriptionChange,
    ) -> Result<balie_domain::SubscriptionRequestId, AppError> {
        authorize_billing(actor, org)?;
        let mut tx = self.work().await?;
        let requester = tx
            .user(actor.user_id())
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let id = tx
            .insert_subscription_request(org, requester.id, change, self.now())
            .await?;
        // D7: the request is also a ticket of the group that handles billing, so an agent
        // answers it in the workspace like any other.
        let form = tx
            .ticket_forms()
            .await?
            .into_iter()
            .find(|f| f.key == SUBSCRIPTION_FORM)
            .ok_or_else(|| AppError::missing("the subscription-change form"))?;
        let group = tx.groups().await?.into_iter().find(|g| g.handles_billing);
        let ticket = balie_domain::NewTicket {
            org: Some(org),
            requester: Some(requester.id),
            requester_email: requester.email.clone(),
            form: form.id,
            category: None,
            subject: change.subject.clone(),
            description: if change.explanation.is_empty() {
                change.subject.clone()
            } else {
                change.explanation.clone()
            },
            ccs: vec![],
            group: group.map(|g| g.id),
            fields: vec![],
            attachments: vec![],
        };
        tx.insert_ticket(&ticket, self.now()).await?;
        if let Some(email) = &requester.email {
            let mail = self.compose_subscription_request(&requester, email, change)?;
            tx.mail(&mail).await?;
        }
        tx.audit(
            Some(requester.id),
            Audit::ChangeRequested {
                org,
                subject: &change.subject,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn add_licence(
        &self,
        actor: &Actor,
        org: OrgId,
        licence: &NewLicence,
    ) -> Result<LicenceId, AppError> {
        require_agent(actor)?;
        let mut tx = self.work().await?;
        tx.organisation(org).await?.ok_or(AppError::NotFound)?;
        let id = tx.insert_licence(org, licence, self.now()).await?;
        let detail = format!("{} x {}", licence.quantity, licence.product);
        tx.audit(
            Some(actor.user_id()),
            Audit::LicenceAdded {
                org,
                detail: &detail,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn remove_licence(
        &self,
        actor: &Actor,
        org: OrgId,
        id: LicenceId,
    ) -> Result<(), AppError> {
        require_agent(actor)?;
        let mut tx = self.work().await?;
        if !tx.delete_licence(org, id).await? {
            return Err(AppError::NotFound);
        }
        let removed = Audit::LicenceRemoved { org, licence: id };
        tx.audit(Some(actor.user_id()), removed).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn set_subscription_plan(
        &self,
        actor: &Actor,
        org: OrgId,
        plan: &str,
    ) -> Result<(), AppError> {
        require_agent(actor)?;
        let plan: String = plan.trim().chars().take(200).collect();
        let mut tx = self.work().await?;
        if !tx.set_subscription_plan(org, &plan).await? {
            return Err(AppError::NotFound);
        }
        tx.audit(Some(actor.user_id()), Audit::PlanSet { org, plan: &plan })
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn create_invoice(
        &self,
        actor: &Actor,
        org: OrgId,
        invoice: NewInvoice,
    ) -> Result<InvoiceId, AppError> {
        require_agent(actor)?;
        let invoice = invoice.validate()?;
        let mut tx = self.work().await?;
        tx.organisation(org).await?.ok_or(AppError::NotFound)?;
        let id = tx.insert_invoice(org, &invoice, self.now()).await?;
        tx.audit(
            Some(actor.user_id()),
            Audit::InvoiceCreated {
                invoice: id,
                number: &invoice.number,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn set_invoice_status(
        &self,
        actor: &Actor,
        org: OrgId,
        id: InvoiceId,
        status: InvoiceStatus,
    ) -> Result<(), AppError> {
        require_agent(actor)?;
        let mut tx = self.work().await?;
        if !tx.set_invoice_status(org, id, status).await? {
            return Err(AppError::NotFound);
        }
        let set = Audit::InvoiceStatusSet {
            invoice: id,
            status,
        };
        tx.audit(Some(actor.user_id()), set).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The time zone of dates and times shown to people (SPEC: Europe/Amsterdam).
const ZONE: &str = "Europe/Amsterdam";

fn zoned(at: balie_domain::Timestamp) -> Option<jiff::ZonedDateTime> {
    jiff::Timestamp::from_second(at.0).ok()?.in_tz(ZONE).ok()
}

/// The calendar date of `at` in Europe/Amsterdam.
pub fn local_date(at: balie_domain::Timestamp) -> Date {
    zoned(at).map(|z| z.date()).unwrap_or_default()
}

/// The calendar date, hour and minute of `at` in Europe/Amsterdam.
pub fn local_clock(at: balie_domain::Timestamp) -> Option<(Date, i8, i8)> {
    zoned(at).map(|z| (z.date(), z.hour(), z.minute()))
}

/// "26-09-2024 13:05", the manuals' format, in Europe/Amsterdam.
pub fn format_timestamp(at: balie_domain::Timestamp) -> String {
    match zoned(at) {
        Some(z) => format!(
            "{} {:02}:{:02}",
            format_date(z.date()),
            z.hour(),
            z.minute()
        ),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_in_amsterdam() {
        // 2024-09-26 11:05 UTC is 13:05 in Amsterdam (summer time).
        assert_eq!(
            format_timestamp(balie_domain::Timestamp(1_727_348_700)),
            "26-09-2024 13:05"
        );
        assert_eq!(format_date(jiff::civil::date(2026, 1, 5)), "05-01-2026");
    }
}
