//! Highlighted titles and snippets of search results: the words that match what was typed are
//! marked, and a snippet is a window of a text around its first match. Which stem matches a
//! typed term is the caller's rule (the knowledge base forgives typing errors, ticket search
//! compares whole stems).

use super::Stems;

/// Words a snippet shows, and how far into a text it looks for a match.
const SNIPPET_WORDS: usize = 28;
const SNIPPET_SCAN_WORDS: usize = 600;

/// Part of a title or snippet; `hit` parts matched the search and are highlighted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

/// Tells whether the stem of a word in the text is one the search was for.
pub trait Matcher {
    fn matches(&self, stem: &str) -> bool;
}

impl<F: Fn(&str) -> bool> Matcher for F {
    fn matches(&self, stem: &str) -> bool {
        self(stem)
    }
}

/// Whether a word of a text matches.
fn word_matches(word: &str, hit: &impl Matcher, stems: &mut Stems) -> bool {
    stems
        .terms(word)
        .first()
        .is_some_and(|stem| hit.matches(stem))
}

/// The words of `text` with their byte ranges.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut found = vec![];
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                found.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        found.push((s, text.len()));
    }
    found
}

/// The stretch of `text` from the first to the last of `spans` cut into parts, the words that
/// match highlighted.
fn segments(
    text: &str,
    spans: &[(usize, usize)],
    hit: &impl Matcher,
    stems: &mut Stems,
) -> Vec<Segment> {
    let mut parts: Vec<Segment> = vec![];
    let mut push = |text: &str, hit: bool| match parts.last_mut() {
        Some(last) if last.hit == hit => last.text.push_str(text),
        _ => parts.push(Segment {
            text: text.to_string(),
            hit,
        }),
    };
    let mut at = spans.first().map_or(0, |s| s.0);
    for &(start, end) in spans {
        push(&text[at..start], false);
        push(
            &text[start..end],
            word_matches(&text[start..end], hit, stems),
        );
        at = end;
    }
    parts
}

fn plain(text: &str) -> Segment {
    Segment {
        text: text.to_string(),
        hit: false,
    }
}

/// All of a (short) text with the matching words highlighted.
pub fn highlight(text: &str, hit: &impl Matcher, stems: &mut Stems) -> Vec<Segment> {
    let spans = words(text);
    let (Some(&(start, _)), Some(&(_, end))) = (spans.first(), spans.last()) else {
        return vec![plain(text)];
    };
    let mut parts = vec![plain(&text[..start])];
    parts.extend(segments(text, &spans, hit, stems));
    parts.push(plain(&text[end..]));
    parts.retain(|p| !p.text.is_empty());
    parts
}

/// A window of the body around its first matching word, with the matches highlighted.
pub fn snippet(plain: &str, hit: &impl Matcher, stems: &mut Stems) -> Vec<Segment> {
    let spans = words(plain);
    let first_hit = spans
        .iter()
        .take(SNIPPET_SCAN_WORDS)
        .position(|&(s, e)| word_matches(&plain[s..e], hit, stems))
        .unwrap_or(0);
    let from = first_hit.saturating_sub(6);
    let to = (from + SNIPPET_WORDS).min(spans.len());
    let mut parts = segments(plain, &spans[from..to], hit, stems);
    if from > 0 {
        parts.insert(0, self::plain("… "));
    }
    if to < spans.len() {
        parts.push(self::plain(" …"));
    } else if let Some(&(_, end)) = spans.last() {
        parts.push(self::plain(&plain[end..]));
    }
    parts.retain(|p| !p.text.is_empty());
    parts
}
