//! "Kennisbank" for agents (D5): the forms that add and change categories (tiles) and their
//! sections.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Response};
use balie_app::kb::{CategoryInput, KbShelves, SectionInput, ShelfTexts};
use balie_domain::{CATEGORY_ICONS, KbCategory, KbCategoryId, KbSection, KbSectionId};
use balie_domain::{Line, Text};
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::extract::{AgentUser, CsrfForm, CsrfToken, Path};
use crate::pages::agent::kb::layout;
use crate::pages::kit::{FormError, Layout, form_answer, render};

#[derive(Deserialize, Default, Clone)]
pub struct ShelfForm {
    #[serde(default)]
    category: String,
    #[serde(default)]
    icon: Line,
    #[serde(default)]
    name_nl: Line,
    #[serde(default)]
    name_en: Line,
    #[serde(default)]
    description_nl: Text,
    #[serde(default)]
    description_en: Text,
    #[serde(default)]
    position: String,
}

#[derive(Template)]
#[template(path = "agent/kb/shelf.html")]
struct ShelfPage<'a> {
    layout: Layout<'a>,
    action: String,
    /// "category" or "section".
    what: &'static str,
    form: ShelfForm,
    categories: Vec<(KbCategoryId, String)>,
    icons: Vec<(&'static str, String)>,
    error: Option<FormError>,
}

impl<'a> ShelfPage<'a> {
    /// The form of a `kind` of shelf posted to `action`, with the categories of `shelves` to
    /// put a section in.
    fn new(
        layout: Layout<'a>,
        action: String,
        kind: ShelfKind,
        shelves: &KbShelves,
        form: ShelfForm,
        error: Option<FormError>,
    ) -> Self {
        let tr = layout.tr;
        let what = match kind {
            ShelfKind::Category => "category",
            ShelfKind::Section => "section",
        };
        let icons = CATEGORY_ICONS
            .iter()
            .map(|i| (*i, tr.t(&format!("kb-icon-{i}"))))
            .collect();
        let categories = shelves
            .categories
            .iter()
            .map(|c| (c.id, c.name.get(tr.lang).to_string()))
            .collect();
        ShelfPage {
            layout,
            action,
            what,
            form,
            categories,
            icons,
            error,
        }
    }
}

impl ShelfForm {
    fn from_category(c: &KbCategory) -> Self {
        ShelfForm {
            icon: Line::clean(&c.icon),
            name_nl: Line::clean(&c.name.nl),
            name_en: Line::clean(&c.name.en),
            description_nl: Text::clean(&c.description.nl),
            description_en: Text::clean(&c.description.en),
            position: c.position.to_string(),
            ..Default::default()
        }
    }

    fn from_section(s: &KbSection) -> Self {
        ShelfForm {
            category: s.category.to_string(),
            name_nl: Line::clean(&s.name.nl),
            name_en: Line::clean(&s.name.en),
            description_nl: Text::clean(&s.description.nl),
            description_en: Text::clean(&s.description.en),
            position: s.position.to_string(),
            ..Default::default()
        }
    }

    fn texts(&self) -> ShelfTexts {
        ShelfTexts {
            name_nl: self.name_nl.to_string(),
            name_en: self.name_en.to_string(),
            description_nl: self.description_nl.to_string(),
            description_en: self.description_en.to_string(),
        }
    }

    fn category(&self) -> CategoryInput {
        CategoryInput {
            texts: self.texts(),
            icon: self.icon.to_string(),
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

/// The shelf form (a category or a section), new or existing.
async fn shelf_page(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    shelves: &KbShelves,
    (kind, existing): (ShelfKind, Option<i64>),
    form: ShelfForm,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let (action, key) = match (kind, existing) {
        (ShelfKind::Category, Some(id)) => (
            format!("/agent/kb/categories/{id}"),
            "agent-kb-edit-category",
        ),
        (ShelfKind::Category, None) => ("/agent/kb/categories/new".into(), "agent-kb-new-category"),
        (ShelfKind::Section, Some(id)) => {
            (format!("/agent/kb/sections/{id}"), "agent-kb-edit-section")
        }
        (ShelfKind::Section, None) => ("/agent/kb/sections/new".into(), "agent-kb-new-section"),
    };
    let layout = layout(state, agent, key, csrf, &action);
    render(&ShelfPage::new(layout, action, kind, shelves, form, error))
}

/// The form of a new or an existing category or section.
async fn show_shelf(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    kind: ShelfKind,
    existing: Option<i64>,
) -> Result<Html<String>, WebError> {
    let shelves = state.app.kb_shelves_to_shape(&agent.actor()).await?;
    let form = match (kind, existing) {
        (ShelfKind::Category, Some(wanted)) => shelves
            .categories
            .iter()
            .find(|c| c.id == KbCategoryId(wanted))
            .map(ShelfForm::from_category)
            .ok_or(WebError::NotFound)?,
        (ShelfKind::Category, None) => ShelfForm {
            icon: Line::clean("book"),
            ..Default::default()
        },
        (ShelfKind::Section, Some(wanted)) => shelves
            .sections
            .iter()
            .find(|s| s.id == KbSectionId(wanted))
            .map(ShelfForm::from_section)
            .ok_or(WebError::NotFound)?,
        (ShelfKind::Section, None) => ShelfForm::default(),
    };
    shelf_page(state, agent, csrf, &shelves, (kind, existing), form, None)
        .await
        .map(Html)
}

/// Saves a category or section; a refused one shows its form again.
async fn store_shelf(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    kind: ShelfKind,
    existing: Option<i64>,
    form: ShelfForm,
) -> Result<Response, WebError> {
    let actor = agent.actor();
    let result = match kind {
        ShelfKind::Category => state
            .app
            .save_kb_category(&actor, existing.map(KbCategoryId), &form.category())
            .await
            .map(|id| id.0),
        ShelfKind::Section => state
            .app
            .save_kb_section(&actor, existing.map(KbSectionId), &form.section())
            .await
            .map(|id| id.0),
    };
    let again = |error| async {
        let shelves = state.app.kb_shelves_to_shape(&actor).await?;
        shelf_page(
            state,
            agent,
            csrf,
            &shelves,
            (kind, existing),
            form.clone(),
            Some(error),
        )
        .await
    };
    let lang = agent.session.user.language;
    form_answer(
        state,
        lang,
        result,
        |_| "/agent/kb?done=saved".into(),
        again,
    )
    .await
}

/// Which shelf a form is about, as its address names it (`/agent/kb/categories/new`,
/// `/agent/kb/sections/7`); any other word is a page that does not exist.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
pub enum ShelfKind {
    #[serde(rename = "categories")]
    Category,
    #[serde(rename = "sections")]
    Section,
}

pub async fn new(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(kind): Path<ShelfKind>,
) -> Result<Html<String>, WebError> {
    show_shelf(&state, &agent, &csrf, kind, None).await
}

pub async fn edit(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path((kind, id)): Path<(ShelfKind, i64)>,
) -> Result<Html<String>, WebError> {
    show_shelf(&state, &agent, &csrf, kind, Some(id)).await
}

pub async fn create(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(kind): Path<ShelfKind>,
    CsrfForm(form): CsrfForm<ShelfForm>,
) -> Result<Response, WebError> {
    store_shelf(&state, &agent, &csrf, kind, None, form).await
}

pub async fn update(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path((kind, id)): Path<(ShelfKind, i64)>,
    CsrfForm(form): CsrfForm<ShelfForm>,
) -> Result<Response, WebError> {
    store_shelf(&state, &agent, &csrf, kind, Some(id), form).await
}
