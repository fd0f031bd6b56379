//! Attachments over HTTP: several files with a new request, files under replies and notes, who
//! may download them, and uploads that are refused without changing anything.

use super::organisation::World;
use super::support::{Browser, Page, medewerker, test_config};
use balie_app::tickets::{ListFilter, TicketList};
use balie_domain::{Actor, TicketNumber};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\nnot really an image";

fn file(name: &str, bytes: &[u8]) -> Part {
    Part::bytes(bytes.to_vec()).file_name(name.to_string())
}

async fn csrf(b: &Browser) -> String {
    b.get("/support").await.csrf()
}

/// Posts the "Foutmelding" form with `files`.
async fn submit_with(w: &World, b: &Browser, files: Vec<Part>) -> Page {
    let category = w.t.app.ticket_categories().await.unwrap()[2].id.to_string();
    let mut form = Form::new()
        .text("csrf", csrf(b).await)
        .text("subject", "Scherm blijft wit")
        .text("description", "Zie de schermafdruk.")
        .text("category", category);
    for part in files {
        form = form.part("attachments", part);
    }
    b.post_multipart("/support/new/incident", form).await
}

fn number_of(page: &Page) -> TicketNumber {
    let location = page.location.as_deref().expect("a redirect to the ticket");
    let n = location
        .trim_start_matches("/tickets/")
        .split('?')
        .next()
        .unwrap();
    TicketNumber::parse(n).unwrap()
}

/// The download links on a page, in order.
fn links(page: &Page) -> Vec<String> {
    page.body
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.contains("/attachments/"))
        .map(str::to_string)
        .fold(vec![], |mut links: Vec<String>, href| {
            // A picture's preview links to the same download as its name.
            if links.last() != Some(&href) {
                links.push(href);
            }
            links
        })
}

async fn agent_update(agent: &Browser, n: TicketNumber, visibility: &str, name: &str) -> Page {
    let path = format!("/agent/tickets/{}", n.0);
    let form = Form::new()
        .text("csrf", agent.get(&path).await.csrf())
        .text("visibility", visibility.to_string())
        .text("body", format!("Bestand {name} toegevoegd."))
        .text("status", "open")
        .text("priority", "normal")
        .text("group", "")
        .text("assignee", "")
        .part("attachments", file(name, b"regel 1\nregel 2\n"));
    agent.post_multipart(&path, form).await
}

#[tokio::test]
async fn files_travel_with_messages_and_reach_only_those_who_may_see_them() {
    let w = World::new().await;
    let kees =
        w.t.contact_with_password(w.linde, "kees@delinde.nl", medewerker(), "lindeboom")
            .await;
    let _ = kees;
    let piet = w.as_contact("piet@delinde.nl").await;
    let created = submit_with(
        &w,
        &piet,
        vec![
            file("scherm.png", PNG),
            file("C:\\temp\\fout log.txt", b"E42"),
        ],
    )
    .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let n = number_of(&created);
    let page = piet.get(&format!("/tickets/{}", n.0)).await;
    assert!(page.contains("scherm.png") && page.contains("fout log.txt"));
    let files = links(&page);
    assert_eq!(files.len(), 2);

    let png = piet.client.get(w.t.url(&files[0])).send().await.unwrap();
    assert_eq!(png.status(), StatusCode::OK);
    let headers = png.headers().clone();
    assert_eq!(headers["content-type"], "image/png");
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"scherm.png\"")
    );
    assert_eq!(png.bytes().await.unwrap().as_ref(), PNG);
    {
        let mut tx = w.t.store.read().await.unwrap();
        let audit = tx.recent_audit(3).await.unwrap();
        assert!(
            audit.iter().any(|e| e.action == "attachment.downloaded"
                && e.actor == Some(w.medewerker)
                && e.detail == "scherm.png"),
            "downloads are audited"
        );
    }

    // Another organisation, a colleague Medewerker without B5, and a visitor are refused.
    for email in ["lotte@hetanker.nl", "kees@delinde.nl"] {
        let other = w.as_contact(email).await;
        assert_eq!(
            other.get(&files[0]).await.status,
            StatusCode::NOT_FOUND,
            "{email}"
        );
    }
    let visitor = w.t.browser();
    let refused = visitor.get(&files[0]).await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER);
    // The Beheerder sees the organisation's tickets and their files.
    let anna = w.as_contact("anna@delinde.nl").await;
    assert_eq!(anna.get(&files[0]).await.status, StatusCode::OK);

    // An internal note's file stays with the agents; a public reply's reaches the customer.
    let agent = w.as_agent().await;
    let note = agent_update(&agent, n, "internal", "intern.txt").await;
    assert_eq!(note.status, StatusCode::SEE_OTHER, "{}", note.body);
    let reply = agent_update(&agent, n, "public", "handleiding.txt").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let agent_page = agent.get(&format!("/agent/tickets/{}", n.0)).await;
    let agent_files = links(&agent_page);
    assert_eq!(agent_files.len(), 4);
    assert!(agent_page.contains("intern.txt") && agent_page.contains("handleiding.txt"));
    let internal = agent_files
        .iter()
        .find(|l| {
            agent_page
                .body
                .contains(&format!("{l}\" download>intern.txt"))
        })
        .unwrap()
        .clone();
    assert_eq!(agent.get(&internal).await.status, StatusCode::OK);
    let customer_page = piet.get(&format!("/tickets/{}", n.0)).await;
    assert!(customer_page.contains("handleiding.txt") && !customer_page.contains("intern.txt"));
    let internal_id = internal.rsplit('/').next().unwrap();
    let guessed = format!("/tickets/{}/attachments/{internal_id}", n.0);
    assert_eq!(piet.get(&guessed).await.status, StatusCode::NOT_FOUND);
    // A contact cannot use the agents' address either.
    assert_eq!(piet.get(&internal).await.status, StatusCode::FORBIDDEN);
    // A file of one ticket is not reachable through another ticket's number.
    let piet_actor = super::tickets::contact(&w, w.medewerker, super::tickets::medewerker_roles());
    let other =
        w.t.app
            .submit_ticket(&piet_actor, &super::tickets::submission(&w, vec![]).await)
            .await
            .unwrap();
    let first_id = files[0].rsplit('/').next().unwrap();
    let crossed = format!("/tickets/{}/attachments/{first_id}", other.number.0);
    assert_eq!(piet.get(&crossed).await.status, StatusCode::NOT_FOUND);

    // A file alone is a reply too.
    let path = format!("/tickets/{}", n.0);
    let form = Form::new()
        .text("csrf", piet.get(&path).await.csrf())
        .text("body", "")
        .part("attachments", file("tweede.png", PNG));
    let added = piet.post_multipart(&format!("{path}/comment"), form).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    assert!(piet.get(&path).await.contains("tweede.png"));
}

#[tokio::test]
async fn refused_uploads_get_a_message_and_leave_nothing_behind() {
    let config = balie_app::AppConfig {
        attachment_max_bytes: 1024 * 1024,
        ..test_config()
    };
    let w = World::with_config(config).await;
    let piet = w.as_contact("piet@delinde.nl").await;
    let big = vec![7u8; 1024 * 1024 + 1];
    let eleven: Vec<Part> = (0..11).map(|i| file(&format!("{i}.txt"), b"x")).collect();
    let cases: Vec<(Vec<Part>, &str)> = vec![
        (vec![file("leeg.txt", b"")], "Een van de bestanden is leeg."),
        (
            vec![file("groot.bin", &big)],
            "Een bestand mag niet groter zijn dan 1 MB.",
        ),
        (eleven, "Voeg maximaal 10 bestanden tegelijk toe."),
        (vec![file("...", b"x")], "geen bruikbare naam"),
    ];
    for (files, message) in cases {
        let page = submit_with(&w, &piet, files).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{message}");
        assert!(page.contains(message), "{message}");
        assert!(page.contains("Scherm blijft wit"), "what was typed stays");
    }
    let actor = super::tickets::contact(&w, w.medewerker, super::tickets::medewerker_roles());
    let mine =
        w.t.app
            .ticket_list(&actor, TicketList::Mine, &ListFilter::default())
            .await
            .unwrap();
    assert!(mine.tickets.is_empty(), "no ticket was made");
    let kept = walk(&w.t.data_dir().join("attachments"));
    assert_eq!(kept, 0, "no stray files");

    // A file over the limit is stopped while it is read; a body larger than any form could be
    // is refused as a whole.
    let huge = vec![1u8; 5 * 1024 * 1024];
    let parts: Vec<Part> = (0..1).map(|_| file("x.bin", &huge)).collect();
    let page = submit_with(&w, &piet, parts).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let too_much: Vec<Part> = (0..12).map(|_| file("x.bin", &big)).collect();
    let page = submit_with(&w, &piet, too_much).await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);

    // A form whose files come before (or without) its token is refused before they are read.
    let forged = Form::new()
        .part("attachments", file("x.txt", b"x"))
        .text("csrf", csrf(&piet).await);
    assert_eq!(
        piet.post_multipart("/support/new/incident", forged)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // A forged agent-only upload is refused for a contact.
    let n =
        w.t.app
            .submit_ticket(&actor, &super::tickets::submission(&w, vec![]).await)
            .await
            .unwrap()
            .number;
    let agent_path = format!("/agent/tickets/{}", n.0);
    let form = Form::new()
        .text("csrf", csrf(&piet).await)
        .text("visibility", "public")
        .part("attachments", file("x.txt", b"x"));
    assert_eq!(
        piet.post_multipart(&agent_path, form).await.status,
        StatusCode::FORBIDDEN
    );
    let view =
        w.t.app
            .ticket(
                &Actor::Agent {
                    user: w.agent,
                    admin: false,
                },
                n,
            )
            .await
            .unwrap();
    assert!(view.attachments.is_empty());
}

fn walk(dir: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| {
            let path = e.path();
            if path.is_dir() { walk(&path) } else { 1 }
        })
        .sum()
}

#[tokio::test]
async fn a_choice_that_is_not_an_id_is_refused_with_its_message() {
    let w = World::new().await;
    let piet = w.as_contact("piet@delinde.nl").await;
    let category = w.t.app.ticket_categories().await.unwrap()[2].id.to_string();
    let post = |field: &'static str, value: &'static str, category: String| {
        let piet = &piet;
        async move {
            let mut form = Form::new()
                .text("csrf", csrf(piet).await)
                .text("subject", "Scherm blijft wit")
                .text("description", "Zie de schermafdruk.")
                .text("category", category);
            form = form.text(field, value);
            piet.post_multipart("/support/new/incident", form).await
        }
    };
    let bad_category = post("category", "abc", String::new()).await;
    assert_eq!(bad_category.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_category.contains("Kies een van de mogelijkheden."));
    assert!(
        bad_category.contains("Scherm blijft wit"),
        "what was typed stays"
    );
    let bad_cc = post("cc", "iemand", category).await;
    assert_eq!(bad_cc.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad_cc.contains("Alleen collega&#39;s van je eigen organisatie")
            || bad_cc.contains("Alleen collega's van je eigen organisatie")
    );
    let actor = super::tickets::contact(&w, w.medewerker, super::tickets::medewerker_roles());
    let mine =
        w.t.app
            .ticket_list(&actor, TicketList::Mine, &ListFilter::default())
            .await
            .unwrap();
    assert!(mine.tickets.is_empty(), "no ticket was made");
}

/// A picture shows as a preview on the ticket page, served inline and sandboxed only when its
/// own bytes are a picture; a file that only calls itself ".png" is never shown, and nobody
/// who may not see the ticket gets the preview.
#[tokio::test]
async fn pictures_are_previewed_and_nothing_else_is_shown_inline() {
    let w = World::new().await;
    let piet = w.as_contact("piet@delinde.nl").await;
    let created = submit_with(
        &w,
        &piet,
        vec![
            file("scherm.png", PNG),
            file("nep.png", b"<html><script>alert(1)</script>"),
            file("logboek.txt", b"regel 1\n"),
        ],
    )
    .await;
    let n = number_of(&created);
    let page = piet.get(&format!("/tickets/{}", n.0)).await;
    let previews: Vec<&str> = page
        .body
        .split("<img src=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|src| src.ends_with("/preview"))
        .collect();
    // Only the file whose bytes are a picture gets a preview; the one that only calls itself
    // ".png" is kept as plain bytes, and asking its preview anyway finds nothing.
    assert_eq!(previews.len(), 1, "{}", page.body);
    let audited = |w: &World| {
        let store = w.t.store.clone();
        async move {
            let mut tx = store.read().await.unwrap();
            let recent = tx.recent_audit(50).await.unwrap();
            recent
                .iter()
                .filter(|e| e.action == "attachment.downloaded")
                .count()
        }
    };
    let before = audited(&w).await;
    let real = piet.get(previews[0]).await;
    assert_eq!(real.status, StatusCode::OK);
    assert_eq!(
        audited(&w).await,
        before,
        "a preview is reading the ticket, not a download"
    );
    assert_eq!(real.headers["content-type"], "image/png");
    assert_eq!(real.headers["content-disposition"], "inline");
    let policy = real.headers["content-security-policy"].to_str().unwrap();
    assert!(policy.contains("sandbox") && policy.contains("frame-ancestors 'none'"));
    // The portal's other headers stand, whatever the handler set.
    assert_eq!(real.headers["x-content-type-options"], "nosniff");
    assert_eq!(real.headers["x-frame-options"], "DENY");
    let fake = previews[0].replace("/attachments/1/", "/attachments/2/");
    assert_eq!(piet.get(&fake).await.status, StatusCode::NOT_FOUND);
    // Another organisation's contact and a signed-out visitor get no preview.
    let lotte = w.as_contact("lotte@hetanker.nl").await;
    assert_eq!(lotte.get(previews[0]).await.status, StatusCode::NOT_FOUND);
    let visitor = w.t.browser().get(previews[0]).await;
    assert_eq!(visitor.status, StatusCode::SEE_OTHER);
    // The agent's page previews the same picture.
    let agent = w.as_agent().await;
    let theirs = agent.get(&format!("/agent/tickets/{}", n.0)).await;
    assert!(theirs.contains(&format!("/agent/tickets/{}/attachments/", n.0)));
    let agent_preview = previews[0].replacen("/tickets/", "/agent/tickets/", 1);
    assert_eq!(agent.get(&agent_preview).await.status, StatusCode::OK);
    w.t.stop().await;
}
