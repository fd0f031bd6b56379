//! "Kennisbank" for agents (D5): the form of an article, with its Dutch and English versions
//! (each a draft or published), its section, order and the open-outage switch.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, Response};
use balie_app::kb::{ArticleInput, KbShelves, TextInput};
use balie_domain::{KbArticle, Language};
use balie_domain::{Line, Text};
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::extract::{AgentUser, CsrfForm, CsrfToken, Path};
use crate::pages::agent::kb::layout;
use crate::pages::kit::{DoneQuery, FormError, Layout, form_answer, kb_flash, render};

#[derive(Deserialize, Default, Clone)]
pub struct ArticleForm {
    #[serde(default)]
    section: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    outage_open: Option<String>,
    #[serde(default)]
    title_nl: Line,
    #[serde(default)]
    body_nl: Text,
    #[serde(default)]
    published_nl: Option<String>,
    #[serde(default)]
    title_en: Line,
    #[serde(default)]
    body_en: Text,
    #[serde(default)]
    published_en: Option<String>,
}

#[derive(Template)]
#[template(path = "agent/kb/article.html")]
struct ArticlePage<'a> {
    layout: Layout<'a>,
    action: String,
    /// The public page of an article that exists, to preview it.
    public: Option<String>,
    form: ArticleForm,
    sections: Vec<(balie_domain::KbSectionId, String)>,
    error: Option<FormError>,
    flash: Option<String>,
}

impl<'a> ArticlePage<'a> {
    /// The form posted to `action`, of the article `existing` or a new one, with the sections
    /// of `kb` to choose from; `done` is what was just saved.
    fn new(
        layout: Layout<'a>,
        action: String,
        existing: Option<balie_domain::ArticleId>,
        form: ArticleForm,
        kb: &KbShelves,
        done: &Option<String>,
        error: Option<FormError>,
    ) -> Self {
        let tr = layout.tr;
        let lang = tr.lang;
        let sections = kb
            .sections
            .iter()
            .map(|s| {
                let category = kb.categories.iter().find(|c| c.id == s.category);
                let category = category.map_or("", |c| c.name.get(lang));
                (s.id, format!("{category} › {}", s.name.get(lang)))
            })
            .collect();
        ArticlePage {
            action,
            public: existing.map(|id| format!("/kb/articles/{id}")),
            form,
            sections,
            error,
            flash: kb_flash(&tr, done),
            layout,
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
            title_nl: Line::clean(&field(Language::Nl, |t| t.title.clone())),
            body_nl: Text::clean(&field(Language::Nl, |t| t.body.clone())),
            published_nl: published(Language::Nl),
            title_en: Line::clean(&field(Language::En, |t| t.title.clone())),
            body_en: Text::clean(&field(Language::En, |t| t.body.clone())),
            published_en: published(Language::En),
        }
    }

    fn input(&self) -> ArticleInput {
        ArticleInput {
            section: self.section.clone(),
            position: self.position.clone(),
            outage_open: self.outage_open.is_some(),
            nl: TextInput {
                title: self.title_nl.to_string(),
                body: self.body_nl.to_string(),
                published: self.published_nl.is_some(),
            },
            en: TextInput {
                title: self.title_en.to_string(),
                body: self.body_en.to_string(),
                published: self.published_en.is_some(),
            },
        }
    }
}

async fn article_page(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    existing: Option<balie_domain::ArticleId>,
    form: ArticleForm,
    done: &Option<String>,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let kb = state.app.kb_shelves(&agent.actor()).await?;
    let (action, key) = match existing {
        Some(id) => (format!("/agent/kb/articles/{id}"), "agent-kb-edit-article"),
        None => ("/agent/kb/articles/new".into(), "agent-kb-new-article"),
    };
    let layout = layout(state, agent, key, csrf, &action);
    let page = ArticlePage::new(layout, action, existing, form, &kb, done, error);
    render(&page)
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
    article_page(&state, &agent, &csrf, None, form, &None, None)
        .await
        .map(Html)
}

pub async fn edit_article(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(id): Path<balie_domain::ArticleId>,
    Query(q): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let article = state.app.kb_article_to_edit(&agent.actor(), id).await?;
    let form = ArticleForm::from_article(&article);
    article_page(&state, &agent, &csrf, Some(article.id), form, &q.done, None)
        .await
        .map(Html)
}

async fn store_article(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    existing: Option<balie_domain::ArticleId>,
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
            &None,
            Some(error),
        )
    };
    let lang = agent.session.user.language;
    form_answer(
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
    Path(id): Path<balie_domain::ArticleId>,
    CsrfForm(form): CsrfForm<ArticleForm>,
) -> Result<Response, WebError> {
    store_article(&state, &agent, &csrf, Some(id), form).await
}
