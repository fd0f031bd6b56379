//! The contract of what administrators shape (D6): ticket forms, main categories and the
//! custom fields of forms, and the values tickets were submitted with.

use async_trait::async_trait;
use balie_domain::{
    CategoryId, FieldId, FormId, TicketCategory, TicketField, TicketForm, TicketId,
};

use crate::{FieldValue, StoreError};

#[async_trait]
pub trait FieldTx: Send {
    /// The active custom fields of every form, by form and position.
    async fn ticket_fields(&mut self) -> Result<Vec<TicketField>, StoreError>;
    /// Adds a field at the end of its form.
    async fn insert_ticket_field(&mut self, field: &TicketField) -> Result<FieldId, StoreError>;
    /// Changes a field's labels, required flag and options (its kind stays).
    async fn update_ticket_field(&mut self, field: &TicketField) -> Result<bool, StoreError>;
    /// Takes a field off its form; tickets keep the values they were submitted with.
    async fn retire_ticket_field(&mut self, id: FieldId) -> Result<bool, StoreError>;
    /// Keeps the custom field values a ticket was submitted with.
    async fn set_field_values(
        &mut self,
        ticket: TicketId,
        values: &[(FieldId, String)],
    ) -> Result<(), StoreError>;
    /// A ticket's custom field values with the field's labels, in the form's order.
    async fn field_values(&mut self, ticket: TicketId) -> Result<Vec<FieldValue>, StoreError>;
    /// Every form, hidden ones too, for administrators.
    async fn all_ticket_forms(&mut self) -> Result<Vec<(TicketForm, bool)>, StoreError>;
    /// Every main category, hidden ones too, for administrators.
    async fn all_ticket_categories(&mut self) -> Result<Vec<(TicketCategory, bool)>, StoreError>;
    /// Adds a form (offered, at the end) or changes one's texts and whether it is shown.
    async fn save_ticket_form(
        &mut self,
        form: &TicketForm,
        active: bool,
    ) -> Result<FormId, StoreError>;
    /// Adds a main category (at the end) or changes one's texts and whether it is shown.
    async fn save_ticket_category(
        &mut self,
        category: &TicketCategory,
        active: bool,
    ) -> Result<CategoryId, StoreError>;
}
