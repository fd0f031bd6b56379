//! Portable SQL of the knowledge base: categories, sections, articles with their language
//! versions, comments, votes and follows.

/// Columns of `kb_comments` joined with their writer, in `comment_from_row` order.
pub(crate) const KB_COMMENT_COLUMNS: &str = "c.id, c.article_id, c.author_id, \
    TRIM(u.first_name || ' ' || u.last_name), c.body, c.created_at, c.hidden";

pub(crate) type CommentRow = (i64, i64, i64, String, String, i64, bool);

pub(crate) fn comment_from_row(row: CommentRow) -> balie_domain::KbComment {
    let (id, article, author, author_name, body, created_at, hidden) = row;
    balie_domain::KbComment {
        id,
        article,
        author: balie_domain::UserId(author),
        author_name,
        body,
        created_at: balie_domain::Timestamp(created_at),
        hidden,
    }
}

pub(crate) type ArticleRow = (i64, i64, i64, bool, Option<i64>, i64, i64);
pub(crate) type TextRow = (i64, String, String, String, bool, i64);

/// Articles from their rows and the rows of their texts (any order).
pub(crate) fn articles_from_rows(
    articles: Vec<ArticleRow>,
    texts: Vec<TextRow>,
) -> Vec<balie_domain::KbArticle> {
    let mut by_article: std::collections::HashMap<i64, Vec<balie_domain::KbText>> =
        std::collections::HashMap::new();
    for (article, language, title, body, published, updated_at) in texts {
        by_article
            .entry(article)
            .or_default()
            .push(balie_domain::KbText {
                language: super::language(&language),
                title,
                body,
                published,
                updated_at: balie_domain::Timestamp(updated_at),
            });
    }
    articles
        .into_iter()
        .map(
            |(id, section, position, outage_open, author, created_at, updated_at)| {
                let mut texts = by_article.remove(&id).unwrap_or_default();
                texts.sort_by_key(|t| t.language != balie_domain::Language::Nl);
                balie_domain::KbArticle {
                    id,
                    section,
                    position,
                    outage_open,
                    author: author.map(balie_domain::UserId),
                    created_at: balie_domain::Timestamp(created_at),
                    updated_at: balie_domain::Timestamp(updated_at),
                    texts,
                }
            },
        )
        .collect()
}

macro_rules! kb_sql {
    ($tx:ident) => {
        impl $tx {
            async fn bump_kb_revision(&mut self) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE kb_state SET revision = revision + 1 WHERE id = 1")
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::contract::KbTx for $tx {
            async fn kb_revision(&mut self) -> Result<i64, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT revision FROM kb_state WHERE id = 1")
                    .fetch_one(&mut *self.tx)
                    .await?)
            }

            async fn kb_categories(&mut self) -> Result<Vec<d::KbCategory>, $crate::StoreError> {
                let rows: Vec<(i64, i64, String, String, String, String, String)> = sqlx::query_as(
                    "SELECT id, position, icon, name_nl, name_en, description_nl, description_en
                     FROM kb_categories ORDER BY position, id",
                )
                .fetch_all(&mut *self.tx)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, position, icon, name_nl, name_en, text_nl, text_en)| d::KbCategory {
                        id,
                        position,
                        icon,
                        name: d::Bilingual::new(name_nl, name_en),
                        description: d::Bilingual::new(text_nl, text_en),
                    })
                    .collect())
            }

            async fn save_kb_category(&mut self, c: &d::KbCategory) -> Result<Option<i64>, $crate::StoreError> {
                let id: Option<i64> = if c.id == 0 {
                    sqlx::query_scalar(
                        "INSERT INTO kb_categories (position, icon, name_nl, name_en, description_nl, description_en)
                         VALUES (CASE WHEN $1 > 0 THEN $1 ELSE (SELECT COALESCE(MAX(position), 0) + 1 FROM kb_categories) END,
                                 $2, $3, $4, $5, $6)
                         RETURNING id",
                    )
                    .bind(c.position)
                    .bind(&c.icon)
                    .bind(&c.name.nl)
                    .bind(&c.name.en)
                    .bind(&c.description.nl)
                    .bind(&c.description.en)
                    .fetch_optional(&mut *self.tx)
                    .await?
                } else {
                    sqlx::query_scalar(
                        "UPDATE kb_categories SET position = CASE WHEN $2 > 0 THEN $2 ELSE position END, icon = $3, name_nl = $4, name_en = $5,
                            description_nl = $6, description_en = $7
                         WHERE id = $1 RETURNING id",
                    )
                    .bind(c.id)
                    .bind(c.position)
                    .bind(&c.icon)
                    .bind(&c.name.nl)
                    .bind(&c.name.en)
                    .bind(&c.description.nl)
                    .bind(&c.description.en)
                    .fetch_optional(&mut *self.tx)
                    .await?
                };
                self.bump_kb_revision().await?;
                Ok(id)
            }

            async fn kb_sections(&mut self) -> Result<Vec<d::KbSection>, $crate::StoreError> {
                let rows: Vec<(i64, i64, i64, Option<String>, String, String, String, String)> = sqlx::query_as(
                    "SELECT s.id, s.category_id, s.position, s.key, s.name_nl, s.name_en,
                            s.description_nl, s.description_en
                     FROM kb_sections s JOIN kb_categories c ON c.id = s.category_id
                     ORDER BY c.position, c.id, s.position, s.id",
                )
                .fetch_all(&mut *self.tx)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, category, position, key, name_nl, name_en, text_nl, text_en)| d::KbSection {
                        id,
                        category,
                        position,
                        key,
                        name: d::Bilingual::new(name_nl, name_en),
                        description: d::Bilingual::new(text_nl, text_en),
                    })
                    .collect())
            }

            async fn save_kb_section(&mut self, s: &d::KbSection) -> Result<Option<i64>, $crate::StoreError> {
                let id: Option<i64> = if s.id == 0 {
                    sqlx::query_scalar(
                        "INSERT INTO kb_sections (category_id, position, key, name_nl, name_en, description_nl, description_en)
                         VALUES ($1, CASE WHEN $2 > 0 THEN $2 ELSE
                                    (SELECT COALESCE(MAX(position), 0) + 1 FROM kb_sections WHERE category_id = $1) END,
                                 $3, $4, $5, $6, $7)
                         RETURNING id",
                    )
                    .bind(s.category)
                    .bind(s.position)
                    .bind(&s.key)
                    .bind(&s.name.nl)
                    .bind(&s.name.en)
                    .bind(&s.description.nl)
                    .bind(&s.description.en)
                    .fetch_optional(&mut *self.tx)
                    .await?
                } else {
                    sqlx::query_scalar(
                        "UPDATE kb_sections SET category_id = $2, position = CASE WHEN $3 > 0 THEN $3 ELSE position END, name_nl = $4, name_en = $5,
                            description_nl = $6, description_en = $7
                         WHERE id = $1 RETURNING id",
                    )
                    .bind(s.id)
                    .bind(s.category)
                    .bind(s.position)
                    .bind(&s.name.nl)
                    .bind(&s.name.en)
                    .bind(&s.description.nl)
                    .bind(&s.description.en)
                    .fetch_optional(&mut *self.tx)
                    .await?
                };
                self.bump_kb_revision().await?;
                Ok(id)
            }

            async fn kb_article(&mut self, id: i64) -> Result<Option<d::KbArticle>, $crate::StoreError> {
                let articles: Vec<$crate::sql::kb::ArticleRow> = sqlx::query_as(
                    "SELECT id, section_id, position, outage_open, author_id, created_at, updated_at
                     FROM kb_articles WHERE id = $1",
                )
                .bind(id)
                .fetch_all(&mut *self.tx)
                .await?;
                let texts: Vec<$crate::sql::kb::TextRow> = sqlx::query_as(
                    "SELECT article_id, language, title, body, published, updated_at
                     FROM kb_article_texts WHERE article_id = $1",
                )
                .bind(id)
                .fetch_all(&mut *self.tx)
                .await?;
                Ok($crate::sql::kb::articles_from_rows(articles, texts).pop())
            }

            async fn kb_articles(&mut self, section: Option<i64>) -> Result<Vec<d::KbArticle>, $crate::StoreError> {
                let articles: Vec<$crate::sql::kb::ArticleRow> = sqlx::query_as(
                    "SELECT id, section_id, position, outage_open, author_id, created_at, updated_at
                     FROM kb_articles WHERE ($1 IS NULL OR section_id = $1)
                     ORDER BY section_id, position, id",
                )
                .bind(section)
                .fetch_all(&mut *self.tx)
                .await?;
                let texts: Vec<$crate::sql::kb::TextRow> = sqlx::query_as(
                    "SELECT t.article_id, t.language, t.title, t.body, t.published, t.updated_at
                     FROM kb_article_texts t JOIN kb_articles a ON a.id = t.article_id
                     WHERE ($1 IS NULL OR a.section_id = $1)",
                )
                .bind(section)
                .fetch_all(&mut *self.tx)
                .await?;
                Ok($crate::sql::kb::articles_from_rows(articles, texts))
            }

            async fn save_kb_article(&mut self, a: &d::KbArticle) -> Result<Option<i64>, $crate::StoreError> {
                let id: Option<i64> = if a.id == 0 {
                    sqlx::query_scalar(
                        "INSERT INTO kb_articles (section_id, position, outage_open, author_id, created_at, updated_at)
                         VALUES ($1, CASE WHEN $2 > 0 THEN $2 ELSE
                                    (SELECT COALESCE(MAX(position), 0) + 1 FROM kb_articles WHERE section_id = $1) END,
                                 $3, $4, $5, $5)
                         RETURNING id",
                    )
                    .bind(a.section)
                    .bind(a.position)
                    .bind(a.outage_open)
                    .bind(a.author.map(|u| u.0))
                    .bind(a.updated_at.0)
                    .fetch_optional(&mut *self.tx)
                    .await?
                } else {
                    sqlx::query_scalar(
                        "UPDATE kb_articles SET section_id = $2, position = CASE WHEN $3 > 0 THEN $3 ELSE position END, outage_open = $4, updated_at = $5
                         WHERE id = $1 RETURNING id",
                    )
                    .bind(a.id)
                    .bind(a.section)
                    .bind(a.position)
                    .bind(a.outage_open)
                    .bind(a.updated_at.0)
                    .fetch_optional(&mut *self.tx)
                    .await?
                };
                let Some(id) = id else {
                    return Ok(None);
                };
                let kept: Vec<&str> = a.texts.iter().map(|t| t.language.code()).collect();
                for code in ["nl", "en"].into_iter().filter(|c| !kept.contains(c)) {
                    sqlx::query("DELETE FROM kb_article_texts WHERE article_id = $1 AND language = $2")
                        .bind(id)
                        .bind(code)
                        .execute(&mut *self.tx)
                        .await?;
                }
                for text in &a.texts {
                    sqlx::query(
                        "INSERT INTO kb_article_texts (article_id, language, title, body, published, updated_at)
                         VALUES ($1, $2, $3, $4, $5, $6)
                         ON CONFLICT (article_id, language) DO UPDATE SET title = excluded.title,
                            body = excluded.body, published = excluded.published, updated_at = excluded.updated_at",
                    )
                    .bind(id)
                    .bind(text.language.code())
                    .bind(&text.title)
                    .bind(&text.body)
                    .bind(text.published)
                    .bind(text.updated_at.0)
                    .execute(&mut *self.tx)
                    .await?;
                }
                self.bump_kb_revision().await?;
                Ok(Some(id))
            }

            async fn announce_kb_article(&mut self, id: i64, at: d::Timestamp) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE kb_articles SET announced_at = $2 WHERE id = $1 AND announced_at IS NULL",
                )
                .bind(id)
                .bind(at.0)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn add_kb_comment(
                &mut self,
                article: i64,
                author: d::UserId,
                body: &str,
                at: d::Timestamp,
            ) -> Result<i64, $crate::StoreError> {
                Ok(sqlx::query_scalar(
                    "INSERT INTO kb_comments (article_id, author_id, body, created_at) VALUES ($1, $2, $3, $4)
                     RETURNING id",
                )
                .bind(article)
                .bind(author.0)
                .bind(body)
                .bind(at.0)
                .fetch_one(&mut *self.tx)
                .await?)
            }

            async fn kb_comment(&mut self, id: i64) -> Result<Option<d::KbComment>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM kb_comments c JOIN users u ON u.id = c.author_id WHERE c.id = $1",
                    $crate::sql::kb::KB_COMMENT_COLUMNS
                );
                let row: Option<$crate::sql::kb::CommentRow> =
                    sqlx::query_as(&sql).bind(id).fetch_optional(&mut *self.tx).await?;
                Ok(row.map($crate::sql::kb::comment_from_row))
            }

            async fn kb_comments(&mut self, article: i64) -> Result<Vec<d::KbComment>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM kb_comments c JOIN users u ON u.id = c.author_id
                     WHERE c.article_id = $1 ORDER BY c.created_at, c.id",
                    $crate::sql::kb::KB_COMMENT_COLUMNS
                );
                let rows: Vec<$crate::sql::kb::CommentRow> =
                    sqlx::query_as(&sql).bind(article).fetch_all(&mut *self.tx).await?;
                Ok(rows.into_iter().map($crate::sql::kb::comment_from_row).collect())
            }

            async fn kb_comments_by(&mut self, author: d::UserId, limit: i64) -> Result<Vec<d::KbComment>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM kb_comments c JOIN users u ON u.id = c.author_id
                     WHERE c.author_id = $1 ORDER BY c.created_at DESC, c.id DESC LIMIT $2",
                    $crate::sql::kb::KB_COMMENT_COLUMNS
                );
                let rows: Vec<$crate::sql::kb::CommentRow> = sqlx::query_as(&sql)
                    .bind(author.0)
                    .bind(limit)
                    .fetch_all(&mut *self.tx)
                    .await?;
                Ok(rows.into_iter().map($crate::sql::kb::comment_from_row).collect())
            }

            async fn recent_kb_comments(&mut self, limit: i64) -> Result<Vec<d::KbComment>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM kb_comments c JOIN users u ON u.id = c.author_id
                     ORDER BY c.created_at DESC, c.id DESC LIMIT $1",
                    $crate::sql::kb::KB_COMMENT_COLUMNS
                );
                let rows: Vec<$crate::sql::kb::CommentRow> =
                    sqlx::query_as(&sql).bind(limit).fetch_all(&mut *self.tx).await?;
                Ok(rows.into_iter().map($crate::sql::kb::comment_from_row).collect())
            }

            async fn set_kb_comment_hidden(&mut self, id: i64, hidden: bool) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query("UPDATE kb_comments SET hidden = $2 WHERE id = $1")
                    .bind(id)
                    .bind(hidden)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn vote_kb_article(
                &mut self,
                article: i64,
                user: d::UserId,
                helpful: bool,
                at: d::Timestamp,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO kb_votes (article_id, user_id, helpful, voted_at) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (article_id, user_id) DO UPDATE SET helpful = excluded.helpful,
                        voted_at = excluded.voted_at",
                )
                .bind(article)
                .bind(user.0)
                .bind(helpful)
                .bind(at.0)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn kb_votes(&mut self, article: i64) -> Result<(i64, i64), $crate::StoreError> {
                let rows: Vec<(bool, i64)> = sqlx::query_as(
                    "SELECT helpful, COUNT(*) FROM kb_votes WHERE article_id = $1 GROUP BY helpful",
                )
                .bind(article)
                .fetch_all(&mut *self.tx)
                .await?;
                let count = |wanted: bool| {
                    rows.iter()
                        .find(|(helpful, _)| *helpful == wanted)
                        .map_or(0, |(_, n)| *n)
                };
                Ok((count(true), count(false)))
            }

            async fn kb_vote_of(&mut self, article: i64, user: d::UserId) -> Result<Option<bool>, $crate::StoreError> {
                Ok(sqlx::query_scalar(
                    "SELECT helpful FROM kb_votes WHERE article_id = $1 AND user_id = $2",
                )
                .bind(article)
                .bind(user.0)
                .fetch_optional(&mut *self.tx)
                .await?)
            }

            async fn follow_kb(&mut self, user: d::UserId, follow: d::KbFollow, at: d::Timestamp) -> Result<(), $crate::StoreError> {
                let (kind, id) = follow.target.code();
                sqlx::query(
                    "INSERT INTO kb_follows (user_id, target_type, target_id, with_comments, created_at)
                     VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (user_id, target_type, target_id) DO UPDATE SET
                        with_comments = excluded.with_comments",
                )
                .bind(user.0)
                .bind(kind)
                .bind(id)
                .bind(follow.with_comments)
                .bind(at.0)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn unfollow_kb(&mut self, user: d::UserId, target: d::FollowTarget) -> Result<bool, $crate::StoreError> {
                let (kind, id) = target.code();
                let done = sqlx::query(
                    "DELETE FROM kb_follows WHERE user_id = $1 AND target_type = $2 AND target_id = $3",
                )
                .bind(user.0)
                .bind(kind)
                .bind(id)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn kb_follows_of(&mut self, user: d::UserId) -> Result<Vec<d::KbFollow>, $crate::StoreError> {
                let rows: Vec<(String, i64, bool)> = sqlx::query_as(
                    "SELECT target_type, target_id, with_comments FROM kb_follows WHERE user_id = $1
                     ORDER BY created_at DESC, target_type, target_id",
                )
                .bind(user.0)
                .fetch_all(&mut *self.tx)
                .await?;
                Ok(rows
                    .into_iter()
                    .filter_map(|(kind, id, with_comments)| {
                        d::FollowTarget::from_code(&kind, id).map(|target| d::KbFollow { target, with_comments })
                    })
                    .collect())
            }

            async fn kb_followers(&mut self, target: d::FollowTarget, comments: bool) -> Result<Vec<d::UserId>, $crate::StoreError> {
                let (kind, id) = target.code();
                let ids: Vec<i64> = sqlx::query_scalar(
                    "SELECT user_id FROM kb_follows
                     WHERE target_type = $1 AND target_id = $2 AND (with_comments OR NOT $3)
                     ORDER BY user_id",
                )
                .bind(kind)
                .bind(id)
                .bind(comments && kind == "section")
                .fetch_all(&mut *self.tx)
                .await?;
                Ok(ids.into_iter().map(d::UserId).collect())
            }
        }
    };
}

pub(crate) use kb_sql;
