//! The first page after signing in: the customer's home and the agent's.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::AppState;
use crate::error::WebError;
use crate::extract::{AgentUser, CsrfToken, MaybeUser};
use crate::pages::kit::tickets::{TicketRow, row, view_count};
use crate::pages::kit::{Layout, render, role_names};
use balie_app::accounts::Profile;
use balie_app::tickets::{AgentView, ListFilter, ListedTickets, StatusFilter, TicketList};
use balie_domain::{TicketForm, User};

#[derive(Template)]
#[template(path = "home/home.html")]
struct HomePage<'a> {
    layout: Layout<'a>,
    waiting: Vec<TicketRow>,
    history: Vec<TicketRow>,
    first_name: String,
    organisation: String,
    roles: Vec<String>,
}

#[derive(Template)]
#[template(path = "home/agent_home.html")]
struct AgentHomePage<'a> {
    layout: Layout<'a>,
    first_name: String,
    admin: bool,
    groups: Vec<String>,
    /// `(code, label, count)` of the workspace's views.
    views: Vec<(&'static str, String, String)>,
}

impl<'a> HomePage<'a> {
    /// `waiting` are the reader's tickets that wait for them, `mine` all of theirs.
    fn new(
        layout: Layout<'a>,
        user: &User,
        profile: Profile,
        forms: &[TicketForm],
        waiting: &ListedTickets,
        mine: &ListedTickets,
    ) -> Self {
        let (tr, now) = (layout.tr, layout.now);
        let rows = |list: &ListedTickets| {
            list.tickets
                .iter()
                .map(|t| row(&tr, forms, t, now))
                .collect()
        };
        HomePage {
            waiting: rows(waiting),
            history: rows(mine),
            first_name: user.first_name.clone(),
            organisation: profile.organisation.map(|o| o.name).unwrap_or_default(),
            roles: role_names(&tr, &user.kind),
            layout,
        }
    }
}

impl<'a> AgentHomePage<'a> {
    fn new(
        layout: Layout<'a>,
        agent: &AgentUser,
        profile: Profile,
        counts: Vec<(AgentView, i64)>,
    ) -> Self {
        let tr = layout.tr;
        AgentHomePage {
            first_name: agent.session.user.first_name.clone(),
            admin: agent.admin,
            groups: profile.groups,
            views: counts
                .into_iter()
                .map(|(v, n)| {
                    let label = tr.t(&format!("agent-view-{}", v.code()));
                    (v.code(), label, view_count(n))
                })
                .collect(),
            layout,
        }
    }
}

/// `/`: a contact's home; agents go to theirs, visitors to the sign-in page.
pub async fn home(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    MaybeUser(session): MaybeUser,
) -> Result<Response, WebError> {
    let Some(session) = session else {
        return Ok(Redirect::to("/login").into_response());
    };
    let user = &session.user;
    if user.is_agent() {
        return Ok(Redirect::to("/agent").into_response());
    }
    let actor = user.actor();
    let profile = state.app.profile(user).await?;
    let forms = state.app.ticket_forms().await?;
    let waiting_filter = ListFilter {
        status: Some(StatusFilter::Waiting),
        ..ListFilter::default()
    };
    let waiting = state
        .app
        .ticket_list(&actor, TicketList::Mine, &waiting_filter)
        .await?;
    let mine = state
        .app
        .ticket_list(&actor, TicketList::Mine, &ListFilter::default())
        .await?;
    let tr = state.app.i18n().for_lang(user.language);
    let layout = Layout::new(&state, tr, "home-title", &csrf, "/").signed_in(user, "/");
    let page = HomePage::new(layout, user, profile, &forms, &waiting, &mine);
    Ok(Html(render(&page)?).into_response())
}

pub async fn agent_home(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
) -> Result<Html<String>, WebError> {
    let user = &agent.session.user;
    let profile = state.app.profile(user).await?;
    let counts = state.app.agent_view_counts(&agent.actor()).await?;
    let tr = state.app.i18n().for_lang(user.language);
    let layout =
        Layout::new(&state, tr, "agent-home-title", &csrf, "/agent").signed_in(user, "/agent");
    render(&AgentHomePage::new(layout, &agent, profile, counts)).map(Html)
}
