//! Dutch demo data, so a newcomer can click through at once: a vendor with two agent groups, the
//! practice "Huisartsenpraktijk De Linde" with a Beheerder, a Medewerker and a Medewerker+, and a
//! second organisation. Every demo person signs in with [`DEMO_PASSWORD`], except Eva Smit, who
//! has just been invited: her invitation waits in the outbox, as for a new colleague. A few
//! tickets in different states give the workspace and the lists something to show.

use balie_domain::{
    EmailAddress, Gender, GroupId, InvoiceLine, InvoiceStatus, Language, Money, NewInvoice,
    NewLicence, NewUser, OrgId, PortalRoles, UserKind, date,
};
use balie_store::{NewOrganisation, Tx};

use crate::audit::Audit;
use crate::work::Work;
use crate::{App, AppError};

mod kb;
mod kb_volume;
mod tickets;
pub mod volume;

pub use kb_volume::generated_articles;

pub const DEMO_PASSWORD: &str = "demo-balie";

/// What a demo person is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoRole {
    /// Agent and administrator, in both groups.
    AgentAdmin,
    /// Agent in the billing group.
    Agent,
    LindeBeheerder,
    LindeMedewerker,
    LindeMedewerkerPlus,
    /// A Medewerker of De Linde who was invited and has not set a password yet.
    LindeInvited,
    AnkerBeheerder,
}

impl DemoRole {
    pub fn describe(self) -> &'static str {
        match self {
            DemoRole::AgentAdmin => "agent, administrator",
            DemoRole::Agent => "agent",
            DemoRole::LindeBeheerder => "Beheerder, De Linde",
            DemoRole::LindeMedewerker => "Medewerker, De Linde",
            DemoRole::LindeMedewerkerPlus => "Medewerker+, De Linde",
            DemoRole::LindeInvited => {
                "Medewerker, De Linde; invited: her link is below and in the mail folder"
            }
            DemoRole::AnkerBeheerder => "Beheerder, Het Anker",
        }
    }
}

/// The demo people: e-mail, first name, last name, role.
pub const DEMO_PEOPLE: &[(&str, &str, &str, DemoRole)] = &[
    (
        "sanne@balie.example",
        "Sanne",
        "Visser",
        DemoRole::AgentAdmin,
    ),
    ("joost@balie.example", "Joost", "Peeters", DemoRole::Agent),
    (
        "beheerder@delinde.example",
        "Anna",
        "Jansen",
        DemoRole::LindeBeheerder,
    ),
    (
        "medewerker@delinde.example",
        "Pieter",
        "Bakker",
        DemoRole::LindeMedewerker,
    ),
    (
        "medewerkerplus@delinde.example",
        "Fatima",
        "El Amrani",
        DemoRole::LindeMedewerkerPlus,
    ),
    (
        "nieuw@delinde.example",
        "Eva",
        "Smit",
        DemoRole::LindeInvited,
    ),
    (
        "beheerder@hetanker.example",
        "Lotte",
        "de Boer",
        DemoRole::AnkerBeheerder,
    ),
];

fn organisation(
    name: &str,
    address: &str,
    postcode: &str,
    city: &str,
    phone: &str,
) -> NewOrganisation {
    NewOrganisation {
        name: name.into(),
        address: address.into(),
        postcode: postcode.into(),
        city: city.into(),
        phone: phone.into(),
        email: String::new(),
    }
}

fn contact(
    org: OrgId,
    beheerder: bool,
    medewerker: bool,
    plus: bool,
) -> Result<UserKind, AppError> {
    Ok(UserKind::Contact {
        org,
        roles: PortalRoles::new(beheerder, medewerker, plus)?,
    })
}

/// What loading the demo made that its user needs next.
pub struct DemoLoaded {
    /// The link in the invitation of the demo contact who has not set a password yet.
    pub invitation_link: String,
}

impl App {
    /// Loads the demo data once; `None` when it was there already.
    pub async fn load_demo(&self) -> Result<Option<DemoLoaded>, AppError> {
        let mut tx = self.work().await?;
        let marker = EmailAddress::parse(DEMO_PEOPLE[0].0)?;
        if tx.user_by_email(&marker).await?.is_some() {
            return Ok(None);
        }
        let now = self.now();
        let first_line = tx.insert_group("Eerste lijn support").await?;
        let billing = tx.insert_group("Facturatie").await?;
        let linde = organisation(
            "Huisartsenpraktijk De Linde",
            "Lindelaan 12",
            "3521 AB",
            "Utrecht",
            "030-2345678",
        );
        let linde = tx.insert_organisation(&linde, now).await?;
        let anker = organisation(
            "Fysiotherapie Het Anker",
            "Havenstraat 3",
            "1013 AB",
            "Amsterdam",
            "020-7654321",
        );
        let anker = tx.insert_organisation(&anker, now).await?;
        let hash = self.hasher.hash(DEMO_PASSWORD)?;
        let mut people = vec![];
        let mut invitation_link = String::new();
        for &(email, first, last, role) in DEMO_PEOPLE {
            let gender = match first {
                "Joost" | "Pieter" => Gender::Male,
                _ => Gender::Female,
            };
            let kind = match role {
                DemoRole::AgentAdmin => UserKind::Agent { admin: true },
                DemoRole::Agent => UserKind::Agent { admin: false },
                DemoRole::LindeBeheerder => contact(linde, true, false, false)?,
                DemoRole::LindeMedewerker | DemoRole::LindeInvited => {
                    contact(linde, false, true, false)?
                }
                DemoRole::LindeMedewerkerPlus => contact(linde, false, true, true)?,
                DemoRole::AnkerBeheerder => contact(anker, true, false, false)?,
            };
            let new = NewUser {
                kind,
                first_name: first.into(),
                last_name: last.into(),
                gender: Some(gender),
                phone: String::new(),
                email: Some(EmailAddress::parse(email)?),
                language: Language::Nl,
            };
            let id = tx.insert_user(&new, now).await?;
            people.push((role, id, email));
            match role {
                DemoRole::LindeInvited => {
                    let person = tx.user(id).await?.ok_or(AppError::NotFound)?;
                    invitation_link = self.queue_invitation(&mut tx, &person).await?;
                }
                _ => tx.set_password_hash(id, &hash, now).await?,
            }
            match role {
                DemoRole::AgentAdmin => {
                    tx.add_group_member(first_line, id).await?;
                    tx.add_group_member(billing, id).await?;
                }
                DemoRole::Agent => tx.add_group_member(billing, id).await?,
                _ => {}
            }
        }
        self.demo_billing(&mut *tx, linde).await?;
        demo_routing(&mut *tx, first_line, billing).await?;
        self.demo_tickets(&mut *tx, &people, (linde, anker), (first_line, billing))
            .await?;
        let (_, author, _) = people
            .iter()
            .find(|(role, _, _)| *role == DemoRole::AgentAdmin)
            .ok_or(AppError::NotFound)?;
        self.demo_kb(&mut *tx, *author).await?;
        audit_demo(&mut tx).await?;
        tx.commit().await?;
        Ok(Some(DemoLoaded { invitation_link }))
    }
}

/// Financial questions and subscription changes go to "Facturatie", the rest to the first line.
async fn demo_routing(
    tx: &mut dyn Tx,
    first_line: GroupId,
    billing: GroupId,
) -> Result<(), AppError> {
    tx.set_billing_group(Some(billing)).await?;
    let finance = tx
        .ticket_categories()
        .await?
        .into_iter()
        .find(|c| c.key == "finance")
        .map(|c| c.id);
    tx.insert_routing_rule(None, finance, billing).await?;
    tx.insert_routing_rule(None, None, first_line).await?;
    Ok(())
}

impl App {
    /// A subscription with licences and two invoices for De Linde, one paid and one open.
    async fn demo_billing(&self, tx: &mut dyn Tx, org: OrgId) -> Result<(), AppError> {
        let now = self.now();
        tx.set_subscription_plan(org, "Zorgsoft Praktijk, maandelijks")
            .await?;
        for (product, quantity, cents) in
            [("Zorgsoft Praktijk", 3, 4995), ("Module Agenda", 1, 1250)]
        {
            let licence = NewLicence {
                product: product.into(),
                quantity,
                unit_price: Money(cents),
            };
            tx.insert_licence(org, &licence, now).await?;
        }
        for (number, month, paid) in [("2026-0101", 10, true), ("2026-0142", 11, false)] {
            let invoice = NewInvoice {
                number: number.into(),
                issue_date: date(2026, month, 1),
                due_date: date(2026, month + 1, 1),
                lines: vec![
                    InvoiceLine {
                        description: "Zorgsoft Praktijk, licenties".into(),
                        quantity: 3,
                        unit_price: Money(4995),
                        vat_percent: 21,
                    },
                    InvoiceLine {
                        description: "Module Agenda".into(),
                        quantity: 1,
                        unit_price: Money(1250),
                        vat_percent: 21,
                    },
                ],
            };
            let id = tx.insert_invoice(org, &invoice, now).await?;
            if paid {
                tx.set_invoice_status(org, id, InvoiceStatus::Paid).await?;
            }
        }
        Ok(())
    }
}

async fn audit_demo(tx: &mut Work<'_>) -> Result<(), AppError> {
    tx.audit(None, Audit::DemoLoaded).await?;
    Ok(())
}
