//! Requests from visitors (C3), when the configuration allows them: an e-mail address instead of
//! an account. The ticket belongs to no organisation and no person; its updates go to that
//! address. Attempts are limited per client, as signing in is.

use balie_domain::{DomainError, EmailAddress, Language, NewTicket, Ticket};

use super::{Submission, TicketMail, custom_values, text};
use crate::{App, AppError};

/// Requests one client may submit an hour.
const PER_CLIENT_AN_HOUR: i64 = 10;
/// Requests all visitors together may submit an hour: each sends a mail to an address a visitor
/// typed, so the portal must not become a way to flood someone's inbox.
const ALL_CLIENTS_AN_HOUR: i64 = 200;

impl App {
    /// "Een aanvraag indienen" without signing in. Not found when the portal does not allow it.
    pub async fn submit_anonymous_ticket(
        &self,
        email: &str,
        submission: &Submission,
        language: Language,
        client: &str,
    ) -> Result<Ticket, AppError> {
        if !self.config.anonymous_requests {
            return Err(AppError::NotFound);
        }
        let address = EmailAddress::parse(email)
            .map_err(|_| DomainError::on_field("error-email-invalid", "email"))?;
        let subject = text(&submission.subject, "subject", super::MAX_SUBJECT)?;
        let description = text(&submission.description, "description", super::MAX_BODY)?;
        self.count_attempt("anonymous_request", client, PER_CLIENT_AN_HOUR, 3_600)
            .await?;
        self.count_attempt("anonymous_request_all", "all", ALL_CLIENTS_AN_HOUR, 3_600)
            .await?;
        let files = self.keep_uploads(&submission.attachments).await?;
        let stored = async {
            let mut tx = self.store.begin().await?;
            if !tx
                .ticket_forms()
                .await?
                .iter()
                .any(|f| f.id == submission.form && f.offered)
            {
                return Err(DomainError::on_field("error-form-unknown", "form").into());
            }
            let categories = tx.ticket_categories().await?;
            let category = submission
                .category
                .filter(|c| categories.iter().any(|k| k.id == *c))
                .ok_or(DomainError::on_field("error-category-required", "category"))?;
            let values = custom_values(&tx.ticket_fields().await?, submission, language)?;
            let new = NewTicket {
                org: None,
                requester: None,
                requester_email: address.to_string(),
                form: submission.form,
                category: Some(category),
                subject,
                description,
                ccs: vec![],
                group: balie_domain::route(
                    &tx.routing_rules().await?,
                    submission.form,
                    Some(category),
                ),
            };
            let ticket = tx.insert_ticket(&new, self.now()).await?;
            tx.set_field_values(ticket.id, &values).await?;
            if !files.is_empty() {
                let first = tx.comments(ticket.id, false).await?;
                let comment = first.first().map(|c| c.id).ok_or(AppError::NotFound)?;
                self.record_attachments(&mut *tx, ticket.id, comment, &files)
                    .await?;
            }
            self.queue_ticket_mail(&mut *tx, &ticket, &[], TicketMail::Received, None)
                .await?;
            tx.commit().await?;
            Ok::<_, AppError>(ticket)
        }
        .await;
        if stored.is_err() {
            self.discard_uploads(&files).await;
        } else {
            self.mail_was_queued();
        }
        stored
    }
}
