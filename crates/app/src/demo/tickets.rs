//! The demo's tickets: one answered, one waiting for the customer, one solved, spread over two
//! organisations and both agent groups.

use balie_domain::{EmailAddress, GroupId, OrgId, Priority, TicketStatus, UserId};
use balie_store::{ImportComment, ImportTicket, Tx};

use super::DemoRole;
use crate::{App, AppError};

/// Who is who in the demo, by role.
pub(super) type People<'a> = [(DemoRole, UserId, &'a str)];

impl App {
    /// A few tickets in different states, so the workspace and the customers' lists have
    /// something to show: answered, waiting for the customer, and solved.
    pub(super) async fn demo_tickets(
        &self,
        tx: &mut dyn Tx,
        people: &People<'_>,
        (linde, anker): (OrgId, OrgId),
        (first_line, billing): (GroupId, GroupId),
    ) -> Result<(), AppError> {
        let who = |role: DemoRole| {
            people
                .iter()
                .find(|(r, _, _)| *r == role)
                .map(|(_, id, email)| Ok::<_, AppError>((*id, Some(EmailAddress::parse(email)?))))
                .ok_or(AppError::NotFound)?
        };
        let (anna, anna_email) = who(DemoRole::LindeBeheerder)?;
        let (lotte, lotte_email) = who(DemoRole::AnkerBeheerder)?;
        let (sanne, _) = who(DemoRole::AgentAdmin)?;
        let (joost, _) = who(DemoRole::Agent)?;
        let forms = tx.ticket_forms().await?;
        let categories = tx.ticket_categories().await?;
        let form = |key: &str| forms.iter().find(|f| f.key == key).map(|f| f.id);
        let category = |key: &str| categories.iter().find(|c| c.key == key).map(|c| c.id);
        let now = self.now();
        let ago = |hours: i64| now.plus_seconds(-hours * 3_600);
        let say = |author: UserId, body: &str, hours: i64| ImportComment {
            author: Some(author),
            body: body.into(),
            public: true,
            created_at: ago(hours),
        };
        let tickets = [
            ImportTicket {
                org: Some(linde),
                requester: Some(anna),
                requester_email: anna_email.clone(),
                form: form("question").ok_or(AppError::NotFound)?,
                category: category("finance"),
                subject: "Verzamelfactuur december klopt niet".into(),
                status: TicketStatus::Open,
                priority: Priority::Normal,
                group: Some(billing),
                assignee: Some(joost),
                created_at: ago(30),
                updated_at: ago(5),
                solved_at: None,
                comments: vec![
                    say(
                        anna,
                        "Op de verzamelfactuur van december staan twee consulten dubbel.",
                        30,
                    ),
                    say(
                        joost,
                        "Dank voor je melding. We zoeken het uit en komen erop terug.",
                        5,
                    ),
                ],
            },
            ImportTicket {
                org: Some(anker),
                requester: Some(lotte),
                requester_email: lotte_email,
                form: form("incident").ok_or(AppError::NotFound)?,
                category: category("technical"),
                subject: "Sjabloon verwijsbrief geeft een foutmelding".into(),
                status: TicketStatus::Pending,
                priority: Priority::High,
                group: Some(first_line),
                assignee: Some(sanne),
                created_at: ago(50),
                updated_at: ago(2),
                solved_at: None,
                comments: vec![
                    say(
                        lotte,
                        "Bij het openen van het sjabloon verschijnt 'veld onbekend'.",
                        50,
                    ),
                    say(
                        sanne,
                        "Welke versie van het sjabloon gebruiken jullie? Een schermafdruk helpt ons ook.",
                        2,
                    ),
                ],
            },
            ImportTicket {
                org: Some(linde),
                requester: Some(anna),
                requester_email: anna_email,
                form: form("question").ok_or(AppError::NotFound)?,
                category: category("integration"),
                subject: "Zorgmail instellen op de nieuwe werkplek".into(),
                status: TicketStatus::Solved,
                priority: Priority::Normal,
                group: Some(first_line),
                assignee: Some(sanne),
                created_at: ago(120),
                updated_at: ago(96),
                solved_at: Some(ago(96)),
                comments: vec![
                    say(
                        anna,
                        "Hoe stellen we Zorgmail in op de laptop van de assistente?",
                        120,
                    ),
                    say(
                        sanne,
                        "Ik heb de stappen voor je op een rij gezet; het staat nu goed.",
                        96,
                    ),
                ],
            },
        ];
        tx.import_tickets(&tickets).await?;
        Ok(())
    }
}
