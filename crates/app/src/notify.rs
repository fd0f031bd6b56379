//! Composes e-mails: text and HTML from the same parts, in the recipient's language. Composed
//! mail goes into the outbox; the worker in `outbox` delivers it.

use askama::Template;
use balie_domain::{EmailAddress, Language, User};
use balie_store::NewMail;

use crate::secret::new_token;
use crate::{App, AppError};

/// Who a ticket e-mail goes to.
pub(crate) struct Recipient<'a> {
    pub address: &'a EmailAddress,
    pub name: &'a str,
    pub language: Language,
    /// Whether they can open the ticket page (anonymous requesters cannot).
    pub has_account: bool,
}

/// An e-mail in the making: who to, in which language, and its text as translation results.
pub(crate) struct Letter<'a> {
    pub to: &'a EmailAddress,
    pub name: &'a str,
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
        let greeting = if letter.name.trim().is_empty() {
            tr.t("mail-greeting-anonymous")
        } else {
            tr.t1("mail-greeting", "name", letter.name.trim())
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
        let closing = tr.t1("mail-closing", "vendor", &brand.vendor_name);
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
            footer: &footer,
        };
        let text = TextMail {
            greeting: &greeting,
            paragraphs: &letter.body,
            action,
            after: &letter.after,
            closing: &closing,
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

    /// A ticket e-mail (C8) to `to`. People without an account (anonymous requests, C3) get no
    /// link to a page they cannot open.
    pub(crate) fn compose_ticket_mail(
        &self,
        to: &Recipient<'_>,
        ticket: &balie_domain::Ticket,
        kind: crate::tickets::TicketMail,
        reply: Option<&str>,
    ) -> Result<NewMail, AppError> {
        use crate::tickets::TicketMail;
        let tr = self.i18n.for_lang(to.language);
        let number = ticket.number.to_string();
        let (subject_key, body_key) = match kind {
            TicketMail::Received => ("mail-ticket-received-subject", "mail-ticket-received-body"),
            TicketMail::Reply => ("mail-ticket-reply-subject", "mail-ticket-reply-body"),
            TicketMail::Waiting => ("mail-ticket-waiting-subject", "mail-ticket-waiting-body"),
            TicketMail::Solved => ("mail-ticket-solved-subject", "mail-ticket-solved-body"),
        };
        let subject = tr.t_args(
            subject_key,
            &[("number", &number), ("subject", &ticket.subject)],
        );
        let link = self.config.link(&format!("/tickets/{}", ticket.number.0));
        let mut body = vec![tr.t_args(
            body_key,
            &[("number", &number), ("subject", &ticket.subject)],
        )];
        // The agent's words, one paragraph per block of lines.
        body.extend(
            reply
                .unwrap_or_default()
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string),
        );
        let (action, after) = if to.has_account {
            (
                Some(("mail-ticket-action", link.as_str())),
                "mail-ticket-after",
            )
        } else {
            (None, "mail-ticket-after-anonymous")
        };
        self.compose(Letter {
            to: to.address,
            name: to.name,
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
