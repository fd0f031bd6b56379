//! "Kennisbank" for agents (D5): the categories, sections and articles with the state of each
//! language version, and comment moderation. The forms are in `agent_kb_shelves` and
//! `agent_kb_articles`.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, Redirect};
use balie_app::kb::{KbOverview, ModeratedComment};
use balie_domain::{KbArticle, KbCategory, KbSection, Language};
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::extract::{AgentUser, CsrfForm, CsrfToken, Path};
use crate::pages::agent::kb::{TAB, layout};
use crate::pages::kit::{DoneQuery, Layout, id, kb_flash, render};

/// Articles a section shows on the overview; the rest are a link away.
const ROWS_PER_SECTION: usize = 20;

/// A section on the overview: its first articles in reading order, and how many it has.
struct SectionRows {
    section: KbSection,
    articles: Vec<KbArticle>,
    total: usize,
}

struct CategoryRows {
    category: KbCategory,
    sections: Vec<SectionRows>,
}

#[derive(Template)]
#[template(path = "agent/kb/home.html")]
struct OverviewPage<'a> {
    layout: Layout<'a>,
    categories: Vec<CategoryRows>,
    /// Set when one section is shown whole.
    one_section: bool,
    /// Administrators add and change categories and sections; agents write the articles.
    admin: bool,
    flash: Option<String>,
}

impl<'a> OverviewPage<'a> {
    /// The rows of `kb`, or of the one section `only`; `done` is what was just done.
    fn new(
        layout: Layout<'a>,
        kb: KbOverview,
        only: Option<balie_domain::KbSectionId>,
        admin: bool,
        done: &Option<String>,
    ) -> Self {
        let flash = kb_flash(&layout.tr, done);
        OverviewPage {
            layout,
            categories: rows(kb, only),
            one_section: only.is_some(),
            admin,
            flash,
        }
    }
}

#[derive(Deserialize, Default)]
pub struct OverviewQuery {
    done: Option<String>,
    /// One section's id, to list all of its articles.
    section: Option<String>,
}

/// The overview's rows: every category and section, or only `only`, with their articles.
fn rows(kb: KbOverview, only: Option<balie_domain::KbSectionId>) -> Vec<CategoryRows> {
    let mut articles = kb.articles;
    kb.categories
        .into_iter()
        .filter_map(|category| {
            let sections: Vec<SectionRows> = kb
                .sections
                .iter()
                .filter(|s| s.category == category.id && only.is_none_or(|id| id == s.id))
                .map(|section| {
                    let (mine, rest): (Vec<KbArticle>, Vec<KbArticle>) =
                        std::mem::take(&mut articles)
                            .into_iter()
                            .partition(|a| a.section == section.id);
                    articles = rest;
                    let total = mine.len();
                    let shown = if only.is_some() {
                        total
                    } else {
                        ROWS_PER_SECTION
                    };
                    SectionRows {
                        section: section.clone(),
                        articles: mine.into_iter().take(shown).collect(),
                        total,
                    }
                })
                .collect();
            (only.is_none() || !sections.is_empty()).then_some(CategoryRows { category, sections })
        })
        .collect()
}

#[derive(Template)]
#[template(path = "agent/kb/comments.html")]
struct CommentsPage<'a> {
    layout: Layout<'a>,
    comments: Vec<ModeratedComment>,
    flash: Option<String>,
}

impl<'a> CommentsPage<'a> {
    fn new(layout: Layout<'a>, comments: Vec<ModeratedComment>, done: &Option<String>) -> Self {
        let flash = kb_flash(&layout.tr, done);
        CommentsPage {
            layout,
            comments,
            flash,
        }
    }
}

pub async fn overview(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Query(q): Query<OverviewQuery>,
) -> Result<Html<String>, WebError> {
    let only = q.section.as_deref().map(id).transpose()?;
    let kb = state.app.kb_overview(&agent.actor()).await?;
    if only.is_some_and(|wanted| !kb.sections.iter().any(|s| s.id == wanted)) {
        return Err(WebError::NotFound);
    }
    let layout = layout(&state, &agent, "agent-kb-title", &csrf, TAB);
    render(&OverviewPage::new(layout, kb, only, agent.admin, &q.done)).map(Html)
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
    render(&CommentsPage::new(layout, comments, &q.done)).map(Html)
}

#[derive(Deserialize)]
pub struct NoFields {}

pub async fn hide_comment(
    State(state): State<AppState>,
    agent: AgentUser,
    Path(id): Path<balie_domain::KbCommentId>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Redirect, WebError> {
    state
        .app
        .moderate_kb_comment(&agent.actor(), id, true)
        .await?;
    Ok(Redirect::to("/agent/kb/comments?done=saved"))
}

pub async fn show_comment(
    State(state): State<AppState>,
    agent: AgentUser,
    Path(id): Path<balie_domain::KbCommentId>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Redirect, WebError> {
    state
        .app
        .moderate_kb_comment(&agent.actor(), id, false)
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
