//! Where delivered mail goes: an SMTP server, a folder of `.eml` files (the embedded default), or
//! memory (tests).

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use balie_store::QueuedMail;
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart, SinglePart};
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
                        .body(mail.mail.text_body.clone()),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(mail.mail.html_body.clone()),
                ),
        )
        .map_err(|e| format!("message: {e}"))
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
