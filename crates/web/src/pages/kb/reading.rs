//! "Artikelen" (F1, F2, C2): the knowledge base's home of tiles, a category, a section, an
//! article, search results with highlighted words, and the suggestions the ticket form shows
//! while its subject is typed. Open to visitors unless the portal keeps it for signed-in people.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use balie_app::kb::{ArticleView, CategoryView, Found, Hit, KbHome, SectionView};
use balie_domain::SearchText;
use balie_domain::{Actor, Language, User};
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::extract::{CsrfToken, Lang, MaybeUser, Path};
use crate::pages::kit::lists::list_link;
use crate::pages::kit::{DoneQuery, FormError, Layout, format_timestamp, kb_flash, render};

const TAB: &str = "/kb";
/// Results a search page and the ticket form's suggestions show.
const RESULTS: usize = 20;
const SUGGESTIONS: usize = 5;
/// Pages of results a search goes to: the best 500 articles.
const MAX_PAGES: usize = 25;

/// The drawing of a category's icon; the names are those of `CATEGORY_ICONS`.
pub(crate) fn icon_paths(icon: &str) -> &'static str {
    match icon {
        "alert" => r#"<path d="M12 3 2 21h20z"/><path d="M12 10v5M12 18v.5"/>"#,
        "book" => {
            r#"<path d="M4 5h6a2 2 0 0 1 2 2v12H6a2 2 0 0 1-2-2z"/><path d="M20 5h-6a2 2 0 0 0-2 2v12h6a2 2 0 0 0 2-2z"/>"#
        }
        "calendar" => {
            r#"<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/>"#
        }
        "euro" => r#"<path d="M17 6a7 7 0 1 0 0 12"/><path d="M4 10h9M4 14h9"/>"#,
        "link" => {
            r#"<path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1"/><path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1"/>"#
        }
        "lock" => {
            r#"<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>"#
        }
        "users" => {
            r#"<circle cx="9" cy="8" r="3"/><path d="M3 20a6 6 0 0 1 12 0"/><circle cx="17" cy="9" r="2.5"/><path d="M16 14a5 5 0 0 1 5 6"/>"#
        }
        _ => r#"<path d="M14 7a4 4 0 0 0-5 5l-6 6 3 3 6-6a4 4 0 0 0 5-5l-2 2-3-3z"/>"#,
    }
}

/// Who reads, and in which language: a signed-in person's own, a visitor's from the browser.
pub(crate) struct Reader {
    pub user: Option<User>,
    pub lang: Language,
}

impl Reader {
    pub fn new(maybe: MaybeUser, Lang(lang): Lang) -> Self {
        let user = maybe.0.map(|s| s.user);
        let lang = user.as_ref().map_or(lang, |u| u.language);
        Reader { user, lang }
    }

    pub fn actor(&self) -> Option<Actor> {
        self.user.as_ref().map(User::actor)
    }

    pub fn layout<'a>(&self, state: &'a AppState, csrf: &str, path: &str) -> Layout<'a> {
        let tr = state.app.i18n().for_lang(self.lang);
        let layout = Layout::new(state, tr, "kb-title", csrf, path);
        match &self.user {
            Some(user) => {
                let tab = if user.is_agent() { "/agent/kb" } else { TAB };
                layout.signed_in(user, tab)
            }
            None => layout,
        }
    }
}

/// The link to an article's other language version, in that language.
pub(crate) fn version_key(lang: &Language) -> &'static str {
    match lang {
        Language::Nl => "kb-version-nl",
        Language::En => "kb-version-en",
    }
}

/// The mark on a listed article that has its title only in `lang`, another than the reader's.
pub(crate) fn only_in_key(lang: &Language) -> &'static str {
    match lang {
        Language::Nl => "kb-only-in-nl",
        Language::En => "kb-only-in-en",
    }
}

/// The note on an article page shown in `lang` because the article has no text in the
/// reader's language.
fn only_in_note_key(lang: Language) -> &'static str {
    match lang {
        Language::Nl => "kb-only-in-nl-note",
        Language::En => "kb-only-in-en-note",
    }
}

#[derive(Deserialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    q: SearchText,
    /// The page of results, from 0; anything else reads as the first.
    #[serde(default)]
    page: String,
}

#[derive(Deserialize, Default)]
pub struct ArticleQuery {
    lang: Option<String>,
    done: Option<String>,
}

#[derive(Template)]
#[template(path = "kb/home.html")]
struct HomePage<'a> {
    layout: Layout<'a>,
    home: KbHome,
    signed_in: bool,
    flash: Option<String>,
    query: String,
}

impl<'a> HomePage<'a> {
    /// The tiles of the knowledge base; `done` is the message of a change just made.
    fn new(layout: Layout<'a>, home: KbHome, reader: &Reader, done: &Option<String>) -> Self {
        let flash = kb_flash(&layout.tr, done);
        HomePage {
            layout,
            home,
            signed_in: reader.user.is_some(),
            flash,
            query: String::new(),
        }
    }
}

#[derive(Template)]
#[template(path = "kb/category.html")]
struct CategoryPage<'a> {
    layout: Layout<'a>,
    view: CategoryView,
}

impl<'a> CategoryPage<'a> {
    fn new(mut layout: Layout<'a>, view: CategoryView, lang: Language) -> Self {
        layout.title = view.category.name.get(lang).to_string();
        CategoryPage { layout, view }
    }
}

#[derive(Template)]
#[template(path = "kb/section.html")]
struct SectionPage<'a> {
    layout: Layout<'a>,
    view: SectionView,
    signed_in: bool,
    flash: Option<String>,
}

impl<'a> SectionPage<'a> {
    fn new(
        mut layout: Layout<'a>,
        view: SectionView,
        reader: &Reader,
        done: &Option<String>,
    ) -> Self {
        layout.title = view.section.name.get(reader.lang).to_string();
        let flash = kb_flash(&layout.tr, done);
        SectionPage {
            layout,
            view,
            signed_in: reader.user.is_some(),
            flash,
        }
    }
}

#[derive(Template)]
#[template(path = "kb/article.html")]
pub(crate) struct ArticlePage<'a> {
    pub layout: Layout<'a>,
    pub view: ArticleView,
    pub updated: String,
    pub signed_in: bool,
    pub flash: Option<String>,
    pub error: Option<FormError>,
    pub comment: String,
    /// "3 van 4 mensen vonden dit nuttig".
    pub helpful_count: String,
    /// That the article is only in another language than the reader's, when it is.
    pub only_in: Option<String>,
}

impl<'a> ArticlePage<'a> {
    /// The article with its votes; `refused` is a comment sent back with its message.
    pub fn new(
        mut layout: Layout<'a>,
        view: ArticleView,
        reader: &Reader,
        done: &Option<String>,
        refused: Option<(FormError, String)>,
    ) -> Self {
        layout.title = view.text.title.clone();
        let flash = kb_flash(&layout.tr, done);
        let (error, comment) = match refused {
            Some((error, comment)) => (Some(error), comment),
            None => (None, String::new()),
        };
        let (yes, no) = view.votes;
        let helpful_count = layout.tr.t_args(
            "kb-helpful-count",
            &[("yes", &yes.to_string()), ("no", &no.to_string())],
        );
        // A version the reader chose is no cause for a note; an article without theirs is.
        let only_in = (view.text.language != reader.lang && view.other_language.is_none())
            .then(|| layout.tr.t(only_in_note_key(view.text.language)));
        ArticlePage {
            helpful_count,
            only_in,
            updated: format_timestamp(view.text.updated_at),
            layout,
            view,
            signed_in: reader.user.is_some(),
            flash,
            error,
            comment,
        }
    }
}

#[derive(Template)]
#[template(path = "kb/search.html")]
struct SearchPage<'a> {
    layout: Layout<'a>,
    query: String,
    hits: Vec<Hit>,
    /// Articles that match, on every page together.
    total: usize,
    count_text: String,
    /// The next page of results, when there is one.
    next: Option<String>,
}

impl<'a> SearchPage<'a> {
    /// One page of `found` (the hits up to and past this page) for the words `query`.
    fn new(mut layout: Layout<'a>, query: &SearchText, page: usize, found: Found) -> Self {
        let Found { mut hits, total } = found;
        let next = (hits.len() > (page + 1) * RESULTS && page + 1 < MAX_PAGES).then(|| {
            let page = (page + 1).to_string();
            list_link("/kb/search", &[("q", query.trim()), ("page", &page)], None)
        });
        hits.truncate((page + 1) * RESULTS);
        let hits = hits.split_off((page * RESULTS).min(hits.len()));
        layout.title = layout.tr.t("kb-search-title");
        let query = query.trim().to_string();
        let count_text = match total {
            0 => layout.tr.t1("kb-search-count-none", "query", &query),
            1 => layout.tr.t1("kb-search-count-one", "query", &query),
            n => layout.tr.t_args(
                "kb-search-count",
                &[("count", &n.to_string()), ("query", &query)],
            ),
        };
        SearchPage {
            layout,
            query,
            hits,
            total,
            count_text,
            next,
        }
    }
}

#[derive(Template)]
#[template(path = "kb/_suggestions.html")]
struct Suggestions<'a> {
    tr: balie_app::Tr<'a>,
    hits: Vec<Hit>,
}

pub async fn home(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    maybe: MaybeUser,
    lang: Lang,
    Query(q): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let reader = Reader::new(maybe, lang);
    let home = state.app.kb_home(reader.actor().as_ref()).await?;
    let layout = reader.layout(&state, &csrf, TAB);
    render(&HomePage::new(layout, home, &reader, &q.done)).map(Html)
}

pub async fn category(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    maybe: MaybeUser,
    lang: Lang,
    Path(id): Path<balie_domain::KbCategoryId>,
) -> Result<Html<String>, WebError> {
    let reader = Reader::new(maybe, lang);
    let view = state
        .app
        .kb_category(reader.actor().as_ref(), id, reader.lang)
        .await?;
    let path = format!("/kb/categories/{}", view.category.id);
    let layout = reader.layout(&state, &csrf, &path);
    render(&CategoryPage::new(layout, view, reader.lang)).map(Html)
}

pub async fn section(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    maybe: MaybeUser,
    lang: Lang,
    Path(id): Path<balie_domain::KbSectionId>,
    Query(q): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let reader = Reader::new(maybe, lang);
    let view = state
        .app
        .kb_section(reader.actor().as_ref(), id, reader.lang)
        .await?;
    let path = format!("/kb/sections/{}", view.section.id);
    let layout = reader.layout(&state, &csrf, &path);
    render(&SectionPage::new(layout, view, &reader, &q.done)).map(Html)
}

/// The article page, with a refused comment's message when there is one.
pub(crate) async fn article_page(
    state: &AppState,
    reader: &Reader,
    csrf: &str,
    article: balie_domain::ArticleId,
    version: Option<Language>,
    flash_key: &Option<String>,
    refused: Option<(FormError, String)>,
) -> Result<String, WebError> {
    let view = state
        .app
        .kb_article(reader.actor().as_ref(), article, reader.lang, version)
        .await?;
    let path = format!("/kb/articles/{article}");
    let layout = reader.layout(state, csrf, &path);
    render(&ArticlePage::new(layout, view, reader, flash_key, refused))
}

pub async fn article(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    maybe: MaybeUser,
    lang: Lang,
    Path(id): Path<balie_domain::ArticleId>,
    Query(q): Query<ArticleQuery>,
) -> Result<Html<String>, WebError> {
    let reader = Reader::new(maybe, lang);
    let version = q.lang.as_deref().and_then(Language::from_code);
    article_page(&state, &reader, &csrf, id, version, &q.done, None)
        .await
        .map(Html)
}

pub async fn search(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    maybe: MaybeUser,
    lang: Lang,
    Query(q): Query<SearchQuery>,
) -> Result<Html<String>, WebError> {
    let reader = Reader::new(maybe, lang);
    let page = q.page.parse::<usize>().unwrap_or(0).min(MAX_PAGES - 1);
    let found = state
        .app
        .kb_search(
            reader.actor().as_ref(),
            &q.q,
            reader.lang,
            (page + 1) * RESULTS + 1,
        )
        .await?;
    let layout = reader.layout(&state, &csrf, TAB);
    render(&SearchPage::new(layout, &q.q, page, found)).map(Html)
}

/// The suggested articles for a subject being typed (C2): a piece of HTML the ticket form puts
/// under the subject. Stricter than search: only articles about the subject's meaningful words.
pub async fn suggest(
    State(state): State<AppState>,
    maybe: MaybeUser,
    lang: Lang,
    Query(q): Query<SearchQuery>,
) -> Result<Html<String>, WebError> {
    let reader = Reader::new(maybe, lang);
    let hits = state
        .app
        .kb_suggest(reader.actor().as_ref(), &q.q, reader.lang, SUGGESTIONS)
        .await?;
    let tr = state.app.i18n().for_lang(reader.lang);
    render(&Suggestions { tr, hits }).map(Html)
}
