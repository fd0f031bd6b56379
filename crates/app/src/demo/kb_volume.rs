//! Knowledge-base articles in bulk, for benchmarks: Dutch titles and bodies built from a
//! practice-software vocabulary, with enough distinct words (codes, versions) for the search
//! index to be as large as a real one.

use balie_domain::{
    ArticleId, Bilingual, KbArticle, KbCategory, KbCategoryId, KbSection, KbSectionId, KbText,
    Language, Timestamp,
};

use super::volume::Dice;
use crate::{App, AppError};

const ACTIONS: &[&str] = &[
    "Instellen van",
    "Wijzigen van",
    "Verwijderen van",
    "Exporteren van",
    "Importeren van",
    "Controleren van",
    "Koppelen van",
    "Herstellen van",
    "Aanvragen van",
    "Beheren van",
    "Versturen van",
    "Afdrukken van",
    "Zoeken naar",
    "Archiveren van",
    "Delen van",
];
const OBJECTS: &[&str] = &[
    "declaraties",
    "afspraken",
    "wachtwoorden",
    "verwijsbrieven",
    "facturen",
    "huisartsen",
    "patiëntgegevens",
    "sjablonen",
    "rapportages",
    "gebruikers",
    "rechten",
    "herinneringen",
    "retourbestanden",
    "zorgverzekeraars",
    "labuitslagen",
    "recepten",
    "medicatie",
    "dossiers",
    "agenda's",
    "berichten",
    "behandelplannen",
    "machtigingen",
    "verzamelfacturen",
    "werkplekken",
];
const PLACES: &[&str] = &[
    "de agenda",
    "het dossier",
    "Vektis",
    "Zorgmail",
    "het portaal",
    "de app",
    "het EPD",
    "de kassa",
    "de rapportagemodule",
    "het declaratiescherm",
    "de instellingen",
    "Edifact",
];
const SENTENCES: &[&str] = &[
    "Open {place} en kies {object} in het menu.",
    "Controleer of de {object} goed zijn ingesteld voordat je verdergaat.",
    "Bij foutcode {code} worden de {object} niet verwerkt.",
    "Vanaf versie {version} kun je {object} ook vanuit {place} beheren.",
    "Neem contact op met support als {place} niet reageert.",
    "Het duurt soms enkele minuten voordat de {object} zichtbaar zijn.",
    "Alleen gebruikers met de juiste rechten kunnen {object} wijzigen.",
    "Sla je wijzigingen op met de knop Opslaan rechtsonder.",
    "Via {place} zie je per week welke {object} zijn verstuurd.",
    "Vergeet niet de {object} te controleren na een update naar versie {version}.",
];
const CATEGORIES: &[(&str, &str, &str)] = &[
    ("calendar", "Agenda", "Afspraken, herinneringen en roosters"),
    (
        "euro",
        "Declareren",
        "Declaraties, Vektis en retourbestanden",
    ),
    ("book", "Dossier", "Verslaglegging, sjablonen en brieven"),
    ("link", "Koppelingen", "Zorgmail, labs en andere systemen"),
    ("users", "Gebruikers", "Accounts, rechten en werkplekken"),
    ("wrench", "Installatie", "Updates, werkplekken en netwerk"),
];

/// One generated Dutch text: a title and a body of a few paragraphs.
fn text(dice: &mut Dice) -> KbText {
    let object = *dice.pick(OBJECTS);
    let action = *dice.pick(ACTIONS);
    let place = *dice.pick(PLACES);
    let title = format!("{action} {object} in {place}");
    let mut body = String::new();
    for _ in 0..3 + dice.below(4) {
        for _ in 0..3 + dice.below(4) {
            let template = *dice.pick(SENTENCES);
            let other = *dice.pick(OBJECTS);
            let place = *dice.pick(PLACES);
            let code = format!("E{}", 100 + dice.below(9_000));
            let version = format!("{}.{}", 3 + dice.below(5), dice.below(40));
            let sentence = template
                .replace("{object}", if dice.below(2) == 0 { object } else { other })
                .replace("{place}", place)
                .replace("{code}", &code)
                .replace("{version}", &version);
            body.push_str(&sentence);
            body.push(' ');
        }
        body.push_str("\n\n");
    }
    KbText {
        language: Language::Nl,
        title,
        body,
        published: true,
        updated_at: Timestamp(0),
    }
}

/// `n` published articles spread over `sections`, ready to index or to store.
pub fn generated_articles(n: usize, sections: &[KbSectionId]) -> Vec<KbArticle> {
    let mut dice = Dice(0x00CB_A5E0 ^ n as u64);
    (0..n)
        .map(|i| KbArticle {
            id: ArticleId(i as i64 + 1),
            section: *dice.pick(sections),
            position: 0,
            outage_open: false,
            author: None,
            created_at: Timestamp(0),
            updated_at: Timestamp(0),
            texts: vec![text(&mut dice)],
        })
        .collect()
}

impl App {
    /// Writes `n` articles into categories and sections of their own.
    pub(crate) async fn generate_kb_articles(
        &self,
        n: usize,
        progress: &(dyn Fn(&str, usize) + Sync),
    ) -> Result<(), AppError> {
        let mut tx = self.work().await?;
        let mut sections = vec![];
        for (icon, name, description) in CATEGORIES {
            let category = KbCategory {
                id: KbCategoryId::NEW,
                position: 0,
                icon: icon.to_string(),
                name: Bilingual::new(*name, ""),
                description: Bilingual::new(*description, ""),
            };
            let category = tx
                .save_kb_category(&category)
                .await?
                .ok_or(AppError::NotFound)?;
            for part in [
                "Veelgestelde vragen",
                "Handleidingen",
                "Nieuw in deze versie",
            ] {
                let section = KbSection {
                    id: KbSectionId::NEW,
                    category,
                    position: 0,
                    key: None,
                    name: Bilingual::new(part, ""),
                    description: Bilingual::default(),
                };
                sections.push(
                    tx.save_kb_section(&section)
                        .await?
                        .ok_or(AppError::NotFound)?,
                );
            }
        }
        let now = self.now();
        for (written, mut article) in generated_articles(n, &sections).into_iter().enumerate() {
            article.id = ArticleId::NEW;
            article.created_at = now;
            article.updated_at = now;
            for text in &mut article.texts {
                text.updated_at = now;
            }
            tx.save_kb_article(&article).await?;
            if (written + 1) % 1_000 == 0 {
                progress("articles", written + 1);
            }
        }
        tx.commit().await?;
        self.refresh_after_change().await;
        progress("articles", n);
        Ok(())
    }
}
