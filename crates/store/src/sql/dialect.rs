//! What really differs between SQLite and PostgreSQL, as one value per backend (the values live
//! in the adapter files): row locks, key locks, word search and ticket numbering.

use super::search;

/// A backend's answers to the questions its SQL differs on.
pub(crate) struct Dialect {
    /// Appended to a claim of outbox rows: lets several nodes claim at once without waiting
    /// for or taking each other's rows (empty where one writer runs at a time).
    pub skip_locked: &'static str,
    /// Written after `FROM outbox` where the backend must be told to read the pending index.
    pub outbox_pending: &'static str,
    /// A statement that holds a lock on key `$1` until the transaction ends, where writers do
    /// not already run one after another.
    pub lock_key: Option<&'static str>,
    pub words: WordSearch,
    pub numbering: Numbering,
}

/// How a backend finds tickets by the words of their subject and messages.
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

/// Where the next ticket numbers come from. Numbers only go up and are never handed out twice.
#[derive(Clone, Copy)]
pub(crate) enum Numbering {
    /// The `ticket_number` row of `counters`, updated in the creating transaction: a writer runs
    /// alone anyway, and a rolled-back ticket gives its number back.
    Counter,
    /// The `ticket_numbers` sequence, which locks nothing until the creating transaction ends,
    /// so tickets are created side by side; a failed creation leaves its number unused.
    Sequence,
}
