//! Portable SQL of the knowledge base: categories, sections, articles with their language
//! versions, comments, votes and follows.

use balie_domain as d;

use super::SqlTx;
use super::exec::{Row, args};
use crate::StoreError;
use crate::contract::KbTx;

/// Columns of `kb_comments` joined with their writer, in `comment_from_row` order.
pub(crate) const KB_COMMENT_COLUMNS: &str = "c.id, c.article_id, c.author_id, \
    TRIM(u.first_name || ' ' || u.last_name), c.body, c.created_at, c.hidden";

/// Reads a row of [`KB_COMMENT_COLUMNS`].
fn comment_from_row(row: &Row) -> Result<d::KbComment, StoreError> {
    Ok(d::KbComment {
        id: row.get(0)?,
        article: row.get(1)?,
        author: row.get(2)?,
        author_name: row.get(3)?,
        body: row.get(4)?,
        created_at: row.get(5)?,
        hidden: row.get(6)?,
    })
}

/// Articles from their rows (id, section, position, outage_open, author, created_at,
/// updated_at) and the rows of their texts (article, language, title, body, published,
/// updated_at), in any order.
fn articles_from_rows(articles: &[Row], texts: &[Row]) -> Result<Vec<d::KbArticle>, StoreError> {
    let mut by_article: std::collections::HashMap<d::ArticleId, Vec<d::KbText>> =
        std::collections::HashMap::new();
    for t in texts {
        let language: String = t.get(1)?;
        by_article.entry(t.get(0)?).or_default().push(d::KbText {
            language: super::language(&language),
            title: t.get(2)?,
            body: t.get(3)?,
            published: t.get(4)?,
            updated_at: t.get(5)?,
        });
    }
    articles
        .iter()
        .map(|a| {
            let id: d::ArticleId = a.get(0)?;
            let mut texts = by_article.remove(&id).unwrap_or_default();
            texts.sort_by_key(|t| t.language != d::Language::Nl);
            Ok(d::KbArticle {
                id,
                section: a.get(1)?,
                position: a.get(2)?,
                outage_open: a.get(3)?,
                author: a.get(4)?,
                created_at: a.get(5)?,
                updated_at: a.get(6)?,
                texts,
            })
        })
        .collect()
}

impl SqlTx {
    async fn bump_kb_revision(&mut self) -> Result<(), StoreError> {
        self.execute(
            "UPDATE kb_state SET revision = revision + 1 WHERE id = 1",
            vec![],
        )
        .await?;
        Ok(())
    }
}

#[async_trait::async_trait]
impl KbTx for SqlTx {
    async fn kb_revision(&mut self) -> Result<i64, StoreError> {
        self.scalar("SELECT revision FROM kb_state WHERE id = 1", vec![])
            .await
    }

    async fn kb_categories(&mut self) -> Result<Vec<d::KbCategory>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT id, position, icon, name_nl, name_en, description_nl, description_en
                     FROM kb_categories ORDER BY position, id",
                vec![],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(d::KbCategory {
                    id: r.get(0)?,
                    position: r.get(1)?,
                    icon: r.get(2)?,
                    name: d::Bilingual::new(r.get::<String>(3)?, r.get::<String>(4)?),
                    description: d::Bilingual::new(r.get::<String>(5)?, r.get::<String>(6)?),
                })
            })
            .collect()
    }

    async fn save_kb_category(
        &mut self,
        c: &d::KbCategory,
    ) -> Result<Option<d::KbCategoryId>, StoreError> {
        let id = if c.id == d::KbCategoryId::NEW {
            self.scalar_optional(
                "INSERT INTO kb_categories (position, icon, name_nl, name_en, description_nl, description_en)
                         VALUES (CASE WHEN $1 > 0 THEN $1 ELSE (SELECT COALESCE(MAX(position), 0) + 1 FROM kb_categories) END,
                                 $2, $3, $4, $5, $6)
                         RETURNING id",
                args![
                    c.position,
                    &c.icon,
                    &c.name.nl,
                    &c.name.en,
                    &c.description.nl,
                    &c.description.en
                ],
            )
            .await?
        } else {
            self.scalar_optional(
                "UPDATE kb_categories SET position = CASE WHEN $2 > 0 THEN $2 ELSE position END, icon = $3, name_nl = $4, name_en = $5,
                            description_nl = $6, description_en = $7
                         WHERE id = $1 RETURNING id",
                args![
                    c.id,
                    c.position,
                    &c.icon,
                    &c.name.nl,
                    &c.name.en,
                    &c.description.nl,
                    &c.description.en
                ],
            )
            .await?
        };
        self.bump_kb_revision().await?;
        Ok(id)
    }

    async fn kb_sections(&mut self) -> Result<Vec<d::KbSection>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT s.id, s.category_id, s.position, s.key, s.name_nl, s.name_en,
                            s.description_nl, s.description_en
                     FROM kb_sections s JOIN kb_categories c ON c.id = s.category_id
                     ORDER BY c.position, c.id, s.position, s.id",
                vec![],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(d::KbSection {
                    id: r.get(0)?,
                    category: r.get(1)?,
                    position: r.get(2)?,
                    key: r.get(3)?,
                    name: d::Bilingual::new(r.get::<String>(4)?, r.get::<String>(5)?),
                    description: d::Bilingual::new(r.get::<String>(6)?, r.get::<String>(7)?),
                })
            })
            .collect()
    }

    async fn save_kb_section(
        &mut self,
        s: &d::KbSection,
    ) -> Result<Option<d::KbSectionId>, StoreError> {
        let id = if s.id == d::KbSectionId::NEW {
            self.scalar_optional(
                "INSERT INTO kb_sections (category_id, position, key, name_nl, name_en, description_nl, description_en)
                         VALUES ($1, CASE WHEN $2 > 0 THEN $2 ELSE
                                    (SELECT COALESCE(MAX(position), 0) + 1 FROM kb_sections WHERE category_id = $1) END,
                                 $3, $4, $5, $6, $7)
                         RETURNING id",
                args![
                    s.category,
                    s.position,
                    &s.key,
                    &s.name.nl,
                    &s.name.en,
                    &s.description.nl,
                    &s.description.en
                ],
            )
            .await?
        } else {
            self.scalar_optional(
                "UPDATE kb_sections SET category_id = $2, position = CASE WHEN $3 > 0 THEN $3 ELSE position END, name_nl = $4, name_en = $5,
                            description_nl = $6, description_en = $7
                         WHERE id = $1 RETURNING id",
                args![
                    s.id,
                    s.category,
                    s.position,
                    &s.name.nl,
                    &s.name.en,
                    &s.description.nl,
                    &s.description.en
                ],
            )
            .await?
        };
        self.bump_kb_revision().await?;
        Ok(id)
    }

    async fn kb_article(&mut self, id: d::ArticleId) -> Result<Option<d::KbArticle>, StoreError> {
        let articles = self
            .fetch_all(
                "SELECT id, section_id, position, outage_open, author_id, created_at, updated_at
                     FROM kb_articles WHERE id = $1",
                args![id],
            )
            .await?;
        let texts = self
            .fetch_all(
                "SELECT article_id, language, title, body, published, updated_at
                     FROM kb_article_texts WHERE article_id = $1",
                args![id],
            )
            .await?;
        Ok(articles_from_rows(&articles, &texts)?.pop())
    }

    async fn kb_articles(
        &mut self,
        section: Option<d::KbSectionId>,
    ) -> Result<Vec<d::KbArticle>, StoreError> {
        let articles = self
            .fetch_all(
                "SELECT id, section_id, position, outage_open, author_id, created_at, updated_at
                     FROM kb_articles WHERE ($1 IS NULL OR section_id = $1)
                     ORDER BY section_id, position, id",
                args![section],
            )
            .await?;
        let texts = self
            .fetch_all(
                "SELECT t.article_id, t.language, t.title, t.body, t.published, t.updated_at
                     FROM kb_article_texts t JOIN kb_articles a ON a.id = t.article_id
                     WHERE ($1 IS NULL OR a.section_id = $1)",
                args![section],
            )
            .await?;
        articles_from_rows(&articles, &texts)
    }

    async fn save_kb_article(
        &mut self,
        a: &d::KbArticle,
    ) -> Result<Option<d::ArticleId>, StoreError> {
        let id: Option<d::ArticleId> = if a.id == d::ArticleId::NEW {
            self.scalar_optional(
                "INSERT INTO kb_articles (section_id, position, outage_open, author_id, created_at, updated_at)
                         VALUES ($1, CASE WHEN $2 > 0 THEN $2 ELSE
                                    (SELECT COALESCE(MAX(position), 0) + 1 FROM kb_articles WHERE section_id = $1) END,
                                 $3, $4, $5, $5)
                         RETURNING id",
                args![a.section, a.position, a.outage_open, a.author, a.updated_at],
            )
            .await?
        } else {
            self.scalar_optional(
                "UPDATE kb_articles SET section_id = $2, position = CASE WHEN $3 > 0 THEN $3 ELSE position END, outage_open = $4, updated_at = $5
                         WHERE id = $1 RETURNING id",
                args![a.id, a.section, a.position, a.outage_open, a.updated_at],
            )
            .await?
        };
        let Some(id) = id else {
            return Ok(None);
        };
        let kept: Vec<&str> = a.texts.iter().map(|t| t.language.code()).collect();
        for code in ["nl", "en"].into_iter().filter(|c| !kept.contains(c)) {
            self.execute(
                "DELETE FROM kb_article_texts WHERE article_id = $1 AND language = $2",
                args![id, code],
            )
            .await?;
        }
        for text in &a.texts {
            self.execute(
                "INSERT INTO kb_article_texts (article_id, language, title, body, published, updated_at)
                         VALUES ($1, $2, $3, $4, $5, $6)
                         ON CONFLICT (article_id, language) DO UPDATE SET title = excluded.title,
                            body = excluded.body, published = excluded.published, updated_at = excluded.updated_at",
                args![
                    id,
                    text.language.code(),
                    &text.title,
                    &text.body,
                    text.published,
                    text.updated_at
                ],
            )
            .await?;
        }
        self.bump_kb_revision().await?;
        Ok(Some(id))
    }

    async fn announce_kb_article(
        &mut self,
        id: d::ArticleId,
        at: d::Timestamp,
    ) -> Result<bool, StoreError> {
        let changed = self
            .execute(
                "UPDATE kb_articles SET announced_at = $2 WHERE id = $1 AND announced_at IS NULL",
                args![id, at],
            )
            .await?;
        Ok(changed == 1)
    }

    async fn add_kb_comment(
        &mut self,
        article: d::ArticleId,
        author: d::UserId,
        body: &str,
        at: d::Timestamp,
    ) -> Result<d::KbCommentId, StoreError> {
        self.scalar(
            "INSERT INTO kb_comments (article_id, author_id, body, created_at) VALUES ($1, $2, $3, $4)
                     RETURNING id",
            args![article, author, body, at],
        )
        .await
    }

    async fn kb_comment(&mut self, id: d::KbCommentId) -> Result<Option<d::KbComment>, StoreError> {
        let sql = format!(
            "SELECT {KB_COMMENT_COLUMNS} FROM kb_comments c JOIN users u ON u.id = c.author_id WHERE c.id = $1"
        );
        let row = self.fetch_optional(&sql, args![id]).await?;
        row.as_ref().map(comment_from_row).transpose()
    }

    async fn kb_comments(
        &mut self,
        article: d::ArticleId,
    ) -> Result<Vec<d::KbComment>, StoreError> {
        let sql = format!(
            "SELECT {KB_COMMENT_COLUMNS} FROM kb_comments c JOIN users u ON u.id = c.author_id
                     WHERE c.article_id = $1 ORDER BY c.created_at, c.id"
        );
        let rows = self.fetch_all(&sql, args![article]).await?;
        rows.iter().map(comment_from_row).collect()
    }

    async fn kb_comments_by(
        &mut self,
        author: d::UserId,
        limit: i64,
    ) -> Result<Vec<d::KbComment>, StoreError> {
        let sql = format!(
            "SELECT {KB_COMMENT_COLUMNS} FROM kb_comments c JOIN users u ON u.id = c.author_id
                     WHERE c.author_id = $1 ORDER BY c.created_at DESC, c.id DESC LIMIT $2"
        );
        let rows = self.fetch_all(&sql, args![author, limit]).await?;
        rows.iter().map(comment_from_row).collect()
    }

    async fn recent_kb_comments(&mut self, limit: i64) -> Result<Vec<d::KbComment>, StoreError> {
        let sql = format!(
            "SELECT {KB_COMMENT_COLUMNS} FROM kb_comments c JOIN users u ON u.id = c.author_id
                     ORDER BY c.created_at DESC, c.id DESC LIMIT $1"
        );
        let rows = self.fetch_all(&sql, args![limit]).await?;
        rows.iter().map(comment_from_row).collect()
    }

    async fn set_kb_comment_hidden(
        &mut self,
        id: d::KbCommentId,
        hidden: bool,
    ) -> Result<bool, StoreError> {
        let changed = self
            .execute(
                "UPDATE kb_comments SET hidden = $2 WHERE id = $1",
                args![id, hidden],
            )
            .await?;
        Ok(changed == 1)
    }

    async fn vote_kb_article(
        &mut self,
        article: d::ArticleId,
        user: d::UserId,
        helpful: bool,
        at: d::Timestamp,
    ) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO kb_votes (article_id, user_id, helpful, voted_at) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (article_id, user_id) DO UPDATE SET helpful = excluded.helpful,
                        voted_at = excluded.voted_at",
            args![article, user, helpful, at],
        )
        .await?;
        Ok(())
    }

    async fn kb_votes(&mut self, article: d::ArticleId) -> Result<(i64, i64), StoreError> {
        let rows = self
            .fetch_all(
                "SELECT helpful, COUNT(*) FROM kb_votes WHERE article_id = $1 GROUP BY helpful",
                args![article],
            )
            .await?;
        let rows = rows
            .iter()
            .map(|r| Ok((r.get::<bool>(0)?, r.get::<i64>(1)?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        let count = |wanted: bool| {
            rows.iter()
                .find(|(helpful, _)| *helpful == wanted)
                .map_or(0, |(_, n)| *n)
        };
        Ok((count(true), count(false)))
    }

    async fn kb_vote_of(
        &mut self,
        article: d::ArticleId,
        user: d::UserId,
    ) -> Result<Option<bool>, StoreError> {
        self.scalar_optional(
            "SELECT helpful FROM kb_votes WHERE article_id = $1 AND user_id = $2",
            args![article, user],
        )
        .await
    }

    async fn follow_kb(
        &mut self,
        user: d::UserId,
        follow: d::KbFollow,
        at: d::Timestamp,
    ) -> Result<(), StoreError> {
        let (kind, id) = follow.target.code();
        self.execute(
            "INSERT INTO kb_follows (user_id, target_type, target_id, with_comments, created_at)
                     VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (user_id, target_type, target_id) DO UPDATE SET
                        with_comments = excluded.with_comments",
            args![user, kind, id, follow.with_comments, at],
        )
        .await?;
        Ok(())
    }

    async fn unfollow_kb(
        &mut self,
        user: d::UserId,
        target: d::FollowTarget,
    ) -> Result<bool, StoreError> {
        let (kind, id) = target.code();
        let changed = self
            .execute(
                "DELETE FROM kb_follows WHERE user_id = $1 AND target_type = $2 AND target_id = $3",
                args![user, kind, id],
            )
            .await?;
        Ok(changed == 1)
    }

    async fn kb_follows_of(&mut self, user: d::UserId) -> Result<Vec<d::KbFollow>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT target_type, target_id, with_comments FROM kb_follows WHERE user_id = $1
                     ORDER BY created_at DESC, target_type, target_id",
                args![user],
            )
            .await?;
        let mut follows = Vec::with_capacity(rows.len());
        for r in &rows {
            let kind: String = r.get(0)?;
            let with_comments: bool = r.get(2)?;
            if let Some(target) = d::FollowTarget::from_code(&kind, r.get(1)?) {
                follows.push(d::KbFollow {
                    target,
                    with_comments,
                });
            }
        }
        Ok(follows)
    }

    async fn kb_followers(
        &mut self,
        target: d::FollowTarget,
        comments: bool,
    ) -> Result<Vec<d::UserId>, StoreError> {
        let (kind, id) = target.code();
        self.scalars(
            "SELECT user_id FROM kb_follows
                     WHERE target_type = $1 AND target_id = $2 AND (with_comments OR NOT $3)
                     ORDER BY user_id",
            args![kind, id, comments && kind == "section"],
        )
        .await
    }
}
