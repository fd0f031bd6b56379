//! Names a page shows in the reader's language.

use balie_domain::{EmailAddress, Language, UserKind};

/// The text of a Dutch and English pair in `lang`.
pub fn local(lang: Language, nl: &str, en: &str) -> String {
    match lang {
        Language::Nl => nl.to_string(),
        Language::En => en.to_string(),
    }
}

/// An address as a page shows it; none reads as nothing.
pub fn address(email: Option<&EmailAddress>) -> String {
    email.map(|e| e.to_string()).unwrap_or_default()
}

/// The role names of the manual, in the person's language.
pub fn role_names(tr: &balie_app::Tr<'_>, kind: &UserKind) -> Vec<String> {
    match kind {
        UserKind::Contact { roles, .. } => [
            (roles.beheerder(), "role-beheerder"),
            (roles.medewerker(), "role-medewerker"),
            (roles.medewerker_plus(), "role-medewerker-plus"),
        ]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, key)| tr.t(key))
        .collect(),
        UserKind::Agent { admin } => {
            vec![tr.t(if *admin {
                "agent-role-admin"
            } else {
                "agent-role-agent"
            })]
        }
    }
}
