//! Custom fields of ticket forms over HTTP (each kind checked, required ones named, values shown
//! to the customer and the agent) and "Volgen" of an organisation's requests (who may, and the
//! e-mails a follower gets until they stop).

use super::organisation::World;
use super::tickets::{contact, medewerker_roles, submission};
use balie_domain::PortalRoles;
use reqwest::StatusCode;

async fn field_id(w: &World, label: &str) -> String {
    w.t.app
        .ticket_fields()
        .await
        .unwrap()
        .iter()
        .find(|f| f.label.nl == label)
        .unwrap()
        .id
        .to_string()
}

#[tokio::test]
async fn custom_fields_are_checked_kept_and_shown() {
    let w = World::new().await;
    let piet = w.as_contact("piet@delinde.nl").await;
    let form = piet.get("/support/new/incident").await;
    assert!(form.contains("Onderdeel") && form.contains("<optgroup label=\"Agenda\">"));
    assert!(form.contains("Aantal werkplekken met het probleem"));
    let part = field_id(&w, "Onderdeel").await;
    let count = field_id(&w, "Aantal werkplekken met het probleem").await;
    let category = w.t.app.ticket_categories().await.unwrap()[2].id.to_string();
    let path = "/support/new/incident";
    let base = |p: &'static str, c: &'static str| -> Vec<(String, String)> {
        vec![
            ("subject".into(), "Herinneringen komen niet aan".into()),
            ("description".into(), "Sinds maandag.".into()),
            ("category".into(), category.clone()),
            (format!("field-{part}"), p.into()),
            (format!("field-{count}"), c.into()),
        ]
    };
    for (p, c, message, input) in [
        (
            "Agenda > Iets anders",
            "2",
            "Kies bij „Onderdeel” een van de mogelijkheden.",
            format!("field-{part}"),
        ),
        (
            "Agenda > Herinneringen",
            "twee",
            "Vul bij „Aantal werkplekken met het probleem” een getal in.",
            format!("field-{count}"),
        ),
    ] {
        let fields = base(p, c);
        let refs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let page = piet.submit(path, path, &refs).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{message}");
        assert!(page.contains(message), "{message}");
        assert!(page.contains("aria-invalid=\"true\""));
        // The summary at the top links to the field; the message stands at the field, which
        // it describes; what was typed stays.
        let summary = page
            .body
            .find("class=\"error-summary\"")
            .expect("a summary");
        let link = format!("<a href=\"#{input}\">{message}</a>");
        assert!(page.body[summary..].contains(&link), "{}", page.body);
        let at_field = format!("<p class=\"field-error\" id=\"{input}-error\">{message}</p>");
        let field_at = page.body.find(&at_field).expect("the message at its field");
        let input_at = page.body.find(&format!("id=\"{input}\"")).unwrap();
        assert!(summary < field_at && field_at < input_at);
        assert!(page.contains(&format!("aria-describedby=\"{input}-error\"")));
        assert!(page.contains("Herinneringen komen niet aan"));
    }
    // Everything that is wrong is told at once: the empty subject and both fields, each at
    // its own input and in the summary.
    let mut all_wrong = base("Agenda > Iets anders", "twee");
    all_wrong[0].1 = " ".into();
    let refs: Vec<(&str, &str)> = all_wrong
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let page = piet.submit(path, path, &refs).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let summary = &page.body[page.body.find("class=\"error-summary\"").unwrap()..];
    let summary = &summary[..summary.find("</div>").unwrap()];
    for link in [
        "<a href=\"#subject\">„Onderwerp”: Vul dit veld in.</a>".to_string(),
        format!("<a href=\"#field-{part}\">Kies bij „Onderdeel” een van de mogelijkheden.</a>"),
        format!(
            "<a href=\"#field-{count}\">Vul bij „Aantal werkplekken met het probleem” een getal in.</a>"
        ),
    ] {
        assert!(summary.contains(&link), "{link} in {summary}");
    }
    assert!(page.contains("<p class=\"field-error\" id=\"subject-error\">Vul dit veld in.</p>"));
    assert!(page.contains(&format!(
        "<p class=\"field-error\" id=\"field-{count}-error\">Vul bij „Aantal werkplekken met het probleem” een getal in.</p>"
    )));
    let fields = base("Agenda > Herinneringen", "3,5");
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let created = piet.submit(path, path, &refs).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let ticket = created.location.unwrap();
    let ticket = ticket.split('?').next().unwrap();
    let page = piet.get(ticket).await;
    assert!(page.contains("Agenda &#62; Herinneringen"), "{}", page.body);
    assert!(page.contains("3.5"));
    let agent = w.as_agent().await;
    let agent_page = agent
        .get(&ticket.replace("/tickets/", "/agent/tickets/"))
        .await;
    assert!(
        agent_page.contains("Aantal werkplekken met het probleem") && agent_page.contains("3.5")
    );

    // The registration form asks for the person; leaving a required field empty names it.
    let register = "/support/new/contact_register";
    let first = field_id(&w, "Voornaam").await;
    let start = field_id(&w, "Ingangsdatum").await;
    let fields = [
        ("subject", "Nieuwe assistente"),
        ("description", "Graag toegang voor onze nieuwe assistente."),
        ("category", category.as_str()),
        (format!("field-{start}").leak() as &str, "2026-13-40"),
    ];
    let page = piet.submit(register, register, &fields).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Vul „Voornaam” in."), "{}", first);
    let actor = contact(&w, w.medewerker, medewerker_roles());
    let mine =
        w.t.app
            .ticket_list(
                &actor,
                balie_app::tickets::TicketList::Mine,
                &Default::default(),
            )
            .await
            .unwrap();
    assert_eq!(mine.tickets.len(), 1, "refused forms made no ticket");
}

#[tokio::test]
async fn followers_of_the_organisations_requests_hear_of_every_update_until_they_stop() {
    let w = World::new().await;
    // A Medewerker may not follow (no B5); the Beheerder may.
    let piet = w.as_contact("piet@delinde.nl").await;
    let page = piet.get("/support?list=open").await;
    assert!(!page.contains("Volgen"));
    let csrf = piet.get("/support").await.csrf();
    let refused = piet
        .post_raw(
            "/support/follow",
            &[("csrf", csrf.as_str()), ("follow", "on")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let anna = w.as_contact("anna@delinde.nl").await;
    let all = anna.get("/support?list=all").await;
    assert!(all.contains("Volgen"));
    let followed = anna
        .submit("/support?list=all", "/support/follow", &[("follow", "on")])
        .await;
    assert_eq!(followed.status, StatusCode::SEE_OTHER);
    assert!(
        anna.get("/support?list=all")
            .await
            .contains("Niet meer volgen")
    );

    // Piet's new ticket reaches Anna once; Lotte of another organisation never.
    let piet_actor = contact(&w, w.medewerker, medewerker_roles());
    let lotte = balie_domain::Actor::Contact {
        user: w.anker_beheerder,
        org: w.anker,
        roles: PortalRoles::BEHEERDER,
    };
    w.t.app.set_following_requests(&lotte, true).await.unwrap();
    let before = w.t.mail_to("anna@delinde.nl").await.len();
    let lotte_before = w.t.mail_to("lotte@hetanker.nl").await.len();
    let ticket =
        w.t.app
            .submit_ticket(&piet_actor, &submission(&w, vec![w.beheerder]).await)
            .await
            .unwrap();
    let mails = w.t.mail_to("anna@delinde.nl").await;
    assert_eq!(
        mails.len(),
        before + 1,
        "one mail, though both in CC and following"
    );
    assert!(
        mails
            .last()
            .unwrap()
            .subject
            .contains("Nieuwe aanvraag van Anna Jansen"),
        "in the CC, so not thanked as the requester"
    );
    assert_eq!(w.t.mail_to("lotte@hetanker.nl").await.len(), lotte_before);

    // Unfollowed: the next update reaches Piet, not Anna (no longer CC on a new ticket).
    anna.submit("/support?list=all", "/support/follow", &[("follow", "off")])
        .await;
    let other =
        w.t.app
            .submit_ticket(&piet_actor, &submission(&w, vec![]).await)
            .await
            .unwrap();
    assert_ne!(other.number, ticket.number);
    assert_eq!(w.t.mail_to("anna@delinde.nl").await.len(), before + 1);
    assert_eq!(
        anna.post_raw("/support/follow", &[("csrf", "x"), ("follow", "on")])
            .await
            .status,
        StatusCode::FORBIDDEN,
        "a forged form is refused"
    );
}
