//! How invoices, licences and subscription requests read, for the customer's "Facturen" and the
//! agent's organisation page alike.

use balie_app::billing::{BillingOverview, format_date};
use balie_domain::{Invoice, InvoiceStatus, Language};

use crate::AppState;
use crate::pages::kit::format_timestamp;

pub(crate) struct InvoiceRow {
    pub number: String,
    pub href: String,
    pub date: String,
    pub due: String,
    pub total: String,
    pub status: String,
    pub status_class: &'static str,
    pub status_action: String,
    pub toggle_to: &'static str,
    pub toggle_label: String,
}

pub(crate) struct LicenceRow {
    pub product: String,
    pub quantity: i64,
    pub price: String,
    pub amount: String,
    pub remove_action: String,
}

pub(crate) struct RequestRow {
    pub date: String,
    pub subject: String,
    pub explanation: String,
    pub by: String,
}

/// The overview's tables, in the reader's language; `base` is where invoice pages live.
pub(crate) struct OverviewView {
    pub invoices: Vec<InvoiceRow>,
    pub licences: Vec<LicenceRow>,
    pub licence_total: String,
    pub plan: String,
    pub requests: Vec<RequestRow>,
}

pub(crate) fn status(
    tr: &balie_app::Tr<'_>,
    invoice: &Invoice,
    today: balie_domain::Date,
) -> (String, &'static str) {
    if invoice.status == InvoiceStatus::Paid {
        (tr.t("invoice-status-paid"), "paid")
    } else if invoice.overdue(today) {
        (tr.t("invoice-status-overdue"), "overdue")
    } else {
        (tr.t("invoice-status-open"), "open")
    }
}

/// Today in the portal's time zone, for "overdue".
pub(crate) fn today(state: &AppState) -> balie_domain::Date {
    balie_app::billing::local_date(state.app.now())
}

impl OverviewView {
    pub fn of(
        tr: &balie_app::Tr<'_>,
        lang: Language,
        overview: &BillingOverview,
        base: &str,
        today: balie_domain::Date,
    ) -> Self {
        let money = |m: balie_domain::Money| m.format(lang);
        let invoices = overview
            .invoices
            .iter()
            .map(|i| {
                let (label, class) = status(tr, i, today);
                let paid = i.status == InvoiceStatus::Paid;
                InvoiceRow {
                    number: i.number.clone(),
                    href: format!("{base}/invoices/{}", i.id),
                    date: format_date(i.issue_date),
                    due: format_date(i.due_date),
                    total: money(i.total()),
                    status: label,
                    status_class: class,
                    status_action: format!("{base}/invoices/{}/status", i.id),
                    toggle_to: if paid { "open" } else { "paid" },
                    toggle_label: tr.t(if paid {
                        "agent-invoice-mark-open"
                    } else {
                        "agent-invoice-mark-paid"
                    }),
                }
            })
            .collect();
        let licences = overview
            .licences
            .iter()
            .map(|l| LicenceRow {
                product: l.product.clone(),
                quantity: l.quantity,
                price: money(l.unit_price),
                amount: money(l.amount()),
                remove_action: format!("{base}/licences/{}/delete", l.id),
            })
            .collect();
        let licence_total = money(overview.licences.iter().map(|l| l.amount()).sum());
        let requests = overview
            .requests
            .iter()
            .map(|r| RequestRow {
                date: format_timestamp(r.created_at),
                subject: r.subject.clone(),
                explanation: r.explanation.clone(),
                by: r.requester_name.clone(),
            })
            .collect();
        OverviewView {
            invoices,
            licences,
            licence_total,
            plan: overview.organisation.subscription_plan.clone(),
            requests,
        }
    }
}
