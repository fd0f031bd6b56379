//! What signed-in people do with articles (F3, F5, F6): follow and unfollow sections and
//! articles, comment, vote "Was dit artikel nuttig?", and "Activiteiten" with "Bijdragen" and
//! "Volgend".

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use balie_app::kb::{Contribution, FollowedItem};
use balie_domain::Text;
use balie_domain::{FollowTarget, KbFollow};
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::extract::{CsrfForm, CsrfToken, CurrentUser, Lang, MaybeUser, Path};
use crate::pages::kb::reading::{Reader, article_page};
use crate::pages::kit::{DoneQuery, Layout, form_answer, format_timestamp, kb_flash, render};

#[derive(Deserialize, Default)]
pub struct FollowForm {
    /// "comments" to have new comments too ("Nieuwe artikelen en opmerkingen").
    #[serde(default)]
    level: String,
    /// Where to return to: the page the button was on.
    #[serde(default)]
    back: String,
}

#[derive(Deserialize, Default)]
pub struct CommentForm {
    #[serde(default)]
    body: Text,
}

#[derive(Deserialize, Default)]
pub struct VoteForm {
    #[serde(default)]
    helpful: String,
}

#[derive(Deserialize, Default)]
pub struct UnfollowForm {
    #[serde(default)]
    target: String,
}

#[derive(Template)]
#[template(path = "kb/activities.html")]
struct ActivitiesPage<'a> {
    layout: Layout<'a>,
    /// "contributions" or "following".
    tab: &'static str,
    contributions: Vec<Contribution>,
    following: Vec<FollowedItem>,
    flash: Option<String>,
}

impl<'a> ActivitiesPage<'a> {
    /// One tab of "Activiteiten": the other tab's list is empty.
    fn new(
        layout: Layout<'a>,
        tab: &'static str,
        contributions: Vec<Contribution>,
        following: Vec<FollowedItem>,
        done: &Option<String>,
    ) -> Self {
        let flash = kb_flash(&layout.tr, done);
        ActivitiesPage {
            layout,
            tab,
            contributions,
            following,
            flash,
        }
    }
}

/// Back to the page the button was on, or to `fallback`; only this portal's pages.
fn back_to(back: &str, fallback: String, done: &str) -> String {
    let path = match back {
        "/kb" | "/activities/following" => back.to_string(),
        b if b.starts_with("/kb/") && !b.contains("//") && !b.contains('?') => b.to_string(),
        _ => fallback,
    };
    format!("{path}?done={done}")
}

pub async fn follow_section(
    State(state): State<AppState>,
    CurrentUser(session): CurrentUser,
    Path(section): Path<balie_domain::KbSectionId>,
    CsrfForm(form): CsrfForm<FollowForm>,
) -> Result<Redirect, WebError> {
    let follow = KbFollow {
        target: FollowTarget::Section(section),
        with_comments: form.level == "comments",
    };
    state.app.follow_kb(&session.user.actor(), follow).await?;
    let to = back_to(&form.back, format!("/kb/sections/{section}"), "followed");
    Ok(Redirect::to(&to))
}

pub async fn unfollow_section(
    State(state): State<AppState>,
    CurrentUser(session): CurrentUser,
    Path(section): Path<balie_domain::KbSectionId>,
    CsrfForm(form): CsrfForm<FollowForm>,
) -> Result<Redirect, WebError> {
    let target = FollowTarget::Section(section);
    state.app.unfollow_kb(&session.user.actor(), target).await?;
    let to = back_to(&form.back, format!("/kb/sections/{section}"), "unfollowed");
    Ok(Redirect::to(&to))
}

pub async fn follow_article(
    State(state): State<AppState>,
    CurrentUser(session): CurrentUser,
    Path(article): Path<balie_domain::ArticleId>,
    CsrfForm(_): CsrfForm<FollowForm>,
) -> Result<Redirect, WebError> {
    let follow = KbFollow {
        target: FollowTarget::Article(article),
        with_comments: true,
    };
    state.app.follow_kb(&session.user.actor(), follow).await?;
    Ok(Redirect::to(&format!(
        "/kb/articles/{article}?done=followed"
    )))
}

pub async fn unfollow_article(
    State(state): State<AppState>,
    CurrentUser(session): CurrentUser,
    Path(article): Path<balie_domain::ArticleId>,
    CsrfForm(_): CsrfForm<FollowForm>,
) -> Result<Redirect, WebError> {
    let target = FollowTarget::Article(article);
    state.app.unfollow_kb(&session.user.actor(), target).await?;
    Ok(Redirect::to(&format!(
        "/kb/articles/{article}?done=unfollowed"
    )))
}

pub async fn comment(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    CurrentUser(session): CurrentUser,
    lang: Lang,
    Path(article): Path<balie_domain::ArticleId>,
    CsrfForm(form): CsrfForm<CommentForm>,
) -> Result<Response, WebError> {
    let actor = session.user.actor();
    let result = state
        .app
        .comment_on_article(&actor, article, &form.body)
        .await;
    let reader = Reader::new(MaybeUser(Some(session)), lang);
    let again = |error| async {
        let refused = Some((error, form.body.to_string()));
        article_page(&state, &reader, &csrf, article, None, &None, refused).await
    };
    let done = |_| format!("/kb/articles/{article}?done=commented#comments");
    form_answer(&state, reader.lang, result, done, again).await
}

pub async fn vote(
    State(state): State<AppState>,
    CurrentUser(session): CurrentUser,
    Path(article): Path<balie_domain::ArticleId>,
    CsrfForm(form): CsrfForm<VoteForm>,
) -> Result<Response, WebError> {
    let helpful = match form.helpful.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(WebError::BadRequest),
    };
    state
        .app
        .vote_on_article(&session.user.actor(), article, helpful)
        .await?;
    Ok(Redirect::to(&format!("/kb/articles/{article}?done=voted#vote")).into_response())
}

async fn activities_page(
    state: &AppState,
    user: &balie_domain::User,
    csrf: &str,
    tab: &'static str,
    done: &Option<String>,
) -> Result<String, WebError> {
    let actor = user.actor();
    let tr = state.app.i18n().for_lang(user.language);
    let (contributions, following) = match tab {
        "following" => (vec![], state.app.kb_following(&actor, user.language).await?),
        _ => (
            state.app.kb_contributions(&actor, user.language).await?,
            vec![],
        ),
    };
    let path = if tab == "following" {
        "/activities/following"
    } else {
        "/activities"
    };
    let layout = Layout::new(state, tr, "activities-title", csrf, path).signed_in(user, "");
    render(&ActivitiesPage::new(
        layout,
        tab,
        contributions,
        following,
        done,
    ))
}

pub async fn contributions(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    CurrentUser(session): CurrentUser,
) -> Result<Html<String>, WebError> {
    activities_page(&state, &session.user, &csrf, "contributions", &None)
        .await
        .map(Html)
}

pub async fn following(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    CurrentUser(session): CurrentUser,
    axum::extract::Query(q): axum::extract::Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    activities_page(&state, &session.user, &csrf, "following", &q.done)
        .await
        .map(Html)
}

/// "Volgend" → unfollow: `target` is "section-3" or "article-9".
pub async fn unfollow(
    State(state): State<AppState>,
    CurrentUser(session): CurrentUser,
    CsrfForm(form): CsrfForm<UnfollowForm>,
) -> Result<Redirect, WebError> {
    let target = form
        .target
        .split_once('-')
        .and_then(|(kind, n)| FollowTarget::from_code(kind, n.parse().ok()?))
        .ok_or(WebError::BadRequest)?;
    state.app.unfollow_kb(&session.user.actor(), target).await?;
    Ok(Redirect::to("/activities/following?done=unfollowed"))
}

pub(crate) fn when(at: &balie_domain::Timestamp) -> String {
    format_timestamp(*at)
}
