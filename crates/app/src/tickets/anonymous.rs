//! Requests from visitors (C3), when the configuration allows them: an e-mail address instead of
//! an account. The ticket belongs to no organisation and no person; its updates go to that
//! address. Attempts are limited per client, as signing in is.

use balie_domain::{DomainError, EmailAddress, Language, NewTicket, Ticket};

use super::{Submission, TicketMail, checked_submission, text};
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
            .map_err(|_| DomainError::on_field("error-email-invalid", "email"));
        let subject = text(&submission.subject, "subject", super::MAX_SUBJECT);
        let description = text(&submission.description, "description", super::MAX_BODY);
        // Everything the visitor got wrong is told at once, before a try is counted or a file
        // is kept; what the check found is what is stored.
        let checked = {
            let mut tx = self.store.read().await?;
            match checked_submission(&mut *tx, submission, language).await {
                Ok(checked) => Ok(checked),
                Err(AppError::Invalid(e)) => Err(e),
                Err(other) => return Err(other),
            }
        };
        let (address, subject, description, checked) =
            match (address, subject, description, checked) {
                (Ok(a), Ok(s), Ok(d), Ok(c)) => (a, s, d, c),
                (a, s, d, c) => {
                    let errors = [a.err(), s.err(), d.err(), c.err()].into_iter().flatten();
                    return Err(
                        DomainError::all_of(errors).map_or(AppError::NotFound, AppError::Invalid)
                    );
                }
            };
        self.count_attempt("anonymous_request", client, PER_CLIENT_AN_HOUR, 3_600)
            .await?;
        self.count_attempt("anonymous_request_all", "all", ALL_CLIENTS_AN_HOUR, 3_600)
            .await?;
        let files = self.keep_uploads(&submission.attachments).await?;
        let stored = async {
            let mut tx = self.work().await?;
            let new = NewTicket {
                org: None,
                requester: None,
                requester_email: Some(address.clone()),
                form: submission.form,
                category: Some(checked.category),
                subject,
                description,
                ccs: vec![],
                group: checked.group,
                fields: checked.values,
                attachments: files.clone(),
            };
            let ticket = tx.insert_ticket(&new, self.now()).await?;
            self.queue_ticket_mail(&mut tx, &ticket, &[], TicketMail::Received, None, None)
                .await?;
            tx.commit().await?;
            Ok::<_, AppError>(ticket)
        }
        .await;
        if stored.is_err() {
            self.discard_uploads(&files).await;
        }
        stored
    }
}
