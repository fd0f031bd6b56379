//! Input no browser would send, sent anyway: NUL and other control characters, bytes that are
//! not UTF-8, and forms posted as something else. Each is refused with a message that names the
//! field, and nothing is stored or mailed. The suite runs on SQLite and on PostgreSQL (which
//! cannot store NUL at all), and both must answer alike.

use reqwest::StatusCode;
use reqwest::multipart::Form;

use super::kb::published_article;
use super::organisation::World;
use super::support::{Browser, Page};

const URLENCODED: &str = "application/x-www-form-urlencoded";

async fn category(w: &World) -> String {
    w.t.app.ticket_categories().await.unwrap()[2].id.to_string()
}

/// A ticket of Piet's, by its page path.
async fn ticket(w: &World, piet: &Browser) -> String {
    let cat = category(w).await;
    let fields = [
        ("subject", "Agenda leeg"),
        ("description", "Sinds vanochtend."),
        ("category", cat.as_str()),
    ];
    let made = piet
        .submit("/support/new/incident", "/support/new/incident", &fields)
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    made.location
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_string()
}

fn refused_naming(page: &Page, label: &str) {
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    assert!(
        page.contains(&format!(
            "In „{label}” staat een teken dat niet in tekst hoort"
        )),
        "names {label}: {}",
        page.body
    );
    assert!(page.contains("Er is niets opgeslagen."));
}

#[tokio::test]
async fn nul_in_a_new_request_is_refused_naming_the_field_and_stores_nothing() {
    let w = World::new().await;
    let piet = w.as_contact("piet@delinde.nl").await;
    let cat = category(&w).await;
    let mails = w.t.mail().await.len();
    for (field, subject, description) in [
        ("Onderwerp", "Agenda\0leeg", "Sinds vanochtend."),
        ("Omschrijving", "Agenda leeg", "Sinds\0vanochtend."),
        ("Omschrijving", "Agenda leeg", "Sinds \u{1b}[31mvanochtend."),
        ("Onderwerp", "Agenda\nleeg", "Sinds vanochtend."),
    ] {
        let fields = [
            ("subject", subject),
            ("description", description),
            ("category", cat.as_str()),
        ];
        let sent = piet
            .submit("/support/new/incident", "/support/new/incident", &fields)
            .await;
        refused_naming(&sent, field);

        let csrf = piet.get("/support/new/incident").await.csrf();
        let form = Form::new()
            .text("csrf", csrf)
            .text("subject", subject.to_string())
            .text("description", description.to_string())
            .text("category", cat.clone());
        let sent = piet.post_multipart("/support/new/incident", form).await;
        refused_naming(&sent, field);
    }
    // Tabs and line breaks belong in a description; a one-line subject keeps to one line.
    let fine = [
        ("subject", "Agenda leeg"),
        ("description", "Regel 1\r\n\tRegel 2"),
        ("category", cat.as_str()),
    ];
    let made = piet
        .submit("/support/new/incident", "/support/new/incident", &fine)
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    let list = piet.get("/support").await;
    assert_eq!(
        list.body.matches("Agenda leeg").count(),
        1,
        "one ticket only"
    );
    assert_eq!(w.t.mail().await.len(), mails + 1, "one confirmation only");
}

#[tokio::test]
async fn nul_in_a_reply_or_a_comment_is_refused_and_stores_nothing() {
    let w = World::new().await;
    let piet = w.as_contact("piet@delinde.nl").await;
    let path = ticket(&w, &piet).await;
    let action = format!("{path}/comment");
    let sent = piet.submit(&path, &action, &[("body", "a\0b")]).await;
    refused_naming(&sent, "Reactie");
    let page = piet.get(&path).await;
    assert!(!page.body.contains("a\0b") && !page.contains("ab</"));
    // Sent from the ticket page, the refusal leads back to it, where the browser kept the text.
    let from_page = piet
        .client
        .post(w.t.url(&action))
        .header("referer", w.t.url(&path))
        .form(&[("csrf", page.csrf().as_str()), ("body", "a\0b")])
        .send()
        .await
        .unwrap();
    assert_eq!(from_page.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = from_page.text().await.unwrap();
    assert!(
        body.contains(&format!(
            "href=\"{path}\" data-history-back>Terug naar het formulier"
        )),
        "{body}"
    );

    let (_agent, _section, article) =
        published_article(&w, "Zorgmail koppelen", "Zo gaat het.").await;
    let action = format!("{article}/comments");
    let sent = piet.submit(&article, &action, &[("body", "a\0b")]).await;
    assert_eq!(sent.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!piet.get(&article).await.body.contains("a\0b"));
    let agent = w.as_agent().await;
    let update = agent
        .submit(
            &format!("/agent{path}"),
            &format!("/agent{path}"),
            &[
                ("body", "x\u{7}y"),
                ("visibility", "public"),
                ("status", "open"),
            ],
        )
        .await;
    refused_naming(&update, "Reactie");
}

#[tokio::test]
async fn nul_in_a_search_is_taken_out_and_the_search_answers() {
    let w = World::new().await;
    let piet = w.as_contact("piet@delinde.nl").await;
    ticket(&w, &piet).await;
    let found = piet.get("/support?q=Agenda%00").await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(
        found.contains("<mark>Agenda</mark> leeg"),
        "the search without its NUL"
    );
    assert_eq!(piet.get("/support?q=a%00b").await.status, StatusCode::OK);
    assert_eq!(piet.get("/kb/search?q=a%00b").await.status, StatusCode::OK);
    let agent = w.as_agent().await;
    let orgs = agent.get("/agent/organisations?q=Lin%00de").await;
    assert_eq!(orgs.status, StatusCode::OK);
    assert!(orgs.contains("Huisartsenpraktijk De Linde"));
    let tickets = agent.get("/agent/tickets?view=all&q=a%00b%01").await;
    assert_eq!(tickets.status, StatusCode::OK);
}

#[tokio::test]
async fn bytes_that_are_not_utf8_are_refused_not_stored_as_replacement_characters() {
    let w = World::new().await;
    let piet = w.as_contact("piet@delinde.nl").await;
    let edit = "/organisation/personal/edit";
    let csrf = piet.get(edit).await.csrf();
    let mut body = format!("csrf={csrf}&first_name=").into_bytes();
    body.extend_from_slice(&[0xFF, 0xFE]);
    body.extend_from_slice(b"&last_name=Bakker&gender=m&phone=");
    let sent = piet.post_bytes(edit, Some(URLENCODED), body).await;
    refused_naming(&sent, "Voornaam");
    let percent = format!("csrf={csrf}&first_name=%FF%FE&last_name=Bakker&gender=m&phone=");
    let sent = piet
        .post_bytes(edit, Some(URLENCODED), percent.into_bytes())
        .await;
    refused_naming(&sent, "Voornaam");
    let stored = w.t.user(w.medewerker).await;
    assert!(
        !stored.first_name.contains('\u{FFFD}'),
        "{}",
        stored.first_name
    );
    assert!(
        !piet
            .get("/organisation/personal")
            .await
            .body
            .contains('\u{FFFD}')
    );
}

#[tokio::test]
async fn a_form_posted_as_anything_but_a_form_is_refused() {
    let w = World::new().await;
    let piet = w.as_contact("piet@delinde.nl").await;
    let path = ticket(&w, &piet).await;
    let (_agent, _section, article) =
        published_article(&w, "Zorgmail koppelen", "Zo gaat het.").await;
    for (page, action) in [
        (path.clone(), format!("{path}/comment")),
        (article.clone(), format!("{article}/comments")),
        (
            "/organisation/personal/edit".into(),
            "/organisation/personal/edit".into(),
        ),
    ] {
        let csrf = piet.get(&page).await.csrf();
        let body = format!("csrf={csrf}&body=Sneaky&first_name=Sneaky&last_name=B&gender=m");
        for content_type in [Some("text/plain"), None, Some("application/json")] {
            let sent = piet
                .post_bytes(&action, content_type, body.clone().into_bytes())
                .await;
            assert_eq!(
                sent.status,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "{action} {content_type:?}"
            );
        }
    }
    assert!(!piet.get(&path).await.contains("Sneaky"));
    assert!(!piet.get(&article).await.contains("Sneaky"));
    assert!(!piet.get("/organisation/personal").await.contains("Sneaky"));
}
