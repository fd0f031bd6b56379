//! The words a search compares: lower-case, without accents, and reduced to their stem in the
//! text's language. The knowledge base (F2) leaves out the commonest words and, because stemming
//! alone does not always bring word forms together (Dutch "huisarts" stems to "huisart",
//! "huisartsen" to "huisarts"), lets a typed term meet a stored one that it starts, or that is
//! one typing error away. Its suggestions also know the words every help-desk subject is full of
//! ([`generic_terms`]), which say nothing about what an article is for. Ticket search keeps every
//! word and compares Dutch stems whole, so that an index of millions of messages answers from one
//! word list.

mod generic;
mod highlight;
mod voice;

pub use generic::generic_terms;
pub use highlight::{Matcher, Segment, highlight, snippet};
pub use voice::formal_address;

use crate::Language;
use rust_stemmers::{Algorithm, Stemmer};

/// Words too common to tell texts apart.
const DUTCH_STOP: &[&str] = &[
    "de", "het", "een", "en", "of", "in", "op", "aan", "van", "voor", "met", "is", "ik", "je", "u",
    "uw", "mijn", "wat", "hoe", "te", "er", "dat", "die", "dit", "bij", "naar", "om", "niet",
];
const ENGLISH_STOP: &[&str] = &[
    "the", "a", "an", "and", "or", "in", "on", "of", "for", "with", "is", "i", "you", "your", "my",
    "what", "how", "to", "it", "this", "that", "at", "by", "not",
];

/// Folds the accents Dutch and English texts use ("cliënt" → "client", "één" → "een").
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ÿ' | 'ý' => 'y',
        c => c,
    }
}

/// `text` in lower case without its accents, as stems are written.
pub fn folded(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(fold)
        .collect()
}

/// The stems of `text`'s words, in order, the commonest words left out.
pub fn terms(text: &str, lang: Language) -> Vec<String> {
    Stems::new(lang).terms(text)
}

/// The stems ticket search indexes and looks for: Dutch stems of every word, the commonest
/// included (a search for "de" or a number must still find something).
pub fn ticket_terms(text: &str) -> Vec<String> {
    Stems::every_word(Language::Nl).terms(text)
}

/// A stemmer that remembers the words it stemmed: indexing many texts meets the same words
/// again and again, and looking one up is much cheaper than stemming it.
pub struct Stems {
    stemmer: Stemmer,
    stop: &'static [&'static str],
    known: std::collections::HashMap<String, Option<String>>,
}

impl Stems {
    pub fn new(lang: Language) -> Self {
        let (stemmer, stop) = match lang {
            Language::Nl => (Stemmer::create(Algorithm::Dutch), DUTCH_STOP),
            Language::En => (Stemmer::create(Algorithm::English), ENGLISH_STOP),
        };
        Stems {
            stemmer,
            stop,
            known: std::collections::HashMap::new(),
        }
    }

    /// Stems every word, the commonest included.
    pub fn every_word(lang: Language) -> Self {
        Stems {
            stop: &[],
            ..Stems::new(lang)
        }
    }

    /// As [`terms`].
    pub fn terms(&mut self, text: &str) -> Vec<String> {
        let mut found = vec![];
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            let word: String = word.to_lowercase().chars().map(fold).collect();
            let stem = match self.known.get(&word) {
                Some(stem) => stem.clone(),
                None => {
                    let stem = (!self.stop.contains(&word.as_str()))
                        .then(|| self.stemmer.stem(&word).into_owned());
                    self.known.insert(word, stem.clone());
                    stem
                }
            };
            found.extend(stem);
        }
        found
    }
}

/// Whether a typed term finds a stored one: equal, the start of it ("factu" finds "factur"),
/// or, for terms of five letters or more, one letter added, dropped or changed, or two
/// neighbouring letters swapped.
pub fn term_matches(typed: &str, stored: &str) -> bool {
    if stored.starts_with(typed) {
        return true;
    }
    // Stems are mostly plain ASCII (accents are folded away): compare bytes without copying.
    if typed.is_ascii() && stored.is_ascii() {
        let (a, b) = (typed.as_bytes(), stored.as_bytes());
        return a.len() >= 5 && b.len() >= 5 && within_one_edit(a, b);
    }
    let (a, b): (Vec<char>, Vec<char>) = (typed.chars().collect(), stored.chars().collect());
    a.len() >= 5 && b.len() >= 5 && within_one_edit(&a, &b)
}

fn within_one_edit<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let mut i = 0;
    while i < short.len() && short[i] == long[i] {
        i += 1;
    }
    if short.len() == long.len() {
        if i + 1 < short.len() && short[i] == long[i + 1] && short[i + 1] == long[i] {
            // Two neighbouring letters swapped ("zorgmial"): one typing error, not two.
            return short[i + 2..] == long[i + 2..];
        }
        // One letter changed.
        short[i..].iter().skip(1).eq(long[i..].iter().skip(1))
    } else {
        // One letter added.
        short[i..] == long[i + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Typed `a` finds stored `b`, and typed `b` finds stored `a`.
    fn same(a: &str, b: &str, lang: Language) {
        let (ta, tb) = (terms(a, lang), terms(b, lang));
        assert_eq!(ta.len(), 1, "{a}");
        assert_eq!(tb.len(), 1, "{b}");
        assert!(term_matches(&ta[0], &tb[0]), "{a} finds {b}: {ta:?} {tb:?}");
        assert!(term_matches(&tb[0], &ta[0]), "{b} finds {a}: {tb:?} {ta:?}");
    }

    #[test]
    fn dutch_word_forms_meet() {
        same("huisarts", "huisartsen", Language::Nl);
        same("declaratie", "declaraties", Language::Nl);
        same("wachtwoord", "wachtwoorden", Language::Nl);
        same("Cliënt", "client", Language::Nl);
    }

    #[test]
    fn a_typing_error_or_a_start_still_finds() {
        let stored = &terms("wachtwoord", Language::Nl)[0];
        assert!(term_matches(&terms("wachtwoard", Language::Nl)[0], stored));
        assert!(term_matches("wacht", stored), "the start of a word");
        let zorgmail = &terms("zorgmail", Language::Nl)[0];
        assert!(
            term_matches(&terms("zorgmial", Language::Nl)[0], zorgmail),
            "swapped"
        );
        assert!(
            term_matches(&terms("ozrgmail", Language::Nl)[0], zorgmail),
            "swapped first"
        );
        assert!(!term_matches("zorgmila", zorgmail), "two errors");
        assert!(!term_matches(&terms("wachttijd", Language::Nl)[0], stored));
        assert!(
            !term_matches("pas", "pak"),
            "short words must match exactly"
        );
    }

    #[test]
    fn common_words_are_left_out() {
        assert_eq!(
            terms("Hoe wijzig ik mijn wachtwoord?", Language::Nl).len(),
            2
        );
        assert_eq!(terms("How do I reset my password", Language::En).len(), 3);
        assert!(terms("  ?! ", Language::Nl).is_empty());
    }

    #[test]
    fn ticket_search_stems_every_word_in_dutch() {
        assert_eq!(ticket_terms("De facturen"), ticket_terms("de factuur"));
        assert_eq!(ticket_terms("Printers, printer"), ["printer", "printer"]);
        assert_eq!(ticket_terms("cliënt 2024"), ["client", "2024"]);
    }

    #[test]
    fn english_word_forms_meet() {
        same("invoice", "invoices", Language::En);
        same("password", "Passwords", Language::En);
    }
}
