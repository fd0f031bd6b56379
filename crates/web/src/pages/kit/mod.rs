//! What every page uses: the frame around a page ([`Layout`]), form messages and the one
//! answer to a form post, done messages, choices and id parsing, the names a page shows in the
//! reader's language, and rendering. No page imports another page; what two areas show alike
//! lives here.

pub(crate) mod custom_fields;
pub(crate) mod dates;
mod done;
mod ids;
pub(crate) mod lists;
mod names;
pub(crate) mod tickets;

pub use done::{DoneQuery, flash, kb_flash};
pub use ids::{id, number, optional_id};
pub use names::{address, local, role_names};

use askama::Template;
use balie_app::{Branding, Tr};
use balie_domain::{DomainError, User, UserKind};

use crate::AppState;
use crate::error::{Refusal, WebError, refused_page};

/// The administrators' tab; its pages ("Formulieren", "Routering") have their own sub-menu.
pub const SETTINGS_TAB: &str = "/agent/settings/forms";

/// One tab of the header navigation.
pub struct Tab {
    pub label: String,
    pub href: &'static str,
    pub active: bool,
}

/// The signed-in part of the header: tabs and the profile menu.
pub struct Nav {
    pub name: String,
    pub tabs: Vec<Tab>,
    /// Contacts get "Aanvragen" in the profile menu (A7).
    pub contact: bool,
}

pub struct Layout<'a> {
    pub tr: Tr<'a>,
    pub brand: &'a Branding,
    pub title: String,
    pub csrf: String,
    /// Where the language switch returns to.
    pub path: String,
    pub nav: Option<Nav>,
    /// The largest attachment, for the hint under file fields.
    pub max_upload_mb: String,
    /// Open outages (F4): `(article, title)`, a banner on every page (for visitors only when
    /// they may read the knowledge base).
    pub outages: Vec<(balie_domain::ArticleId, String)>,
    /// Whether visitors may read the knowledge base, so the header links to it.
    pub kb_public: bool,
    /// Whether visitors may send a request without an account (C3), so the footer offers it.
    pub anonymous_requests: bool,
    /// When the page is read, for "vandaag 10:34".
    pub now: balie_domain::Timestamp,
}

impl<'a> Layout<'a> {
    pub fn new(state: &'a AppState, tr: Tr<'a>, title_key: &str, csrf: &str, path: &str) -> Self {
        Layout {
            tr,
            brand: &state.app.config().branding,
            title: tr.t(title_key),
            csrf: csrf.to_string(),
            path: path.to_string(),
            nav: None,
            max_upload_mb: (state.app.config().attachment_max_bytes / (1024 * 1024)).to_string(),
            outages: outages(state, tr.lang),
            kb_public: state.app.config().kb_public,
            anonymous_requests: state.app.config().anonymous_requests,
            now: state.app.now(),
        }
    }

    /// Adds the header of a signed-in person, with `active` the path of the current tab.
    pub fn signed_in(mut self, user: &User, active: &str) -> Self {
        let tr = self.tr;
        let tabs: Vec<(String, &'static str)> = match user.kind {
            UserKind::Contact { roles, .. } => {
                let mut tabs = vec![
                    (tr.t("nav-home"), "/"),
                    (tr.t("nav-support"), "/support"),
                    (tr.t("nav-kb"), "/kb"),
                    (tr.t("nav-organisation"), "/organisation"),
                ];
                if roles.can_see_billing() {
                    tabs.push((tr.t("nav-billing"), "/billing"));
                }
                tabs
            }
            UserKind::Agent { admin } => {
                let mut tabs = vec![
                    (tr.t("nav-agent-home"), "/agent"),
                    (tr.t("nav-tickets"), "/agent/tickets"),
                    (tr.t("nav-organisations"), "/agent/organisations"),
                    (tr.t("nav-agent-kb"), "/agent/kb"),
                ];
                if admin {
                    tabs.push((tr.t("nav-settings"), SETTINGS_TAB));
                }
                tabs
            }
        };
        self.nav = Some(Nav {
            contact: !user.is_agent(),
            name: user.display_name(),
            tabs: tabs
                .into_iter()
                .map(|(label, href)| Tab {
                    label,
                    href,
                    active: href == active,
                })
                .collect(),
        });
        self
    }

    pub fn lang(&self) -> balie_domain::Language {
        self.tr.lang
    }

    pub fn is_nl(&self) -> bool {
        self.tr.lang == balie_domain::Language::Nl
    }
}

/// The open outages' banners, titles in `lang`.
fn outages(
    state: &AppState,
    lang: balie_domain::Language,
) -> Vec<(balie_domain::ArticleId, String)> {
    state
        .app
        .kb_index()
        .outages()
        .iter()
        .map(|o| (o.article, o.title(lang).to_string()))
        .collect()
}

/// A message next to a form, from a broken rule; `also` holds the further messages of the same
/// refusal, each for its own field.
pub struct FormError {
    pub field: Option<&'static str>,
    pub message: String,
    /// What the message names (a custom field's label), to mark that input.
    pub about: Option<String>,
    /// The id of the input the message belongs to: the summary at the top of the form links
    /// to it, and the message stands under its label.
    pub target: Option<String>,
    /// How the summary names that input ("„Onderwerp”"), when the message does not.
    pub label: Option<String>,
    pub also: Vec<FormError>,
}

impl FormError {
    pub fn from_domain(tr: &Tr<'_>, state: &AppState, e: &DomainError) -> Self {
        // `DomainError::all_of` keeps the further refusals in one flat list.
        let mut first = FormError::one(tr, state, e);
        first.also = e
            .also
            .iter()
            .map(|one| FormError::one(tr, state, one))
            .collect();
        first
    }

    fn one(tr: &Tr<'_>, state: &AppState, e: &DomainError) -> Self {
        // A form's own fields are named by the message and found by their label later.
        let named = e.field.filter(|f| *f != "custom");
        FormError {
            field: e.field,
            message: message_about(tr, state, e.key, e.about.as_deref().unwrap_or_default()),
            about: e.about.clone(),
            target: named.map(str::to_string),
            // Only a field with a name of its own is named; the message says the rest.
            label: named
                .filter(|f| tr.has(&format!("form-field-{}", field_kind(f))))
                .map(|f| field_label(tr, f)),
            also: vec![],
        }
    }

    pub fn rate_limited(tr: &Tr<'_>) -> Self {
        FormError {
            field: None,
            message: tr.t("error-rate-limited"),
            about: None,
            target: None,
            label: None,
            also: vec![],
        }
    }

    /// Every message of the refusal, the first leading.
    pub fn items(&self) -> impl Iterator<Item = &FormError> {
        std::iter::once(self).chain(&self.also)
    }

    /// Changes every message of the refusal, one by one (to point each at its input).
    pub fn each_mut(&mut self, mut change: impl FnMut(&mut FormError)) {
        let mut also = std::mem::take(&mut self.also);
        change(self);
        also.iter_mut().for_each(&mut change);
        self.also = also;
    }

    /// The line of the summary: the field's name, then the message.
    pub fn summary(&self) -> String {
        match &self.label {
            Some(label) => format!("{label}: {}", self.message),
            None => self.message.clone(),
        }
    }

    /// Whether a message of the refusal is about `field`.
    pub fn is(&self, field: &str) -> bool {
        self.items().any(|e| e.field == Some(field))
    }

    /// The message about `field`.
    pub fn message_for(&self, field: &str) -> &str {
        self.items()
            .find(|e| e.field == Some(field))
            .map_or("", |e| e.message.as_str())
    }

    /// The message about the form's own field labelled `label`, if there is one.
    pub fn about_custom(&self, label: &str) -> Option<&FormError> {
        self.items()
            .find(|e| e.field == Some("custom") && e.about.as_deref() == Some(label))
    }
}

/// The text of a rule's message; messages about passwords and attachments name the configured
/// minimum length and largest file.
pub fn message(tr: &Tr<'_>, state: &AppState, key: &str) -> String {
    message_about(tr, state, key, "")
}

/// [`message`] for a rule about something named, such as a custom field (`label`).
fn message_about(tr: &Tr<'_>, state: &AppState, key: &str, label: &str) -> String {
    let config = &state.app.config();
    let min = config.password_policy.min_length.to_string();
    let max_mb = (config.attachment_max_bytes / (1024 * 1024)).to_string();
    tr.t_args(key, &[("min", &min), ("max_mb", &max_mb), ("label", label)])
}

/// A form field named by its label, for a message shown away from the form: `subject` reads
/// "Onderwerp"; numbered fields (`description_2`) read as their kind, a ticket form's own fields
/// (`field-7`) and fields without a label of their own by a general description.
pub fn field_label(tr: &Tr<'_>, name: &str) -> String {
    if name.starts_with("field-") {
        return tr.t("form-field-custom");
    }
    let key = format!("form-field-{}", field_kind(name));
    if tr.has(&key) {
        tr.t(&key)
    } else {
        tr.t("form-field-other")
    }
}

/// A field's name without its number (`description_2` is a `description`).
fn field_kind(name: &str) -> &str {
    let kind = name.trim_end_matches(|c: char| c.is_ascii_digit());
    kind.strip_suffix('_').unwrap_or(name)
}

/// The password rules shown under a new-password field.
pub fn password_rules(tr: &Tr<'_>, state: &AppState) -> String {
    let policy = state.app.config().password_policy;
    let key = if policy.refuse_common {
        "password-rules-strong"
    } else {
        "password-rules"
    };
    tr.t1(key, "min", &policy.min_length.to_string())
}

/// A use case's refusal as its form shows it: the message, and why (which gives the status).
pub struct Refused {
    pub why: Refusal,
    pub error: FormError,
}

impl Refused {
    /// The refusal of `e` when its form can show it; any other error becomes the error page.
    pub fn of(
        state: &AppState,
        lang: balie_domain::Language,
        e: balie_app::AppError,
    ) -> Result<Refused, WebError> {
        let tr = state.app.i18n().for_lang(lang);
        let (why, error) = match &e {
            balie_app::AppError::Invalid(d) => {
                (Refusal::Invalid, FormError::from_domain(&tr, state, d))
            }
            balie_app::AppError::RateLimited => {
                (Refusal::RateLimited, FormError::rate_limited(&tr))
            }
            _ => return Err(e.into()),
        };
        Ok(Refused { why, error })
    }
}

/// The answer to a form post: on success a redirect to `done(value)`; on a refusal the form
/// shows (a broken rule, too many tries), the page `again` builds with the message; anything
/// else becomes an error page.
pub async fn form_answer<T, F, Fut>(
    state: &AppState,
    lang: balie_domain::Language,
    result: Result<T, balie_app::AppError>,
    done: impl FnOnce(T) -> String,
    again: F,
) -> Result<axum::response::Response, WebError>
where
    F: FnOnce(FormError) -> Fut,
    Fut: std::future::Future<Output = Result<String, WebError>>,
{
    use axum::response::IntoResponse;
    match result {
        Ok(value) => Ok(axum::response::Redirect::to(&done(value)).into_response()),
        Err(e) => {
            let Refused { why, error } = Refused::of(state, lang, e)?;
            Ok(refused_page(why, again(error).await?))
        }
    }
}

/// A moment as people read it: "26-09-2024 13:05" in Europe/Amsterdam.
pub fn format_timestamp(at: balie_domain::Timestamp) -> String {
    balie_app::billing::format_timestamp(at)
}

/// Whether the optional form error belongs to `field` (for `aria-invalid`).
pub fn field_has_error(error: &Option<FormError>, field: &str) -> bool {
    error.as_ref().is_some_and(|e| e.is(field))
}

pub fn render<T: Template>(page: &T) -> Result<String, WebError> {
    page.render()
        .map_err(|e| WebError::Internal(format!("template: {e}")))
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate<'a> {
    layout: Layout<'a>,
    message: &'a str,
    /// Where "Naar de startpagina" leads: the agent's home for agents.
    home: &'static str,
    /// The form a refused post came from, to go back to with what was typed.
    back: Option<&'a str>,
}

/// Who sees an error page: a signed-in person keeps the header (tabs, "Afmelden"), which needs
/// the browser's CSRF token for its sign-out form.
pub struct ErrorViewer<'a> {
    pub user: &'a User,
    pub csrf: &'a str,
}

/// The friendly error page: the status's title and a message, in the user's language.
pub fn error_page(
    state: &AppState,
    tr: Tr<'_>,
    title: &str,
    message: &str,
    viewer: Option<ErrorViewer<'_>>,
    back: Option<&str>,
) -> Result<String, WebError> {
    let mut layout = Layout {
        tr,
        brand: &state.app.config().branding,
        title: title.to_string(),
        csrf: String::new(),
        path: "/".into(),
        nav: None,
        max_upload_mb: String::new(),
        outages: outages(state, tr.lang),
        kb_public: state.app.config().kb_public,
        anonymous_requests: state.app.config().anonymous_requests,
        now: state.app.now(),
    };
    let mut home = "/";
    if let Some(viewer) = viewer {
        layout.csrf = viewer.csrf.to_string();
        layout = layout.signed_in(viewer.user, "");
        if viewer.user.is_agent() {
            home = "/agent";
        }
    }
    render(&ErrorTemplate {
        layout,
        message,
        home,
        back,
    })
}

/// A local path to return to after signing in or switching language; anything that could lead
/// to another site becomes `/`. Browsers drop tabs and line breaks from addresses and read `\`
/// as `/`, so those are refused too.
pub fn safe_return_path(candidate: Option<&str>) -> String {
    match candidate {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains("://")
                && !p.bytes().any(|b| b <= b' ' || b == 0x7f || b == b'\\') =>
        {
            p.to_string()
        }
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{field_label, safe_return_path};

    #[test]
    fn fields_are_named_by_their_labels() {
        let catalog = balie_app::Translator::load().unwrap();
        let nl = catalog.for_lang(balie_domain::Language::Nl);
        let en = catalog.for_lang(balie_domain::Language::En);
        assert_eq!(field_label(&nl, "subject"), "„Onderwerp”");
        assert_eq!(field_label(&en, "first_name"), "\"First name\"");
        assert_eq!(
            field_label(&nl, "description_3"),
            field_label(&nl, "description")
        );
        assert_eq!(
            field_label(&nl, "field-12"),
            "een eigen veld van dit formulier"
        );
        assert_eq!(field_label(&en, "csrf"), "one of the fields");
    }

    #[test]
    fn return_paths_stay_on_the_portal() {
        assert_eq!(safe_return_path(Some("/account")), "/account");
        assert_eq!(
            safe_return_path(Some("/account?done=password")),
            "/account?done=password"
        );
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "account",
            "/\t/evil.example",
            "/\r\nSet-Cookie: x=1",
            "/ /evil.example",
        ] {
            assert_eq!(safe_return_path(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_return_path(None), "/");
    }
}
