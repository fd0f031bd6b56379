//! What a search found in each ticket of a list: the subject with the matching words marked,
//! and a piece of the newest message that holds every word searched for, its matches marked.

use balie_domain::words::{Segment, Stems, folded, highlight, snippet, ticket_terms};
use balie_domain::{Language, Ticket};

/// Messages read for the pieces of one page of results, newest first.
pub(crate) const MESSAGES_READ: i64 = 250;

/// The marked subject of a ticket a search found, and the piece of a message that matched
/// (empty when the subject or the number did).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub ticket: balie_domain::TicketId,
    pub subject: Vec<Segment>,
    pub snippet: Vec<Segment>,
}

/// The words a search compares with a text's: Dutch stems, as the indexes hold them; a stem
/// matches what starts with it ("factu" in a subject, whole in a message).
struct Typed {
    stems: Vec<String>,
    /// The start of each stem that any word form of it begins with, for passing over messages
    /// without stemming them ("factur" is "factuur" undoubled; both begin "fact").
    starts: Vec<String>,
}

impl Typed {
    fn new(text: &str) -> Self {
        let stems = ticket_terms(text);
        let starts = stems.iter().map(|s| s.chars().take(4).collect()).collect();
        Typed { stems, starts }
    }

    fn hit(&self, stem: &str) -> bool {
        self.stems.iter().any(|t| stem.starts_with(t.as_str()))
    }

    /// Whether a message may hold every word: a cheap look before stemming it.
    fn may_hold_all(&self, body: &str) -> bool {
        let text = folded(body);
        self.starts.iter().all(|s| text.contains(s.as_str()))
    }

    fn holds_all(&self, body: &str, stems: &mut Stems) -> bool {
        let terms = stems.terms(body);
        self.stems
            .iter()
            .all(|t| terms.iter().any(|term| term == t))
    }
}

/// For each of `tickets`, its subject marked and a piece of the newest of `messages` (as
/// `(ticket id, body)`, newest first) that holds every stem of `text`.
pub(crate) fn found(
    text: &str,
    tickets: &[Ticket],
    messages: &[(balie_domain::TicketId, String)],
) -> Vec<Found> {
    let typed = Typed::new(text);
    if typed.stems.is_empty() {
        return vec![];
    }
    let mut stems = Stems::every_word(Language::Nl);
    let hit = |stem: &str| typed.hit(stem);
    tickets
        .iter()
        .map(|t| {
            let message = messages
                .iter()
                .filter(|(ticket, _)| *ticket == t.id)
                .map(|(_, body)| body)
                .find(|body| typed.may_hold_all(body) && typed.holds_all(body, &mut stems));
            Found {
                ticket: t.id,
                subject: highlight(&t.subject, &hit, &mut stems),
                snippet: message.map_or_else(Vec::new, |b| snippet(b, &hit, &mut stems)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use balie_domain::TicketId;

    fn marked(parts: &[Segment]) -> String {
        parts
            .iter()
            .map(|p| {
                if p.hit {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }

    fn ticket(id: i64, subject: &str) -> Ticket {
        Ticket {
            id: balie_domain::TicketId(id),
            number: balie_domain::TicketNumber(id),
            org: None,
            requester: None,
            requester_email: Some(balie_domain::EmailAddress::parse("anna@delinde.nl").unwrap()),
            form: balie_domain::FormId(1),
            category: None,
            subject: subject.into(),
            status: balie_domain::TicketStatus::New,
            priority: balie_domain::Priority::Normal,
            group: None,
            assignee: None,
            created_at: balie_domain::Timestamp(0),
            updated_at: balie_domain::Timestamp(0),
            solved_at: None,
        }
    }

    #[test]
    fn the_subject_and_the_newest_message_with_every_word_are_marked() {
        let tickets = [ticket(1, "Facturen van maart"), ticket(2, "Printer")];
        let messages = [
            (TicketId(1), "Een nieuwe factuur volgt.".to_string()),
            (
                TicketId(1),
                "De factuur van maart klopt niet, de printer ook niet.".to_string(),
            ),
            (TicketId(1), "Een oudere factuur van de printer".to_string()),
            (TicketId(2), "Geen factuur hier".to_string()),
        ];
        let page = found("factuur printer", &tickets, &messages);
        assert_eq!(marked(&page[0].subject), "[Facturen] van maart");
        assert_eq!(
            marked(&page[0].snippet),
            "De [factuur] van maart klopt niet, de [printer] ook niet."
        );
        assert_eq!(marked(&page[1].subject), "[Printer]");
        assert!(page[1].snippet.is_empty(), "no message has both words");
        let accented = found(
            "client",
            &tickets[..1],
            &[(TicketId(1), "De cliënt belde".into())],
        );
        assert_eq!(marked(&accented[0].snippet), "De [cliënt] belde");
    }

    #[test]
    fn a_number_or_no_words_marks_nothing() {
        assert!(found("  ", &[ticket(1, "Printer")], &[]).is_empty());
    }
}
