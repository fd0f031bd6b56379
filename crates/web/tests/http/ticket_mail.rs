//! The wording of the ticket e-mails (C8) over HTTP: the requester reads of "your request" and is
//! thanked, a colleague in the CC or a follower reads who submitted it; the reply names who
//! answered; whoever marked a request solved is named, or told it was them; the greeting uses the
//! first name; the closing and the signature stand on lines of their own.

use super::support::*;
use balie_domain::{EmailAddress, Language, NewUser, OrgId, UserId, UserKind};
use reqwest::StatusCode;

/// Huisartsenpraktijk De Linde with Pieter Bakker (who asks), Fatima de Vries (in his CC) and
/// Anna Jansen (Beheerder, follows the organisation's requests); Sanne Visser answers for
/// Zorgsoft. Everyone's password is "lindeboom".
struct Desk {
    t: TestApp,
    linde: OrgId,
    fatima: UserId,
    anna: UserId,
}

const PIETER: &str = "pieter@delinde.nl";
const FATIMA: &str = "fatima@delinde.nl";
const ANNA: &str = "anna@delinde.nl";
const SANNE: &str = "sanne@vendor.nl";

async fn person(t: &TestApp, kind: UserKind, (first, last): (&str, &str), email: &str) -> UserId {
    let mut tx = t.store.begin().await.unwrap();
    let new = NewUser {
        kind,
        first_name: first.into(),
        last_name: last.into(),
        gender: None,
        phone: String::new(),
        email: Some(EmailAddress::parse(email).unwrap()),
        language: Language::Nl,
    };
    let id = tx.insert_user(&new, t.app.now()).await.unwrap();
    tx.commit().await.unwrap();
    let invitation = t.app.send_invitation(None, id).await.unwrap();
    let token = invitation.link.rsplit('/').next().unwrap();
    t.app
        .set_password(token, "lindeboom", "lindeboom")
        .await
        .unwrap();
    id
}

impl Desk {
    async fn new() -> Desk {
        let mut config = test_config();
        config.branding.vendor_name = "Zorgsoft".into();
        let t = TestApp::start_with(config).await;
        let linde = t.organisation("Huisartsenpraktijk De Linde").await;
        let contact = |roles| UserKind::Contact { org: linde, roles };
        person(&t, contact(medewerker()), ("Pieter", "Bakker"), PIETER).await;
        let fatima = person(&t, contact(medewerker()), ("Fatima", "de Vries"), FATIMA).await;
        let anna = person(&t, contact(beheerder()), ("Anna", "Jansen"), ANNA).await;
        let agent = UserKind::Agent { admin: false };
        person(&t, agent, ("Sanne", "Visser"), SANNE).await;
        Desk {
            t,
            linde,
            fatima,
            anna,
        }
    }

    async fn contact(&self, email: &str) -> Browser {
        let b = self.t.browser();
        let signed_in = b.sign_in(email, "lindeboom").await;
        assert_eq!(signed_in.status, StatusCode::SEE_OTHER, "{email}");
        b
    }

    async fn agent(&self) -> Browser {
        let b = self.t.browser();
        let signed_in = b.agent_sign_in(SANNE, "lindeboom").await;
        assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
        b
    }

    /// Pieter submits "Agenda leeg" with Fatima in the CC; returns the ticket's number.
    async fn submitted(&self) -> String {
        let pieter = self.contact(PIETER).await;
        let category = self.t.app.ticket_categories().await.unwrap()[2].id;
        let (category, cc) = (category.to_string(), self.fatima.0.to_string());
        let created = pieter
            .submit(
                "/support/new/incident",
                "/support/new/incident",
                &[
                    ("subject", "Agenda leeg"),
                    ("description", "Sinds vanochtend geen afspraken."),
                    ("category", &category),
                    ("cc", &cc),
                ],
            )
            .await;
        assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
        let path = created.location.unwrap();
        let path = path.split('?').next().unwrap();
        path.rsplit('/').next().unwrap().to_string()
    }

    /// The newest mail to `to`.
    async fn last_mail(&self, to: &str) -> Mail {
        self.t.mail_to(to).await.pop().unwrap()
    }

    /// Sanne's public update of ticket `number`.
    async fn agent_update(&self, number: &str, body: &str, status: &str) {
        let path = format!("/agent/tickets/{number}");
        let sent = self
            .agent()
            .await
            .submit(
                &path,
                &path,
                &[
                    ("visibility", "public"),
                    ("body", body),
                    ("status", status),
                    ("priority", "normal"),
                    ("group", ""),
                    ("assignee", ""),
                ],
            )
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    }

    /// "Markeren als opgelost" on the customer's ticket page.
    async fn mark_solved(&self, email: &str, number: &str) {
        let path = format!("/tickets/{number}");
        let customer = self.contact(email).await;
        let solved = customer.submit(&path, &format!("{path}/solve"), &[]).await;
        assert_eq!(solved.status, StatusCode::SEE_OTHER, "{email}");
    }

    async fn stop(self) {
        self.t.stop().await;
    }
}

#[tokio::test]
async fn a_colleague_in_the_cc_is_told_who_submitted_and_only_the_requester_is_thanked() {
    let d = Desk::new().await;
    let anna = balie_domain::Actor::Contact {
        user: d.anna,
        org: d.linde,
        roles: beheerder(),
    };
    d.t.app.set_following_requests(&anna, true).await.unwrap();
    let n = d.submitted().await;

    let pieter = d.last_mail(PIETER).await;
    assert_eq!(
        pieter.subject,
        format!("[#{n}] We hebben je aanvraag ontvangen: Agenda leeg")
    );
    assert!(
        pieter.text.contains(&format!(
            "Bedankt voor je aanvraag „Agenda leeg”. Die is geregistreerd onder nummer #{n}."
        )),
        "{}",
        pieter.text
    );
    assert!(pieter.text.contains("Updates over je aanvraag"));

    let fatima = d.last_mail(FATIMA).await;
    assert_eq!(
        fatima.subject,
        format!("[#{n}] Nieuwe aanvraag van Pieter Bakker: Agenda leeg")
    );
    assert!(
        fatima.text.contains(&format!(
            "Pieter Bakker heeft een aanvraag ingediend en jou in de CC gezet: „Agenda leeg” (nummer #{n})."
        )),
        "{}",
        fatima.text
    );
    assert!(fatima.text.contains("zolang je in de CC staat"));
    for part in [&fatima.text, &fatima.html] {
        assert!(
            !part.contains("Bedankt") && !part.contains("je aanvraag"),
            "not thanked for a request she did not make: {part}"
        );
    }
    assert!(fatima.text.contains(&format!("/tickets/{n}")));

    let anna = d.last_mail(ANNA).await;
    assert!(
        anna.text.contains(&format!(
            "Pieter Bakker heeft een aanvraag ingediend: „Agenda leeg” (nummer #{n})."
        )),
        "{}",
        anna.text
    );
    assert!(
        anna.text
            .contains("Je volgt de aanvragen van je organisatie")
    );
    assert!(!anna.text.contains("Bedankt") && !anna.text.contains("in de CC"));
    d.stop().await;
}

#[tokio::test]
async fn the_greeting_uses_the_first_name_and_closing_and_signature_have_lines_of_their_own() {
    let d = Desk::new().await;
    let n = d.submitted().await;
    d.agent_update(&n, "Kun je het nog eens proberen?", "open")
        .await;
    let to_pieter = d.t.mail_to(PIETER).await;
    let about = |words: &str| {
        to_pieter
            .iter()
            .find(|m| m.subject.contains(words))
            .unwrap_or_else(|| panic!("a mail about {words}"))
    };
    // An account's mail, the confirmation and a reply: one frame for all.
    let (invitation, received, reply) = (
        about("Uitnodiging"),
        about("We hebben je aanvraag ontvangen"),
        about("Nieuwe reactie op je aanvraag"),
    );
    for (to, first) in [(FATIMA, "Fatima"), (PIETER, "Pieter")] {
        for mail in d.t.mail_to(to).await {
            let greeting = format!("Beste {first},");
            assert!(
                mail.text.starts_with(&format!("{greeting}\n")),
                "{}: {}",
                mail.subject,
                mail.text
            );
            assert!(
                mail.html.contains(&format!(">{greeting}</p>")),
                "{}",
                mail.html
            );
            assert!(!mail.text.contains("Bakker,") && !mail.text.contains("de Vries,"));
        }
    }
    for mail in [invitation, received, reply] {
        assert!(
            mail.text
                .contains("\nMet vriendelijke groet,\nZorgsoft Customer Support\n"),
            "{}: {}",
            mail.subject,
            mail.text
        );
        assert!(
            mail.html
                .contains(">Met vriendelijke groet,<br>Zorgsoft Customer Support</p>"),
            "{}",
            mail.html
        );
    }
    d.stop().await;
}

#[tokio::test]
async fn the_reply_mail_names_the_agent_and_a_colleague_reads_of_the_request() {
    let d = Desk::new().await;
    let n = d.submitted().await;
    d.agent_update(&n, "We hebben het gevonden.", "open").await;

    let pieter = d.last_mail(PIETER).await;
    assert_eq!(
        pieter.subject,
        format!("[#{n}] Nieuwe reactie op je aanvraag: Agenda leeg")
    );
    assert!(
        pieter.text.contains(&format!(
            "Sanne Visser van Customer Support heeft gereageerd op je aanvraag „Agenda leeg” (#{n}):\n\nWe hebben het gevonden."
        )),
        "{}",
        pieter.text
    );
    assert!(
        pieter
            .html
            .contains("Sanne Visser van Customer Support heeft gereageerd")
    );

    let fatima = d.last_mail(FATIMA).await;
    assert_eq!(
        fatima.subject,
        format!("[#{n}] Nieuwe reactie op de aanvraag: Agenda leeg")
    );
    assert!(
        fatima.text.contains(&format!(
            "Sanne Visser van Customer Support heeft gereageerd op de aanvraag „Agenda leeg” (#{n}):"
        )),
        "{}",
        fatima.text
    );
    assert!(!fatima.text.contains("je aanvraag"));

    // Waiting for a reply: the requester's reply is asked for, the colleague reads of "a reply".
    d.agent_update(&n, "Welke browser gebruik je?", "pending")
        .await;
    let pieter = d.last_mail(PIETER).await;
    assert_eq!(
        pieter.subject,
        format!("[#{n}] We wachten op je reactie: Agenda leeg")
    );
    let fatima = d.last_mail(FATIMA).await;
    assert_eq!(
        fatima.subject,
        format!("[#{n}] We wachten op een reactie: Agenda leeg")
    );
    assert!(
        fatima.text.contains(&format!(
            "Om verder te kunnen met de aanvraag „Agenda leeg” (#{n}) hebben we een reactie nodig."
        )) && fatima.text.contains("Welke browser gebruik je?"),
        "{}",
        fatima.text
    );
    assert!(!fatima.text.contains("je aanvraag") && !fatima.text.contains("je reactie"));
    d.stop().await;
}

#[tokio::test]
async fn who_marked_a_request_solved_is_named_and_a_customer_who_did_it_is_told_so() {
    let d = Desk::new().await;
    let n = d.submitted().await;

    // Pieter marks his own request solved.
    d.mark_solved(PIETER, &n).await;
    let pieter = d.last_mail(PIETER).await;
    assert_eq!(
        pieter.subject,
        format!("[#{n}] Je hebt je aanvraag als opgelost gemarkeerd: Agenda leeg")
    );
    assert!(
        pieter.text.contains(&format!(
            "Je hebt je aanvraag „Agenda leeg” (#{n}) als opgelost gemarkeerd. Is er toch nog iets?"
        )),
        "{}",
        pieter.text
    );
    assert!(
        !pieter.text.contains("is opgelost") && !pieter.text.contains("Customer Support heeft")
    );
    let fatima = d.last_mail(FATIMA).await;
    assert_eq!(
        fatima.subject,
        format!("[#{n}] De aanvraag is als opgelost gemarkeerd: Agenda leeg")
    );
    assert!(
        fatima.text.contains(&format!(
            "Pieter Bakker heeft de aanvraag „Agenda leeg” (#{n}) als opgelost gemarkeerd."
        )),
        "{}",
        fatima.text
    );

    // It opens again on Fatima's comment; she marks it solved herself.
    let path = format!("/tickets/{n}");
    let fatima_browser = d.contact(FATIMA).await;
    let commented = fatima_browser
        .submit(
            &path,
            &format!("{path}/comment"),
            &[("body", "Bij mij nog niet.")],
        )
        .await;
    assert_eq!(commented.status, StatusCode::SEE_OTHER);
    d.mark_solved(FATIMA, &n).await;
    let fatima = d.last_mail(FATIMA).await;
    assert_eq!(
        fatima.subject,
        format!("[#{n}] Je hebt de aanvraag als opgelost gemarkeerd: Agenda leeg")
    );
    assert!(fatima.text.contains(&format!(
        "Je hebt de aanvraag „Agenda leeg” (#{n}) als opgelost gemarkeerd."
    )));
    let pieter = d.last_mail(PIETER).await;
    assert_eq!(
        pieter.subject,
        format!("[#{n}] Je aanvraag is als opgelost gemarkeerd: Agenda leeg")
    );
    assert!(
        pieter.text.contains(&format!(
            "Fatima de Vries heeft je aanvraag „Agenda leeg” (#{n}) als opgelost gemarkeerd."
        )),
        "{}",
        pieter.text
    );

    // Customer Support solves it: the agent is named.
    fatima_browser
        .submit(
            &path,
            &format!("{path}/comment"),
            &[("body", "Nu weer niet.")],
        )
        .await;
    d.agent_update(&n, "Opgelost in versie 4.2.", "solved")
        .await;
    let pieter = d.last_mail(PIETER).await;
    assert_eq!(
        pieter.subject,
        format!("[#{n}] Je aanvraag is opgelost: Agenda leeg")
    );
    assert!(
        pieter.text.contains(&format!(
            "Sanne Visser van Customer Support heeft je aanvraag „Agenda leeg” (#{n}) als opgelost gemarkeerd."
        )) && pieter.text.contains("Opgelost in versie 4.2."),
        "{}",
        pieter.text
    );
    let fatima = d.last_mail(FATIMA).await;
    assert_eq!(
        fatima.subject,
        format!("[#{n}] De aanvraag is opgelost: Agenda leeg")
    );
    assert!(fatima.text.contains(&format!(
        "Sanne Visser van Customer Support heeft de aanvraag „Agenda leeg” (#{n}) als opgelost gemarkeerd."
    )));
    d.stop().await;
}

#[tokio::test]
async fn a_colleague_who_reads_english_gets_the_same_in_english() {
    let d = Desk::new().await;
    {
        let mut tx = d.t.store.begin().await.unwrap();
        tx.set_language(d.fatima, Language::En).await.unwrap();
        tx.commit().await.unwrap();
    }
    let n = d.submitted().await;
    let fatima = d.last_mail(FATIMA).await;
    assert_eq!(
        fatima.subject,
        format!("[#{n}] New request from Pieter Bakker: Agenda leeg")
    );
    assert!(fatima.text.starts_with("Dear Fatima,\n"), "{}", fatima.text);
    assert!(
        fatima.text.contains(&format!(
            "Pieter Bakker has submitted a request and copied you in: \"Agenda leeg\" (number #{n})."
        )),
        "{}",
        fatima.text
    );
    assert!(!fatima.text.contains("Thank you") && !fatima.text.contains("your request"));
    assert!(
        fatima
            .text
            .contains("\nKind regards,\nZorgsoft Customer Support\n")
    );
    assert!(
        fatima
            .html
            .contains(">Kind regards,<br>Zorgsoft Customer Support</p>")
    );

    d.agent_update(&n, "Found it.", "open").await;
    let fatima = d.last_mail(FATIMA).await;
    assert!(
        fatima.text.contains(&format!(
            "Sanne Visser of Customer Support has replied to the request \"Agenda leeg\" (#{n}):"
        )),
        "{}",
        fatima.text
    );
    d.mark_solved(PIETER, &n).await;
    let fatima = d.last_mail(FATIMA).await;
    assert_eq!(
        fatima.subject,
        format!("[#{n}] The request has been marked as solved: Agenda leeg")
    );
    assert!(fatima.text.contains(&format!(
        "Pieter Bakker has marked the request \"Agenda leeg\" (#{n}) as solved."
    )));
    d.stop().await;
}
