//! Realistic volume for benchmarks and load tests: organisations with their contacts, and years
//! of tickets with conversations, written through the store's bulk import. The numbers follow a
//! scale (1.0 = 2,000 organisations, 20,000 contacts, 1,000,000 tickets, 5,000,000 comments);
//! the content is Dutch and varied enough for lists and searches to behave as they would.

use balie_domain::{
    EmailAddress, Language, NewUser, OrgId, PortalRoles, Priority, TicketStatus, Timestamp, UserId,
    UserKind,
};
use balie_store::{ImportComment, ImportTicket, NewOrganisation};

use super::DEMO_PASSWORD;
use crate::{App, AppError};

/// How much to make.
#[derive(Debug, Clone, Copy)]
pub struct Volume {
    pub organisations: usize,
    pub contacts_per_org: usize,
    pub tickets: usize,
    /// Messages a ticket, the description included.
    pub comments_per_ticket: usize,
    /// Knowledge-base articles (10,000 at scale 1).
    pub kb_articles: usize,
}

impl Volume {
    pub fn at_scale(scale: f64) -> Volume {
        let scaled = |n: f64| ((n * scale).round() as usize).max(1);
        Volume {
            organisations: scaled(2_000.0),
            contacts_per_org: 10,
            tickets: scaled(1_000_000.0),
            comments_per_ticket: 5,
            kb_articles: scaled(10_000.0),
        }
    }
}

/// The e-mail address of the Beheerder of generated organisation `n` (from 1), who signs in
/// with the demo password.
pub fn beheerder_email(n: usize) -> String {
    format!("beheerder@praktijk-{n}.example")
}

/// A small, fast, seeded generator: the same scale gives the same data.
pub(crate) struct Dice(pub(crate) u64);

impl Dice {
    pub(crate) fn next(&mut self) -> u64 {
        // SplitMix64.
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const KINDS: &[&str] = &[
    "Huisartsenpraktijk",
    "Fysiotherapie",
    "Tandartspraktijk",
    "Psychologenpraktijk",
    "Verloskundigenpraktijk",
    "Diëtistenpraktijk",
];
const PLACES: &[&str] = &[
    "De Linde",
    "Het Anker",
    "De Eik",
    "Zonnehof",
    "De Brug",
    "Het Baken",
    "De Kade",
    "Rivierzicht",
];
const CITIES: &[&str] = &[
    "Utrecht",
    "Amsterdam",
    "Zwolle",
    "Groningen",
    "Eindhoven",
    "Leiden",
    "Arnhem",
    "Breda",
];
const FIRST: &[&str] = &[
    "Anna", "Pieter", "Fatima", "Kees", "Lotte", "Daan", "Sanne", "Mohammed", "Eva", "Joris",
];
const LAST: &[&str] = &[
    "Jansen",
    "de Vries",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "El Amrani",
    "Mulder",
    "Bos",
];
const SUBJECTS: &[&str] = &[
    "Declaratie wordt afgewezen door Vektis",
    "Agenda laadt niet na de update",
    "Koppeling met Zorgmail geeft een foutmelding",
    "Wachtwoord vergeten van de assistente",
    "Verwijsbrief sjabloon aanpassen",
    "Cliënten exporteren naar Excel",
    "Verzamelfactuur klopt niet",
    "Nieuwe medewerker toevoegen",
    "Printer drukt etiketten scheef af",
    "Herinneringen per sms komen niet aan",
    "Jaaroverzicht declaraties opvragen",
    "Licentie voor extra werkplek",
];
const QUESTIONS: &[&str] = &[
    "Sinds vanochtend krijgen we deze melding bij elke poging. Kunnen jullie meekijken?",
    "Op twee werkplekken gaat het goed, op de derde niet. Wat kan dat zijn?",
    "We hebben de stappen uit de handleiding gevolgd, maar het lukt nog steeds niet.",
    "Dit is dringend: de praktijk kan zo geen afspraken inplannen.",
];
const ANSWERS: &[&str] = &[
    "Dank voor je melding. Kun je een schermafdruk van de foutmelding sturen?",
    "We hebben de instelling aangepast; wil je het opnieuw proberen?",
    "Dit is een bekend probleem dat in de volgende versie is opgelost.",
    "Ik heb je een korte uitleg gestuurd; laat het weten als er nog vragen zijn.",
];

/// Three years back from `now`.
const SPAN_SECS: u64 = 3 * 365 * 86_400;

fn status(dice: &mut Dice) -> TicketStatus {
    match dice.below(100) {
        0..=81 => TicketStatus::Closed,
        82..=87 => TicketStatus::Solved,
        88..=91 => TicketStatus::Pending,
        92..=95 => TicketStatus::Open,
        96..=97 => TicketStatus::OnHold,
        _ => TicketStatus::New,
    }
}

/// The generated organisations: each with its contacts, the Beheerder first.
struct Org {
    id: OrgId,
    contacts: Vec<(UserId, EmailAddress)>,
}

impl App {
    /// Writes `volume` and reports progress (tickets written so far) to `progress`.
    pub async fn generate_volume(
        &self,
        volume: &Volume,
        progress: &(dyn Fn(&str, usize) + Sync),
    ) -> Result<(), AppError> {
        let mut dice = Dice(0x0BA1_1E00 ^ volume.tickets as u64);
        let orgs = self.generate_orgs(volume, &mut dice, progress).await?;
        let agents: Vec<UserId> = {
            let mut tx = self.store.read().await?;
            tx.agents().await?.iter().map(|a| a.id).collect()
        };
        let form = self.ticket_forms().await?;
        let categories = self.ticket_categories().await?;
        let offered: Vec<_> = form.iter().filter(|f| f.offered).map(|f| f.id).collect();
        let category_ids: Vec<_> = categories.iter().map(|c| c.id).collect();
        let now = self.now().0 as u64;
        let mut written = 0;
        while written < volume.tickets {
            let mut tx = self.work().await?;
            // A transaction holds a few batches: large enough to be fast, small enough for
            // SQLite's journal and PostgreSQL's memory.
            for _ in 0..5 {
                let n = (volume.tickets - written).min(1_000);
                if n == 0 {
                    break;
                }
                let batch: Vec<ImportTicket> = (0..n)
                    .map(|_| {
                        let org = dice.pick(&orgs);
                        let (requester, email) = dice.pick(&org.contacts).clone();
                        let created = now - 3_600 - (dice.next() % SPAN_SECS);
                        let status = status(&mut dice);
                        let mut at = created;
                        let comments = (0..volume.comments_per_ticket)
                            .map(|i| {
                                at = (at + 600 + dice.next() % 86_400).min(now);
                                let from_agent = i % 2 == 1;
                                ImportComment {
                                    author: if from_agent {
                                        agents.get(dice.below(agents.len())).copied()
                                    } else {
                                        Some(requester)
                                    },
                                    body: if from_agent {
                                        dice.pick(ANSWERS).to_string()
                                    } else {
                                        dice.pick(QUESTIONS).to_string()
                                    },
                                    public: !(from_agent && dice.below(5) == 0),
                                    created_at: Timestamp(if i == 0 { created } else { at } as i64),
                                }
                            })
                            .collect();
                        let solved = matches!(status, TicketStatus::Solved | TicketStatus::Closed);
                        let assigned = !matches!(status, TicketStatus::New) && dice.below(10) > 0;
                        ImportTicket {
                            org: Some(org.id),
                            requester: Some(requester),
                            requester_email: Some(email),
                            form: *dice.pick(&offered),
                            category: Some(*dice.pick(&category_ids)),
                            subject: dice.pick(SUBJECTS).to_string(),
                            status,
                            priority: if dice.below(20) == 0 {
                                Priority::High
                            } else {
                                Priority::Normal
                            },
                            group: None,
                            assignee: if assigned {
                                agents.get(dice.below(agents.len())).copied()
                            } else {
                                None
                            },
                            created_at: Timestamp(created as i64),
                            updated_at: Timestamp(at as i64),
                            solved_at: solved.then_some(Timestamp(at as i64)),
                            comments,
                        }
                    })
                    .collect();
                tx.import_tickets(&batch).await?;
                written += n;
            }
            tx.commit().await?;
            progress("tickets", written);
        }
        self.generate_kb_articles(volume.kb_articles, progress)
            .await?;
        self.store.settle().await?;
        Ok(())
    }

    async fn generate_orgs(
        &self,
        volume: &Volume,
        dice: &mut Dice,
        progress: &(dyn Fn(&str, usize) + Sync),
    ) -> Result<Vec<Org>, AppError> {
        let hash = self.hasher.hash(DEMO_PASSWORD)?;
        let now = self.now();
        let mut orgs = vec![];
        for chunk_start in (0..volume.organisations).step_by(100) {
            let mut tx = self.work().await?;
            for k in chunk_start..(chunk_start + 100).min(volume.organisations) {
                let n = k + 1;
                let name = format!("{} {} {n}", dice.pick(KINDS), dice.pick(PLACES));
                let new = NewOrganisation {
                    name,
                    address: format!("Dorpsstraat {}", 1 + dice.below(200)),
                    postcode: format!("{} AB", 1000 + dice.below(8999)),
                    city: dice.pick(CITIES).to_string(),
                    phone: String::new(),
                    email: String::new(),
                };
                let id = tx.insert_organisation(&new, now).await?;
                let mut contacts = vec![];
                for c in 0..volume.contacts_per_org {
                    let (roles, email) = match c {
                        0 => (PortalRoles::BEHEERDER, beheerder_email(n)),
                        1 => (
                            PortalRoles::new(false, true, true)?,
                            format!("medewerker-plus@praktijk-{n}.example"),
                        ),
                        _ => (
                            PortalRoles::new(false, true, false)?,
                            format!("medewerker-{c}@praktijk-{n}.example"),
                        ),
                    };
                    let email = EmailAddress::parse(&email)?;
                    let person = NewUser {
                        kind: UserKind::Contact { org: id, roles },
                        first_name: dice.pick(FIRST).to_string(),
                        last_name: dice.pick(LAST).to_string(),
                        gender: None,
                        phone: String::new(),
                        email: Some(email.clone()),
                        language: Language::Nl,
                    };
                    let user = tx.insert_user(&person, now).await?;
                    if c == 0 {
                        tx.set_password_hash(user, &hash, now).await?;
                    }
                    contacts.push((user, email));
                }
                orgs.push(Org { id, contacts });
            }
            tx.commit().await?;
            progress("organisations", orgs.len());
        }
        Ok(orgs)
    }
}

impl App {
    /// Puts `count` mails in the outbox at once, a thousand a transaction, as a portal that could
    /// not send for a while would have (for `balie bench --backlog`).
    pub async fn queue_backlog(&self, count: usize) -> Result<(), AppError> {
        let mut left = count;
        while left > 0 {
            let mut tx = self.work().await?;
            for _ in 0..left.min(1_000) {
                let mail = balie_store::NewMail {
                    to_address: "klant@delinde.example".into(),
                    to_name: "Klant".into(),
                    subject: "Achterstand".into(),
                    text_body: "Een bericht dat wachtte.".into(),
                    html_body: "<p>Een bericht dat wachtte.</p>".into(),
                    message_id: format!("<{}@bench.balie>", crate::secret::new_token()),
                    language: balie_domain::Language::Nl,
                };
                tx.mail(&mail).await?;
            }
            tx.commit().await?;
            left = left.saturating_sub(1_000);
        }
        Ok(())
    }
}
