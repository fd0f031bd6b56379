//! Composes e-mails: text and HTML from the same parts, in the recipient's language. Composed
//! mail goes into the outbox; the worker in `outbox` delivers it.

use askama::Template;
use balie_domain::{EmailAddress, Language, User, UserId};
use balie_store::NewMail;

use crate::i18n::Tr;
use crate::secret::new_token;
use crate::tickets::TicketMail;
use crate::{App, AppError};

/// Who a ticket e-mail goes to.
pub(crate) struct Recipient<'a> {
    /// `None` for the e-mail address of an anonymous request.
    pub id: Option<UserId>,
    pub address: &'a EmailAddress,
    pub name: &'a str,
    pub first_name: &'a str,
    pub language: Language,
    pub reader: Reader,
    /// Whether they can open the ticket page (anonymous requesters cannot).
    pub has_account: bool,
}

/// How the reader stands to a ticket: only the requester is told of "your request".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reader {
    Requester,
    /// A colleague the requester copied in.
    Cc,
    /// Someone who follows the organisation's requests.
    Follower,
}

/// Who did what a ticket e-mail tells of, as the reader sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Doer {
    /// The reader themselves, such as a customer who marked their own request solved.
    Reader,
    /// Customer Support, or no one in particular.
    Support,
    /// Another contact: the requester or a colleague.
    Customer,
}

/// An e-mail in the making: who to, in which language, and its text as translation results.
pub(crate) struct Letter<'a> {
    pub to: &'a EmailAddress,
    pub name: &'a str,
    /// The name the greeting uses, the first name; empty for the neutral greeting.
    pub greet: &'a str,
    pub language: Language,
    pub subject: String,
    pub body: Vec<String>,
    /// The button: a translation key for its label, and its link.
    pub action: Option<(&'a str, &'a str)>,
    pub after: Vec<String>,
}

#[derive(Template)]
#[template(path = "mail/message.html")]
struct HtmlMail<'a> {
    lang: &'a str,
    portal: &'a str,
    subject: &'a str,
    greeting: &'a str,
    paragraphs: &'a [String],
    action: Option<(&'a str, &'a str)>,
    copy_hint: &'a str,
    after: &'a [String],
    closing: &'a str,
    signature: &'a str,
    footer: &'a str,
}

#[derive(Template)]
#[template(path = "mail/message.txt")]
struct TextMail<'a> {
    greeting: &'a str,
    paragraphs: &'a [String],
    action: Option<(&'a str, &'a str)>,
    after: &'a [String],
    closing: &'a str,
    signature: &'a str,
    footer: &'a str,
}

fn template_error(e: askama::Error) -> AppError {
    AppError::internal("mail template", e)
}

impl App {
    /// Renders a letter as text and HTML from the same parts, in the recipient's language.
    pub(crate) fn compose(&self, letter: Letter<'_>) -> Result<NewMail, AppError> {
        let tr = self.i18n.for_lang(letter.language);
        let brand = &self.config.branding;
        let subject = letter.subject;
        let greeting = if letter.greet.trim().is_empty() {
            tr.t("mail-greeting-anonymous")
        } else {
            tr.t1("mail-greeting", "name", letter.greet.trim())
        };
        let footer = if brand.support_phone.is_empty() {
            tr.t1("mail-footer", "vendor", &brand.vendor_name)
        } else {
            tr.t_args(
                "mail-footer-phone",
                &[
                    ("vendor", &brand.vendor_name),
                    ("phone", &brand.support_phone),
                ],
            )
        };
        let label = letter.action.map(|(key, _)| tr.t(key));
        let action = label.as_deref().zip(letter.action.map(|(_, url)| url));
        let closing = tr.t("mail-closing");
        let signature = tr.t1("mail-signature", "vendor", &brand.vendor_name);
        let html = HtmlMail {
            lang: letter.language.code(),
            portal: &brand.portal_name,
            subject: &subject,
            greeting: &greeting,
            paragraphs: &letter.body,
            action,
            copy_hint: &tr.t("mail-copy-link"),
            after: &letter.after,
            closing: &closing,
            signature: &signature,
            footer: &footer,
        };
        let text = TextMail {
            greeting: &greeting,
            paragraphs: &letter.body,
            action,
            after: &letter.after,
            closing: &closing,
            signature: &signature,
            footer: &footer,
        };
        Ok(NewMail {
            to_address: letter.to.as_str().to_string(),
            to_name: letter.name.to_string(),
            subject: subject.clone(),
            text_body: text.render().map_err(template_error)?,
            html_body: html.render().map_err(template_error)?,
            message_id: format!("<{}@{}>", &new_token()[..32], self.config.host()),
            language: letter.language,
        })
    }

    pub(crate) fn compose_invitation(
        &self,
        user: &User,
        to: &EmailAddress,
        link: &str,
    ) -> Result<NewMail, AppError> {
        let tr = self.i18n.for_lang(user.language);
        let portal = &self.config.branding.portal_name;
        let days = (self.config.invitation_ttl_secs / 86_400)
            .max(1)
            .to_string();
        let body = vec![tr.t1("mail-invitation-body", "portal", portal)];
        let after = vec![
            tr.t1("mail-invitation-validity", "days", &days),
            tr.t1(
                "mail-invitation-doubt",
                "vendor",
                &self.config.branding.vendor_name,
            ),
        ];
        self.compose(Letter {
            to,
            name: &user.display_name(),
            greet: &user.first_name,
            language: user.language,
            subject: tr.t1(
                "mail-invitation-subject",
                "portal",
                &self.config.branding.portal_name,
            ),
            body,
            action: Some(("mail-invitation-action", link)),
            after,
        })
    }

    pub(crate) fn compose_password_reset(
        &self,
        user: &User,
        to: &EmailAddress,
        link: &str,
    ) -> Result<NewMail, AppError> {
        let tr = self.i18n.for_lang(user.language);
        let hours = (self.config.reset_ttl_secs / 3600).max(1).to_string();
        let body = vec![tr.t("mail-reset-body")];
        let after = vec![
            tr.t1("mail-reset-validity", "hours", &hours),
            tr.t("mail-reset-ignore"),
        ];
        self.compose(Letter {
            to,
            name: &user.display_name(),
            greet: &user.first_name,
            language: user.language,
            subject: tr.t1(
                "mail-reset-subject",
                "portal",
                &self.config.branding.portal_name,
            ),
            body,
            action: Some(("mail-reset-action", link)),
            after,
        })
    }

    pub(crate) fn compose_blocked_notice(
        &self,
        user: &User,
        to: &EmailAddress,
        link: &str,
    ) -> Result<NewMail, AppError> {
        let tr = self.i18n.for_lang(user.language);
        let attempts = self.config.block_after_failures.to_string();
        let hours = (self.config.reset_ttl_secs / 3600).max(1).to_string();
        let body = vec![tr.t1("mail-blocked-body", "attempts", &attempts)];
        let after = vec![
            tr.t1("mail-reset-validity", "hours", &hours),
            tr.t("mail-blocked-not-you"),
        ];
        self.compose(Letter {
            to,
            name: &user.display_name(),
            greet: &user.first_name,
            language: user.language,
            subject: tr.t1(
                "mail-blocked-subject",
                "portal",
                &self.config.branding.portal_name,
            ),
            body,
            action: Some(("mail-reset-action", link)),
            after,
        })
    }

    pub(crate) fn compose_subscription_request(
        &self,
        user: &User,
        to: &EmailAddress,
        change: &balie_domain::SubscriptionChange,
    ) -> Result<NewMail, AppError> {
        let tr = self.i18n.for_lang(user.language);
        let mut body = vec![
            tr.t("mail-subscription-body"),
            tr.t1("mail-subscription-subject-line", "subject", &change.subject),
        ];
        if !change.explanation.is_empty() {
            body.push(change.explanation.clone());
        }
        let link = self.config.link("/billing");
        self.compose(Letter {
            to,
            name: &user.display_name(),
            greet: &user.first_name,
            language: user.language,
            subject: tr.t1(
                "mail-subscription-subject",
                "portal",
                &self.config.branding.portal_name,
            ),
            body,
            action: Some(("mail-subscription-action", &link)),
            after: vec![tr.t("mail-subscription-after")],
        })
    }

    /// A ticket e-mail (C8) to `to`, worded for how they stand to the ticket; `by` is who
    /// submitted, replied or marked it solved (`None` for an anonymous visitor's request).
    /// People without an account (anonymous requests, C3) get no link to a page they cannot
    /// open.
    pub(crate) fn compose_ticket_mail(
        &self,
        to: &Recipient<'_>,
        ticket: &balie_domain::Ticket,
        kind: TicketMail,
        by: Option<&User>,
        reply: Option<&str>,
    ) -> Result<NewMail, AppError> {
        let tr = self.i18n.for_lang(to.language);
        let number = ticket.number.to_string();
        let doer = match by {
            Some(user) if to.id == Some(user.id) => Doer::Reader,
            Some(user) if !user.is_agent() => Doer::Customer,
            _ => Doer::Support,
        };
        let (subject_key, body_key) = ticket_mail_keys(kind, to.reader, doer);
        let who = who(tr, by);
        let args = [
            ("number", number.as_str()),
            ("subject", ticket.subject.as_str()),
            ("who", who.as_str()),
        ];
        let subject = tr.t_args(subject_key, &args);
        let link = self.config.link(&format!("/tickets/{}", ticket.number.0));
        let mut body = vec![tr.t_args(body_key, &args)];
        // The agent's words, one paragraph per block of lines.
        body.extend(
            reply
                .unwrap_or_default()
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string),
        );
        let after = match to.reader {
            _ if !to.has_account => "mail-ticket-after-anonymous",
            Reader::Requester => "mail-ticket-after",
            Reader::Cc => "mail-ticket-after-cc",
            Reader::Follower => "mail-ticket-after-follower",
        };
        let action = to
            .has_account
            .then_some(("mail-ticket-action", link.as_str()));
        self.compose(Letter {
            to: to.address,
            name: to.name,
            greet: to.first_name,
            language: to.language,
            subject,
            body,
            action,
            after: vec![tr.t(after)],
        })
    }

    pub(crate) fn compose_not_registered(
        &self,
        to: &EmailAddress,
        language: Language,
    ) -> Result<NewMail, AppError> {
        let tr = self.i18n.for_lang(language);
        let brand = &self.config.branding;
        let mut body = vec![
            tr.t("mail-not-registered-body"),
            tr.t1("mail-not-registered-why", "vendor", &brand.vendor_name),
        ];
        body.push(if !brand.support_phone.is_empty() {
            tr.t1(
                "mail-not-registered-contact-phone",
                "phone",
                &brand.support_phone,
            )
        } else if !brand.support_email.is_empty() {
            tr.t1(
                "mail-not-registered-contact-email",
                "email",
                &brand.support_email,
            )
        } else {
            tr.t("mail-not-registered-contact")
        });
        let after = vec![tr.t("mail-not-registered-ignore")];
        self.compose(Letter {
            to,
            name: "",
            greet: "",
            language,
            subject: tr.t1(
                "mail-not-registered-subject",
                "portal",
                &self.config.branding.portal_name,
            ),
            body,
            action: None,
            after,
        })
    }
}

/// The subject and first paragraph of a ticket e-mail. Only the requester reads of "your
/// request", and a customer who did it themselves reads that they did.
fn ticket_mail_keys(kind: TicketMail, reader: Reader, doer: Doer) -> (&'static str, &'static str) {
    let requester = reader == Reader::Requester;
    match kind {
        TicketMail::Received => match reader {
            Reader::Requester => ("mail-ticket-received-subject", "mail-ticket-received-body"),
            Reader::Cc => (
                "mail-ticket-received-others-subject",
                "mail-ticket-received-cc-body",
            ),
            Reader::Follower => (
                "mail-ticket-received-others-subject",
                "mail-ticket-received-follower-body",
            ),
        },
        TicketMail::Reply if requester => ("mail-ticket-reply-subject", "mail-ticket-reply-body"),
        TicketMail::Reply => (
            "mail-ticket-reply-others-subject",
            "mail-ticket-reply-others-body",
        ),
        TicketMail::Waiting if requester => {
            ("mail-ticket-waiting-subject", "mail-ticket-waiting-body")
        }
        TicketMail::Waiting => (
            "mail-ticket-waiting-others-subject",
            "mail-ticket-waiting-others-body",
        ),
        TicketMail::Solved => match (doer, requester) {
            (Doer::Reader, true) => (
                "mail-ticket-solved-self-subject",
                "mail-ticket-solved-self-body",
            ),
            (Doer::Reader, false) => (
                "mail-ticket-solved-self-others-subject",
                "mail-ticket-solved-self-others-body",
            ),
            (Doer::Support, true) => ("mail-ticket-solved-subject", "mail-ticket-solved-body"),
            (Doer::Support, false) => (
                "mail-ticket-solved-others-subject",
                "mail-ticket-solved-others-body",
            ),
            // A customer marked it solved: the subject does not claim Customer Support solved
            // it, and the first paragraph names who marked it.
            (Doer::Customer, true) => (
                "mail-ticket-solved-marked-subject",
                "mail-ticket-solved-body",
            ),
            (Doer::Customer, false) => (
                "mail-ticket-solved-marked-others-subject",
                "mail-ticket-solved-others-body",
            ),
        },
    }
}

/// `by` as a ticket e-mail names them: an agent with "of Customer Support", a contact by name.
/// A nameless agent is Customer Support; a nameless contact their address, or "a colleague".
fn who(tr: Tr<'_>, by: Option<&User>) -> String {
    let Some(user) = by else {
        return tr.t("mail-ticket-support");
    };
    let name = user.display_name();
    match (user.is_agent(), name.is_empty()) {
        (true, false) => tr.t1("mail-ticket-by-support", "name", &name),
        (true, true) => tr.t("mail-ticket-support"),
        (false, false) => name,
        (false, true) => user
            .email
            .as_ref()
            .map_or_else(|| tr.t("mail-ticket-someone"), |e| e.as_str().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Translator, keys};

    #[test]
    fn every_ticket_mail_asks_for_texts_both_catalogues_hold() {
        let tr = Translator::load().unwrap();
        let kinds = [
            TicketMail::Received,
            TicketMail::Reply,
            TicketMail::Waiting,
            TicketMail::Solved,
        ];
        let readers = [Reader::Requester, Reader::Cc, Reader::Follower];
        let doers = [Doer::Reader, Doer::Support, Doer::Customer];
        for kind in kinds {
            for reader in readers {
                for doer in doers {
                    let (subject, body) = ticket_mail_keys(kind, reader, doer);
                    for lang in [Language::Nl, Language::En] {
                        assert!(keys(lang).iter().any(|k| k == subject), "{subject}");
                        assert!(keys(lang).iter().any(|k| k == body), "{body}");
                        // Whatever the wording, the subject starts with "[number]".
                        let text = tr.format(lang, subject, &[("number", "#7")]);
                        assert!(text.starts_with("[#7] "), "{subject}: {text}");
                    }
                    let requester_words = ["je aanvraag", "Bedankt", "je reactie"];
                    let nl = tr.format(Language::Nl, body, &[("who", "X"), ("subject", "S")]);
                    if reader != Reader::Requester {
                        for words in requester_words {
                            assert!(!nl.contains(words), "{body}: {nl}");
                        }
                    }
                }
            }
        }
    }
}
