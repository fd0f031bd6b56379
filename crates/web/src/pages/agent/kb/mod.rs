//! The knowledge base as agents keep it: its tree, categories and sections ("shelves"),
//! articles and comments (`templates/agent/kb/`).

use crate::AppState;
use crate::extract::AgentUser;
use crate::pages::kit::Layout;

pub(crate) mod articles;
pub(crate) mod home;
pub(crate) mod shelves;

pub(crate) const TAB: &str = "/agent/kb";

/// The management page's frame.
pub(crate) fn layout<'a>(
    state: &'a AppState,
    agent: &AgentUser,
    key: &str,
    csrf: &str,
    path: &str,
) -> Layout<'a> {
    let user = &agent.session.user;
    let tr = state.app.i18n().for_lang(user.language);
    Layout::new(state, tr, key, csrf, path).signed_in(user, TAB)
}
