//! The knowledge base's part of `balie bench`: the search index over 10,000 generated articles
//! in the process (how long one search takes, and building the index), then the suggestions the
//! request form asks for while a subject is typed, over HTTP, on the database's own articles.

use std::time::{Duration, Instant};

use balie_app::App;
use balie_app::demo::generated_articles;
use balie_app::kb::KbIndex;
use balie_domain::{Bilingual, KbSection, Language};

use super::{Client, measure, report};

/// What people type: whole words, word forms, typing errors, codes and half words.
pub const QUERIES: &[&str] = &[
    "wachtwoord vergeten",
    "huisarts",
    "declaratie",
    "declaraties vektis",
    "agenda delen",
    "foutcode E4521",
    "retourbestand",
    "zorgmail koppeling",
    "recpeten",
    "verwijsbrief huisartsen",
    "rapportage exporteren",
    "werkplek instellen",
    "facturen afdrukken",
    "labuitslagen",
    "wach",
    "machtiging aanvragen zorgverzekeraar",
];

/// Articles the in-process figure is measured over, as the goal names.
const ARTICLES: usize = 10_000;

pub fn in_process(searches: usize) {
    let sections: Vec<KbSection> = (1..=18)
        .map(|id| KbSection {
            id: balie_domain::KbSectionId(id),
            category: balie_domain::KbCategoryId(1),
            position: id,
            key: None,
            name: Bilingual::new("Sectie", ""),
            description: Bilingual::default(),
        })
        .collect();
    let ids: Vec<_> = sections.iter().map(|s| s.id).collect();
    let articles = generated_articles(ARTICLES, &ids);
    let start = Instant::now();
    let index = KbIndex::build(1, &sections, &articles);
    println!(
        "{:<34} {} articles in {:.0} ms",
        "kb: building the search index",
        index.len(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    for query in QUERIES {
        index.search(query, Language::Nl, 5);
    }
    let times: Vec<Duration> = QUERIES
        .iter()
        .cycle()
        .take(searches)
        .map(|query| {
            let start = Instant::now();
            let hits = index.search(query, Language::Nl, 5);
            let took = start.elapsed();
            std::hint::black_box(hits);
            took
        })
        .collect();
    report("kb: search, 10,000 articles", times, 0);
}

/// Suggestions over HTTP, as the request form asks for them.
pub async fn over_http(app: &App, client: &mut Client, requests: usize) -> anyhow::Result<()> {
    app.refresh_kb_index().await?;
    println!(
        "{:<34} {} published texts in the database",
        "kb: suggestions over HTTP",
        app.kb_index().len()
    );
    let paths: Vec<String> = QUERIES
        .iter()
        .map(|q| format!("/kb/suggest?q={}", q.replace(' ', "+")))
        .collect();
    measure(client, "kb: suggestions while typing", &paths, requests).await
}
