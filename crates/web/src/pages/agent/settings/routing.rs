//! "Routering" for administrators (C4, D6, D7): the rules that put a new ticket in a group by
//! form and main category, tried in order, and the group that gets subscription changes.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Response};
use balie_app::tickets::{NewRoutingRule, RoutingSettings};
use balie_domain::{DomainError, RoutingRule};
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::extract::{AgentUser, CsrfForm, CsrfToken, Path};
use crate::pages::kit::{DoneQuery, FormError, Layout, form_answer, optional_id, render};

const PATH: &str = "/agent/settings/routing";

struct RuleRow {
    id: balie_domain::RoutingRuleId,
    position: usize,
    form: String,
    category: String,
    group: String,
}

impl RuleRow {
    /// The rule at `position`, its form, category and group named from `settings` in `tr`'s
    /// language; a missing form or category reads as `any`.
    fn new(
        tr: &balie_app::Tr<'_>,
        settings: &RoutingSettings,
        any: &str,
        position: usize,
        r: &RoutingRule,
    ) -> Self {
        let lang = tr.lang;
        RuleRow {
            id: r.id,
            position,
            form: r
                .form
                .and_then(|f| settings.forms.iter().find(|x| x.id == f))
                .map_or_else(|| any.to_string(), |f| f.name.get(lang).to_string()),
            category: r
                .category
                .and_then(|c| settings.categories.iter().find(|x| x.id == c))
                .map_or_else(|| any.to_string(), |c| c.name.get(lang).to_string()),
            group: settings
                .groups
                .iter()
                .find(|g| g.id == r.group)
                .map(|g| g.name.clone())
                .unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "agent/settings/routing.html")]
struct RoutingPage<'a> {
    layout: Layout<'a>,
    rules: Vec<RuleRow>,
    /// `(id, name, selected)` for each select.
    forms: Vec<(i64, String)>,
    categories: Vec<(i64, String)>,
    groups: Vec<(i64, String, bool)>,
    flash: Option<String>,
    error: Option<FormError>,
}

impl<'a> RoutingPage<'a> {
    /// The rules and choices of `settings`; `done` is what was just done.
    fn new(
        layout: Layout<'a>,
        settings: &RoutingSettings,
        done: &Option<String>,
        error: Option<FormError>,
    ) -> Self {
        let tr = layout.tr;
        let lang = tr.lang;
        let any = tr.t("routing-any");
        RoutingPage {
            rules: settings
                .rules
                .iter()
                .enumerate()
                .map(|(i, r)| RuleRow::new(&tr, settings, &any, i + 1, r))
                .collect(),
            forms: settings
                .forms
                .iter()
                .map(|f| (f.id.0, f.name.get(lang).to_string()))
                .collect(),
            categories: settings
                .categories
                .iter()
                .map(|c| (c.id.0, c.name.get(lang).to_string()))
                .collect(),
            groups: settings
                .groups
                .iter()
                .map(|g| (g.id.0, g.name.clone(), g.handles_billing))
                .collect(),
            flash: match done.as_deref() {
                Some("saved") => Some(tr.t("saved")),
                _ => None,
            },
            error,
            layout,
        }
    }
}

#[derive(Deserialize)]
pub struct RuleForm {
    #[serde(default)]
    form: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    group: String,
}

impl TryFrom<&RuleForm> for NewRoutingRule {
    type Error = DomainError;

    /// A choice that is not an id is refused with its field's message.
    fn try_from(form: &RuleForm) -> Result<Self, DomainError> {
        Ok(NewRoutingRule {
            form: optional_id(&form.form, "form")?,
            category: optional_id(&form.category, "category")?,
            group: optional_id(&form.group, "group")?,
        })
    }
}

#[derive(Deserialize)]
pub struct BillingForm {
    #[serde(default)]
    group: String,
}

#[derive(Deserialize)]
pub struct NoFields {}

async fn page(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    done: &Option<String>,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let settings = state.app.routing_settings(&agent.actor()).await?;
    let user = &agent.session.user;
    let tr = state.app.i18n().for_lang(user.language);
    let layout = Layout::new(state, tr, "routing-title", csrf, PATH)
        .signed_in(user, crate::pages::kit::SETTINGS_TAB);
    render(&RoutingPage::new(layout, &settings, done, error))
}

pub async fn show(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    axum::extract::Query(q): axum::extract::Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    page(&state, &agent, &csrf, &q.done, None).await.map(Html)
}

pub async fn add_rule(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    CsrfForm(form): CsrfForm<RuleForm>,
) -> Result<Response, WebError> {
    let result = match NewRoutingRule::try_from(&form) {
        Ok(rule) => state.app.add_routing_rule(&agent.actor(), &rule).await,
        Err(e) => Err(e.into()),
    };
    settings_answer(&state, &agent, &csrf, result).await
}

/// The answer to a settings post: back to the page, or the page with the message.
async fn settings_answer<T>(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    result: Result<T, balie_app::AppError>,
) -> Result<Response, WebError> {
    form_answer(
        state,
        agent.session.user.language,
        result,
        |_| format!("{PATH}?done=saved"),
        |error| page(state, agent, csrf, &None, Some(error)),
    )
    .await
}

pub async fn delete_rule(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(id): Path<balie_domain::RoutingRuleId>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response, WebError> {
    let result = state.app.delete_routing_rule(&agent.actor(), id).await;
    settings_answer(&state, &agent, &csrf, result).await
}

pub async fn set_billing_group(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    CsrfForm(form): CsrfForm<BillingForm>,
) -> Result<Response, WebError> {
    let result = match optional_id(&form.group, "billing_group") {
        Ok(g) => state.app.set_billing_group(&agent.actor(), g).await,
        Err(e) => Err(e.into()),
    };
    settings_answer(&state, &agent, &csrf, result).await
}
