//! Requests without an account (C3): switched off by default; when on, a visitor submits with an
//! e-mail address, gets the confirmation and every public update by e-mail (without links to a
//! page they cannot open), and cannot flood the desk.

use super::organisation::World;
use super::support::test_config;
use reqwest::StatusCode;

fn fields(category: &str, email: &'static str) -> Vec<(&'static str, String)> {
    vec![
        ("email", email.to_string()),
        ("subject", "Kan niet inloggen".to_string()),
        (
            "description",
            "Mijn collega heeft mij nog niet uitgenodigd.".to_string(),
        ),
        ("category", category.to_string()),
    ]
}

#[tokio::test]
async fn anonymous_requests_are_off_unless_configured() {
    let w = World::new().await;
    let visitor = w.t.browser();
    assert_eq!(visitor.get("/request").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        visitor.get("/request/question").await.status,
        StatusCode::NOT_FOUND
    );
    let login = visitor.get("/login").await;
    assert!(!login.contains("/request"));
    let csrf = login.csrf();
    let refused = visitor
        .post_raw(
            "/request/question",
            &[
                ("csrf", csrf.as_str()),
                ("email", "x@example.nl"),
                ("subject", "x"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert_eq!(w.t.app.count_all_tickets().await.unwrap(), 0);
}

#[tokio::test]
async fn a_visitor_submits_with_an_e_mail_address_and_hears_of_updates() {
    let config = balie_app::AppConfig {
        anonymous_requests: true,
        ..test_config()
    };
    let w = World::with_config(config).await;
    let visitor = w.t.browser();
    assert!(visitor.get("/login").await.contains("href=\"/request\""));
    let index = visitor.get("/request").await;
    assert_eq!(index.status, StatusCode::OK);
    assert!(index.contains("Foutmelding") && index.contains("Ben je niet ingelogd?"));
    let category = w.t.app.ticket_categories().await.unwrap()[3].id.to_string();

    let bad = fields(&category, "geen-adres");
    let refs: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let page = visitor
        .submit("/request/question", "/request/question", &refs)
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Dit is geen geldig e-mailadres.") && page.contains("Kan niet inloggen"));
    // A wrong address, an empty subject and no main category are told at once.
    let mut worse = fields("", "geen-adres");
    worse.retain(|(k, _)| *k != "subject");
    let refs: Vec<(&str, &str)> = worse.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let page = visitor
        .submit("/request/question", "/request/question", &refs)
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    for link in ["href=\"#email\"", "href=\"#subject\"", "href=\"#category\""] {
        assert!(page.contains(link), "{link}: {}", page.body);
    }

    let good = fields(&category, "bezoeker@voorbeeld.nl");
    let refs: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let sent = visitor
        .submit("/request/question", "/request/question", &refs)
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert!(sent.contains("Je aanvraag is verstuurd onder nummer #1."));
    let mail = w.t.mail_to("bezoeker@voorbeeld.nl").await.pop().unwrap();
    assert_eq!(
        mail.subject,
        "[#1] We hebben je aanvraag ontvangen: Kan niet inloggen"
    );
    assert!(
        !mail.text.contains("/tickets/1"),
        "no link to a page they cannot open"
    );
    assert!(
        mail.text.starts_with("Beste,\n") && mail.text.contains("Bedankt voor je aanvraag"),
        "no name to greet: {}",
        mail.text
    );

    // The agent sees who asked and answers; the answer reaches the address.
    let agent = w.as_agent().await;
    let page = agent.get("/agent/tickets/1").await;
    assert!(page.contains("bezoeker@voorbeeld.nl"));
    let reply = agent
        .submit(
            "/agent/tickets/1",
            "/agent/tickets/1",
            &[
                ("visibility", "public"),
                ("body", "We hebben je beheerder gevraagd je uit te nodigen."),
                ("status", "pending"),
                ("priority", "normal"),
                ("group", ""),
                ("assignee", ""),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let mail = w.t.mail_to("bezoeker@voorbeeld.nl").await.pop().unwrap();
    assert!(mail.subject.starts_with("[#1] We wachten op je reactie"));
    assert!(
        mail.text
            .contains("We hebben je beheerder gevraagd je uit te nodigen.")
    );

    // Nobody's organisation holds the ticket.
    let anna = w.as_contact("anna@delinde.nl").await;
    assert_eq!(anna.get("/tickets/1").await.status, StatusCode::NOT_FOUND);

    // One client cannot flood the desk.
    let mut last = StatusCode::OK;
    for _ in 0..12 {
        last = visitor
            .submit("/request/question", "/request/question", &refs)
            .await
            .status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}
