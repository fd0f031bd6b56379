//! The demo's knowledge base: tiles for the agenda, declaring, accounts and links, each with a
//! section of frequently asked questions, and a past maintenance notice under "Storing en
//! onderhoud". Some articles have an English version too.

use balie_domain::{
    ArticleId, Bilingual, KbArticle, KbCategory, KbCategoryId, KbSection, KbSectionId, KbText,
    Language, UserId,
};
use balie_store::Tx;

use crate::{App, AppError};

/// `(icon, name nl, name en, description nl, description en)`.
const TILES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "calendar",
        "Agenda",
        "Calendar",
        "Afspraken, herinneringen en roosters",
        "Appointments, reminders and rosters",
    ),
    (
        "euro",
        "Declareren",
        "Claims",
        "Declaraties, Vektis en retourbestanden",
        "Claims, Vektis and return files",
    ),
    (
        "lock",
        "Account en inloggen",
        "Account and sign-in",
        "Wachtwoord, rollen en collega's",
        "Password, roles and colleagues",
    ),
    (
        "link",
        "Koppelingen",
        "Links",
        "Zorgmail, huisartsen en laboratoria",
        "Zorgmail, GPs and laboratories",
    ),
];

/// `(tile, title nl, body nl, title en, body en)`; an empty English title means Dutch only.
const ARTICLES: &[(usize, &str, &str, &str, &str)] = &[
    (
        2,
        "Wachtwoord opnieuw instellen",
        "Ben je je wachtwoord vergeten? Klik op de inlogpagina op **Wachtwoord vergeten?** en vul je e-mailadres in.\n\nJe ontvangt een e-mail met een link. Die link werkt één keer en twee uur lang. Kies daarna een nieuw wachtwoord; de eisen staan onder het invulveld.\n\nNa tien mislukte pogingen wordt je account geblokkeerd; een nieuw wachtwoord instellen heft de blokkade op.",
        "Resetting your password",
        "Forgot your password? Click **Forgot password?** on the sign-in page and enter your e-mail address.\n\nYou receive an e-mail with a link that works once, for two hours. Then choose a new password; the rules are shown under the field.",
    ),
    (
        2,
        "Een collega toegang geven",
        "Als Beheerder ga je naar **Mijn organisatie → Contactpersonen** en kies je *Contactpersoon toevoegen*. Vink *Portaaltoegang* aan: je collega krijgt een uitnodiging per e-mail.\n\nMet de rol Medewerker+ ziet een collega ook de aanvragen van anderen, als de organisatie dat toestaat.",
        "",
        "",
    ),
    (
        1,
        "Declaraties indienen bij Vektis",
        "Declaraties verstuur je wekelijks vanuit het declaratiescherm. Kies de periode, controleer de regels en klik op **Versturen**.\n\n- Afgekeurde regels zie je terug in het retourbestand.\n- Een declaratie die al verstuurd is, kun je niet meer wijzigen; maak een creditregel.",
        "Submitting claims to Vektis",
        "Send claims weekly from the claims screen. Choose the period, check the lines and click **Send**.",
    ),
    (
        1,
        "Het retourbestand lezen",
        "In het retourbestand staat per declaratieregel of de zorgverzekeraar die heeft goedgekeurd. Een afgewezen regel heeft een foutcode; de meest voorkomende zijn een onbekende verzekerde en een verlopen verwijzing.",
        "",
        "",
    ),
    (
        0,
        "Herinneringen voor afspraken instellen",
        "Onder **Instellingen → Agenda** kies je hoeveel uur van tevoren patiënten een herinnering krijgen, per sms of e-mail. Herinneringen gaan alleen naar patiënten die daar toestemming voor gaven.",
        "Setting appointment reminders",
        "Under **Settings → Calendar** choose how many hours beforehand patients get a reminder, by text message or e-mail.",
    ),
    (
        3,
        "Koppeling met huisartsen via Zorgmail",
        "Verwijsbrieven van huisartsen komen binnen via Zorgmail en staan daarna in het dossier van de patiënt. Zet de koppeling aan onder **Instellingen → Koppelingen** met de gegevens die je van Zorgmail kreeg.\n\nKomen berichten van een huisarts niet aan? Controleer dan eerst het Zorgmail-adres van die huisartsenpraktijk.",
        "",
        "",
    ),
];

/// The past maintenance notice: title and body, Dutch only.
const NOTICE: (&str, &str) = (
    "Gepland onderhoud zondagnacht (afgerond)",
    "Zondag tussen 01:00 en 03:00 uur was het portaal niet bereikbaar door gepland onderhoud. Het onderhoud is afgerond.",
);

impl App {
    /// Writes the demo's categories, sections and articles.
    pub(super) async fn demo_kb(&self, tx: &mut dyn Tx, author: UserId) -> Result<(), AppError> {
        let now = self.now();
        let mut sections = vec![];
        for (icon, nl, en, text_nl, text_en) in TILES {
            let category = KbCategory {
                id: KbCategoryId::NEW,
                position: 0,
                icon: icon.to_string(),
                name: Bilingual::new(*nl, *en),
                description: Bilingual::new(*text_nl, *text_en),
            };
            let category = tx
                .save_kb_category(&category)
                .await?
                .ok_or(AppError::NotFound)?;
            let section = KbSection {
                id: KbSectionId::NEW,
                category,
                position: 0,
                key: None,
                name: Bilingual::new("Veelgestelde vragen", "Frequently asked questions"),
                description: Bilingual::default(),
            };
            sections.push(
                tx.save_kb_section(&section)
                    .await?
                    .ok_or(AppError::NotFound)?,
            );
        }
        let text = |language, title: &str, body: &str| KbText {
            language,
            title: title.into(),
            body: body.into(),
            published: true,
            updated_at: now,
        };
        for (tile, title_nl, body_nl, title_en, body_en) in ARTICLES {
            let mut texts = vec![text(Language::Nl, title_nl, body_nl)];
            if !title_en.is_empty() {
                texts.push(text(Language::En, title_en, body_en));
            }
            let article = KbArticle {
                id: ArticleId::NEW,
                section: sections[*tile],
                position: 0,
                outage_open: false,
                author: Some(author),
                created_at: now,
                updated_at: now,
                texts,
            };
            let id = tx
                .save_kb_article(&article)
                .await?
                .ok_or(AppError::NotFound)?;
            // Demo articles are there from the start: nobody is told of them.
            tx.announce_kb_article(id, now).await?;
        }
        if let Some(outages) = tx.kb_sections().await?.into_iter().find(|s| s.is_outages()) {
            let notice = KbArticle {
                id: ArticleId::NEW,
                section: outages.id,
                position: 0,
                outage_open: false,
                author: Some(author),
                created_at: now,
                updated_at: now,
                texts: vec![text(Language::Nl, NOTICE.0, NOTICE.1)],
            };
            let id = tx
                .save_kb_article(&notice)
                .await?
                .ok_or(AppError::NotFound)?;
            tx.announce_kb_article(id, now).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use balie_domain::Timestamp;

    use super::*;
    use crate::kb::{Hit, KbIndex};

    /// The demo's articles as the portal indexes them, each tile a section and the notice in
    /// one of its own.
    fn demo_index() -> KbIndex {
        let section = |id: usize| KbSection {
            id: KbSectionId(id as i64),
            category: KbCategoryId(id as i64),
            position: 0,
            key: None,
            name: Bilingual::default(),
            description: Bilingual::default(),
        };
        let sections: Vec<KbSection> = (0..=TILES.len()).map(section).collect();
        let text = |language, title: &str, body: &str| KbText {
            language,
            title: title.into(),
            body: body.into(),
            published: true,
            updated_at: Timestamp(0),
        };
        let article = |n: usize, section: usize, texts| KbArticle {
            id: ArticleId(n as i64 + 1),
            section: KbSectionId(section as i64),
            position: 0,
            outage_open: false,
            author: None,
            created_at: Timestamp(0),
            updated_at: Timestamp(0),
            texts,
        };
        let mut articles: Vec<KbArticle> = ARTICLES
            .iter()
            .enumerate()
            .map(|(n, (tile, title_nl, body_nl, title_en, body_en))| {
                let mut texts = vec![text(Language::Nl, title_nl, body_nl)];
                if !title_en.is_empty() {
                    texts.push(text(Language::En, title_en, body_en));
                }
                article(n, *tile, texts)
            })
            .collect();
        let notice = vec![text(Language::Nl, NOTICE.0, NOTICE.1)];
        articles.push(article(ARTICLES.len(), TILES.len(), notice));
        KbIndex::build(1, &sections, &articles)
    }

    fn titles(hits: &[Hit]) -> Vec<String> {
        hits.iter()
            .map(|h| h.title.iter().map(|s| s.text.as_str()).collect())
            .collect()
    }

    const PASSWORD: &str = "Wachtwoord opnieuw instellen";
    const REMINDERS: &str = "Herinneringen voor afspraken instellen";
    const ZORGMAIL: &str = "Koppeling met huisartsen via Zorgmail";

    #[test]
    fn subjects_are_not_suggested_articles_that_share_only_common_words_with_them() {
        let index = demo_index();
        let suggested = |subject: &str| titles(&index.suggest(subject, Language::Nl, 5));
        let none_of = |subject: &str, title: &str| {
            let found = suggested(subject);
            assert!(!found.iter().any(|t| t == title), "{subject}: {found:?}");
        };
        // The template is what the subject is about; Zorgmail brings referral letters in.
        none_of("Sjabloon verwijsbrief foutmelding", ZORGMAIL);
        none_of("Sjabloon verwijsbrief", ZORGMAIL);
        none_of("Toegang tot het portaal", NOTICE.0);
        // Related articles are suggested by the article's title.
        none_of(PASSWORD, REMINDERS);
        none_of(REMINDERS, PASSWORD);
        for subject in [
            "Foutmelding",
            "Probleem met het portaal",
            "Vraag over instellen",
        ] {
            assert!(suggested(subject).is_empty(), "{subject}");
        }
    }

    #[test]
    fn subjects_suggest_the_articles_about_their_meaningful_words() {
        let index = demo_index();
        for (subject, lang, title) in [
            ("wachtwoord vergeten", Language::Nl, PASSWORD),
            ("wachtw", Language::Nl, PASSWORD),
            ("Account geblokkeerd", Language::Nl, PASSWORD),
            (
                "Wachtwoord opnieuw instellen lukt niet",
                Language::Nl,
                PASSWORD,
            ),
            ("forgot password", Language::En, "Resetting your password"),
            (
                "declaratie",
                Language::Nl,
                "Declaraties indienen bij Vektis",
            ),
            (
                "Foutmelding bij declaratie",
                Language::Nl,
                "Declaraties indienen bij Vektis",
            ),
            ("claims", Language::En, "Submitting claims to Vektis"),
            ("retourbestand", Language::Nl, "Het retourbestand lezen"),
            ("zorgmail", Language::Nl, ZORGMAIL),
            ("Zorgmail werkt niet", Language::Nl, ZORGMAIL),
            ("verwijsbrief huisarts", Language::Nl, ZORGMAIL),
            ("zorgmail", Language::En, ZORGMAIL),
            ("Herinnering per sms", Language::Nl, REMINDERS),
            (
                "Toegang tot het portaal",
                Language::Nl,
                "Een collega toegang geven",
            ),
            (
                "collega toevoegen",
                Language::Nl,
                "Een collega toegang geven",
            ),
        ] {
            let found = titles(&index.suggest(subject, lang, 5));
            assert_eq!(
                found.first().map(String::as_str),
                Some(title),
                "{subject}: {found:?}"
            );
        }
    }

    #[test]
    fn search_still_finds_what_suggestions_leave_out() {
        let index = demo_index();
        for (query, title) in [
            ("Sjabloon verwijsbrief foutmelding", ZORGMAIL),
            ("Toegang tot het portaal", NOTICE.0),
            ("instellen", REMINDERS),
            ("instellen", PASSWORD),
        ] {
            let found = titles(&index.search(query, Language::Nl, 20));
            assert!(found.iter().any(|t| t == title), "{query}: {found:?}");
        }
    }
}
