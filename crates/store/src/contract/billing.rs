//! The contract of invoices, licences and subscription-change requests. Every read names the
//! organisation, so another organisation's invoice reads as not found.

use async_trait::async_trait;
use balie_domain::{
    Invoice, InvoiceId, InvoiceStatus, Licence, LicenceId, NewInvoice, NewLicence, OrgId,
    SubscriptionChange, SubscriptionRequest, Timestamp, UserId,
};

use crate::StoreError;

#[async_trait]
pub trait BillingTx: Send {
    /// The licences of `org`, in the order they were added.
    async fn licences_of(&mut self, org: OrgId) -> Result<Vec<Licence>, StoreError>;
    async fn insert_licence(
        &mut self,
        org: OrgId,
        licence: &NewLicence,
        now: Timestamp,
    ) -> Result<LicenceId, StoreError>;
    /// `false` when `id` is not a licence of `org`.
    async fn delete_licence(&mut self, org: OrgId, id: LicenceId) -> Result<bool, StoreError>;

    /// Stores an invoice with its lines. A number in use gives `Duplicate(Unique::InvoiceNumber)`.
    async fn insert_invoice(
        &mut self,
        org: OrgId,
        invoice: &NewInvoice,
        now: Timestamp,
    ) -> Result<InvoiceId, StoreError>;
    /// The invoices of `org` with their lines, newest first.
    async fn invoices_of(&mut self, org: OrgId) -> Result<Vec<Invoice>, StoreError>;
    async fn invoice(&mut self, org: OrgId, id: InvoiceId) -> Result<Option<Invoice>, StoreError>;
    async fn set_invoice_status(
        &mut self,
        org: OrgId,
        id: InvoiceId,
        status: InvoiceStatus,
    ) -> Result<bool, StoreError>;

    async fn insert_subscription_request(
        &mut self,
        org: OrgId,
        by: UserId,
        change: &SubscriptionChange,
        now: Timestamp,
    ) -> Result<balie_domain::SubscriptionRequestId, StoreError>;
    /// The subscription-change requests of `org`, newest first.
    async fn subscription_requests_of(
        &mut self,
        org: OrgId,
    ) -> Result<Vec<SubscriptionRequest>, StoreError>;
}
