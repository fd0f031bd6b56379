//! The message a page shows after a redirect (`?done=saved` and the like), from fixed keys:
//! nothing a visitor types is shown back.

use serde::Deserialize;

/// Which change a redirect reports.
#[derive(Deserialize, Default)]
pub struct DoneQuery {
    pub done: Option<String>,
}

/// A flash message after a redirect: `?done=saved` and the like, from a fixed set of keys.
pub fn flash(tr: &balie_app::Tr<'_>, done: &Option<String>) -> Option<String> {
    let key = match done.as_deref()? {
        "saved" => "saved",
        "created" => "contacts-created",
        "invited" => "contacts-created-invited",
        "resent" => "contacts-resent",
        "removed" => "contacts-access-removed",
        "unblocked" => "contacts-unblocked",
        "requested" => "billing-change-sent",
        "followed" => "support-followed",
        "unfollowed" => "support-unfollowed",
        _ => return None,
    };
    Some(tr.t(key))
}

/// The knowledge base's message after a follow, comment or vote, from a fixed set of keys.
pub fn kb_flash(tr: &balie_app::Tr<'_>, done: &Option<String>) -> Option<String> {
    let key = match done.as_deref()? {
        "followed" => "kb-followed",
        "unfollowed" => "kb-unfollowed",
        "commented" => "kb-commented",
        "voted" => "kb-voted",
        "saved" => "saved",
        _ => return None,
    };
    Some(tr.t(key))
}
