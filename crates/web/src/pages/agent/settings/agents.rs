//! "Agents" for administrators (D1): who answers for Customer Support, with their role, groups
//! and whether they have set their password, and the form that invites a new agent.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Response};
use balie_app::accounts::{AgentsOverview, NewAgent};
use balie_domain::{DomainError, GroupId, Language, UserId};
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::extract::{AgentUser, CsrfForm, CsrfToken, Path};
use crate::pages::kit::dates::When;
use crate::pages::kit::{DoneQuery, FormError, Layout, form_answer, render};

const PATH: &str = "/agent/settings/agents";

struct AgentRow {
    href: String,
    name: String,
    email: String,
    role: String,
    groups: String,
    /// "vandaag 10:34", or nothing when they never signed in.
    last_sign_in: Option<When>,
    status: String,
}

/// A group as the invitation offers it: `(id, name, ticked)`.
type GroupChoice = (i64, String, bool);

#[derive(Template)]
#[template(path = "agent/settings/agents.html")]
struct AgentsPage<'a> {
    layout: Layout<'a>,
    agents: Vec<AgentRow>,
    groups: Vec<GroupChoice>,
    form: InviteForm,
    flash: Option<String>,
    error: Option<FormError>,
}

impl<'a> AgentsPage<'a> {
    /// The agents of `overview`, and the invitation form as typed (empty the first time).
    fn new(
        layout: Layout<'a>,
        overview: &AgentsOverview,
        form: InviteForm,
        done: &Option<String>,
        error: Option<FormError>,
    ) -> Self {
        let tr = layout.tr;
        let agents = overview
            .agents
            .iter()
            .map(|a| {
                let admin = matches!(a.user.kind, balie_domain::UserKind::Agent { admin: true });
                let names: Vec<&str> = a.groups.iter().map(|g| g.name.as_str()).collect();
                AgentRow {
                    href: format!("{PATH}/{}", a.user.id),
                    name: a.user.display_name(),
                    email: a
                        .user
                        .email
                        .as_ref()
                        .map(|e| e.to_string())
                        .unwrap_or_default(),
                    role: tr.t(if admin {
                        "agent-role-admin"
                    } else {
                        "agent-role-agent"
                    }),
                    groups: names.join(", "),
                    last_sign_in: a.last_sign_in.map(|at| When::of(&tr, at, layout.now)),
                    status: tr.t(match (&a.user.blocked_at, a.user.has_password) {
                        (Some(_), _) => "contacts-access-blocked",
                        (None, true) => "contacts-access-active",
                        (None, false) => "contacts-access-invited",
                    }),
                }
            })
            .collect();
        let groups = overview
            .groups
            .iter()
            .map(|g| {
                let ticked = form.groups.contains(&g.id.0.to_string());
                (g.id.0, g.name.clone(), ticked)
            })
            .collect();
        let flash = match done.as_deref() {
            Some("invited") => Some(tr.t("agents-invited")),
            Some("saved") => Some(tr.t("saved")),
            _ => None,
        };
        AgentsPage {
            agents,
            groups,
            form,
            flash,
            error,
            layout,
        }
    }
}

/// The invitation as typed; `group` repeats.
#[derive(Default)]
pub struct InviteForm {
    first_name: String,
    last_name: String,
    email: String,
    role: String,
    groups: Vec<String>,
}

impl<'de> Deserialize<'de> for InviteForm {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let pairs: Vec<(String, String)> = Vec::deserialize(d)?;
        let mut form = InviteForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "first_name" => form.first_name = v,
                "last_name" => form.last_name = v,
                "email" => form.email = v,
                "role" => form.role = v,
                "group" => form.groups.push(v),
                _ => {}
            }
        }
        Ok(form)
    }
}

impl InviteForm {
    /// The new agent as the use case takes them; a role or group that is not one of the
    /// choices is refused with its field's message.
    fn new_agent(&self, language: Language) -> Result<NewAgent, DomainError> {
        let (admin, groups) = role_and_groups(&self.role, &self.groups)?;
        Ok(NewAgent {
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            email: self.email.clone(),
            admin,
            groups,
            language,
        })
    }
}

async fn page(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    form: InviteForm,
    done: &Option<String>,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let overview = state.app.agents_overview(&agent.actor()).await?;
    let user = &agent.session.user;
    let tr = state.app.i18n().for_lang(user.language);
    let layout = Layout::new(state, tr, "agents-title", csrf, PATH)
        .signed_in(user, crate::pages::kit::SETTINGS_TAB);
    render(&AgentsPage::new(layout, &overview, form, done, error))
}

pub async fn show(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    axum::extract::Query(q): axum::extract::Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let form = InviteForm {
        role: "agent".into(),
        ..InviteForm::default()
    };
    page(&state, &agent, &csrf, form, &q.done, None)
        .await
        .map(Html)
}

pub async fn invite(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> Result<Response, WebError> {
    let actor = agent.actor();
    let result = match form.new_agent(agent.session.user.language) {
        Ok(new) => state.app.invite_agent(Some(&actor), &new).await,
        Err(e) => Err(e.into()),
    };
    form_answer(
        &state,
        agent.session.user.language,
        result,
        |_| format!("{PATH}?done=invited"),
        |error| page(&state, &agent, &csrf, form, &None, Some(error)),
    )
    .await
}

#[derive(Template)]
#[template(path = "agent/settings/agent.html")]
struct AgentPage<'a> {
    layout: Layout<'a>,
    action: String,
    email: String,
    form: RoleForm,
    groups: Vec<GroupChoice>,
    error: Option<FormError>,
}

impl<'a> AgentPage<'a> {
    /// `agent`'s role and groups as stored, or as typed after a refusal.
    fn new(
        mut layout: Layout<'a>,
        agent: &balie_app::accounts::AgentSummary,
        all: &[balie_app::Group],
        typed: Option<RoleForm>,
        error: Option<FormError>,
    ) -> Self {
        layout.title = agent.user.display_name();
        let admin = matches!(
            agent.user.kind,
            balie_domain::UserKind::Agent { admin: true }
        );
        let form = typed.unwrap_or_else(|| RoleForm {
            role: if admin { "admin" } else { "agent" }.into(),
            groups: agent.groups.iter().map(|g| g.id.0.to_string()).collect(),
        });
        AgentPage {
            action: format!("{PATH}/{}", agent.user.id),
            email: agent
                .user
                .email
                .as_ref()
                .map(|e| e.to_string())
                .unwrap_or_default(),
            groups: all
                .iter()
                .map(|g| {
                    (
                        g.id.0,
                        g.name.clone(),
                        form.groups.contains(&g.id.0.to_string()),
                    )
                })
                .collect(),
            form,
            error,
            layout,
        }
    }
}

/// An agent's role and groups as ticked; `group` repeats.
#[derive(Default)]
pub struct RoleForm {
    role: String,
    groups: Vec<String>,
}

impl<'de> Deserialize<'de> for RoleForm {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let pairs: Vec<(String, String)> = Vec::deserialize(d)?;
        let mut form = RoleForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "role" => form.role = v,
                "group" => form.groups.push(v),
                _ => {}
            }
        }
        Ok(form)
    }
}

/// Administrator or not, and the groups, as ticked on either form; a choice that is not one
/// is refused at its field.
fn role_and_groups(role: &str, groups: &[String]) -> Result<(bool, Vec<GroupId>), DomainError> {
    let admin = match role {
        "agent" => false,
        "admin" => true,
        _ => return Err(DomainError::on_field("error-choice-unknown", "role")),
    };
    let groups = groups
        .iter()
        .map(|g| {
            g.trim()
                .parse::<i64>()
                .map(GroupId)
                .map_err(|_| DomainError::on_field("error-group-unknown", "groups"))
        })
        .collect::<Result<_, _>>()?;
    Ok((admin, groups))
}

async fn agent_page(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    id: UserId,
    typed: Option<RoleForm>,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let (summary, groups) = state.app.agent_for_admin(&agent.actor(), id).await?;
    let user = &agent.session.user;
    let tr = state.app.i18n().for_lang(user.language);
    let path = format!("{PATH}/{id}");
    let layout = Layout::new(state, tr, "agents-title", csrf, &path)
        .signed_in(user, crate::pages::kit::SETTINGS_TAB);
    render(&AgentPage::new(layout, &summary, &groups, typed, error))
}

pub async fn show_agent(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(id): Path<UserId>,
) -> Result<Html<String>, WebError> {
    agent_page(&state, &agent, &csrf, id, None, None)
        .await
        .map(Html)
}

pub async fn update_agent(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(id): Path<UserId>,
    CsrfForm(form): CsrfForm<RoleForm>,
) -> Result<Response, WebError> {
    let result = match role_and_groups(&form.role, &form.groups) {
        Ok((admin, groups)) => {
            state
                .app
                .update_agent(&agent.actor(), id, admin, &groups)
                .await
        }
        Err(e) => Err(e.into()),
    };
    form_answer(
        &state,
        agent.session.user.language,
        result,
        |()| format!("{PATH}?done=saved"),
        |error| agent_page(&state, &agent, &csrf, id, Some(form), Some(error)),
    )
    .await
}
