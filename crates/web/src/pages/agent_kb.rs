//! "Kennisbank" for agents (D5): the categories, sections and articles with the state of each
//! language version, the forms to add and change them, and comment moderation.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, Redirect, Response};
use balie_app::kb::{
    ArticleInput, CategoryInput, KbOverview, ModeratedComment, SectionInput, ShelfTexts, TextInput,
};
use balie_domain::{CATEGORY_ICONS, KbArticle, KbCategory, KbSection, Language};
use serde::Deserialize;

use super::kb::{flash, id};
use super::organisation::DoneQuery;
use super::{FormError, Layout, form_answer_async, render};
use crate::AppState;
use crate::error::WebError;
use crate::extract::{AgentUser, CsrfForm, CsrfToken};

const TAB: &str = "/agent/kb";

#[derive(Template)]
#[template(path = "agent/kb.html")]
struct OverviewPage<'a> {
    layout: Layout<'a>,
    kb: KbOverview,
    flash: Option<String>,
}

/// The fields of a category or section as typed.
#[derive(Deserialize, Default, Clone)]
pub struct ShelfForm {
    #[serde(default)]
    category: String,
    #[serde(default)]
    icon: String,
    #[serde(default)]
    name_nl: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    description_nl: String,
    #[serde(default)]
    description_en: String,
    #[serde(default)]
    position: String,
}

#[derive(Template)]
#[template(path = "agent/kb_shelf.html")]
struct ShelfPage<'a> {
    layout: Layout<'a>,
    action: String,
    /// "category" or "section".
    what: &'static str,
    form: ShelfForm,
    categories: Vec<(i64, String)>,
    icons: Vec<(&'static str, String)>,
    error: Option<FormError>,
}

#[derive(Deserialize, Default, Clone)]
pub struct ArticleForm {
    #[serde(default)]
    section: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    outage_open: Option<String>,
    #[serde(default)]
    title_nl: String,
    #[serde(default)]
    body_nl: String,
    #[serde(default)]
    published_nl: Option<String>,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    body_en: String,
    #[serde(default)]
    published_en: Option<String>,
}

#[derive(Template)]
#[template(path = "agent/kb_article.html")]
struct ArticlePage<'a> {
    layout: Layout<'a>,
    action: String,
    /// The public page of an article that exists, to preview it.
    public: Option<String>,
    form: ArticleForm,
    sections: Vec<(i64, String)>,
    error: Option<FormError>,
    flash: Option<String>,
}

#[derive(Template)]
#[template(path = "agent/kb_comments.html")]
struct CommentsPage<'a> {
    layout: Layout<'a>,
    comments: Vec<ModeratedComment>,
    flash: Option<String>,
}

impl ShelfForm {
    fn from_category(c: &KbCategory) -> Self {
        ShelfForm {
            icon: c.icon.clone(),
            name_nl: c.name.nl.clone(),
            name_en: c.name.en.clone(),
            description_nl: c.description.nl.clone(),
            description_en: c.description.en.clone(),
            position: c.position.to_string(),
            ..Default::default()
        }
    }

    fn from_section(s: &KbSection) -> Self {
        ShelfForm {
            category: s.category.to_string(),
            name_nl: s.name.nl.clone(),
            name_en: s.name.en.clone(),
            description_nl: s.description.nl.clone(),
            description_en: s.description.en.clone(),
            position: s.position.to_string(),
            ..Default::default()
        }
    }

    fn texts(&self) -> ShelfTexts {
        ShelfTexts {
            name_nl: self.name_nl.clone(),
            name_en: self.name_en.clone(),
            description_nl: self.description_nl.clone(),
            description_en: self.description_en.clone(),
        }
    }

    fn category(&self) -> CategoryInput {
        CategoryInput {
            texts: self.texts(),
            icon: self.icon.clone(),
            position: self.position.clone(),
        }
    }

    fn section(&self) -> SectionInput {
        SectionInput {
            texts: self.texts(),
            category: self.category.clone(),
            position: self.position.clone(),
        }
    }
}

impl ArticleForm {
    fn from_article(a: &KbArticle) -> Self {
        let text = |lang| a.text(lang);
        let field =
            |lang, f: fn(&balie_domain::KbText) -> String| text(lang).map(f).unwrap_or_default();
        let published = |lang| {
            text(lang)
                .is_some_and(|t| t.published)
                .then(|| "on".to_string())
        };
        ArticleForm {
            section: a.section.to_string(),
            position: a.position.to_string(),
            outage_open: a.outage_open.then(|| "on".to_string()),
            title_nl: field(Language::Nl, |t| t.title.clone()),
            body_nl: field(Language::Nl, |t| t.body.clone()),
            published_nl: published(Language::Nl),
            title_en: field(Language::En, |t| t.title.clone()),
            body_en: field(Language::En, |t| t.body.clone()),
            published_en: published(Language::En),
        }
    }

    fn input(&self) -> ArticleInput {
        ArticleInput {
            section: self.section.clone(),
            position: self.position.clone(),
            outage_open: self.outage_open.is_some(),
            nl: TextInput {
                title: self.title_nl.clone(),
                body: self.body_nl.clone(),
                published: self.published_nl.is_some(),
            },
            en: TextInput {
                title: self.title_en.clone(),
                body: self.body_en.clone(),
                published: self.published_en.is_some(),
            },
        }
    }
}

/// The management page's frame.
fn layout<'a>(
    state: &'a AppState,
    agent: &AgentUser,
    key: &str,
    csrf: &str,
    path: &str,
) -> Layout<'a> {
    let user = &agent.session.user;
    let tr = state.app.i18n.for_lang(user.language);
    Layout::new(state, tr, key, csrf, path).signed_in(user, TAB)
}

pub async fn overview(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Query(q): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let kb = state.app.kb_overview(&agent.actor()).await?;
    let layout = layout(&state, &agent, "agent-kb-title", &csrf, TAB);
    let flash = flash(&layout.tr, &q.done);
    render(&OverviewPage { layout, kb, flash }).map(Html)
}

/// The shelf form (a category or a section), new or existing.
async fn shelf_page(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    what: &'static str,
    existing: Option<i64>,
    form: ShelfForm,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let kb = state.app.kb_overview(&agent.actor()).await?;
    let lang = agent.session.user.language;
    let (action, key) = match (what, existing) {
        ("category", Some(id)) => (
            format!("/agent/kb/categories/{id}"),
            "agent-kb-edit-category",
        ),
        ("category", None) => ("/agent/kb/categories/new".into(), "agent-kb-new-category"),
        (_, Some(id)) => (format!("/agent/kb/sections/{id}"), "agent-kb-edit-section"),
        (_, None) => ("/agent/kb/sections/new".into(), "agent-kb-new-section"),
    };
    let layout = layout(state, agent, key, csrf, &action);
    let icons = CATEGORY_ICONS
        .iter()
        .map(|i| (*i, layout.tr.t(&format!("kb-icon-{i}"))))
        .collect();
    let categories = kb
        .categories
        .iter()
        .map(|c| (c.id, c.name.get(lang).to_string()))
        .collect();
    render(&ShelfPage {
        layout,
        action,
        what,
        form,
        categories,
        icons,
        error,
    })
}

async fn show_category(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    existing: Option<i64>,
) -> Result<Html<String>, WebError> {
    let form = match existing {
        Some(wanted) => {
            let kb = state.app.kb_overview(&agent.actor()).await?;
            let found = kb
                .categories
                .iter()
                .find(|c| c.id == wanted)
                .ok_or(WebError::NotFound)?;
            ShelfForm::from_category(found)
        }
        None => ShelfForm {
            icon: "book".into(),
            ..Default::default()
        },
    };
    shelf_page(state, agent, csrf, "category", existing, form, None)
        .await
        .map(Html)
}

async fn store_category(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    existing: Option<i64>,
    form: ShelfForm,
) -> Result<Response, WebError> {
    let result = state
        .app
        .save_kb_category(&agent.actor(), existing, &form.category())
        .await;
    let again = |error| {
        shelf_page(
            state,
            agent,
            csrf,
            "category",
            existing,
            form.clone(),
            Some(error),
        )
    };
    let lang = agent.session.user.language;
    form_answer_async(
        state,
        lang,
        result,
        |_| "/agent/kb?done=saved".into(),
        again,
    )
    .await
}

async fn show_section(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    existing: Option<i64>,
) -> Result<Html<String>, WebError> {
    let form = match existing {
        Some(wanted) => {
            let kb = state.app.kb_overview(&agent.actor()).await?;
            let found = kb
                .sections
                .iter()
                .find(|s| s.id == wanted)
                .ok_or(WebError::NotFound)?;
            ShelfForm::from_section(found)
        }
        None => ShelfForm::default(),
    };
    shelf_page(state, agent, csrf, "section", existing, form, None)
        .await
        .map(Html)
}

async fn store_section(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    existing: Option<i64>,
    form: ShelfForm,
) -> Result<Response, WebError> {
    let result = state
        .app
        .save_kb_section(&agent.actor(), existing, &form.section())
        .await;
    let again = |error| {
        shelf_page(
            state,
            agent,
            csrf,
            "section",
            existing,
            form.clone(),
            Some(error),
        )
    };
    let lang = agent.session.user.language;
    form_answer_async(
        state,
        lang,
        result,
        |_| "/agent/kb?done=saved".into(),
        again,
    )
    .await
}

pub async fn new_category(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
) -> Result<Html<String>, WebError> {
    show_category(&state, &agent, &csrf, None).await
}

pub async fn edit_category(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(raw): Path<String>,
) -> Result<Html<String>, WebError> {
    show_category(&state, &agent, &csrf, Some(id(&raw)?)).await
}

pub async fn create_category(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    CsrfForm(form): CsrfForm<ShelfForm>,
) -> Result<Response, WebError> {
    store_category(&state, &agent, &csrf, None, form).await
}

pub async fn update_category(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(raw): Path<String>,
    CsrfForm(form): CsrfForm<ShelfForm>,
) -> Result<Response, WebError> {
    store_category(&state, &agent, &csrf, Some(id(&raw)?), form).await
}

pub async fn new_section(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
) -> Result<Html<String>, WebError> {
    show_section(&state, &agent, &csrf, None).await
}

pub async fn edit_section(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(raw): Path<String>,
) -> Result<Html<String>, WebError> {
    show_section(&state, &agent, &csrf, Some(id(&raw)?)).await
}

pub async fn create_section(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    CsrfForm(form): CsrfForm<ShelfForm>,
) -> Result<Response, WebError> {
    store_section(&state, &agent, &csrf, None, form).await
}

pub async fn update_section(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(raw): Path<String>,
    CsrfForm(form): CsrfForm<ShelfForm>,
) -> Result<Response, WebError> {
    store_section(&state, &agent, &csrf, Some(id(&raw)?), form).await
}

async fn article_page(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    existing: Option<i64>,
    form: ArticleForm,
    error: Option<FormError>,
    flash: Option<String>,
) -> Result<String, WebError> {
    let kb = state.app.kb_overview(&agent.actor()).await?;
    let lang = agent.session.user.language;
    let (action, key) = match existing {
        Some(id) => (format!("/agent/kb/articles/{id}"), "agent-kb-edit-article"),
        None => ("/agent/kb/articles/new".into(), "agent-kb-new-article"),
    };
    let layout = layout(state, agent, key, csrf, &action);
    let sections = kb
        .sections
        .iter()
        .map(|s| {
            let category = kb.categories.iter().find(|c| c.id == s.category);
            let category = category.map_or("", |c| c.name.get(lang));
            (s.id, format!("{category} › {}", s.name.get(lang)))
        })
        .collect();
    render(&ArticlePage {
        layout,
        action,
        public: existing.map(|id| format!("/kb/articles/{id}")),
        form,
        sections,
        error,
        flash,
    })
}

#[derive(Deserialize, Default)]
pub struct NewArticleQuery {
    section: Option<String>,
}

pub async fn new_article(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Query(q): Query<NewArticleQuery>,
) -> Result<Html<String>, WebError> {
    let form = ArticleForm {
        section: q.section.unwrap_or_default(),
        ..Default::default()
    };
    article_page(&state, &agent, &csrf, None, form, None, None)
        .await
        .map(Html)
}

pub async fn edit_article(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(raw): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let article = state
        .app
        .kb_article_to_edit(&agent.actor(), id(&raw)?)
        .await?;
    let form = ArticleForm::from_article(&article);
    let tr = state.app.i18n.for_lang(agent.session.user.language);
    let saved = flash(&tr, &q.done);
    article_page(&state, &agent, &csrf, Some(article.id), form, None, saved)
        .await
        .map(Html)
}

async fn store_article(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    existing: Option<i64>,
    form: ArticleForm,
) -> Result<Response, WebError> {
    let result = state
        .app
        .save_kb_article(&agent.actor(), existing, &form.input())
        .await;
    let again = |error| {
        article_page(
            state,
            agent,
            csrf,
            existing,
            form.clone(),
            Some(error),
            None,
        )
    };
    let lang = agent.session.user.language;
    form_answer_async(
        state,
        lang,
        result,
        |id| format!("/agent/kb/articles/{id}?done=saved"),
        again,
    )
    .await
}

pub async fn create_article(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    CsrfForm(form): CsrfForm<ArticleForm>,
) -> Result<Response, WebError> {
    store_article(&state, &agent, &csrf, None, form).await
}

pub async fn update_article(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(raw): Path<String>,
    CsrfForm(form): CsrfForm<ArticleForm>,
) -> Result<Response, WebError> {
    store_article(&state, &agent, &csrf, Some(id(&raw)?), form).await
}

pub async fn comments(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Query(q): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let lang = agent.session.user.language;
    let comments = state.app.comments_to_moderate(&agent.actor(), lang).await?;
    let layout = layout(
        &state,
        &agent,
        "agent-kb-comments",
        &csrf,
        "/agent/kb/comments",
    );
    let flash = flash(&layout.tr, &q.done);
    render(&CommentsPage {
        layout,
        comments,
        flash,
    })
    .map(Html)
}

#[derive(Deserialize)]
pub struct NoFields {}

pub async fn hide_comment(
    State(state): State<AppState>,
    agent: AgentUser,
    Path(raw): Path<String>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Redirect, WebError> {
    state
        .app
        .moderate_kb_comment(&agent.actor(), id(&raw)?, true)
        .await?;
    Ok(Redirect::to("/agent/kb/comments?done=saved"))
}

pub async fn show_comment(
    State(state): State<AppState>,
    agent: AgentUser,
    Path(raw): Path<String>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Redirect, WebError> {
    state
        .app
        .moderate_kb_comment(&agent.actor(), id(&raw)?, false)
        .await?;
    Ok(Redirect::to("/agent/kb/comments?done=saved"))
}

/// The state of an article's version in `lang`, as a translation key.
pub(crate) fn version_state(article: &KbArticle, lang: &str) -> &'static str {
    match Language::from_code(lang).and_then(|l| article.text(l)) {
        Some(t) if t.published => "agent-kb-published",
        Some(_) => "kb-draft",
        None => "agent-kb-missing",
    }
}
