//! "Formulieren" for administrators (D6): the ticket forms with their texts and custom fields,
//! and the main categories with their help texts.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, Response};
use balie_app::tickets::{FieldInput, FormSettings, TextsInput};
use balie_domain::{
    Bilingual, CategoryId, FieldId, FieldKind, FormId, Language, TicketCategory, TicketField,
    TicketForm,
};
use balie_domain::{Line, Text};
use serde::Deserialize;

use crate::AppState;
use crate::error::WebError;
use crate::extract::{AgentUser, CsrfForm, CsrfToken, Path};
use crate::pages::kit::{DoneQuery, FormError, Layout, form_answer, local, render};

const TAB: &str = "/agent/settings/forms";

struct Row {
    href: String,
    name: String,
    text: String,
    shown: bool,
}

impl Row {
    /// A form or category linked at `href`, its `name` and `text` in `lang`.
    fn new(lang: Language, href: String, name: &Bilingual, text: &Bilingual, shown: bool) -> Self {
        Row {
            href,
            name: name.get(lang).to_string(),
            text: text.get(lang).to_string(),
            shown,
        }
    }
}

#[derive(Template)]
#[template(path = "agent/settings/forms.html")]
struct OverviewPage<'a> {
    layout: Layout<'a>,
    forms: Vec<Row>,
    categories: Vec<Row>,
    flash: Option<String>,
}

impl<'a> OverviewPage<'a> {
    fn new(layout: Layout<'a>, s: &FormSettings, done: &Option<String>) -> Self {
        let tr = layout.tr;
        let lang = tr.lang;
        OverviewPage {
            forms: s
                .forms
                .iter()
                .map(|(f, shown)| {
                    let href = format!("{TAB}/{}", f.id);
                    Row::new(lang, href, &f.name, &f.description, *shown)
                })
                .collect(),
            categories: s
                .categories
                .iter()
                .map(|(c, shown)| {
                    let href = format!("/agent/settings/categories/{}", c.id);
                    Row::new(lang, href, &c.name, &c.help, *shown)
                })
                .collect(),
            flash: saved(&tr, done),
            layout,
        }
    }
}

struct FieldRow {
    id: i64,
    label: String,
    kind: String,
    required: bool,
    options: String,
}

impl FieldRow {
    fn new(tr: &balie_app::Tr<'_>, f: &TicketField) -> Self {
        FieldRow {
            id: f.id.0,
            label: f.label(tr.lang).to_string(),
            kind: kind_label(tr, f.kind),
            required: f.required,
            options: f.options.join(", "),
        }
    }
}

#[derive(Template)]
#[template(path = "agent/settings/texts_form.html")]
struct TextsPage<'a> {
    layout: Layout<'a>,
    action: String,
    /// "form" or "category": which labels the texts get.
    what: &'static str,
    texts: TextsForm,
    /// The form's fields (none for a category or a new form).
    fields: Option<Vec<FieldRow>>,
    kinds: Vec<(&'static str, String)>,
    new_field: FieldForm,
    flash: Option<String>,
    error: Option<FormError>,
}

impl<'a> TextsPage<'a> {
    /// The texts of the form or category `id` (none for a new one) posted to `action`: `current`
    /// as stored, the form's own among `fields`, and what [`Shown`] adds.
    fn new(
        mut layout: Layout<'a>,
        action: String,
        what: &'static str,
        id: Option<i64>,
        fields: &[TicketField],
        current: Option<TextsForm>,
        shown: Shown,
    ) -> Self {
        let tr = layout.tr;
        if let Some(c) = &current {
            layout.title = local(tr.lang, &c.name_nl, &c.name_en);
        }
        let fields = match (what, id) {
            ("form", Some(id)) => Some(
                fields
                    .iter()
                    .filter(|f| f.form.0 == id)
                    .map(|f| FieldRow::new(&tr, f))
                    .collect(),
            ),
            _ => None,
        };
        let texts = shown.texts.or(current).unwrap_or(TextsForm {
            shown: Some("on".into()),
            ..TextsForm::default()
        });
        TextsPage {
            action,
            what,
            texts,
            fields,
            kinds: FieldKind::ALL
                .into_iter()
                .map(|k| (k.code(), kind_label(&tr, k)))
                .collect(),
            new_field: shown.new_field,
            flash: saved(&tr, &shown.done),
            error: shown.error,
            layout,
        }
    }
}

#[derive(Template)]
#[template(path = "agent/settings/field_form.html")]
struct FieldPage<'a> {
    layout: Layout<'a>,
    action: String,
    back: String,
    kind: String,
    options: bool,
    field: FieldForm,
    error: Option<FormError>,
}

impl<'a> FieldPage<'a> {
    /// The form of `field` posted to `action`, filled with what was `typed` after a refusal.
    fn new(
        mut layout: Layout<'a>,
        action: String,
        field: &TicketField,
        typed: Option<FieldForm>,
        error: Option<FormError>,
    ) -> Self {
        let tr = layout.tr;
        layout.title = field.label(tr.lang).to_string();
        FieldPage {
            action,
            back: format!("{TAB}/{}", field.form),
            kind: kind_label(&tr, field.kind),
            options: field.kind.has_options(),
            field: typed.unwrap_or_else(|| FieldForm::from(field)),
            error,
            layout,
        }
    }
}

#[derive(Deserialize, Default, Clone)]
pub struct TextsForm {
    #[serde(default)]
    name_nl: Line,
    #[serde(default)]
    name_en: Line,
    #[serde(default)]
    text_nl: Text,
    #[serde(default)]
    text_en: Text,
    #[serde(default)]
    shown: Option<String>,
}

impl TextsForm {
    fn input(&self) -> TextsInput {
        TextsInput {
            name_nl: self.name_nl.to_string(),
            name_en: self.name_en.to_string(),
            text_nl: self.text_nl.to_string(),
            text_en: self.text_en.to_string(),
            shown: self.shown.is_some(),
        }
    }
}

/// A form's texts as stored, with whether it is shown.
impl From<&(TicketForm, bool)> for TextsForm {
    fn from((f, shown): &(TicketForm, bool)) -> Self {
        TextsForm {
            name_nl: Line::clean(&f.name.nl),
            name_en: Line::clean(&f.name.en),
            text_nl: Text::clean(&f.description.nl),
            text_en: Text::clean(&f.description.en),
            shown: shown.then(|| "on".into()),
        }
    }
}

/// A category's name and help text as stored, with whether it is shown.
impl From<&(TicketCategory, bool)> for TextsForm {
    fn from((c, shown): &(TicketCategory, bool)) -> Self {
        TextsForm {
            name_nl: Line::clean(&c.name.nl),
            name_en: Line::clean(&c.name.en),
            text_nl: Text::clean(&c.help.nl),
            text_en: Text::clean(&c.help.en),
            shown: shown.then(|| "on".into()),
        }
    }
}

#[derive(Deserialize, Default, Clone)]
pub struct FieldForm {
    #[serde(default)]
    label_nl: Line,
    #[serde(default)]
    label_en: Line,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    required: Option<String>,
    #[serde(default)]
    options: Text,
}

impl FieldForm {
    fn input(&self) -> FieldInput {
        FieldInput {
            label_nl: self.label_nl.to_string(),
            label_en: self.label_en.to_string(),
            kind: self.kind.clone(),
            required: self.required.is_some(),
            options: self.options.to_string(),
        }
    }
}

/// A field as stored.
impl From<&TicketField> for FieldForm {
    fn from(field: &TicketField) -> Self {
        FieldForm {
            label_nl: Line::clean(&field.label.nl),
            label_en: Line::clean(&field.label.en),
            kind: field.kind.code().into(),
            required: field.required.then(|| "on".into()),
            options: Text::clean(&field.options.join("\n")),
        }
    }
}

#[derive(Deserialize)]
pub struct NoFields {}

fn saved(tr: &balie_app::Tr<'_>, done: &Option<String>) -> Option<String> {
    done.as_deref().map(|_| tr.t("saved"))
}

fn kind_label(tr: &balie_app::Tr<'_>, kind: FieldKind) -> String {
    tr.t(&format!("field-kind-{}", kind.code()))
}

async fn settings(state: &AppState, agent: &AgentUser) -> Result<FormSettings, WebError> {
    Ok(state.app.form_settings(&agent.actor()).await?)
}

pub async fn overview(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Query(q): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let s = settings(&state, &agent).await?;
    let user = &agent.session.user;
    let tr = state.app.i18n().for_lang(user.language);
    let layout = Layout::new(&state, tr, "forms-title", &csrf, TAB).signed_in(user, TAB);
    render(&OverviewPage::new(layout, &s, &q.done)).map(Html)
}

/// What a texts page shows besides the stored values: typed input after a refusal, a flash
/// after saving, the message of a refusal.
#[derive(Default)]
struct Shown {
    texts: Option<TextsForm>,
    new_field: FieldForm,
    done: Option<String>,
    error: Option<FormError>,
}

/// The page of a form (`Some(id)`), a new form, or a category.
async fn texts_page(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    what: &'static str,
    id: Option<i64>,
    shown: Shown,
) -> Result<String, WebError> {
    let s = settings(state, agent).await?;
    let user = &agent.session.user;
    let tr = state.app.i18n().for_lang(user.language);
    let (base, title) = match what {
        "form" => (TAB.to_string(), "forms-form"),
        _ => ("/agent/settings/categories".to_string(), "forms-category"),
    };
    let current = match (what, id) {
        ("form", Some(id)) => {
            let form = s.forms.iter().find(|(f, _)| f.id.0 == id);
            Some(TextsForm::from(form.ok_or(WebError::NotFound)?))
        }
        (_, Some(id)) => {
            let category = s.categories.iter().find(|(c, _)| c.id.0 == id);
            Some(TextsForm::from(category.ok_or(WebError::NotFound)?))
        }
        (_, None) => None,
    };
    let action = match id {
        Some(id) => format!("{base}/{id}"),
        None => format!("{base}/new"),
    };
    let layout = Layout::new(state, tr, title, csrf, &action).signed_in(user, TAB);
    let page = TextsPage::new(layout, action, what, id, &s.fields, current, shown);
    render(&page)
}

/// Which texts a page is about, as its address names it (`/agent/settings/forms/new`,
/// `/agent/settings/categories/3`); any other word is a page that does not exist.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
pub enum TextsKind {
    #[serde(rename = "forms")]
    Form,
    #[serde(rename = "categories")]
    Category,
}

impl TextsKind {
    /// "form" or "category": which labels the texts get.
    fn what(self) -> &'static str {
        match self {
            TextsKind::Form => "form",
            TextsKind::Category => "category",
        }
    }
}

pub async fn texts(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path((kind, id)): Path<(TextsKind, i64)>,
    Query(q): Query<DoneQuery>,
) -> Result<Html<String>, WebError> {
    let shown = Shown {
        done: q.done,
        ..Shown::default()
    };
    let page = texts_page(&state, &agent, &csrf, kind.what(), Some(id), shown);
    page.await.map(Html)
}

pub async fn new_texts(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(kind): Path<TextsKind>,
) -> Result<Html<String>, WebError> {
    let page = texts_page(&state, &agent, &csrf, kind.what(), None, Shown::default());
    page.await.map(Html)
}

/// Saves a form or category; `id` none adds one.
async fn save_texts(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    what: &'static str,
    id: Option<i64>,
    form: TextsForm,
) -> Result<Response, WebError> {
    let actor = agent.actor();
    let input = form.input();
    let result = match what {
        "form" => {
            let saved = state.app.save_form(&actor, id.map(FormId), &input).await;
            saved.map(|f| f.0)
        }
        _ => {
            let saved = state
                .app
                .save_category(&actor, id.map(CategoryId), &input)
                .await;
            saved.map(|c| c.0)
        }
    };
    form_answer(
        state,
        agent.session.user.language,
        result,
        |saved| match what {
            "form" => format!("{TAB}/{saved}?done=saved"),
            _ => format!("{TAB}?done=saved"),
        },
        |error| {
            let shown = Shown {
                texts: Some(form),
                error: Some(error),
                ..Shown::default()
            };
            texts_page(state, agent, csrf, what, id, shown)
        },
    )
    .await
}

pub async fn save(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path((kind, id)): Path<(TextsKind, i64)>,
    CsrfForm(form): CsrfForm<TextsForm>,
) -> Result<Response, WebError> {
    save_texts(&state, &agent, &csrf, kind.what(), Some(id), form).await
}

pub async fn create(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(kind): Path<TextsKind>,
    CsrfForm(form): CsrfForm<TextsForm>,
) -> Result<Response, WebError> {
    save_texts(&state, &agent, &csrf, kind.what(), None, form).await
}

pub async fn add_field(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(form_id): Path<FormId>,
    CsrfForm(form): CsrfForm<FieldForm>,
) -> Result<Response, WebError> {
    let result = state
        .app
        .add_field(&agent.actor(), form_id, &form.input())
        .await;
    form_answer(
        &state,
        agent.session.user.language,
        result,
        |_| format!("{TAB}/{form_id}?done=saved"),
        |error| {
            let shown = Shown {
                new_field: form,
                error: Some(error),
                ..Shown::default()
            };
            texts_page(&state, &agent, &csrf, "form", Some(form_id.0), shown)
        },
    )
    .await
}

async fn field_page(
    state: &AppState,
    agent: &AgentUser,
    csrf: &str,
    id: FieldId,
    typed: Option<FieldForm>,
    error: Option<FormError>,
) -> Result<String, WebError> {
    let s = settings(state, agent).await?;
    let field = s
        .fields
        .iter()
        .find(|f| f.id == id)
        .ok_or(WebError::NotFound)?;
    let user = &agent.session.user;
    let tr = state.app.i18n().for_lang(user.language);
    let action = format!("/agent/settings/fields/{id}");
    let layout = Layout::new(state, tr, "forms-field", csrf, &action).signed_in(user, TAB);
    render(&FieldPage::new(layout, action, field, typed, error))
}

pub async fn field_form(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(id): Path<FieldId>,
) -> Result<Html<String>, WebError> {
    field_page(&state, &agent, &csrf, id, None, None)
        .await
        .map(Html)
}

pub async fn save_field(
    State(state): State<AppState>,
    CsrfToken(csrf): CsrfToken,
    agent: AgentUser,
    Path(id): Path<FieldId>,
    CsrfForm(form): CsrfForm<FieldForm>,
) -> Result<Response, WebError> {
    let result = state
        .app
        .update_field(&agent.actor(), id, &form.input())
        .await;
    form_answer(
        &state,
        agent.session.user.language,
        result,
        |form_id| format!("{TAB}/{form_id}?done=saved"),
        |error| field_page(&state, &agent, &csrf, id, Some(form), Some(error)),
    )
    .await
}

pub async fn retire_field(
    State(state): State<AppState>,
    agent: AgentUser,
    Path(id): Path<FieldId>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response, WebError> {
    let result = state.app.retire_field(&agent.actor(), id).await;
    form_answer(
        &state,
        agent.session.user.language,
        result,
        |form_id| format!("{TAB}/{form_id}?done=saved"),
        |_| std::future::ready(Err(WebError::NotFound)),
    )
    .await
}
