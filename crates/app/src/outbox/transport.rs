//! Where delivered mail goes: an SMTP server, a folder of `.eml` files (the embedded default), or
//! memory (tests).

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use balie_store::QueuedMail;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncTransport, Message, Tokio1Executor};

#[async_trait]
pub trait Transport: Send + Sync {
    /// Delivers one mail; the error text is stored with the mail for operators.
    async fn send(&self, mail: &QueuedMail, from: &str) -> Result<(), String>;
}

/// The MIME message of a queued mail: multipart/alternative with text and HTML.
pub fn build_message(mail: &QueuedMail, from: &str) -> Result<Message, String> {
    let from: Mailbox = from.parse().map_err(|e| format!("from address: {e}"))?;
    let to = Mailbox::new(
        (!mail.mail.to_name.is_empty()).then(|| mail.mail.to_name.clone()),
        mail.mail
            .to_address
            .parse()
            .map_err(|e| format!("to address: {e}"))?,
    );
    Message::builder()
        .from(from)
        .to(to)
        .subject(&mail.mail.subject)
        .message_id(Some(mail.mail.message_id.clone()))
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(plain_text(&mail.mail.text_body)),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(mail.mail.html_body.clone()),
                ),
        )
        .map_err(|e| format!("message: {e}"))
}

/// The longest line of a plain-text part: 8bit allows 998 bytes; a little less leaves room.
const LONGEST_LINE: usize = 900;

/// The plain-text part in 8bit, so a link in it reads whole in a text editor (quoted-printable
/// would cut it with a soft line break). A line longer than 8bit allows is folded at a space
/// first; one that has no space to fold at is left to the automatic encoding.
fn plain_text(text: &str) -> Body {
    let folded = fold_long_lines(text);
    // lettre's own choice takes 8bit only for lines under 76 bytes; the limit of 8bit is 998.
    let fits_8bit = !folded.contains('\0') && folded.split("\r\n").all(|l| l.len() <= 998);
    if fits_8bit {
        Body::dangerous_pre_encoded(folded.into_bytes(), ContentTransferEncoding::EightBit)
    } else {
        Body::new(text.to_string())
    }
}

/// `text` with CRLF line ends (which 8bit requires) and no line over [`LONGEST_LINE`] bytes
/// where a space allows a fold.
fn fold_long_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push_str("\r\n");
        }
        // A carriage return of its own is not allowed in 8bit; it never means anything here.
        let line = line.replace('\r', "");
        let mut rest = line.as_str();
        while rest.len() > LONGEST_LINE {
            let mut end = LONGEST_LINE;
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
            let Some(space) = rest[..end].rfind(' ') else {
                break;
            };
            out.push_str(&rest[..space]);
            out.push_str("\r\n");
            rest = &rest[space + 1..];
        }
        out.push_str(rest);
    }
    out
}

/// Writes each mail as `<folder>/<outbox id>.eml`. The name comes from the outbox row, so a
/// retried delivery rewrites the same file instead of making a second one.
pub struct EmlFolder {
    dir: PathBuf,
}

impl EmlFolder {
    pub fn new(dir: PathBuf) -> Self {
        EmlFolder { dir }
    }
}

#[async_trait]
impl Transport for EmlFolder {
    async fn send(&self, mail: &QueuedMail, from: &str) -> Result<(), String> {
        let bytes = build_message(mail, from)?.formatted();
        tokio::fs::create_dir_all(&self.dir)
            .await
            .map_err(|e| format!("mail folder: {e}"))?;
        let name = format!("{:08}.eml", mail.id);
        let tmp = self.dir.join(format!(".{name}.tmp"));
        tokio::fs::write(&tmp, &bytes)
            .await
            .map_err(|e| format!("writing mail: {e}"))?;
        // Renaming makes the file appear whole; a reader never sees half a message.
        tokio::fs::rename(&tmp, self.dir.join(name))
            .await
            .map_err(|e| format!("writing mail: {e}"))
    }
}

/// How long one SMTP delivery may take before it counts as failed (and is retried later).
pub(crate) const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Delivers through an SMTP server given as a URL (`smtp://user:pass@host:587`,
/// `smtps://host`, `smtp://host:25?tls=required`).
pub struct SmtpTransport {
    inner: lettre::AsyncSmtpTransport<Tokio1Executor>,
}

impl SmtpTransport {
    pub fn from_url(url: &str) -> Result<Self, String> {
        let inner = lettre::AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("SMTP URL: {e}"))?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        Ok(SmtpTransport { inner })
    }
}

#[async_trait]
impl Transport for SmtpTransport {
    async fn send(&self, mail: &QueuedMail, from: &str) -> Result<(), String> {
        let message = build_message(mail, from)?;
        self.inner
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// Keeps delivered mail in memory; can be told to fail, to test retries.
#[derive(Default)]
pub struct MemoryTransport {
    pub delivered: Mutex<Vec<QueuedMail>>,
    pub fail_with: Mutex<Option<String>>,
}

#[async_trait]
impl Transport for MemoryTransport {
    async fn send(&self, mail: &QueuedMail, from: &str) -> Result<(), String> {
        build_message(mail, from)?;
        if let Some(error) = self.fail_with.lock().map_err(|e| e.to_string())?.clone() {
            return Err(error);
        }
        self.delivered
            .lock()
            .map_err(|e| e.to_string())?
            .push(mail.clone());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use balie_domain::{Language, MailId, Timestamp};
    use balie_store::{MailStatus, NewMail};

    fn queued(text: &str) -> QueuedMail {
        QueuedMail {
            id: MailId(1),
            mail: NewMail {
                to_address: "eva@delinde.nl".into(),
                to_name: "Eva Smit".into(),
                subject: "Uitnodiging".into(),
                text_body: text.into(),
                html_body: "<p>Welkom</p>".into(),
                message_id: "<m1@balie.test>".into(),
                language: Language::Nl,
            },
            status: MailStatus::Pending,
            attempts: 0,
            created_at: Timestamp(0),
            next_attempt_at: Timestamp(0),
            last_error: None,
            sent_at: None,
        }
    }

    fn formatted(text: &str) -> String {
        let message = build_message(&queued(text), "Balie <noreply@balie.test>").unwrap();
        String::from_utf8(message.formatted()).unwrap()
    }

    #[test]
    fn a_link_in_the_plain_text_stays_on_one_line() {
        let link = format!(
            "http://127.0.0.1:8080/password/set/{}",
            "7ba15c43f8".repeat(7)
        );
        let eml = formatted(&format!(
            "Beste Eva,\n\nStel je wachtwoord in: {link}\n\nGroet"
        ));
        assert!(eml.contains("Content-Transfer-Encoding: 8bit"), "{eml}");
        assert!(
            eml.lines().any(|l| l.ends_with(&link)),
            "the link is whole: {eml}"
        );
    }

    #[test]
    fn a_long_paragraph_is_folded_at_spaces_and_keeps_every_word() {
        let paragraph = "één woord ".repeat(300);
        let eml = formatted(&paragraph);
        assert!(eml.contains("Content-Transfer-Encoding: 8bit"));
        assert!(eml.lines().all(|l| l.len() <= 998));
        let words = eml.split_whitespace().filter(|w| *w == "woord").count();
        assert_eq!(words, 300);
    }

    #[test]
    fn a_line_without_spaces_too_long_for_8bit_is_still_sent() {
        let eml = formatted(&"x".repeat(2_000));
        assert!(!eml.contains("Content-Transfer-Encoding: 8bit"));
        assert!(eml.lines().all(|l| l.len() <= 998));
    }
}
