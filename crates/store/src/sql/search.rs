//! The words of a list's search: in the subject and in the messages. Agents search every
//! message, internal notes included; a customer's list searches the public messages of the
//! tickets they may see. Each backend finds the newest matching messages through its own
//! full-text index, so a word no message has is answered at once and a common one stops at the
//! newest matches instead of reading them all.

use super::exec::Arg;
use crate::{TicketQuery, TicketScope};

/// How many of the newest matching messages (and subjects) a search through an index reads.
pub(crate) const NEWEST_MATCHES: i64 = 1_000;

/// Who reads the messages searched: a customer of an organisation, or a requester; agents
/// read every message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Readers {
    Agents,
    Organisation(i64),
    Requester(i64),
}

impl Readers {
    /// The readers of a list: its scope tells whether it is a customer's list or an agent's.
    pub(crate) fn of(scope: &TicketScope) -> Readers {
        match scope {
            TicketScope::Requester { user, .. } => Readers::Requester(user.0),
            TicketScope::Org(org) | TicketScope::Cc { org, .. } => Readers::Organisation(org.0),
            TicketScope::Unassigned { .. }
            | TicketScope::AssignedTo(_)
            | TicketScope::Statuses(_)
            | TicketScope::All => Readers::Agents,
        }
    }
}

/// A message as SQLite's word index keeps it: its stems, and the words of who may read it.
pub(crate) struct IndexedMessage<'a> {
    pub id: i64,
    pub org: Option<i64>,
    pub requester: Option<i64>,
    pub public: bool,
    pub body: &'a str,
}

/// Who may read a message, as words of the index: every message is its organisation's and its
/// requester's (for agents' searches by scope), a public one also theirs to read.
fn scope(org: Option<i64>, requester: Option<i64>, public: bool) -> String {
    let (o, r) = (org.unwrap_or(0), requester.unwrap_or(0));
    if public {
        format!("o{o} r{r} o{o}pub r{r}pub")
    } else {
        format!("o{o} r{r}")
    }
}

/// The stems a text is found by, as the word index holds them.
fn stems(text: &str) -> String {
    balie_domain::words::ticket_terms(text).join(" ")
}

/// SQLite: the rows of the message index for `messages` (three values each).
pub(crate) fn sqlite_index_messages(messages: &[IndexedMessage<'_>]) -> (String, Vec<Arg>) {
    let mut binds = Vec::with_capacity(messages.len() * 3);
    for m in messages {
        binds.push(Arg::Int(m.id));
        binds.push(Arg::Text(stems(m.body)));
        binds.push(Arg::Text(scope(m.org, m.requester, m.public)));
    }
    let sql = format!(
        "INSERT INTO comments_search (rowid, body, scope) VALUES {}",
        super::import::values(messages.len(), 3)
    );
    (sql, binds)
}

/// A subject as SQLite's word index keeps it.
pub(crate) struct IndexedSubject<'a> {
    pub id: i64,
    pub org: Option<i64>,
    pub requester: Option<i64>,
    pub subject: &'a str,
}

/// SQLite: the rows of the subject index for `subjects` (three values each).
pub(crate) fn sqlite_index_subjects(subjects: &[IndexedSubject<'_>]) -> (String, Vec<Arg>) {
    let mut binds = Vec::with_capacity(subjects.len() * 3);
    for s in subjects {
        binds.push(Arg::Int(s.id));
        binds.push(Arg::Text(stems(s.subject)));
        // A subject is read by whoever reads the ticket.
        binds.push(Arg::Text(scope(s.org, s.requester, false)));
    }
    let sql = format!(
        "INSERT INTO tickets_search (rowid, subject, scope) VALUES {}",
        super::import::values(subjects.len(), 3)
    );
    (sql, binds)
}

/// Writes the word index rows of texts, where the backend's index is not kept by the database.
pub(crate) type IndexMessages = fn(&[IndexedMessage<'_>]) -> (String, Vec<Arg>);
pub(crate) type IndexSubjects = fn(&[IndexedSubject<'_>]) -> (String, Vec<Arg>);

/// The condition that a ticket has a subject, or a message that `readers` may read, with every
/// one of `words`.
pub(crate) type WordCondition = fn(&[String], Readers, &mut Vec<Arg>) -> String;

/// FTS5: every stem as the start of one ("factu" finds "factur"), in the `subject` column only
/// (the scope's words are not to be found by typing them).
fn fts5_subject_words(words: &[String]) -> String {
    let starts: Vec<String> = words.iter().map(|w| format!("\"{w}\"*")).collect();
    format!("subject : ({})", starts.join(" "))
}

/// SQLite: the FTS5 index of subjects' stems; a customer's list intersects it with the words
/// of their organisation or their own, so their older tickets are found however common the word
/// is elsewhere. The newest 1,000 matches are what a search shows, so sorting them by last
/// activity stays quick.
pub(crate) fn sqlite_subjects(words: &[String], readers: Readers, binds: &mut Vec<Arg>) -> String {
    let words = fts5_subject_words(words);
    let q = match readers {
        Readers::Agents => words,
        Readers::Organisation(org) => format!("scope : o{org} AND {words}"),
        Readers::Requester(user) => format!("scope : r{user} AND {words}"),
    };
    let q = mark(Arg::Text(q), binds);
    format!(
        "t.id IN (SELECT rowid FROM tickets_search WHERE tickets_search MATCH {q} \
         ORDER BY rowid DESC LIMIT {NEWEST_MATCHES})"
    )
}

fn mark(b: Arg, binds: &mut Vec<Arg>) -> String {
    binds.push(b);
    format!("${}", binds.len())
}

/// SQLite: the FTS5 index of messages' stems, whose `scope` column holds the words of who may
/// read each message, so a customer's search intersects their organisation's public messages
/// with the words' own lists. `words` are stems, matched whole.
pub(crate) fn sqlite_messages(words: &[String], readers: Readers, binds: &mut Vec<Arg>) -> String {
    // Whole stems: a prefix ("logbestand"*) makes FTS5 merge the word's whole list of messages
    // before it can take the newest (28 ms for a word in one message in ten, 3.7 ms whole).
    let whole: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    let body = format!("body : ({})", whole.join(" "));
    let q = match readers {
        Readers::Agents => body,
        Readers::Organisation(org) => format!("scope : o{org}pub AND {body}"),
        Readers::Requester(user) => format!("scope : r{user}pub AND {body}"),
    };
    let q = mark(Arg::Text(q), binds);
    format!(
        "t.id IN (SELECT c.ticket_id FROM ticket_comments c WHERE c.id IN \
         (SELECT rowid FROM comments_search WHERE comments_search MATCH {q} \
          ORDER BY rowid DESC LIMIT {NEWEST_MATCHES}))"
    )
}

/// PostgreSQL: the subjects' stored stems, a typed word matching the start of a stem. An
/// agent's search takes the newest 1,000 matches of every ticket from the index of stems by
/// block of ids (migration 0021, `balie_newest_subjects`), which stops once it has them; a
/// customer's list compares the subjects of its own tickets, so an older ticket of theirs is
/// found however common the word is elsewhere. `= ANY(ARRAY(...))` has the matches found
/// first and then read by id: as `IN (...)` the planner may join them against a scan of every
/// ticket.
pub(crate) fn postgres_subjects(
    words: &[String],
    readers: Readers,
    binds: &mut Vec<Arg>,
) -> String {
    match readers {
        Readers::Agents => {
            let q = mark(Arg::Text(words.join(" ")), binds);
            format!("t.id = ANY(ARRAY(SELECT balie_newest_subjects({q}, {NEWEST_MATCHES})))")
        }
        Readers::Organisation(_) | Readers::Requester(_) => {
            let starts: Vec<String> = words.iter().map(|w| format!("{w}:*")).collect();
            let q = mark(Arg::Text(starts.join(" & ")), binds);
            format!("t.search @@ (SELECT to_tsquery('balie_dutch', {q}))")
        }
    }
}

/// PostgreSQL: the messages' stored stems, matched whole (PostgreSQL stems the typed words as
/// it stemmed the messages). An agent's search takes the newest 1,000 matching messages from
/// the index by block (`balie_newest_messages`); a customer's search reads the public messages
/// of their own tickets through the messages' ticket index (the order fenced, or the planner
/// walks every message newest first).
pub(crate) fn postgres_messages(
    words: &[String],
    readers: Readers,
    binds: &mut Vec<Arg>,
) -> String {
    let of_tickets = |tickets: &str, binds: &mut Vec<Arg>| {
        let q = mark(Arg::Text(words.join(" & ")), binds);
        format!(
            "SELECT c.ticket_id FROM ticket_comments c \
             WHERE c.ticket_id = ANY(ARRAY(SELECT id FROM tickets WHERE {tickets})) \
               AND c.public AND c.search @@ (SELECT to_tsquery('balie_dutch', {q})) \
             ORDER BY c.id + 0 DESC LIMIT {NEWEST_MATCHES}"
        )
    };
    let found = match readers {
        Readers::Agents => {
            let q = mark(Arg::Text(words.join(" ")), binds);
            format!("SELECT balie_newest_messages({q}, {NEWEST_MATCHES})")
        }
        Readers::Organisation(org) => {
            let org = mark(Arg::Int(org), binds);
            of_tickets(&format!("org_id = {org}"), binds)
        }
        Readers::Requester(user) => {
            let user = mark(Arg::Int(user), binds);
            of_tickets(&format!("requester_id = {user}"), binds)
        }
    };
    format!("t.id = ANY(ARRAY({found}))")
}

/// The condition of a list's search text: a ticket number through its unique index; words in
/// the subject or in a message its readers may read, through the word indexes. Within a list
/// the subject also matches as a piece of text, as typed.
pub(crate) fn text_condition(
    query: &TicketQuery,
    dialect: &super::WordSearch,
    binds: &mut Vec<Arg>,
) -> Option<String> {
    let text = query.text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(n) = balie_domain::TicketNumber::parse(text) {
        return Some(format!("t.number = {}", mark(Arg::Int(n.0), binds)));
    }
    let words = (dialect.terms)(text);
    let whole_portal = query.scope == TicketScope::All && !words.is_empty();
    // Within a list, the subject as typed too; through every ticket only the indexes.
    let like = (!whole_portal).then(|| {
        let pattern = format!("%{}%", super::like_escape(&text.to_lowercase()));
        let p = mark(Arg::Text(pattern), binds);
        format!("LOWER(t.subject) LIKE {p} ESCAPE '\\'")
    });
    if words.is_empty() {
        return like;
    }
    let readers = Readers::of(&query.scope);
    let subjects = (dialect.subjects)(&words, readers, binds);
    let messages = (dialect.messages)(&words, readers, binds);
    Some(match like {
        Some(like) => format!("({like} OR {subjects} OR {messages})"),
        None => format!("({subjects} OR {messages})"),
    })
}
