//! Invoices, licences and subscription-change requests ("Facturen/Abonnement", SPEC E1-E3).

use jiff::civil::Date;

use crate::{DomainError, Money, OrgId, Timestamp, UserId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvoiceStatus {
    Open,
    Paid,
}

impl InvoiceStatus {
    pub fn code(self) -> &'static str {
        match self {
            InvoiceStatus::Open => "open",
            InvoiceStatus::Paid => "paid",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "open" => Some(InvoiceStatus::Open),
            "paid" => Some(InvoiceStatus::Paid),
            _ => None,
        }
    }
}

/// One line of an invoice: prices exclude VAT, which is charged per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceLine {
    pub description: String,
    pub quantity: i64,
    pub unit_price: Money,
    pub vat_percent: i64,
}

impl InvoiceLine {
    pub fn amount(&self) -> Money {
        Money(self.unit_price.0.saturating_mul(self.quantity))
    }

    /// VAT of this line, rounded half away from zero to whole cents.
    pub fn vat(&self) -> Money {
        let raw = self.amount().0.saturating_mul(self.vat_percent);
        Money((raw + raw.signum() * 50) / 100)
    }
}

/// An invoice to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInvoice {
    pub number: String,
    pub issue_date: Date,
    pub due_date: Date,
    pub lines: Vec<InvoiceLine>,
}

impl NewInvoice {
    /// Checks what an agent entered: a number, a due date not before the invoice date, and at
    /// least one line.
    pub fn validate(self) -> Result<Self, DomainError> {
        let number = self.number.trim().to_string();
        if number.is_empty() || number.len() > 40 || number.chars().any(char::is_control) {
            return Err(DomainError::on_field("error-invoice-number", "number"));
        }
        if self.due_date < self.issue_date {
            return Err(DomainError::on_field("error-due-before-issue", "due_date"));
        }
        if self.lines.is_empty() {
            return Err(DomainError::on_field("error-invoice-no-lines", "lines"));
        }
        Ok(NewInvoice { number, ..self })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invoice {
    pub id: crate::InvoiceId,
    pub org: OrgId,
    pub number: String,
    pub issue_date: Date,
    pub due_date: Date,
    pub status: InvoiceStatus,
    pub lines: Vec<InvoiceLine>,
}

impl Invoice {
    pub fn subtotal(&self) -> Money {
        self.lines.iter().map(InvoiceLine::amount).sum()
    }

    pub fn vat(&self) -> Money {
        self.lines.iter().map(InvoiceLine::vat).sum()
    }

    pub fn total(&self) -> Money {
        self.subtotal() + self.vat()
    }

    /// Open and past its due date on `today`.
    pub fn overdue(&self, today: Date) -> bool {
        self.status == InvoiceStatus::Open && self.due_date < today
    }
}

/// A licence of the subscription: a product, how many, at what price each (per month).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Licence {
    pub id: crate::LicenceId,
    pub product: String,
    pub quantity: i64,
    pub unit_price: Money,
}

impl Licence {
    pub fn amount(&self) -> Money {
        Money(self.unit_price.0.saturating_mul(self.quantity))
    }
}

/// A licence to add, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLicence {
    pub product: String,
    pub quantity: i64,
    pub unit_price: Money,
}

impl NewLicence {
    pub fn parse(product: &str, quantity: &str, unit_price: &str) -> Result<Self, DomainError> {
        let product = product.trim();
        if product.is_empty() || product.chars().count() > 200 {
            return Err(DomainError::on_field("error-field-required", "product"));
        }
        let quantity: i64 = quantity
            .trim()
            .parse()
            .ok()
            .filter(|q| (1..=100_000).contains(q))
            .ok_or(DomainError::on_field("error-quantity-invalid", "quantity"))?;
        let unit_price = Money::parse(unit_price, "unit_price")?;
        if unit_price.cents() < 0 {
            return Err(DomainError::on_field("error-amount-invalid", "unit_price"));
        }
        Ok(NewLicence {
            product: product.to_string(),
            quantity,
            unit_price,
        })
    }
}

/// "Abonnement wijzigen": the subject is required and the extra costs must be accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionChange {
    pub subject: String,
    pub explanation: String,
}

impl SubscriptionChange {
    pub fn parse(subject: &str, explanation: &str, agreed: bool) -> Result<Self, DomainError> {
        let subject = subject.trim();
        if subject.is_empty() {
            return Err(DomainError::on_field("error-field-required", "subject"));
        }
        if subject.chars().count() > 200 {
            return Err(DomainError::on_field("error-field-too-long", "subject"));
        }
        if explanation.chars().count() > 10_000 {
            return Err(DomainError::on_field("error-field-too-long", "explanation"));
        }
        if !agreed {
            return Err(DomainError::on_field("error-must-agree-costs", "agree"));
        }
        Ok(SubscriptionChange {
            subject: subject.to_string(),
            explanation: explanation.trim().to_string(),
        })
    }
}

/// A stored subscription-change request, for the history on "Facturen/Abonnement".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionRequest {
    pub id: crate::SubscriptionRequestId,
    pub org: OrgId,
    pub requested_by: Option<UserId>,
    pub requester_name: String,
    pub subject: String,
    pub explanation: String,
    pub created_at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(quantity: i64, cents: i64) -> InvoiceLine {
        InvoiceLine {
            description: "Licentie".into(),
            quantity,
            unit_price: Money(cents),
            vat_percent: 21,
        }
    }

    #[test]
    fn totals_add_vat_per_line() {
        let invoice = Invoice {
            id: crate::InvoiceId(1),
            org: OrgId(1),
            number: "2026-001".into(),
            issue_date: jiff::civil::date(2026, 1, 1),
            due_date: jiff::civil::date(2026, 1, 31),
            status: InvoiceStatus::Open,
            lines: vec![line(3, 1999), line(1, 250)],
        };
        assert_eq!(invoice.subtotal(), Money(6247));
        // 5997 * 21% = 1259.37 -> 1259; 250 * 21% = 52.5 -> 53
        assert_eq!(invoice.vat(), Money(1312));
        assert_eq!(invoice.total(), Money(7559));
        assert!(invoice.overdue(jiff::civil::date(2026, 2, 1)));
        assert!(!invoice.overdue(jiff::civil::date(2026, 1, 31)));
    }

    #[test]
    fn a_change_request_needs_a_subject_and_consent() {
        assert_eq!(
            SubscriptionChange::parse(" ", "", true).unwrap_err().field,
            Some("subject")
        );
        assert_eq!(
            SubscriptionChange::parse("Extra licentie", "", false)
                .unwrap_err()
                .key,
            "error-must-agree-costs"
        );
        assert!(
            SubscriptionChange::parse("Extra licentie", "Voor de nieuwe assistent", true).is_ok()
        );
    }

    #[test]
    fn invoices_need_lines_and_a_sensible_due_date() {
        let base = NewInvoice {
            number: " 2026-7 ".into(),
            issue_date: jiff::civil::date(2026, 3, 1),
            due_date: jiff::civil::date(2026, 3, 31),
            lines: vec![line(1, 100)],
        };
        assert_eq!(base.clone().validate().unwrap().number, "2026-7");
        let early = NewInvoice {
            due_date: jiff::civil::date(2026, 2, 1),
            ..base.clone()
        };
        assert_eq!(early.validate().unwrap_err().field, Some("due_date"));
        assert_eq!(
            NewInvoice {
                lines: vec![],
                ..base
            }
            .validate()
            .unwrap_err()
            .field,
            Some("lines")
        );
    }

    #[test]
    fn licences_are_parsed() {
        let l = NewLicence::parse("Zorgsoft Praktijk", "3", "49,95").unwrap();
        assert_eq!((l.quantity, l.unit_price), (3, Money(4995)));
        assert_eq!(
            NewLicence::parse("X", "0", "1").unwrap_err().field,
            Some("quantity")
        );
        assert_eq!(
            NewLicence::parse("X", "1", "-5").unwrap_err().field,
            Some("unit_price"),
            "a licence never costs less than nothing"
        );
    }
}
