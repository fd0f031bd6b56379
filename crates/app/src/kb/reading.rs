//! Reading the knowledge base (F1, F2): the home of tiles, a category with its sections, a
//! section's articles, an article with its breadcrumbs, related articles, comments and votes,
//! and search. Customers and visitors get published texts only; agents see drafts as well.

use balie_domain::{
    Actor, ArticleId, FollowTarget, KbArticle, KbCategory, KbCategoryId, KbComment, KbFollow,
    KbSection, KbSectionId, KbText, Language, Timestamp,
};
use balie_store::Tx;

use super::{Found, Hit};
use crate::{App, AppError};

/// How many related articles an article page lists.
const RELATED: usize = 5;

/// An article in a list: its id and title in the reader's language.
#[derive(Debug, Clone)]
pub struct ArticleSummary {
    pub id: ArticleId,
    pub title: String,
    pub updated_at: Timestamp,
    /// Only agents get drafts in lists; this tells them apart.
    pub draft: bool,
    /// The language of the title: another than the reader's when the article has no text in
    /// theirs.
    pub language: Language,
}

#[derive(Debug, Clone)]
pub struct KbHome {
    pub categories: Vec<KbCategory>,
    /// "Storing en onderhoud", offered for following (F4).
    pub outage_section: Option<KbSection>,
    /// Whether the reader follows it already.
    pub following_outages: bool,
}

#[derive(Debug, Clone)]
pub struct CategoryView {
    pub category: KbCategory,
    pub sections: Vec<(KbSection, Vec<ArticleSummary>)>,
}

#[derive(Debug, Clone)]
pub struct SectionView {
    pub category: KbCategory,
    pub section: KbSection,
    pub articles: Vec<ArticleSummary>,
    pub following: Option<KbFollow>,
}

#[derive(Debug, Clone)]
pub struct ArticleView {
    pub category: KbCategory,
    pub section: KbSection,
    pub article: KbArticle,
    /// The version shown, and its Markdown as sanitised HTML.
    pub text: KbText,
    pub html: String,
    /// The other published language, to switch to.
    pub other_language: Option<Language>,
    pub related: Vec<ArticleSummary>,
    /// Comments on show; hidden ones are left out.
    pub comments: Vec<KbComment>,
    pub votes: (i64, i64),
    pub my_vote: Option<bool>,
    pub following: bool,
}

/// The text a viewer gets of `article` in `lang`: agents any version, others published ones.
fn text_for(article: &KbArticle, lang: Language, agent: bool) -> Option<&KbText> {
    if agent {
        article
            .text(lang)
            .or_else(|| article.published_text(lang))
            .or_else(|| article.texts.first())
    } else {
        article.published_text(lang)
    }
}

fn summaries(articles: &[KbArticle], lang: Language, agent: bool) -> Vec<ArticleSummary> {
    articles
        .iter()
        .filter_map(|a| {
            text_for(a, lang, agent).map(|t| ArticleSummary {
                id: a.id,
                title: t.title.clone(),
                updated_at: a.updated_at,
                draft: !t.published,
                language: t.language,
            })
        })
        .collect()
}

/// A section and its category, or not found.
pub(super) async fn shelf_of(
    tx: &mut dyn Tx,
    section: KbSectionId,
) -> Result<(KbCategory, KbSection), AppError> {
    let section = tx
        .kb_sections()
        .await?
        .into_iter()
        .find(|s| s.id == section)
        .ok_or(AppError::NotFound)?;
    let category = tx
        .kb_categories()
        .await?
        .into_iter()
        .find(|c| c.id == section.category)
        .ok_or(AppError::NotFound)?;
    Ok((category, section))
}

async fn follows(tx: &mut dyn Tx, viewer: Option<&Actor>) -> Result<Vec<KbFollow>, AppError> {
    match viewer {
        Some(actor) => Ok(tx.kb_follows_of(actor.user_id()).await?),
        None => Ok(vec![]),
    }
}

impl App {
    pub async fn kb_home(&self, viewer: Option<&Actor>) -> Result<KbHome, AppError> {
        self.may_read_kb(viewer)?;
        let mut tx = self.store.read().await?;
        let categories = tx.kb_categories().await?;
        let outage_section = tx.kb_sections().await?.into_iter().find(|s| s.is_outages());
        let followed = follows(&mut *tx, viewer).await?;
        let following_outages = outage_section.as_ref().is_some_and(|s| {
            followed
                .iter()
                .any(|f| f.target == FollowTarget::Section(s.id))
        });
        Ok(KbHome {
            categories,
            outage_section,
            following_outages,
        })
    }

    pub async fn kb_category(
        &self,
        viewer: Option<&Actor>,
        id: KbCategoryId,
        lang: Language,
    ) -> Result<CategoryView, AppError> {
        self.may_read_kb(viewer)?;
        let agent = viewer.is_some_and(Actor::is_agent);
        let mut tx = self.store.read().await?;
        let category = tx
            .kb_categories()
            .await?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or(AppError::NotFound)?;
        let mut sections = vec![];
        for section in tx
            .kb_sections()
            .await?
            .into_iter()
            .filter(|s| s.category == id)
        {
            let articles = tx.kb_articles(Some(section.id)).await?;
            sections.push((section, summaries(&articles, lang, agent)));
        }
        Ok(CategoryView { category, sections })
    }

    pub async fn kb_section(
        &self,
        viewer: Option<&Actor>,
        id: KbSectionId,
        lang: Language,
    ) -> Result<SectionView, AppError> {
        self.may_read_kb(viewer)?;
        let agent = viewer.is_some_and(Actor::is_agent);
        let mut tx = self.store.read().await?;
        let (category, section) = shelf_of(&mut *tx, id).await?;
        let articles = tx.kb_articles(Some(id)).await?;
        let following = follows(&mut *tx, viewer)
            .await?
            .into_iter()
            .find(|f| f.target == FollowTarget::Section(id));
        Ok(SectionView {
            category,
            section,
            articles: summaries(&articles, lang, agent),
            following,
        })
    }

    /// An article in `version` (or the reader's language), with what its page shows.
    pub async fn kb_article(
        &self,
        viewer: Option<&Actor>,
        id: ArticleId,
        lang: Language,
        version: Option<Language>,
    ) -> Result<ArticleView, AppError> {
        self.may_read_kb(viewer)?;
        let agent = viewer.is_some_and(Actor::is_agent);
        let mut tx = self.store.read().await?;
        let article = tx.kb_article(id).await?.ok_or(AppError::NotFound)?;
        let text = text_for(&article, version.unwrap_or(lang), agent)
            .ok_or(AppError::NotFound)?
            .clone();
        let (category, section) = shelf_of(&mut *tx, article.section).await?;
        let other_language = article
            .texts
            .iter()
            .find(|t| t.language != text.language && (t.published || agent))
            .map(|t| t.language);
        let comments = tx
            .kb_comments(id)
            .await?
            .into_iter()
            .filter(|c| !c.hidden)
            .collect();
        let votes = tx.kb_votes(id).await?;
        let (my_vote, following) = match viewer {
            Some(actor) => (
                tx.kb_vote_of(id, actor.user_id()).await?,
                tx.kb_follows_of(actor.user_id())
                    .await?
                    .iter()
                    .any(|f| f.target == FollowTarget::Article(id)),
            ),
            None => (None, false),
        };
        let siblings = tx.kb_articles(Some(article.section)).await?;
        drop(tx);
        let related = self.related(&article, &text, &siblings, lang).await?;
        Ok(ArticleView {
            html: crate::markdown::render(&text.body),
            category,
            section,
            article,
            text,
            other_language,
            related,
            comments,
            votes,
            my_vote,
            following,
        })
    }

    /// Articles about the same: the section's others first, then those elsewhere that the
    /// title's meaningful words suggest (a shared "instellen" makes no two articles related).
    async fn related(
        &self,
        article: &KbArticle,
        text: &KbText,
        siblings: &[KbArticle],
        lang: Language,
    ) -> Result<Vec<ArticleSummary>, AppError> {
        let mut related: Vec<ArticleSummary> = summaries(siblings, lang, false)
            .into_iter()
            .filter(|s| s.id != article.id)
            .take(RELATED)
            .collect();
        let index = self.fresh_kb_index().await?;
        for hit in index.suggest(&text.title, lang, RELATED + 1) {
            if hit.article != article.id && !related.iter().any(|r| r.id == hit.article) {
                related.push(ArticleSummary {
                    id: hit.article,
                    title: hit.title.iter().map(|s| s.text.as_str()).collect(),
                    updated_at: Timestamp(0),
                    draft: false,
                    language: hit.language,
                });
            }
        }
        related.truncate(RELATED);
        Ok(related)
    }

    /// Published articles matching `query`, the best `limit` first, and how many match (F2).
    pub async fn kb_search(
        &self,
        viewer: Option<&Actor>,
        query: &str,
        lang: Language,
        limit: usize,
    ) -> Result<Found, AppError> {
        self.may_read_kb(viewer)?;
        let query: String = query.chars().take(200).collect();
        Ok(self.fresh_kb_index().await?.find(&query, lang, limit))
    }

    /// The articles to suggest for a request's subject as it is typed, best first (C2): only
    /// those that match the subject's meaningful words, not merely its "probleem" or
    /// "foutmelding".
    pub async fn kb_suggest(
        &self,
        viewer: Option<&Actor>,
        subject: &str,
        lang: Language,
        limit: usize,
    ) -> Result<Vec<Hit>, AppError> {
        self.may_read_kb(viewer)?;
        let subject: String = subject.chars().take(200).collect();
        Ok(self.fresh_kb_index().await?.suggest(&subject, lang, limit))
    }
}
