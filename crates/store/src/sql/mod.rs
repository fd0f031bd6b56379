//! The SQL both backends share. It is written once, as macros that each adapter expands over its
//! own transaction type, so the two adapters cannot drift apart; what differs between SQLite and
//! PostgreSQL (row locking, key locks, word search, numbering) is handed in as constants of the adapter's transaction
//! type and lives in the adapter files. One file per area of the storage contract.
//!
//! Portable means: `$n` placeholders, `RETURNING`, `ON CONFLICT`, BIGINT seconds for times and
//! booleans that both drivers bind and read as `bool`.

/// Columns of `users` that make a [`balie_domain::User`], in the order `user_from_row` reads.
pub(crate) const USER_COLUMNS: &str = "u.id, u.kind, u.org_id, u.first_name, u.last_name, \
    u.email, u.language, u.is_beheerder, u.is_medewerker, u.is_medewerker_plus, u.is_admin, \
    u.failed_sign_ins, u.blocked_at, u.created_at, u.password_hash, u.gender, u.phone";

/// Columns of `organisations` that make an [`crate::Organisation`], in `organisation_from_row` order.
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

/// How a backend finds tickets by the words of their subject: a condition with `{}` where the
/// bound query goes, and how typed words become that query.
pub(crate) struct WordSearch {
    /// The index a list reads, where the backend must be told (`INDEXED BY` on SQLite): the one
    /// made for its view, whatever the statistics say.
    pub list_index: fn(&crate::TicketQuery) -> Option<&'static str>,
    /// Tickets whose subject holds the words (see `search`).
    pub subjects: search::WordCondition,
    /// Tickets with a message holding the words (see `search`).
    pub messages: search::WordCondition,
    /// Run in a list's transaction before it is searched by text.
    pub before_search: Option<&'static str>,
    /// The terms of a typed search as the backend's index compares them.
    pub terms: fn(&str) -> Vec<String>,
    /// Where the store writes the word indexes itself (SQLite has no Dutch stemmer): their rows
    /// for new messages and new subjects.
    pub index_messages: Option<search::IndexMessages>,
    pub index_subjects: Option<search::IndexSubjects>,
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
pub(crate) mod fields;
pub(crate) mod import;
pub(crate) mod kb;
mod organisations;
pub(crate) mod outbox;
mod people;
pub(crate) mod search;
pub(crate) mod tickets;
pub(crate) mod workspace;

pub(crate) use access::access_sql;
pub(crate) use billing::billing_sql;
pub(crate) use fields::fields_sql;
pub(crate) use import::import_sql;
pub(crate) use kb::kb_sql;
pub(crate) use organisations::organisations_sql;
pub(crate) use outbox::outbox_sql;
pub(crate) use people::people_sql;
pub(crate) use tickets::{Numbering, TICKET_COLUMNS, tickets_sql};
pub(crate) use workspace::workspace_sql;

/// Implements the whole contract for an adapter's transaction type.
macro_rules! portable_tx {
    ($tx:ident) => {
        use balie_domain as d;
        use sqlx::Row as _;
        use $crate::sql::{ORGANISATION_COLUMNS, OUTBOX_COLUMNS, USER_COLUMNS, language};

        $crate::sql::people_sql!($tx);
        $crate::sql::access_sql!($tx);
        $crate::sql::outbox_sql!($tx);
        $crate::sql::organisations_sql!($tx);
        $crate::sql::billing_sql!($tx);
        $crate::sql::tickets_sql!($tx);
        $crate::sql::workspace_sql!($tx);
        $crate::sql::import_sql!($tx);
        $crate::sql::fields_sql!($tx);
        $crate::sql::kb_sql!($tx);

        impl $tx {
            /// Runs a statement built with its bound values beside it.
            async fn execute_binds(
                &mut self,
                sql: &str,
                binds: Vec<$crate::sql::workspace::Bind>,
            ) -> Result<(), $crate::StoreError> {
                $crate::sql::workspace::bind_all(sqlx::query(sql), binds)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::contract::Tx for $tx {
            async fn commit(self: Box<Self>) -> Result<(), $crate::StoreError> {
                self.tx.commit().await?;
                if let Some(commits) = &self.commits {
                    commits.fetch_add(1, std::sync::atomic::Ordering::AcqRel);
                }
                Ok(())
            }

            async fn lock_key(&mut self, key: &str) -> Result<(), $crate::StoreError> {
                if let Some(sql) = Self::LOCK_KEY {
                    sqlx::query(sql).bind(key).execute(&mut *self.tx).await?;
                }
                Ok(())
            }
        }
    };
}

pub(crate) use portable_tx;
