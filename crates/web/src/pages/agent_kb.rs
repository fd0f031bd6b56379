//! "Kennisbank" for agents (D5): the categories, sections and articles with the state of each
//! language version, and comment moderation. The forms are in `agent_kb_shelves` and
//! `agent_kb_articles`.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, Redirect};
use balie_app::kb::{KbOverview, ModeratedComment};
use balie_domain::{KbArticle, Language};
use serde::Deserialize;

use super::kb::{flash, id};
use super::organisation::DoneQuery;
use super::{Layout, render};
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
#[derive(Template)]
#[template(path = "agent/kb_comments.html")]
struct CommentsPage<'a> {
    layout: Layout<'a>,
    comments: Vec<ModeratedComment>,
    flash: Option<String>,
}

/// The management page's frame.
pub(crate) fn layout<'a>(
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
