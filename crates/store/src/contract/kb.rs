//! The contract of the knowledge base (F1-F6, D5): categories, sections, articles and their
//! language versions, comments, votes and follows. What readers may see (published texts only)
//! is decided by the use cases; the store keeps drafts and hidden comments as well.

use async_trait::async_trait;
use balie_domain::{
    ArticleId, FollowTarget, KbArticle, KbCategory, KbCategoryId, KbComment, KbCommentId, KbFollow,
    KbSection, KbSectionId, Timestamp, UserId,
};

use crate::StoreError;

#[async_trait]
pub trait KbTx: Send {
    /// A number that changes with every save of a category, section or article, so each node
    /// can tell whether its search index is still current.
    async fn kb_revision(&mut self) -> Result<i64, StoreError>;

    /// Every category, by position.
    async fn kb_categories(&mut self) -> Result<Vec<KbCategory>, StoreError>;
    /// Adds a category (id 0; a position of 0 puts it last) or changes one (a position of 0
    /// keeps its place); `None` when the category to change does not exist.
    async fn save_kb_category(
        &mut self,
        category: &KbCategory,
    ) -> Result<Option<KbCategoryId>, StoreError>;

    /// Every section, by category and position.
    async fn kb_sections(&mut self) -> Result<Vec<KbSection>, StoreError>;
    /// Adds a section (id 0; a position of 0 puts it last in its category) or changes one's
    /// category, position (0 keeps it) and texts (its key stays); `None` when it does not exist.
    async fn save_kb_section(
        &mut self,
        section: &KbSection,
    ) -> Result<Option<KbSectionId>, StoreError>;

    /// An article with every language version it has, drafts too.
    async fn kb_article(&mut self, id: ArticleId) -> Result<Option<KbArticle>, StoreError>;
    /// The articles of one section, or of all when `None`, by section and position, with every
    /// language version.
    async fn kb_articles(
        &mut self,
        section: Option<KbSectionId>,
    ) -> Result<Vec<KbArticle>, StoreError>;
    /// Adds an article (id 0; a position of 0 puts it last in its section) or changes one: its
    /// section, position (0 keeps it), outage flag and the language versions given; a language
    /// left out is removed. `None` when the article to change does not exist.
    async fn save_kb_article(
        &mut self,
        article: &KbArticle,
    ) -> Result<Option<ArticleId>, StoreError>;
    /// Marks that the followers of an article's section were told of it. True only the first
    /// time, so they are told once however often it is published again.
    async fn announce_kb_article(
        &mut self,
        id: ArticleId,
        at: Timestamp,
    ) -> Result<bool, StoreError>;

    async fn add_kb_comment(
        &mut self,
        article: ArticleId,
        author: UserId,
        body: &str,
        at: Timestamp,
    ) -> Result<KbCommentId, StoreError>;
    async fn kb_comment(&mut self, id: KbCommentId) -> Result<Option<KbComment>, StoreError>;
    /// An article's comments, hidden ones too, oldest first.
    async fn kb_comments(&mut self, article: ArticleId) -> Result<Vec<KbComment>, StoreError>;
    /// Someone's comments, newest first.
    async fn kb_comments_by(
        &mut self,
        author: UserId,
        limit: i64,
    ) -> Result<Vec<KbComment>, StoreError>;
    /// The newest comments of every article, hidden ones too, for moderation.
    async fn recent_kb_comments(&mut self, limit: i64) -> Result<Vec<KbComment>, StoreError>;
    async fn set_kb_comment_hidden(
        &mut self,
        id: KbCommentId,
        hidden: bool,
    ) -> Result<bool, StoreError>;

    /// "Was dit artikel nuttig?": one vote a person, the last one counts.
    async fn vote_kb_article(
        &mut self,
        article: ArticleId,
        user: UserId,
        helpful: bool,
        at: Timestamp,
    ) -> Result<(), StoreError>;
    /// `(helpful, not helpful)`.
    async fn kb_votes(&mut self, article: ArticleId) -> Result<(i64, i64), StoreError>;
    async fn kb_vote_of(
        &mut self,
        article: ArticleId,
        user: UserId,
    ) -> Result<Option<bool>, StoreError>;

    /// Follows a section or article, or changes how (with comments or not).
    async fn follow_kb(
        &mut self,
        user: UserId,
        follow: KbFollow,
        at: Timestamp,
    ) -> Result<(), StoreError>;
    async fn unfollow_kb(&mut self, user: UserId, target: FollowTarget)
    -> Result<bool, StoreError>;
    /// What someone follows, newest first.
    async fn kb_follows_of(&mut self, user: UserId) -> Result<Vec<KbFollow>, StoreError>;
    /// Who follows `target`; of a section with `comments`, only those who follow its comments
    /// too.
    async fn kb_followers(
        &mut self,
        target: FollowTarget,
        comments: bool,
    ) -> Result<Vec<UserId>, StoreError>;
}
