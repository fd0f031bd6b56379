//! The knowledge base (F1-F6): categories shown as tiles, their sections, and articles with a
//! Dutch and an English text, each a draft or published. Readers only ever see published texts.

use crate::{ArticleId, KbCategoryId, KbCommentId, KbSectionId, Language, Timestamp, UserId};

/// The section the product itself points people to ("Storing en onderhoud", F4).
pub const OUTAGE_SECTION_KEY: &str = "outages";

/// The icons a category tile may have; the page draws each.
pub const CATEGORY_ICONS: [&str; 8] = [
    "alert", "book", "calendar", "euro", "link", "lock", "users", "wrench",
];

/// A text in both languages; a reader gets theirs, or the other when theirs is empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bilingual {
    pub nl: String,
    pub en: String,
}

impl Bilingual {
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Bilingual {
            nl: nl.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Language) -> &str {
        let (mine, other) = match lang {
            Language::Nl => (&self.nl, &self.en),
            Language::En => (&self.en, &self.nl),
        };
        if mine.trim().is_empty() { other } else { mine }
    }
}

/// A tile of the knowledge base's home.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbCategory {
    pub id: KbCategoryId,
    pub position: i64,
    pub icon: String,
    pub name: Bilingual,
    pub description: Bilingual,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbSection {
    pub id: KbSectionId,
    pub category: KbCategoryId,
    pub position: i64,
    /// Set for sections the product refers to, such as [`OUTAGE_SECTION_KEY`].
    pub key: Option<String>,
    pub name: Bilingual,
    pub description: Bilingual,
}

impl KbSection {
    pub fn is_outages(&self) -> bool {
        self.key.as_deref() == Some(OUTAGE_SECTION_KEY)
    }
}

/// One language's version of an article, as written in Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbText {
    pub language: Language,
    pub title: String,
    pub body: String,
    pub published: bool,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbArticle {
    pub id: ArticleId,
    pub section: KbSectionId,
    pub position: i64,
    /// An outage or maintenance that is still going on: a banner on every portal page.
    pub outage_open: bool,
    pub author: Option<UserId>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Both languages' versions that exist, drafts too.
    pub texts: Vec<KbText>,
}

impl KbArticle {
    pub fn is_published(&self) -> bool {
        self.texts.iter().any(|t| t.published)
    }

    /// The published text a reader of `lang` gets: theirs, or else the other language's.
    pub fn published_text(&self, lang: Language) -> Option<&KbText> {
        let published = || self.texts.iter().filter(|t| t.published);
        published()
            .find(|t| t.language == lang)
            .or_else(|| published().next())
    }

    /// The text in `lang`, draft or not (for editing).
    pub fn text(&self, lang: Language) -> Option<&KbText> {
        self.texts.iter().find(|t| t.language == lang)
    }
}

/// What one can follow (F3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FollowTarget {
    Section(KbSectionId),
    Article(ArticleId),
}

impl FollowTarget {
    pub fn code(self) -> (&'static str, i64) {
        match self {
            FollowTarget::Section(id) => ("section", id.0),
            FollowTarget::Article(id) => ("article", id.0),
        }
    }

    pub fn from_code(kind: &str, id: i64) -> Option<Self> {
        match kind {
            "section" => Some(FollowTarget::Section(KbSectionId(id))),
            "article" => Some(FollowTarget::Article(ArticleId(id))),
            _ => None,
        }
    }
}

/// A follow: of a section, new articles and perhaps their comments too; of an article, its
/// new comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KbFollow {
    pub target: FollowTarget,
    pub with_comments: bool,
}

/// A comment under an article (F6), with its writer's name for showing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbComment {
    pub id: KbCommentId,
    pub article: ArticleId,
    pub author: UserId,
    pub author_name: String,
    pub body: String,
    pub created_at: Timestamp,
    /// Taken off the page by an agent (D5); kept for the record.
    pub hidden: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(language: Language, published: bool) -> KbText {
        KbText {
            language,
            title: format!("{language:?}"),
            body: String::new(),
            published,
            updated_at: Timestamp(0),
        }
    }

    fn article(texts: Vec<KbText>) -> KbArticle {
        KbArticle {
            id: ArticleId(1),
            section: KbSectionId(1),
            position: 0,
            outage_open: false,
            author: None,
            created_at: Timestamp(0),
            updated_at: Timestamp(0),
            texts,
        }
    }

    #[test]
    fn readers_get_their_language_or_the_other_published_one() {
        let both = article(vec![text(Language::Nl, true), text(Language::En, true)]);
        assert_eq!(
            both.published_text(Language::En).map(|t| t.language),
            Some(Language::En)
        );
        let english_draft = article(vec![text(Language::Nl, true), text(Language::En, false)]);
        assert_eq!(
            english_draft
                .published_text(Language::En)
                .map(|t| t.language),
            Some(Language::Nl)
        );
        let drafts = article(vec![text(Language::Nl, false)]);
        assert!(drafts.published_text(Language::Nl).is_none());
        assert!(!drafts.is_published());
    }

    #[test]
    fn bilingual_falls_back_when_a_language_is_empty() {
        let name = Bilingual::new("Storing en onderhoud", "");
        assert_eq!(name.get(Language::En), "Storing en onderhoud");
        assert_eq!(Bilingual::new("a", "b").get(Language::En), "b");
    }

    #[test]
    fn follow_targets_round_trip() {
        for target in [
            FollowTarget::Section(KbSectionId(3)),
            FollowTarget::Article(ArticleId(9)),
        ] {
            let (kind, id) = target.code();
            assert_eq!(FollowTarget::from_code(kind, id), Some(target));
        }
        assert_eq!(FollowTarget::from_code("ticket", 1), None);
    }
}
