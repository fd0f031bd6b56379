//! Who hears of a ticket (C5, C8): the requester, the colleagues in CC, and those who follow the
//! organisation's requests and may still see them. Each gets one e-mail in their own language,
//! worded for how they stand to the ticket; agents and people without portal access are skipped.

use balie_domain::{Ticket, UserId, UserKind};

use super::TicketMail;
use crate::notify::{Reader, Recipient};
use crate::work::Work;
use crate::{App, AppError};

impl App {
    /// Queues a ticket e-mail for everyone who follows `ticket`; `by` is who submitted, replied
    /// or marked it solved (`None` for an anonymous request), `reply` an agent's public words to
    /// quote.
    pub(crate) async fn queue_ticket_mail(
        &self,
        tx: &mut Work<'_>,
        ticket: &Ticket,
        ccs: &[UserId],
        kind: TicketMail,
        by: Option<UserId>,
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
        // Whoever did it is read with the people to mail, but mailed only if one of them.
        let mut read = ids.clone();
        read.extend(by);
        read.sort();
        read.dedup();
        let people = tx.users_by_ids(&read).await?;
        let doer = by.and_then(|id| people.iter().find(|p| p.id == id));
        for person in people.iter().filter(|p| ids.contains(&p.id)) {
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
            let reader = if ticket.requester == Some(person.id) {
                Reader::Requester
            } else if ccs.contains(&person.id) {
                Reader::Cc
            } else {
                Reader::Follower
            };
            let to = Recipient {
                id: Some(person.id),
                address: &email,
                name: &person.display_name(),
                first_name: &person.first_name,
                language: person.language,
                reader,
                has_account: true,
            };
            let mail = self.compose_ticket_mail(&to, ticket, kind, doer, reply)?;
            tx.mail(&mail).await?;
        }
        // An anonymous request (C3): its e-mail address is the requester.
        if ticket.requester.is_none()
            && let Some(address) = &ticket.requester_email
        {
            let to = Recipient {
                id: None,
                address,
                name: "",
                first_name: "",
                language: self.config.default_language,
                reader: Reader::Requester,
                has_account: false,
            };
            let mail = self.compose_ticket_mail(&to, ticket, kind, doer, reply)?;
            tx.mail(&mail).await?;
        }
        Ok(())
    }
}
