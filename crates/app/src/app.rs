//! The application: storage, configuration, clock and translations, shared by every request.

use std::sync::Arc;

use balie_domain::{Clock, GroupId, Timestamp, UserId};
use balie_store::Store;
use tokio::sync::Notify;

use crate::secret::PasswordHasherConfig;
use crate::{AppConfig, AppError, Translator};

/// The use cases' one entry: its parts are reached through its methods only, so that every
/// change goes through a use case (with its checks, audit entry and mail).
pub struct App {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) config: AppConfig,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) i18n: Translator,
    pub(crate) hasher: PasswordHasherConfig,
    /// Where attachments' bytes are kept.
    pub(crate) blobs: Arc<dyn crate::blobs::BlobStore>,
    mail_queued: Notify,
    /// The knowledge base's search index on this node.
    pub(crate) kb: crate::kb::IndexCell,
    /// The agents' view counts by agent and groups, read again only after a change (see `kept`).
    pub(crate) view_counts: crate::kept::Kept<(UserId, Vec<GroupId>), Vec<i64>>,
    /// The active request forms and main categories, likewise.
    pub(crate) forms: crate::kept::Kept<(), Vec<balie_domain::TicketForm>>,
    pub(crate) categories: crate::kept::Kept<(), Vec<balie_domain::TicketCategory>>,
}

impl App {
    pub fn new(
        store: Arc<dyn Store>,
        config: AppConfig,
        clock: Arc<dyn Clock>,
        blobs: Arc<dyn crate::blobs::BlobStore>,
    ) -> Result<Self, AppError> {
        let i18n = Translator::load().map_err(|e| AppError::internal("the translations", e))?;
        let hasher = PasswordHasherConfig::new(config.argon2_memory_kib);
        Ok(App {
            store,
            config,
            clock,
            i18n,
            hasher,
            blobs,
            mail_queued: Notify::new(),
            kb: Default::default(),
            view_counts: Default::default(),
            forms: Default::default(),
            categories: Default::default(),
        })
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    pub fn config(&self) -> &AppConfig {
        &self.config
    }

    pub fn i18n(&self) -> &Translator {
        &self.i18n
    }

    pub fn clock(&self) -> Arc<dyn Clock> {
        self.clock.clone()
    }

    /// Ready to answer: the database answers.
    pub async fn ready(&self) -> Result<(), AppError> {
        Ok(self.store.ping().await?)
    }

    /// Records the vendor's name, as the configuration gives it at every start.
    pub async fn record_vendor(&self, name: &str) -> Result<(), AppError> {
        let mut tx = self.work().await?;
        tx.upsert_vendor(name, self.now()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Closes the database's connections, at the end of the process.
    pub async fn close(&self) {
        self.store.close().await;
    }

    /// Tells the outbox worker that a committed change queued mail, so it need not wait for its
    /// next poll.
    pub(crate) fn mail_was_queued(&self) {
        self.mail_queued.notify_one();
    }

    pub(crate) async fn mail_queued(&self) {
        self.mail_queued.notified().await;
    }
}
