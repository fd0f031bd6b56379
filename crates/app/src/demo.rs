//! Dutch demo data, so a newcomer can click through at once: a vendor with two agent groups, the
//! practice "Huisartsenpraktijk De Linde" with a Beheerder, a Medewerker and a Medewerker+, and a
//! second organisation. Every demo person signs in with [`DEMO_PASSWORD`].

use balie_domain::{EmailAddress, Language, NewUser, OrgId, PortalRoles, UserKind};
use balie_store::{NewOrganisation, Tx};

use crate::{App, AppError};

pub const DEMO_PASSWORD: &str = "demo-balie";

/// The demo people: e-mail, first name, last name, and what they are.
pub const DEMO_PEOPLE: &[(&str, &str, &str, &str)] = &[
    ("sanne@balie.example", "Sanne", "Visser", "agent-admin"),
    ("joost@balie.example", "Joost", "Peeters", "agent"),
    ("beheerder@delinde.example", "Anna", "Jansen", "beheerder"),
    (
        "medewerker@delinde.example",
        "Pieter",
        "Bakker",
        "medewerker",
    ),
    (
        "medewerkerplus@delinde.example",
        "Fatima",
        "El Amrani",
        "medewerker-plus",
    ),
    (
        "beheerder@hetanker.example",
        "Lotte",
        "de Boer",
        "beheerder-anker",
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
    }
}

impl App {
    /// Loads the demo data once; returns `false` when it was there already.
    pub async fn load_demo(&self) -> Result<bool, AppError> {
        let mut tx = self.store.begin().await?;
        let marker = EmailAddress::parse(DEMO_PEOPLE[0].0)?;
        if tx.user_by_email(&marker).await?.is_some() {
            return Ok(false);
        }
        let now = self.now();
        let first_line = tx.insert_group("Eerste lijn support").await?;
        let billing = tx.insert_group("Facturatie").await?;
        let linde = tx
            .insert_organisation(
                &organisation(
                    "Huisartsenpraktijk De Linde",
                    "Lindelaan 12",
                    "3521 AB",
                    "Utrecht",
                    "030-2345678",
                ),
                now,
            )
            .await?;
        let anker = tx
            .insert_organisation(
                &organisation(
                    "Fysiotherapie Het Anker",
                    "Havenstraat 3",
                    "1013 AB",
                    "Amsterdam",
                    "020-7654321",
                ),
                now,
            )
            .await?;
        let hash = self.hasher.hash(DEMO_PASSWORD)?;
        for (email, first, last, what) in DEMO_PEOPLE {
            let kind = match *what {
                "agent-admin" => UserKind::Agent { admin: true },
                "agent" => UserKind::Agent { admin: false },
                "beheerder" => contact(linde, PortalRoles::BEHEERDER),
                "medewerker" => contact(linde, PortalRoles::new(false, true, false)?),
                "medewerker-plus" => contact(linde, PortalRoles::new(false, true, true)?),
                _ => contact(anker, PortalRoles::BEHEERDER),
            };
            let new = NewUser {
                kind,
                first_name: (*first).into(),
                last_name: (*last).into(),
                gender: None,
                email: Some(EmailAddress::parse(email)?),
                language: Language::Nl,
            };
            let id = tx.insert_user(&new, now).await?;
            tx.set_password_hash(id, &hash, now).await?;
            match *what {
                "agent-admin" => {
                    tx.add_group_member(first_line, id).await?;
                    tx.add_group_member(billing, id).await?;
                }
                "agent" => tx.add_group_member(billing, id).await?,
                _ => {}
            }
        }
        audit_demo(self, &mut *tx).await?;
        tx.commit().await?;
        Ok(true)
    }
}

fn contact(org: OrgId, roles: PortalRoles) -> UserKind {
    UserKind::Contact { org, roles }
}

async fn audit_demo(app: &App, tx: &mut dyn Tx) -> Result<(), AppError> {
    let entry = app.audit_entry(None, "demo.loaded", "installation", None, String::new());
    tx.audit(&entry).await?;
    Ok(())
}
