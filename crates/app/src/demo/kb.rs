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
                texts: vec![text(
                    Language::Nl,
                    "Gepland onderhoud zondagnacht (afgerond)",
                    "Zondag tussen 01:00 en 03:00 uur was het portaal niet bereikbaar door gepland onderhoud. Het onderhoud is afgerond.",
                )],
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
