//! The knowledge base (F1-F6, C2, D5): reading and searching it, following sections and
//! articles, comments and votes, and the agents' management. Readers — visitors, contacts —
//! only ever get published texts; agents see drafts too.

mod admin;
mod index;
mod mail;
mod people;
mod reading;

use std::sync::{Arc, RwLock};
use std::time::Duration;

use balie_domain::Actor;

pub use admin::{
    ArticleInput, CategoryInput, KbOverview, KbShelves, ModeratedComment, SectionInput, ShelfTexts,
    TextInput,
};
pub use balie_domain::words::Segment;
pub use index::{Found, Hit, KbIndex, Outage};
pub use people::{Contribution, FollowedItem};
pub use reading::{ArticleSummary, ArticleView, CategoryView, KbHome, SectionView};

use crate::{App, AppError};

/// How often a node compares its index (and so the outage banner) with the database when no
/// one searches.
const INDEX_REFRESH_EVERY: Duration = Duration::from_secs(5);

/// The node's search index.
#[derive(Default)]
pub(crate) struct IndexCell {
    index: RwLock<Arc<KbIndex>>,
}

impl App {
    /// The index as it is now (perhaps a moment behind another node's changes).
    pub fn kb_index(&self) -> Arc<KbIndex> {
        match self.kb.index.read() {
            Ok(index) => index.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Rebuilds the index when the knowledge base changed since it was built.
    pub async fn refresh_kb_index(&self) -> Result<(), AppError> {
        let mut tx = self.store.read().await?;
        let revision = tx.kb_revision().await?;
        if revision == self.kb_index().revision {
            return Ok(());
        }
        let sections = tx.kb_sections().await?;
        let articles = tx.kb_articles(None).await?;
        drop(tx);
        let built =
            tokio::task::spawn_blocking(move || KbIndex::build(revision, &sections, &articles))
                .await
                .map_err(|e| AppError::internal("building the search index", e))?;
        let mut index = match self.kb.index.write() {
            Ok(index) => index,
            Err(poisoned) => poisoned.into_inner(),
        };
        // Two rebuilds may run at once; the one from the newer revision stays.
        if built.revision >= index.revision {
            *index = Arc::new(built);
        }
        Ok(())
    }

    /// After a committed change: the index follows at once on this node. Should that fail, the
    /// change stands and the next refresh catches up, so it is logged rather than shown.
    pub(super) async fn refresh_after_change(&self) {
        if let Err(e) = self.refresh_kb_index().await {
            tracing::error!(error = %e, "refreshing the knowledge base index after a change");
        }
    }

    /// Keeps the index and the outage banner current with what other nodes change, until the
    /// process ends.
    pub async fn run_kb_index_refresh(self: Arc<Self>) {
        loop {
            if let Err(e) = self.refresh_kb_index().await {
                tracing::error!(error = %e, "refreshing the knowledge base index");
            }
            tokio::time::sleep(INDEX_REFRESH_EVERY).await;
        }
    }

    /// The index, built first if this node has none yet. Later changes reach it through the
    /// saving node's own refresh and, from other nodes, through [`Self::run_kb_index_refresh`].
    async fn fresh_kb_index(&self) -> Result<Arc<KbIndex>, AppError> {
        if self.kb_index().revision == 0 {
            self.refresh_kb_index().await?;
        }
        Ok(self.kb_index())
    }

    /// Visitors read the knowledge base only when the portal makes it public.
    fn may_read_kb(&self, viewer: Option<&Actor>) -> Result<(), AppError> {
        if viewer.is_none() && !self.config.kb_public {
            return Err(AppError::Unauthenticated);
        }
        Ok(())
    }
}
