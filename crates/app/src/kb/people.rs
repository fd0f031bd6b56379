//! What signed-in people do with the knowledge base (F3, F5, F6): follow sections and
//! articles, see and end what they follow ("Volgend"), comment ("Bijdragen") and vote.

use std::collections::HashMap;

use balie_domain::{
    Actor, ArticleId, DomainError, FollowTarget, KbComment, KbCommentId, KbFollow, Language,
};
use balie_store::Tx;

use crate::{App, AppError};

const MAX_COMMENT: usize = 5_000;
/// Contributions "Bijdragen" lists.
const CONTRIBUTIONS: i64 = 200;

/// A row of "Volgend": Titel, Type, Volgend.
#[derive(Debug, Clone)]
pub struct FollowedItem {
    pub follow: KbFollow,
    pub title: String,
}

/// A row of "Bijdragen": one's comment and the article it is under.
#[derive(Debug, Clone)]
pub struct Contribution {
    pub comment: KbComment,
    pub article_title: String,
}

/// The title a reader of `lang` knows an article by; none while it is not published.
async fn article_title(
    tx: &mut dyn Tx,
    id: ArticleId,
    lang: Language,
) -> Result<Option<String>, AppError> {
    Ok(tx
        .kb_article(id)
        .await?
        .and_then(|a| a.published_text(lang).map(|t| t.title.clone())))
}

impl App {
    /// Follows a section (new articles, perhaps with their comments) or a published article.
    pub async fn follow_kb(&self, actor: &Actor, follow: KbFollow) -> Result<(), AppError> {
        let mut tx = self.work().await?;
        match follow.target {
            FollowTarget::Section(id) => {
                if !tx.kb_sections().await?.iter().any(|s| s.id == id) {
                    return Err(AppError::NotFound);
                }
            }
            FollowTarget::Article(id) => {
                if article_title(&mut *tx, id, Language::Nl).await?.is_none() {
                    return Err(AppError::NotFound);
                }
            }
        }
        let follow = match follow.target {
            // An article is followed for its comments, always.
            FollowTarget::Article(_) => KbFollow {
                with_comments: true,
                ..follow
            },
            FollowTarget::Section(_) => follow,
        };
        tx.follow_kb(actor.user_id(), follow, self.now()).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn unfollow_kb(&self, actor: &Actor, target: FollowTarget) -> Result<(), AppError> {
        let mut tx = self.work().await?;
        tx.unfollow_kb(actor.user_id(), target).await?;
        tx.commit().await?;
        Ok(())
    }

    /// "Volgend": what someone follows, with titles in their language.
    pub async fn kb_following(
        &self,
        actor: &Actor,
        lang: Language,
    ) -> Result<Vec<FollowedItem>, AppError> {
        let mut tx = self.store.read().await?;
        let sections = tx.kb_sections().await?;
        let mut items = vec![];
        for follow in tx.kb_follows_of(actor.user_id()).await? {
            let title = match follow.target {
                FollowTarget::Section(id) => sections
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| s.name.get(lang).to_string()),
                FollowTarget::Article(id) => article_title(&mut *tx, id, lang).await?,
            };
            if let Some(title) = title {
                items.push(FollowedItem { follow, title });
            }
        }
        Ok(items)
    }

    /// "Bijdragen": someone's comments, newest first, under articles they can still read.
    pub async fn kb_contributions(
        &self,
        actor: &Actor,
        lang: Language,
    ) -> Result<Vec<Contribution>, AppError> {
        let mut tx = self.store.read().await?;
        let mut listed = vec![];
        // Someone's comments gather under a few articles: read each article once.
        let mut titles: HashMap<ArticleId, Option<String>> = HashMap::new();
        for comment in tx.kb_comments_by(actor.user_id(), CONTRIBUTIONS).await? {
            let title = match titles.get(&comment.article) {
                Some(title) => title.clone(),
                None => {
                    let title = article_title(&mut *tx, comment.article, lang).await?;
                    titles.insert(comment.article, title.clone());
                    title
                }
            };
            if let Some(article_title) = title {
                listed.push(Contribution {
                    comment,
                    article_title,
                });
            }
        }
        Ok(listed)
    }

    /// Adds a comment under a published article and tells its followers (F3, F6).
    pub async fn comment_on_article(
        &self,
        actor: &Actor,
        article: ArticleId,
        body: &str,
    ) -> Result<KbCommentId, AppError> {
        let body = body.trim().replace("\r\n", "\n");
        if body.is_empty() {
            return Err(DomainError::on_field("error-field-required", "body").into());
        }
        if body.chars().count() > MAX_COMMENT {
            return Err(DomainError::on_field("error-field-too-long", "body").into());
        }
        let mut tx = self.work().await?;
        let found = tx.kb_article(article).await?.filter(|a| a.is_published());
        let Some(found) = found else {
            return Err(AppError::NotFound);
        };
        let id = tx
            .add_kb_comment(article, actor.user_id(), &body, self.now())
            .await?;
        self.announce_comment(&mut tx, &found, actor.user_id(), &body)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// "Was dit artikel nuttig?": one vote a person; voting again changes it.
    pub async fn vote_on_article(
        &self,
        actor: &Actor,
        article: ArticleId,
        helpful: bool,
    ) -> Result<(), AppError> {
        let mut tx = self.work().await?;
        if !tx
            .kb_article(article)
            .await?
            .is_some_and(|a| a.is_published())
        {
            return Err(AppError::NotFound);
        }
        tx.vote_kb_article(article, actor.user_id(), helpful, self.now())
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
