//! Who is in the CC of a request, changed after it was submitted (C1): by its requester only,
//! with colleagues of the organisation only, and never on a closed request.

use balie_domain::{Actor, DomainError, TicketNumber, TicketStatus, UserId};

use super::contact_of;
use crate::error::Only;
use crate::{App, AppError};

impl App {
    /// Makes `wanted` the CCs of request `number`. Who may not see the request finds nothing;
    /// who sees it without having asked it (a colleague, a Beheerder) is refused.
    pub async fn change_ccs(
        &self,
        actor: &Actor,
        number: TicketNumber,
        wanted: &[UserId],
    ) -> Result<(), AppError> {
        let (user, org) = contact_of(actor)?;
        let mut tx = self.work().await?;
        let view = self.visible_ticket(&mut *tx, actor, number).await?;
        let ticket = view.ticket;
        if ticket.requester != Some(user) {
            return Err(AppError::Forbidden(Only::Requester));
        }
        if ticket.status == TicketStatus::Closed {
            return Err(AppError::Invalid(DomainError::on_field(
                "error-ticket-closed",
                "ccs",
            )));
        }
        let asked = tx.users_by_ids(wanted).await?;
        let mut ccs = balie_domain::chosen_ccs(user, org, wanted, &asked)?;
        ccs.sort();
        let mut now = view.ccs.clone();
        now.sort();
        // Saving the same CC again is no activity on the request.
        if ccs != now {
            tx.set_ticket_ccs(ticket.id, &ccs, Some(user), self.now())
                .await?;
            tx.commit().await?;
        }
        Ok(())
    }
}
