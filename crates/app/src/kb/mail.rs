//! The e-mails of following (F3, F4): one per new article to its section's followers, one per
//! new comment to the article's followers and those of its section who asked for comments. Each
//! person gets one, in their language, through the outbox; the writer gets none, and neither do
//! people without a portal address.

use crate::notify::Letter;
use crate::work::Work;
use crate::{App, AppError};
use balie_domain::{FollowTarget, KbArticle, UserId};

/// What the e-mail tells of.
enum News<'a> {
    Article,
    Comment { by: &'a str, body: &'a str },
}

impl App {
    /// Tells the followers of `article`'s section that it was published.
    pub(super) async fn announce_article(
        &self,
        tx: &mut Work<'_>,
        article: &KbArticle,
        author: UserId,
    ) -> Result<(), AppError> {
        let followers = tx
            .kb_followers(FollowTarget::Section(article.section), false)
            .await?;
        self.tell(tx, article, &followers, author, News::Article)
            .await
    }

    /// Tells the followers of `article` (and of its section's comments) of a new comment.
    pub(super) async fn announce_comment(
        &self,
        tx: &mut Work<'_>,
        article: &KbArticle,
        author: UserId,
        body: &str,
    ) -> Result<(), AppError> {
        let mut followers = tx
            .kb_followers(FollowTarget::Article(article.id), true)
            .await?;
        followers.extend(
            tx.kb_followers(FollowTarget::Section(article.section), true)
                .await?,
        );
        let by = tx
            .user(author)
            .await?
            .map(|u| u.display_name())
            .unwrap_or_default();
        let news = News::Comment { by: &by, body };
        self.tell(tx, article, &followers, author, news).await
    }

    async fn tell(
        &self,
        tx: &mut Work<'_>,
        article: &KbArticle,
        followers: &[UserId],
        author: UserId,
        news: News<'_>,
    ) -> Result<(), AppError> {
        let mut ids: Vec<UserId> = followers.iter().copied().filter(|u| *u != author).collect();
        ids.sort();
        ids.dedup();
        if ids.is_empty() {
            return Ok(());
        }
        let section = tx
            .kb_sections()
            .await?
            .into_iter()
            .find(|s| s.id == article.section);
        let link = self.config.link(&format!("/kb/articles/{}", article.id));
        for person in tx.users_by_ids(&ids).await? {
            // Blocked accounts still hear: a block after wrong passwords must not silence them.
            let Some(address) = &person.email else {
                continue;
            };
            let Some(text) = article.published_text(person.language) else {
                continue;
            };
            let tr = self.i18n.for_lang(person.language);
            let section_name = section.as_ref().map_or("", |s| s.name.get(person.language));
            let args = [("title", text.title.as_str()), ("section", section_name)];
            let (subject, mut body) = match news {
                News::Article => (
                    tr.t_args("mail-kb-article-subject", &args),
                    vec![tr.t_args("mail-kb-article-body", &args)],
                ),
                News::Comment { by, body } => (
                    tr.t_args("mail-kb-comment-subject", &args),
                    vec![
                        tr.t_args(
                            "mail-kb-comment-body",
                            &[("title", &text.title), ("name", by)],
                        ),
                        body.to_string(),
                    ],
                ),
            };
            body.retain(|p| !p.trim().is_empty());
            let name = person.display_name();
            let mail = self.compose(Letter {
                to: address,
                name: &name,
                greet: &person.first_name,
                language: person.language,
                subject,
                body,
                action: Some(("mail-kb-action", link.as_str())),
                after: vec![tr.t("mail-kb-after")],
            })?;
            tx.mail(&mail).await?;
        }
        Ok(())
    }
}
