//! The SQL both backends share. Each area of the storage contract is implemented once, in a file
//! of its own, over [`SqlTx`], which holds either backend's transaction and runs statements
//! through one executor (`exec`); what differs between SQLite and PostgreSQL (row locking, key
//! locks, word search, numbering) is a [`Dialect`] value, and the two values live in the adapter
//! files.
//!
//! Portable means: `$n` placeholders, `RETURNING`, `ON CONFLICT`, BIGINT seconds for times and
//! booleans that both drivers bind and read as `bool`.

/// Columns of `users` that make a [`balie_domain::User`], in the order `user_from_row` reads.
pub(crate) const USER_COLUMNS: &str = "u.id, u.kind, u.org_id, u.first_name, u.last_name, \
    u.email, u.language, u.is_beheerder, u.is_medewerker, u.is_medewerker_plus, u.is_admin, \
    u.failed_sign_ins, u.blocked_at, u.created_at, u.password_hash, u.gender, u.phone";

/// Columns of `organisations` that make an [`crate::Organisation`], in the order
/// `organisation_from_row` reads.
pub(crate) const ORGANISATION_COLUMNS: &str = "id, name, address, postcode, city, phone, email, \
    subscription_plan, requests_shared, created_at";

pub(crate) const OUTBOX_COLUMNS: &str = "id, to_address, to_name, subject, text_body, html_body, \
    message_id, language, status, attempts, created_at, next_attempt_at, last_error, sent_at";

/// Escapes `%`, `_` and `\` for a `LIKE ... ESCAPE '\'` pattern.
pub(crate) fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// The most words a search compares.
const MOST_WORDS: usize = 8;

/// The words of a search: letters and digits only, lower-case, at most eight.
pub(crate) fn search_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .take(MOST_WORDS)
        .collect()
}

/// The Dutch stems of a search's words, as the store writes them into SQLite's indexes.
pub(crate) fn search_stems(text: &str) -> Vec<String> {
    let mut stems = balie_domain::words::ticket_terms(text);
    stems.truncate(MOST_WORDS);
    stems
}

/// Reads a stored language code; an unknown one falls back to Dutch rather than failing a page.
pub(crate) fn language(code: &str) -> balie_domain::Language {
    balie_domain::Language::from_code(code).unwrap_or_default()
}

mod access;
mod billing;
pub(crate) mod dialect;
pub(crate) mod exec;
pub(crate) mod fields;
pub(crate) mod import;
mod kb;
mod organisations;
pub(crate) mod outbox;
mod people;
pub(crate) mod search;
pub(crate) mod tickets;
pub(crate) mod tx;
pub(crate) mod workspace;

pub(crate) use dialect::{Dialect, Numbering, WordSearch};
pub use tx::SqlTx;
