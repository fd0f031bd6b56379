//! Who hears of a ticket (C5, C8): the requester, the colleagues in CC, and those who follow the
//! organisation's requests and may still see them. Each gets one e-mail in their own language;
//! agents and people without portal access are skipped.

use balie_domain::{Ticket, UserId, UserKind};

use super::TicketMail;
use crate::notify::Recipient;
use crate::work::Work;
use crate::{App, AppError};

impl App {
    /// Queues a ticket e-mail for everyone who follows `ticket`; `reply` is an agent's public
    /// words to quote.
    pub(crate) async fn queue_ticket_mail(
        &self,
        tx: &mut Work<'_>,
        ticket: &Ticket,
        ccs: &[UserId],
        kind: TicketMail,
        reply: Option<&str>,
    ) -> Result<(), AppError> {
        let mut ids: Vec<UserId> = ticket
            .requester
            .into_iter()
            .chain(ccs.iter().copied())
            .collect();
        let mut followers = vec![];
        if let Some(org) = ticket.org {
            followers = tx.request_followers(org).await?;
            ids.extend(followers.iter().copied());
        }
        ids.sort();
        ids.dedup();
        let shared = match (ticket.org, followers.is_empty()) {
            (Some(org), false) => tx
                .organisation(org)
                .await?
                .is_some_and(|o| o.requests_shared),
            _ => false,
        };
        for person in tx.users_by_ids(&ids).await? {
            let Some(email) = person.email.clone() else {
                continue;
            };
            let direct = ticket.requester == Some(person.id) || ccs.contains(&person.id);
            let may_follow = match person.kind {
                UserKind::Contact { org, roles } => {
                    Some(org) == ticket.org && roles.can_see_all_org_tickets(shared)
                }
                UserKind::Agent { .. } => false,
            };
            if matches!(person.kind, UserKind::Agent { .. }) || !(direct || may_follow) {
                continue;
            }
            let to = Recipient {
                address: &email,
                name: &person.display_name(),
                language: person.language,
                has_account: true,
            };
            let mail = self.compose_ticket_mail(&to, ticket, kind, reply)?;
            tx.mail(&mail).await?;
        }
        // An anonymous request (C3): its e-mail address is the requester.
        if ticket.requester.is_none()
            && let Some(address) = &ticket.requester_email
        {
            let to = Recipient {
                address,
                name: "",
                language: self.config.default_language,
                has_account: false,
            };
            let mail = self.compose_ticket_mail(&to, ticket, kind, reply)?;
            tx.mail(&mail).await?;
        }
        Ok(())
    }
}
