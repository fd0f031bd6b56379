//! The search index of the knowledge base (F2, C2): every published text, its words reduced to
//! stems, in memory. It is built from the database and rebuilt when the database's revision
//! moves, so every node answers the same and a restart loses nothing. A search looks each typed
//! term up in the vocabulary (equal, start of a word, one typing error away), adds up what the
//! matching texts score and returns the best with a highlighted snippet.
//!
//! Suggestions (the request form's, an article's related ones) are stricter than search: a
//! subject is mostly words that any request could have ("foutmelding", "instellen"), and an
//! article that shares only those is not about it. Each typed term weighs by how rare it is among
//! the published texts of its language (IDF), a help desk's generic words weigh little, and an
//! article is suggested only when the terms it matches carry enough of the query's weight and at
//! least one of them is a meaningful word it matches well.

use std::collections::HashMap;

use balie_domain::{ArticleId, KbArticle, KbSection, KbSectionId, Language};

use crate::markdown::plain_text;
use balie_domain::words::{Segment, highlight, snippet};
use balie_domain::words::{Stems, generic_terms, term_matches, terms};

/// How much more a word in the title counts than one in the body.
const TITLE_WEIGHT: f32 = 3.0;
/// Typed terms a search looks at; the rest of a long query is ignored.
const MAX_QUERY_TERMS: usize = 8;
/// The share of a query's weight a text must match to be suggested. One meaningful word of two
/// is enough ("sjabloon zorgmail"); a word-form or typing-error match of one of three is not
/// ("sjabloon verwijsbrief foutmelding" and "Verwijsbrieven").
const SUGGEST_SHARE: f32 = 0.45;
/// What a help desk's generic word weighs against a meaningful word as rare.
const GENERIC_WEIGHT: f32 = 0.2;
/// A term in more than this share of a language's texts is too common in the articles to carry
/// a suggestion, once there are enough texts for the share to say so, except for the texts that
/// have it in their title.
const COMMON_SHARE: f32 = 0.5;
const COMMON_MIN_TEXTS: usize = 10;
/// A typed start of a word carries a suggestion only from this many letters: "ret" starts too
/// many words to be about "retourbestand".
const CARRYING_PREFIX: usize = 4;

/// One published language version.
struct Doc {
    article: ArticleId,
    section: KbSectionId,
    language: Language,
    title: String,
    plain: String,
    /// Whether the article has a published text in the other language too; if not, readers of
    /// that language find this one.
    translated: bool,
}

struct Posting {
    doc: u32,
    weight: f32,
    /// Whether the term is in the text's title, which says what the text is about.
    in_title: bool,
}

/// The postings of a language while the index is built: per term, the texts that have it with
/// its weight and whether it is in their title.
type Gathered = HashMap<String, HashMap<u32, (f32, bool)>>;

/// An open outage for the banner: its article and title in each language it is published in.
#[derive(Debug, Clone)]
pub struct Outage {
    pub article: ArticleId,
    titles: Vec<(Language, String)>,
}

impl Outage {
    pub fn title(&self, lang: Language) -> &str {
        self.titles
            .iter()
            .find(|(l, _)| *l == lang)
            .or_else(|| self.titles.first())
            .map_or("", |(_, t)| t.as_str())
    }
}

/// A found article, best first.
#[derive(Debug, Clone)]
pub struct Hit {
    pub article: ArticleId,
    pub section: KbSectionId,
    pub language: Language,
    pub title: Vec<Segment>,
    pub snippet: Vec<Segment>,
    pub score: f32,
}

/// What a search found: the best hits, and how many articles matched in all (a reader gets one
/// text of each).
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub total: usize,
}

#[derive(Default)]
pub struct KbIndex {
    /// The database revision this was built from; 0 when never built.
    pub revision: i64,
    docs: Vec<Doc>,
    /// Per language (Dutch, English), sorted by term: stems of one language are compared
    /// with words typed stemmed the same way.
    vocabulary: [Vec<(String, Vec<Posting>)>; 2],
    /// Published texts per language, for how rare a term is among them.
    texts: [usize; 2],
    /// Per language, sorted: the stems of the help desk's generic words.
    generic: [Vec<String>; 2],
    outages: Vec<Outage>,
}

/// How one text stands for a query.
struct Ranked {
    doc: u32,
    score: f32,
    /// The share of the query's weight (in the text's language) that the text matches.
    share: f32,
    /// Whether a meaningful word of the query matches it well.
    carried: bool,
}

/// How well a text meets one typed term: its best score, its best match quality, and that of
/// its title alone.
#[derive(Clone, Copy, Default)]
struct Best {
    score: f32,
    quality: f32,
    in_title: f32,
}

/// What a text has gathered from the terms so far.
#[derive(Clone, Copy, Default)]
struct Tally {
    score: f32,
    met: u32,
    matched: f32,
    carried: bool,
}

/// How well a typed term meets a stored one: 1 equal, less for the start of a word or a typing
/// error, 0 not at all.
pub(super) fn match_quality(typed: &str, stored: &str) -> f32 {
    if typed == stored {
        return 1.0;
    }
    if stored.starts_with(typed) {
        return if typed.len() >= 3 { 0.8 } else { 0.4 };
    }
    // Stems of one word's forms differ at the end ("huisart", "huisarts").
    if typed.starts_with(stored) && stored.len() >= 5 && typed.len() - stored.len() <= 2 {
        return 0.8;
    }
    if typed.len().abs_diff(stored.len()) <= 2 && term_matches(typed, stored) {
        return 0.5;
    }
    0.0
}

impl KbIndex {
    /// Indexes the published texts of `articles`; `sections` tells which is the outage section.
    pub fn build(revision: i64, sections: &[KbSection], articles: &[KbArticle]) -> Self {
        let outage_sections: Vec<KbSectionId> = sections
            .iter()
            .filter(|s| s.is_outages())
            .map(|s| s.id)
            .collect();
        let mut docs = vec![];
        let mut outages = vec![];
        for article in articles {
            let published: Vec<_> = article.texts.iter().filter(|t| t.published).collect();
            for text in &published {
                docs.push(Doc {
                    article: article.id,
                    section: article.section,
                    language: text.language,
                    title: text.title.clone(),
                    plain: plain_text(&text.body),
                    translated: published.len() > 1,
                });
            }
            if article.outage_open
                && !published.is_empty()
                && outage_sections.contains(&article.section)
            {
                outages.push(Outage {
                    article: article.id,
                    titles: published
                        .iter()
                        .map(|t| (t.language, t.title.clone()))
                        .collect(),
                });
            }
        }
        let mut postings: [Gathered; 2] = Default::default();
        let mut stemmers = [Stems::new(Language::Nl), Stems::new(Language::En)];
        for (n, doc) in docs.iter().enumerate() {
            let n = n as u32;
            let stems = &mut stemmers[slot(doc.language)];
            let postings = &mut postings[slot(doc.language)];
            let mut counts: HashMap<String, f32> = HashMap::new();
            for term in stems.terms(&doc.plain) {
                *counts.entry(term).or_default() += 1.0;
            }
            for (term, count) in counts {
                postings
                    .entry(term)
                    .or_default()
                    .insert(n, (1.0 + count.ln(), false));
            }
            for term in stems.terms(&doc.title) {
                let posting = postings.entry(term).or_default().entry(n).or_default();
                posting.0 += TITLE_WEIGHT;
                posting.1 = true;
            }
        }
        let vocabulary = postings.map(|postings| {
            let mut terms: Vec<(String, Vec<Posting>)> = postings
                .into_iter()
                .map(|(term, docs)| {
                    let list = docs
                        .into_iter()
                        .map(|(doc, (weight, in_title))| Posting {
                            doc,
                            weight,
                            in_title,
                        })
                        .collect();
                    (term, list)
                })
                .collect();
            terms.sort_by(|a, b| a.0.cmp(&b.0));
            terms
        });
        let mut texts = [0; 2];
        for doc in &docs {
            texts[slot(doc.language)] += 1;
        }
        KbIndex {
            revision,
            docs,
            vocabulary,
            texts,
            generic: [Language::Nl, Language::En].map(generic_terms),
            outages,
        }
    }

    pub fn outages(&self) -> &[Outage] {
        &self.outages
    }

    /// Published texts indexed (both languages counted).
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The best `limit` articles for `query` for a reader of `lang`: texts in their language,
    /// and those of articles not translated into it (compared with the words typed, stemmed as
    /// that language stems them).
    pub fn search(&self, query: &str, lang: Language, limit: usize) -> Vec<Hit> {
        self.find(query, lang, limit).hits
    }

    /// As [`Self::search`], with the number of articles that match at all.
    pub fn find(&self, query: &str, lang: Language, limit: usize) -> Found {
        let typed = [Language::Nl, Language::En].map(|l| query_terms(query, l));
        let ranked = self.rank(&typed, lang);
        Found {
            total: ranked.len(),
            hits: self.hits(ranked, &typed, limit),
        }
    }

    /// The articles to suggest for a subject being typed, or as related to an article's title:
    /// those of the search's that match enough of the query's meaningful words.
    pub fn suggest(&self, query: &str, lang: Language, limit: usize) -> Vec<Hit> {
        let typed = [Language::Nl, Language::En].map(|l| query_terms(query, l));
        let mut ranked = self.rank(&typed, lang);
        ranked.retain(|r| r.carried && r.share >= SUGGEST_SHARE);
        self.hits(ranked, &typed, limit)
    }

    /// Every text a reader of `lang` may get that a typed term finds, with its score.
    fn rank(&self, typed: &[Vec<String>; 2], lang: Language) -> Vec<Ranked> {
        if typed[slot(lang)].is_empty() || self.docs.is_empty() {
            return vec![];
        }
        // Dense arrays by document: a search touches many documents, and indexing an array is
        // much cheaper than hashing.
        let mut tallies = vec![Tally::default(); self.docs.len()];
        let mut best = vec![Best::default(); self.docs.len()];
        let mut touched: Vec<u32> = vec![];
        let mut query_weight = [0.0f32; 2];
        for text_lang in [Language::Nl, Language::En] {
            let texts = self.texts[slot(text_lang)];
            for term in &typed[slot(text_lang)] {
                self.best_matches(term, text_lang, &mut best, &mut touched);
                // The texts of the language that the term finds, readable or not: how rare it
                // is among the articles. One that none has is taken as rare as can be.
                let found = touched.len();
                let generic = self.generic[slot(text_lang)].binary_search(term).is_ok();
                let common =
                    texts >= COMMON_MIN_TEXTS && found as f32 > COMMON_SHARE * texts as f32;
                let rarity = (1.0 + texts as f32 / found.max(1) as f32).ln();
                let weight = if generic {
                    GENERIC_WEIGHT * rarity
                } else {
                    rarity
                };
                query_weight[slot(text_lang)] += weight;
                for doc in touched.drain(..) {
                    let best = std::mem::take(&mut best[doc as usize]);
                    if !self.readable(&self.docs[doc as usize], lang) {
                        continue;
                    }
                    let tally = &mut tallies[doc as usize];
                    tally.score += best.score;
                    tally.met += 1;
                    tally.matched += weight * best.quality;
                    let quality = if common { best.in_title } else { best.quality };
                    tally.carried |= !generic && carries(term, quality);
                }
            }
        }
        tallies
            .iter()
            .enumerate()
            .filter(|(_, tally)| tally.met > 0)
            .map(|(doc, tally)| {
                let language = slot(self.docs[doc].language);
                let wanted = typed[language].len().max(1) as f32;
                Ranked {
                    doc: doc as u32,
                    score: tally.score * (tally.met as f32 / wanted).powi(2),
                    share: tally.matched / query_weight[language].max(f32::MIN_POSITIVE),
                    carried: tally.carried,
                }
            })
            .collect()
    }

    /// The best `limit` of `ranked` as hits, best first.
    fn hits(&self, mut ranked: Vec<Ranked>, typed: &[Vec<String>; 2], limit: usize) -> Vec<Hit> {
        let order = |a: &Ranked, b: &Ranked| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc));
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit, order);
            ranked.truncate(limit);
        }
        ranked.sort_by(order);
        ranked
            .into_iter()
            .map(|ranked| {
                let doc = &self.docs[ranked.doc as usize];
                let typed = &typed[slot(doc.language)];
                let mut stems = Stems::new(doc.language);
                let hit = |stem: &str| typed.iter().any(|t| match_quality(t, stem) > 0.0);
                Hit {
                    article: doc.article,
                    section: doc.section,
                    language: doc.language,
                    title: highlight(&doc.title, &hit, &mut stems),
                    snippet: snippet(&doc.plain, &hit, &mut stems),
                    score: ranked.score,
                }
            })
            .collect()
    }

    /// The texts in `text_lang` that `term` finds: how well each meets it goes into `best`, and
    /// the documents into `touched` once.
    fn best_matches(
        &self,
        term: &str,
        text_lang: Language,
        best: &mut [Best],
        touched: &mut Vec<u32>,
    ) {
        let total = self.docs.len() as f32;
        for (stored, postings) in &self.vocabulary[slot(text_lang)] {
            let quality = match_quality(term, stored);
            if quality == 0.0 {
                continue;
            }
            let rarity = (1.0 + total / postings.len() as f32).ln();
            for p in postings {
                let score = quality * p.weight * rarity;
                let entry = &mut best[p.doc as usize];
                if entry.quality == 0.0 {
                    touched.push(p.doc);
                }
                entry.score = entry.score.max(score);
                entry.quality = entry.quality.max(quality);
                if p.in_title {
                    entry.in_title = entry.in_title.max(quality);
                }
            }
        }
    }

    fn readable(&self, doc: &Doc, lang: Language) -> bool {
        doc.language == lang || !doc.translated
    }
}

fn slot(lang: Language) -> usize {
    match lang {
        Language::Nl => 0,
        Language::En => 1,
    }
}

/// Whether `typed`, met with `quality`, is a match good enough to suggest an article by: the
/// word itself, a word form, a typing error in a long word, or the start of one that is not
/// short.
fn carries(typed: &str, quality: f32) -> bool {
    quality >= 1.0 || (quality >= 0.5 && typed.chars().count() >= CARRYING_PREFIX)
}

/// The first terms typed, each once.
fn query_terms(query: &str, lang: Language) -> Vec<String> {
    let mut typed = terms(query, lang);
    typed.truncate(MAX_QUERY_TERMS);
    typed.sort();
    typed.dedup();
    typed
}

#[cfg(test)]
mod tests {
    use balie_domain::{Bilingual, KbText, Timestamp};

    use super::*;

    fn nl(title: &str, body: &str) -> KbText {
        KbText {
            language: Language::Nl,
            title: title.into(),
            body: body.into(),
            published: true,
            updated_at: Timestamp(0),
        }
    }

    fn article(id: i64, section: i64, texts: Vec<KbText>) -> KbArticle {
        KbArticle {
            id: ArticleId(id),
            section: KbSectionId(section),
            position: id,
            outage_open: false,
            author: None,
            created_at: Timestamp(0),
            updated_at: Timestamp(0),
            texts,
        }
    }

    fn section(id: i64, key: Option<&str>) -> KbSection {
        KbSection {
            id: KbSectionId(id),
            category: balie_domain::KbCategoryId(1),
            position: id,
            key: key.map(str::to_string),
            name: Bilingual::new("Sectie", "Section"),
            description: Bilingual::default(),
        }
    }

    /// A shelf like a practice software vendor's.
    fn library() -> KbIndex {
        let articles = vec![
            article(
                1,
                1,
                vec![
                    nl(
                        "Wachtwoord opnieuw instellen",
                        "Ben je je wachtwoord vergeten? Klik op de inlogpagina op **Wachtwoord vergeten?** en vul je e-mailadres in. Je krijgt een link om een nieuw wachtwoord in te stellen.",
                    ),
                    KbText {
                        language: Language::En,
                        ..nl(
                            "Resetting your password",
                            "Forgot your password? Click **Forgot password?** on the sign-in page.",
                        )
                    },
                ],
            ),
            article(
                2,
                2,
                vec![nl(
                    "Declaraties indienen bij Vektis",
                    "Zo dien je declaraties in. Een declaratie gaat elke week naar Vektis.",
                )],
            ),
            article(
                3,
                2,
                vec![nl(
                    "Afgewezen declaratieregels",
                    "Wat te doen als een regel wordt afgewezen door de zorgverzekeraar.",
                )],
            ),
            article(
                4,
                3,
                vec![nl(
                    "Koppeling met de huisartsen",
                    "Huisartsen ontvangen de verwijsbrief via Zorgmail. De koppeling met een huisarts stel je in bij Instellingen.",
                )],
            ),
            article(
                5,
                3,
                vec![nl(
                    "Agenda delen met collega's",
                    "Deel je agenda met collega's in de praktijk. Afspraken verschijnen direct.",
                )],
            ),
            article(
                6,
                4,
                vec![nl(
                    "Facturen downloaden",
                    "Onder Facturen vind je elke factuur als PDF.",
                )],
            ),
            article(
                7,
                9,
                vec![nl(
                    "Storing in de agenda",
                    "Er is een storing in de agenda. We werken aan een oplossing.",
                )],
            ),
            article(
                8,
                3,
                vec![KbText {
                    published: false,
                    ..nl(
                        "Geheime huisartsen notitie",
                        "Nog niet klaar: huisarts koppeling v2",
                    )
                }],
            ),
        ];
        let mut articles = articles;
        articles[6].outage_open = true;
        KbIndex::build(
            7,
            &[section(1, None), section(9, Some("outages"))],
            &articles,
        )
    }

    fn ids(hits: &[Hit]) -> Vec<i64> {
        hits.iter().map(|h| h.article.0).collect()
    }

    #[test]
    fn word_forms_and_typing_errors_find_the_article() {
        let index = library();
        for (query, expected) in [
            ("huisarts", 4),
            ("huisartsen", 4),
            ("declaratie", 2),
            ("declaraties", 2),
            ("wachtwoord vergeten", 1),
            ("wachtwrd vergeten", 1),
            ("wachtwoord vergten", 1),
            ("factuur", 6),
            ("agenda delen", 5),
            ("zorgmail", 4),
            ("zorgmial", 4),
            ("huisatrs", 4),
            ("wacht", 1),
        ] {
            let hits = index.search(query, Language::Nl, 5);
            assert_eq!(
                hits.first().map(|h| h.article.0),
                Some(expected),
                "{query}: {:?}",
                ids(&hits)
            );
        }
    }

    #[test]
    fn the_title_outranks_the_body_and_more_terms_outrank_fewer() {
        let index = library();
        let hits = index.search("declaratie afgewezen", Language::Nl, 5);
        assert_eq!(ids(&hits)[..2], [3, 2]);
        let hits = index.search("agenda", Language::Nl, 5);
        assert_eq!(
            ids(&hits)[..2],
            [5, 7],
            "a title match first, then the outage"
        );
    }

    #[test]
    fn drafts_are_never_found() {
        let index = library();
        assert!(!ids(&index.search("geheime notitie", Language::Nl, 5)).contains(&8));
        assert_eq!(index.len(), 8, "seven Dutch texts and one English");
    }

    #[test]
    fn readers_find_their_language_or_untranslated_articles() {
        let index = library();
        let hits = index.search("password", Language::En, 5);
        assert_eq!(ids(&hits), vec![1]);
        assert_eq!(hits[0].language, Language::En);
        // Dutch-only articles are found by English readers too, by Dutch word forms.
        assert_eq!(ids(&index.search("vektis", Language::En, 5)), vec![2]);
        assert_eq!(ids(&index.search("declaraties", Language::En, 5))[0], 2);
        assert_eq!(ids(&index.search("huisartsen", Language::En, 5))[0], 4);
        // Nothing for words that are nowhere, or only the commonest words.
        assert!(index.search("xylofoon", Language::Nl, 5).is_empty());
        assert!(index.search("de het een", Language::Nl, 5).is_empty());
        assert!(index.search("", Language::Nl, 5).is_empty());
    }

    #[test]
    fn snippets_show_the_matching_words_highlighted() {
        let index = library();
        let hit = &index.search("huisarts", Language::Nl, 1)[0];
        let marked: Vec<&str> = hit
            .snippet
            .iter()
            .filter(|s| s.hit)
            .map(|s| s.text.as_str())
            .collect();
        assert!(marked.contains(&"Huisartsen"), "{:?}", hit.snippet);
        assert!(marked.contains(&"huisarts"), "{:?}", hit.snippet);
        let title: String = hit.title.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(title, "Koppeling met de huisartsen");
        assert!(hit.title.iter().any(|s| s.hit && s.text == "huisartsen"));
        let hit = &index.search("wachtwoord vergeten", Language::Nl, 1)[0];
        let text: String = hit.snippet.iter().map(|s| s.text.as_str()).collect();
        assert!(text.starts_with("Ben je je wachtwoord vergeten?"), "{text}");
        assert!(!text.contains("**"), "Markdown is left out: {text}");
    }

    #[test]
    fn long_texts_get_a_window_around_the_first_match() {
        let filler = "woord ".repeat(200);
        let body = format!("{filler} de koppeling met Zorgmail {filler}");
        let index = KbIndex::build(
            1,
            &[section(1, None)],
            &[article(1, 1, vec![nl("Lang", &body)])],
        );
        let hit = &index.search("zorgmail", Language::Nl, 1)[0];
        let text: String = hit.snippet.iter().map(|s| s.text.as_str()).collect();
        assert!(text.starts_with("… ") && text.ends_with(" …"), "{text}");
        assert!(text.split_whitespace().count() < 35, "{text}");
    }

    /// Twelve Dutch articles, each about a thing of its own. "praktijk" is in five of their
    /// bodies, "agenda" in nine texts (one title): a word some articles share and one most do.
    fn practice() -> KbIndex {
        let topics = [
            (
                "Labuitslagen inlezen",
                "De labuitslagen komen elke ochtend binnen.",
            ),
            (
                "Recepten herhalen",
                "Herhaalrecepten maak je vanuit het medicatieoverzicht.",
            ),
            (
                "Werkplek koppelen",
                "Een werkplek koppel je met de licentiecode.",
            ),
            (
                "Verwijsbrief printen",
                "De verwijsbrief print je vanuit het dossier.",
            ),
            (
                "Declaraties corrigeren",
                "Een afgekeurde declaratie corrigeer je.",
            ),
            (
                "Sms-herinneringen",
                "Herinneringen gaan per sms naar de patiënt.",
            ),
            (
                "Kassa afsluiten",
                "De kassa sluit je aan het eind van de dag.",
            ),
            (
                "Rapportages exporteren",
                "Rapportages exporteer je als spreadsheet.",
            ),
            (
                "Back-up terugzetten",
                "Een back-up zet je terug vanuit het beheerscherm.",
            ),
            (
                "Machtigingen aanvragen",
                "Een machtiging vraag je aan bij de zorgverzekeraar.",
            ),
            (
                "Edifact-berichten",
                "Edifact-berichten lees je in het berichtenoverzicht.",
            ),
            ("Agenda delen", "Deel de agenda met een collega."),
        ];
        let articles: Vec<KbArticle> = topics
            .iter()
            .enumerate()
            .map(|(n, (title, body))| {
                let mut body = body.to_string();
                if n < 5 {
                    body.push_str(" In de praktijk merk je daar weinig van.");
                }
                if n < 8 {
                    body.push_str(" Het staat ook in de agenda.");
                }
                article(n as i64 + 1, 1, vec![nl(title, &body)])
            })
            .collect();
        KbIndex::build(1, &[section(1, None)], &articles)
    }

    #[test]
    fn a_suggestion_weighs_each_word_by_how_rare_it_is_among_the_articles() {
        let index = practice();
        // Four articles share only the commoner word: a fifth of the query's weight, where
        // counting words alike would give them half.
        assert_eq!(
            ids(&index.suggest("praktijk labuitslagen", Language::Nl, 5)),
            [1]
        );
        let found = ids(&index.search("praktijk labuitslagen", Language::Nl, 20));
        assert_eq!(found[0], 1);
        for n in 2..=5 {
            assert!(found.contains(&n), "search still finds {n}: {found:?}");
        }
        // A word most articles have suggests those about it (in the title) only.
        assert_eq!(ids(&index.suggest("agenda", Language::Nl, 20)), [12]);
        assert_eq!(index.find("agenda", Language::Nl, 20).total, 9);
        assert_eq!(ids(&index.suggest("agenda delen", Language::Nl, 20)), [12]);
    }

    #[test]
    fn a_suggestion_needs_enough_of_the_subject_s_meaningful_words() {
        let index = library();
        // One word of three that no article has, and "verwijsbrief" in a body.
        let subject = "verwijsbrief sjabloon formulier";
        assert!(index.suggest(subject, Language::Nl, 5).is_empty());
        assert_eq!(ids(&index.search(subject, Language::Nl, 5)), [4]);
        assert_eq!(
            ids(&index.suggest("verwijsbrief huisarts", Language::Nl, 5)),
            [4]
        );
        assert_eq!(ids(&index.suggest("verwijsbrief", Language::Nl, 5)), [4]);
        // Help-desk words alone: "stel je in bij Instellingen" is no answer to them.
        for subject in [
            "probleem instellen",
            "foutmelding",
            "vraag over het portaal",
        ] {
            assert!(
                index.suggest(subject, Language::Nl, 5).is_empty(),
                "{subject}"
            );
        }
        assert!(ids(&index.search("probleem instellen", Language::Nl, 5)).contains(&4));
        assert_eq!(
            ids(&index.suggest("probleem met zorgmail", Language::Nl, 5)),
            [4]
        );
    }

    #[test]
    fn the_start_of_a_short_word_does_not_carry_a_suggestion() {
        let index = library();
        assert!(index.suggest("de", Language::Nl, 5).is_empty());
        assert!(index.suggest("dec", Language::Nl, 5).is_empty());
        assert!(
            !index.search("dec", Language::Nl, 5).is_empty(),
            "search still does"
        );
        assert_eq!(ids(&index.suggest("decl", Language::Nl, 5))[..2], [2, 3]);
        assert_eq!(ids(&index.suggest("wachtw", Language::Nl, 5)), [1]);
        assert_eq!(
            ids(&index.suggest("wachtwrd vergeten", Language::Nl, 5)),
            [1]
        );
        assert_eq!(ids(&index.suggest("password", Language::En, 5)), [1]);
        assert_eq!(ids(&index.suggest("vektis", Language::En, 5)), [2]);
    }

    #[test]
    fn open_outages_in_the_outage_section_make_the_banner() {
        let index = library();
        let outages = index.outages();
        assert_eq!(outages.len(), 1);
        assert_eq!(outages[0].article, ArticleId(7));
        assert_eq!(outages[0].title(Language::En), "Storing in de agenda");
    }
}
