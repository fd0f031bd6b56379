//! Composes e-mails: text and HTML from the same parts, in the recipient's language. Composed
//! mail goes into the outbox; the worker in `outbox` delivers it.

use askama::Template;
use balie_domain::{EmailAddress, Language, User};
use balie_store::NewMail;

use crate::secret::new_token;
use crate::{App, AppError};

/// The parts every e-mail of the portal is made of.
struct MailParts<'a> {
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

impl App {
    fn render_mail(
        &self,
        to: &EmailAddress,
        to_name: &str,
        language: Language,
        parts: MailParts<'_>,
    ) -> Result<NewMail, AppError> {
        let html = HtmlMail {
            lang: parts.lang,
            portal: parts.portal,
            subject: parts.subject,
            greeting: parts.greeting,
            paragraphs: parts.paragraphs,
            action: parts.action,
            copy_hint: parts.copy_hint,
            after: parts.after,
            closing: parts.closing,
            footer: parts.footer,
        }
        .render()
        .map_err(|e| AppError::Internal(format!("mail template: {e}")))?;
        let text = TextMail {
            greeting: parts.greeting,
            paragraphs: parts.paragraphs,
            action: parts.action,
            after: parts.after,
            closing: parts.closing,
            footer: parts.footer,
        }
        .render()
        .map_err(|e| AppError::Internal(format!("mail template: {e}")))?;
        Ok(NewMail {
            to_address: to.as_str().to_string(),
            to_name: to_name.to_string(),
            subject: parts.subject.to_string(),
            text_body: text,
            html_body: html,
            message_id: format!("<{}@{}>", &new_token()[..32], self.config.host()),
            language,
        })
    }

    /// Builds a mail from translation keys: a subject, body paragraphs, an optional button with
    /// its link, and paragraphs after it.
    fn compose(
        &self,
        to: &EmailAddress,
        name: &str,
        language: Language,
        subject_key: &str,
        body: &[String],
        action: Option<(&str, &str)>,
        after: &[String],
    ) -> Result<NewMail, AppError> {
        let tr = self.i18n.for_lang(language);
        let brand = &self.config.branding;
        let subject = tr.t1(subject_key, "portal", &brand.portal_name);
        let greeting = if name.trim().is_empty() {
            tr.t("mail-greeting-anonymous")
        } else {
            tr.t1("mail-greeting", "name", name.trim())
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
        let action_label = action.map(|(key, _)| tr.t(key));
        let parts = MailParts {
            lang: language.code(),
            portal: &brand.portal_name,
            subject: &subject,
            greeting: &greeting,
            paragraphs: body,
            action: action_label.as_deref().zip(action.map(|(_, url)| url)),
            copy_hint: &tr.t("mail-copy-link"),
            after,
            closing: &tr.t1("mail-closing", "vendor", &brand.vendor_name),
            footer: &footer,
        };
        self.render_mail(to, name, language, parts)
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
        let body = [tr.t1("mail-invitation-body", "portal", portal)];
        let after = [
            tr.t1("mail-invitation-validity", "days", &days),
            tr.t1(
                "mail-invitation-doubt",
                "vendor",
                &self.config.branding.vendor_name,
            ),
        ];
        self.compose(
            to,
            &user.display_name(),
            user.language,
            "mail-invitation-subject",
            &body,
            Some(("mail-invitation-action", link)),
            &after,
        )
    }

    pub(crate) fn compose_password_reset(
        &self,
        user: &User,
        to: &EmailAddress,
        link: &str,
    ) -> Result<NewMail, AppError> {
        let tr = self.i18n.for_lang(user.language);
        let hours = (self.config.reset_ttl_secs / 3600).max(1).to_string();
        let body = [tr.t("mail-reset-body")];
        let after = [
            tr.t1("mail-reset-validity", "hours", &hours),
            tr.t("mail-reset-ignore"),
        ];
        self.compose(
            to,
            &user.display_name(),
            user.language,
            "mail-reset-subject",
            &body,
            Some(("mail-reset-action", link)),
            &after,
        )
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
        body.push(if brand.support_phone.is_empty() {
            tr.t("mail-not-registered-contact")
        } else {
            tr.t1(
                "mail-not-registered-contact-phone",
                "phone",
                &brand.support_phone,
            )
        });
        let after = [tr.t("mail-not-registered-ignore")];
        self.compose(
            to,
            "",
            language,
            "mail-not-registered-subject",
            &body,
            None,
            &after,
        )
    }
}
