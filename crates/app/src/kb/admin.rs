//! Agents keep the knowledge base (D5): categories, sections and articles with a Dutch and an
//! English version that are each a draft or published, and the comments they take down or put
//! back. The first time an article is published, followers of its section hear of it.

use balie_domain::{
    Actor, ArticleId, Bilingual, CATEGORY_ICONS, DomainError, KbArticle, KbCategory, KbCategoryId,
    KbComment, KbCommentId, KbSection, KbSectionId, KbText, Language,
};

use std::collections::HashMap;

use crate::audit::Audit;
use crate::guard::{require_admin, require_agent};
use crate::tickets::checked;
use crate::{App, AppError};

const MAX_NAME: usize = 120;
const MAX_DESCRIPTION: usize = 500;
const MAX_TITLE: usize = 200;
const MAX_BODY: usize = 100_000;
/// Comments the moderation page lists.
const MODERATION_PAGE: i64 = 100;

/// The name and description of a category or section in both languages, as typed; the Dutch
/// name is required.
#[derive(Debug, Clone, Default)]
pub struct ShelfTexts {
    pub name_nl: String,
    pub name_en: String,
    pub description_nl: String,
    pub description_en: String,
}

#[derive(Debug, Clone, Default)]
pub struct CategoryInput {
    pub texts: ShelfTexts,
    pub icon: String,
    pub position: String,
}

#[derive(Debug, Clone, Default)]
pub struct SectionInput {
    pub texts: ShelfTexts,
    pub category: String,
    pub position: String,
}

/// One language's version as typed: an empty title and body means "no version".
#[derive(Debug, Clone, Default)]
pub struct TextInput {
    pub title: String,
    pub body: String,
    pub published: bool,
}

#[derive(Debug, Clone, Default)]
pub struct ArticleInput {
    pub section: String,
    pub position: String,
    pub outage_open: bool,
    pub nl: TextInput,
    pub en: TextInput,
}

/// Everything the management page lists.
#[derive(Debug, Clone)]
pub struct KbOverview {
    pub categories: Vec<KbCategory>,
    pub sections: Vec<KbSection>,
    pub articles: Vec<KbArticle>,
}

/// The categories and sections, for the forms that choose among them.
#[derive(Debug, Clone)]
pub struct KbShelves {
    pub categories: Vec<KbCategory>,
    pub sections: Vec<KbSection>,
}

/// A comment with the title of its article, for moderation.
#[derive(Debug, Clone)]
pub struct ModeratedComment {
    pub comment: KbComment,
    pub article_title: String,
}

/// A position as typed: empty is "last", otherwise a whole number from 1.
fn position(raw: &str) -> Result<i64, DomainError> {
    match raw.trim() {
        "" => Ok(0),
        n => n
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=100_000).contains(n))
            .ok_or(DomainError::on_field("error-kb-position", "position")),
    }
}

fn id_of<Id: std::str::FromStr>(raw: &str, field: &'static str) -> Result<Id, DomainError> {
    raw.trim()
        .parse()
        .map_err(|_| DomainError::on_field("error-choice-unknown", field))
}

impl ShelfTexts {
    /// `(name, description)`.
    fn checked(&self) -> Result<(Bilingual, Bilingual), DomainError> {
        let description = |value: &str, field| checked(value, field, MAX_DESCRIPTION, false);
        Ok((
            Bilingual::new(
                checked(&self.name_nl, "name_nl", MAX_NAME, true)?,
                checked(&self.name_en, "name_en", MAX_NAME, false)?,
            ),
            Bilingual::new(
                description(&self.description_nl, "description_nl")?,
                description(&self.description_en, "description_en")?,
            ),
        ))
    }
}

impl TextInput {
    /// The version, if any was typed; a published one needs a title and a body.
    fn text(
        &self,
        language: Language,
        at: balie_domain::Timestamp,
    ) -> Result<Option<KbText>, DomainError> {
        let (title_field, body_field) = match language {
            Language::Nl => ("title_nl", "body_nl"),
            Language::En => ("title_en", "body_en"),
        };
        let title = checked(&self.title, title_field, MAX_TITLE, false)?;
        if self.body.chars().count() > MAX_BODY {
            return Err(DomainError::on_field("error-field-too-long", body_field));
        }
        let body = self.body.trim().replace("\r\n", "\n");
        if title.is_empty() && body.is_empty() && !self.published {
            return Ok(None);
        }
        if title.is_empty() {
            return Err(DomainError::on_field("error-field-required", title_field));
        }
        if body.is_empty() && self.published {
            return Err(DomainError::on_field("error-kb-body-required", body_field));
        }
        Ok(Some(KbText {
            language,
            title,
            body,
            published: self.published,
            updated_at: at,
        }))
    }
}

impl App {
    pub async fn kb_overview(&self, actor: &Actor) -> Result<KbOverview, AppError> {
        require_agent(actor)?;
        let mut tx = self.store.read().await?;
        Ok(KbOverview {
            categories: tx.kb_categories().await?,
            sections: tx.kb_sections().await?,
            articles: tx.kb_articles(None).await?,
        })
    }

    /// The categories and sections without their articles.
    pub async fn kb_shelves(&self, actor: &Actor) -> Result<KbShelves, AppError> {
        require_agent(actor)?;
        let mut tx = self.store.read().await?;
        Ok(KbShelves {
            categories: tx.kb_categories().await?,
            sections: tx.kb_sections().await?,
        })
    }

    /// The categories and sections, for an administrator who changes them (agents write
    /// articles on them but do not reshape them).
    pub async fn kb_shelves_to_shape(&self, actor: &Actor) -> Result<KbShelves, AppError> {
        require_admin(actor)?;
        self.kb_shelves(actor).await
    }

    /// An article with its drafts, to edit.
    pub async fn kb_article_to_edit(
        &self,
        actor: &Actor,
        id: ArticleId,
    ) -> Result<KbArticle, AppError> {
        require_agent(actor)?;
        let mut tx = self.store.read().await?;
        tx.kb_article(id).await?.ok_or(AppError::NotFound)
    }

    /// Adds a category (`id` none) or changes one; administrators only.
    pub async fn save_kb_category(
        &self,
        actor: &Actor,
        id: Option<KbCategoryId>,
        input: &CategoryInput,
    ) -> Result<KbCategoryId, AppError> {
        require_admin(actor)?;
        if !CATEGORY_ICONS.contains(&input.icon.as_str()) {
            return Err(DomainError::on_field("error-choice-unknown", "icon").into());
        }
        let (name, description) = input.texts.checked()?;
        let category = KbCategory {
            id: id.unwrap_or(KbCategoryId::NEW),
            position: position(&input.position)?,
            icon: input.icon.clone(),
            name,
            description,
        };
        let mut tx = self.work().await?;
        let saved = tx
            .save_kb_category(&category)
            .await?
            .ok_or(AppError::NotFound)?;
        tx.audit(
            Some(actor.user_id()),
            Audit::KbCategorySaved {
                category: saved,
                name: &category.name.nl,
            },
        )
        .await?;
        tx.commit().await?;
        self.refresh_after_change().await;
        Ok(saved)
    }

    /// Adds a section (`id` none) or changes one; administrators only.
    pub async fn save_kb_section(
        &self,
        actor: &Actor,
        id: Option<KbSectionId>,
        input: &SectionInput,
    ) -> Result<KbSectionId, AppError> {
        require_admin(actor)?;
        let category = id_of(&input.category, "category")?;
        let (name, description) = input.texts.checked()?;
        let section = KbSection {
            id: id.unwrap_or(KbSectionId::NEW),
            category,
            position: position(&input.position)?,
            key: None,
            name,
            description,
        };
        let mut tx = self.work().await?;
        if !tx.kb_categories().await?.iter().any(|c| c.id == category) {
            return Err(DomainError::on_field("error-choice-unknown", "category").into());
        }
        let saved = tx
            .save_kb_section(&section)
            .await?
            .ok_or(AppError::NotFound)?;
        tx.audit(
            Some(actor.user_id()),
            Audit::KbSectionSaved {
                section: saved,
                name: &section.name.nl,
            },
        )
        .await?;
        tx.commit().await?;
        self.refresh_after_change().await;
        Ok(saved)
    }

    /// Adds an article (`id` none) or changes one. Published for the first time, it is
    /// announced to the followers of its section, in the same transaction.
    pub async fn save_kb_article(
        &self,
        actor: &Actor,
        id: Option<ArticleId>,
        input: &ArticleInput,
    ) -> Result<ArticleId, AppError> {
        require_agent(actor)?;
        let now = self.now();
        let section = id_of(&input.section, "section")?;
        let texts: Vec<KbText> = [
            input.nl.text(Language::Nl, now)?,
            input.en.text(Language::En, now)?,
        ]
        .into_iter()
        .flatten()
        .collect();
        if texts.is_empty() {
            return Err(DomainError::on_field("error-field-required", "title_nl").into());
        }
        let mut tx = self.work().await?;
        let Some(shelf) = tx
            .kb_sections()
            .await?
            .into_iter()
            .find(|s| s.id == section)
        else {
            return Err(DomainError::on_field("error-choice-unknown", "section").into());
        };
        let existing = match id {
            Some(id) => Some(tx.kb_article(id).await?.ok_or(AppError::NotFound)?),
            None => None,
        };
        // A version whose words did not change keeps its date, so "last updated" means it.
        let texts = texts
            .into_iter()
            .map(|mut text| {
                if let Some(old) = existing.as_ref().and_then(|a| a.text(text.language))
                    && old.title == text.title
                    && old.body == text.body
                {
                    text.updated_at = old.updated_at;
                }
                text
            })
            .collect();
        let article = KbArticle {
            id: id.unwrap_or(ArticleId::NEW),
            section,
            position: position(&input.position)?,
            outage_open: input.outage_open,
            author: Some(actor.user_id()),
            created_at: now,
            updated_at: now,
            texts,
        };
        let saved = tx
            .save_kb_article(&article)
            .await?
            .ok_or(AppError::NotFound)?;
        let title = article.texts.first().map_or("", |t| t.title.as_str());
        tx.audit(
            Some(actor.user_id()),
            Audit::KbArticleSaved {
                article: saved,
                title,
            },
        )
        .await?;
        // Followers hear of an article once, when it is first published; of an outage also each
        // time it is marked as going on again.
        let outage_again = shelf.is_outages()
            && article.outage_open
            && existing.as_ref().is_some_and(|a| !a.outage_open);
        let first = article.is_published() && tx.announce_kb_article(saved, now).await?;
        if first || (article.is_published() && outage_again) {
            let article = KbArticle {
                id: saved,
                ..article
            };
            self.announce_article(&mut tx, &article, actor.user_id())
                .await?;
        }
        tx.commit().await?;
        self.refresh_after_change().await;
        Ok(saved)
    }

    /// The newest comments, hidden ones too.
    pub async fn comments_to_moderate(
        &self,
        actor: &Actor,
        lang: Language,
    ) -> Result<Vec<ModeratedComment>, AppError> {
        require_agent(actor)?;
        let mut tx = self.store.read().await?;
        let comments = tx.recent_kb_comments(MODERATION_PAGE).await?;
        let mut listed = Vec::with_capacity(comments.len());
        // Comments gather under a few articles: read each article once.
        let mut titles: HashMap<ArticleId, String> = HashMap::new();
        for comment in comments {
            let article_title = match titles.get(&comment.article) {
                Some(title) => title.clone(),
                None => {
                    let title = tx
                        .kb_article(comment.article)
                        .await?
                        .and_then(|a| a.text(lang).or(a.texts.first()).map(|t| t.title.clone()))
                        .unwrap_or_default();
                    titles.insert(comment.article, title.clone());
                    title
                }
            };
            listed.push(ModeratedComment {
                comment,
                article_title,
            });
        }
        Ok(listed)
    }

    /// Takes a comment off its article's page, or puts it back.
    pub async fn moderate_kb_comment(
        &self,
        actor: &Actor,
        id: KbCommentId,
        hidden: bool,
    ) -> Result<(), AppError> {
        require_agent(actor)?;
        let mut tx = self.work().await?;
        if !tx.set_kb_comment_hidden(id, hidden).await? {
            return Err(AppError::NotFound);
        }
        let moderated = Audit::KbCommentModerated {
            comment: id,
            hidden,
        };
        tx.audit(Some(actor.user_id()), moderated).await?;
        tx.commit().await?;
        Ok(())
    }
}
