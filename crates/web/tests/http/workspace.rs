//! The agent workspace over HTTP: an agent answers, notes internally, sets waiting and solves,
//! with the e-mails the customer gets; who is refused; bad updates; routing and its settings;
//! and the customer's lists with search, status filter and pages.

use super::organisation::World;
use super::tickets::{contact, medewerker_roles, submission};
use balie_domain::{Actor, TicketNumber, TicketStatus};
use reqwest::StatusCode;

async fn submitted(w: &World) -> TicketNumber {
    let piet = contact(w, w.medewerker, medewerker_roles());
    let mut s = submission(w, vec![w.plus]).await;
    s.subject = "Agenda laadt niet".into();
    w.t.app.submit_ticket(&piet, &s).await.unwrap().number
}

fn update<'a>(visibility: &'a str, body: &'a str, status: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("visibility", visibility),
        ("body", body),
        ("status", status),
        ("priority", "normal"),
        ("group", ""),
        ("assignee", ""),
    ]
}

async fn status_of(w: &World, n: TicketNumber) -> TicketStatus {
    w.t.app
        .ticket(&w.agent_actor(), n)
        .await
        .unwrap()
        .ticket
        .status
}

#[tokio::test]
async fn an_agent_answers_notes_sets_waiting_and_solves_and_the_customer_follows() {
    let w = World::new().await;
    let n = submitted(&w).await;
    let path = format!("/agent/tickets/{}", n.0);
    let agent = w.as_agent().await;

    let list = agent.get("/agent/tickets").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.contains("Niet toegewezen in mijn groepen") && list.contains("Agenda laadt niet"));
    assert!(
        list.contains("Huisartsenpraktijk De Linde"),
        "the organisation on the row"
    );
    let home = agent.get("/agent").await;
    assert!(home.contains("Niet toegewezen in mijn groepen"));

    let page = agent.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.contains("Sinds de update blijft de agenda leeg."));
    assert!(page.contains("Foutmelding") && page.contains("piet@delinde.nl"));

    // An internal note: never mailed, never on the customer's page.
    let mails = w.t.mail().await.len();
    let note = agent
        .submit(
            &path,
            &path,
            &update("internal", "Bekend probleem, zie JIRA-12.", "open"),
        )
        .await;
    assert_eq!(note.status, StatusCode::SEE_OTHER, "{}", note.body);
    assert_eq!(w.t.mail().await.len(), mails, "no mail for a note");
    assert_eq!(status_of(&w, n).await, TicketStatus::Open, "touched: open");
    assert!(agent.get(&path).await.contains("JIRA-12"));
    let piet = w.as_contact("piet@delinde.nl").await;
    let customer_path = format!("/tickets/{}", n.0);
    assert!(!piet.get(&customer_path).await.contains("JIRA-12"));

    // A public reply that waits for the customer: the "waiting for you" mail with the reply.
    let reply = agent
        .submit(
            &path,
            &path,
            &update("public", "Kunt u een schermafdruk sturen?", "pending"),
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&w, n).await, TicketStatus::Pending);
    for (to, waiting) in [
        ("piet@delinde.nl", "We wachten op je reactie"),
        ("fatima@delinde.nl", "We wachten op een reactie"),
    ] {
        let mail = w.t.mail_to(to).await.pop().unwrap();
        assert_eq!(
            mail.subject,
            format!("[{n}] {waiting}: Agenda laadt niet"),
            "{to}"
        );
        assert!(mail.text.contains("Kunt u een schermafdruk sturen?"));
        assert!(mail.text.contains(&format!("/tickets/{}", n.0)));
        assert!(!mail.text.contains("JIRA-12") && !mail.html.contains("JIRA-12"));
    }
    let home = piet.get("/").await;
    assert!(home.contains("Wacht op je reactie") && home.contains("Agenda laadt niet"));

    // The customer replies: back to the agents.
    let back = piet
        .submit(
            &customer_path,
            &format!("{customer_path}/comment"),
            &[("body", "Zie bijlage.")],
        )
        .await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&w, n).await, TicketStatus::Open);

    // A plain public reply mails the reply; solving mails "opgelost".
    agent
        .submit(
            &path,
            &path,
            &update("public", "We hebben het gevonden.", "open"),
        )
        .await;
    let mail = w.t.mail_to("piet@delinde.nl").await.pop().unwrap();
    assert_eq!(
        mail.subject,
        format!("[{n}] Nieuwe reactie op je aanvraag: Agenda laadt niet")
    );
    assert!(mail.text.contains("We hebben het gevonden."));
    let solved = agent
        .submit(
            &path,
            &path,
            &update("public", "Opgelost in versie 4.2.", "solved"),
        )
        .await;
    assert_eq!(solved.status, StatusCode::SEE_OTHER);
    let mail = w.t.mail_to("piet@delinde.nl").await.pop().unwrap();
    assert_eq!(
        mail.subject,
        format!("[{n}] Je aanvraag is opgelost: Agenda laadt niet")
    );
    assert!(mail.text.contains("Opgelost in versie 4.2."));
    let seen = piet.get(&customer_path).await;
    assert!(seen.contains("Opgelost") && seen.contains("Opgelost in versie 4.2."));

    // Every change is in the history with who did it.
    let history = agent.get(&path).await;
    assert!(history.contains("Geschiedenis") && history.contains("Status: Wacht op klant"));
    assert!(history.contains("Status: Opgelost"));
    let solved_view = agent.get("/agent/tickets?view=solved").await;
    assert!(solved_view.contains("Agenda laadt niet"));
}

#[tokio::test]
async fn the_workspace_refuses_contacts_and_visitors_and_changes_nothing() {
    let w = World::new().await;
    let n = submitted(&w).await;
    let path = format!("/agent/tickets/{}", n.0);
    let visitor = w.t.browser();
    for p in ["/agent/tickets", path.as_str(), "/agent/settings/routing"] {
        let page = visitor.get(p).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{p}");
        assert!(page.location.unwrap().starts_with("/agent/login"), "{p}");
    }
    for email in ["anna@delinde.nl", "piet@delinde.nl", "lotte@hetanker.nl"] {
        let contact = w.as_contact(email).await;
        for p in ["/agent/tickets", path.as_str(), "/agent/settings/routing"] {
            assert_eq!(
                contact.get(p).await.status,
                StatusCode::FORBIDDEN,
                "{email} {p}"
            );
        }
        let csrf = contact.get("/account").await.csrf();
        let mut fields = update("public", "Ik ben geen agent.", "solved");
        fields.push(("csrf", csrf.as_str()));
        let refused = contact.post_raw(&path, &fields).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{email}");
    }
    assert_eq!(status_of(&w, n).await, TicketStatus::New);
    let view = w.t.app.ticket(&w.agent_actor(), n).await.unwrap();
    assert_eq!(view.comments.len(), 1, "nothing was added");
    // The use cases refuse contacts too, whatever calls them.
    let piet = contact(&w, w.medewerker, medewerker_roles());
    assert!(w.t.app.agent_ticket(&piet, n).await.is_err());
    assert!(w.t.app.agent_view_counts(&piet).await.is_err());
}

#[tokio::test]
async fn bad_updates_get_a_message_and_change_nothing() {
    let w = World::new().await;
    let n = submitted(&w).await;
    let path = format!("/agent/tickets/{}", n.0);
    let agent = w.as_agent().await;
    let group = {
        let mut tx = w.t.store.begin().await.unwrap();
        let g = tx.insert_group("Tweede lijn").await.unwrap();
        tx.commit().await.unwrap();
        g
    };
    let group = group.0.to_string();
    let agent_id = w.agent.0.to_string();
    let long = "x".repeat(50_001);
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (update("public", "", "new"), "Er is niets gewijzigd."),
        (
            update("public", "Hallo", "deleted"),
            "Kies een van de mogelijkheden.",
        ),
        (
            update("loud", "Hallo", "open"),
            "Kies een van de mogelijkheden.",
        ),
        (update("public", &long, "open"), "te lang"),
        (
            {
                let mut f = update("public", "", "open");
                f[4] = ("group", "999999");
                f
            },
            "Kies een van de groepen.",
        ),
        (
            {
                let mut f = update("public", "", "open");
                f[4] = ("group", group.as_str());
                f[5] = ("assignee", agent_id.as_str());
                f
            },
            "Deze agent hoort niet bij de gekozen groep.",
        ),
        (
            {
                let mut f = update("public", "", "open");
                f[5] = ("assignee", "abc");
                f
            },
            "Kies een van de mogelijkheden.",
        ),
    ];
    let mails = w.t.mail().await.len();
    for (fields, message) in cases {
        let page = agent.submit(&path, &path, &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{message}");
        assert!(
            page.contains(message),
            "{message}: {}",
            &page.body[..200.min(page.body.len())]
        );
    }
    assert_eq!(status_of(&w, n).await, TicketStatus::New);
    assert_eq!(w.t.mail().await.len(), mails);
    let forged = agent
        .submit(
            &path,
            "/agent/tickets/99999999",
            &update("public", "Hallo", "open"),
        )
        .await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
    let junk = agent.get("/agent/tickets/abc").await;
    assert_eq!(junk.status, StatusCode::NOT_FOUND);
    assert_eq!(
        agent.get("/agent/tickets?view=nope").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        agent.get("/agent/tickets?after=x").await.status,
        StatusCode::NOT_FOUND
    );

    // A closed ticket refuses every update.
    let piet = contact(&w, w.medewerker, medewerker_roles());
    w.t.app.solve_as_customer(&piet, n).await.unwrap();
    w.t.clock.advance(8 * 86_400);
    w.t.app.close_solved_tickets().await.unwrap();
    // (Eight days on, the session has expired: sign in again.)
    let agent = w.as_agent().await;
    let closed = agent.get(&path).await;
    assert_eq!(closed.status, StatusCode::OK);
    assert!(
        closed.contains("gesloten") && !closed.contains("Bijwerken"),
        "a closed ticket shows no form"
    );
    let csrf = agent.get("/agent").await.csrf();
    let mut fields = update("public", "Nog iets", "open");
    fields.push(("csrf", csrf.as_str()));
    let refused = agent.post_raw(&path, &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.contains("gesloten"));
}

#[tokio::test]
async fn routing_puts_new_tickets_in_groups_that_administrators_choose() {
    let w = World::new().await;
    w.t.admin_with_password("beheer@vendor.nl", "lindeboom")
        .await;
    let (first, billing) = {
        let mut tx = w.t.store.begin().await.unwrap();
        let first = tx.insert_group("Eerste lijn").await.unwrap();
        let billing = tx.insert_group("Facturatie").await.unwrap();
        tx.add_group_member(billing, w.agent).await.unwrap();
        tx.commit().await.unwrap();
        (first, billing)
    };
    let categories = w.t.app.ticket_categories().await.unwrap();
    let finance = categories
        .iter()
        .find(|c| c.key == "finance")
        .unwrap()
        .id
        .to_string();
    let settings = "/agent/settings/routing";

    // Only administrators reach the settings.
    let agent = w.as_agent().await;
    assert_eq!(agent.get(settings).await.status, StatusCode::FORBIDDEN);
    let csrf = agent.get("/agent").await.csrf();
    let billing_id = billing.0.to_string();
    let refused = agent
        .post_raw(
            "/agent/settings/routing/rules",
            &[("csrf", csrf.as_str()), ("group", billing_id.as_str())],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let admin = w.t.browser();
    admin.agent_sign_in("beheer@vendor.nl", "lindeboom").await;
    assert!(admin.get("/agent").await.contains("Instellingen"));
    let page = admin.get(settings).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.contains("Er zijn nog geen regels."));
    let missing = admin
        .submit(
            settings,
            "/agent/settings/routing/rules",
            &[("form", ""), ("category", ""), ("group", "")],
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    let bad = admin
        .submit(
            settings,
            "/agent/settings/routing/rules",
            &[("category", "42424242"), ("group", billing_id.as_str())],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A choice that is not an id is named, not dropped (which would make a rule for any category).
    let not_an_id = admin
        .submit(
            settings,
            "/agent/settings/routing/rules",
            &[("category", "financiën"), ("group", billing_id.as_str())],
        )
        .await;
    assert_eq!(not_an_id.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(not_an_id.contains("Kies een van de mogelijkheden."));
    assert!(
        w.t.app
            .routing_settings(&Actor::Agent {
                user: w.agent,
                admin: true
            })
            .await
            .unwrap()
            .rules
            .is_empty()
    );
    let first_id = first.0.to_string();
    for (category, group) in [
        (finance.as_str(), billing_id.as_str()),
        ("", first_id.as_str()),
    ] {
        let added = admin
            .submit(
                settings,
                "/agent/settings/routing/rules",
                &[("form", ""), ("category", category), ("group", group)],
            )
            .await;
        assert_eq!(added.status, StatusCode::SEE_OTHER);
    }
    let set = admin
        .submit(
            settings,
            "/agent/settings/routing/billing-group",
            &[("group", billing_id.as_str())],
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER);

    // A financial question lands in Facturatie, anything else in the first line.
    let piet = contact(&w, w.medewerker, medewerker_roles());
    let mut s = submission(&w, vec![]).await;
    s.category = categories.iter().find(|c| c.key == "finance").map(|c| c.id);
    let money = w.t.app.submit_ticket(&piet, &s).await.unwrap();
    assert_eq!(money.group, Some(billing));
    let other =
        w.t.app
            .submit_ticket(&piet, &submission(&w, vec![]).await)
            .await
            .unwrap();
    assert_eq!(other.group, Some(first));
    // The billing agent sees the first in "unassigned in my groups", not the second.
    let unassigned = agent.get("/agent/tickets?view=unassigned").await;
    assert!(unassigned.contains(&format!("#{}", money.number.0)));
    assert!(!unassigned.contains(&format!("#{}<", other.number.0)));

    // A subscription change becomes a ticket of the billing group (D7).
    let anna = Actor::Contact {
        user: w.beheerder,
        org: w.linde,
        roles: balie_domain::PortalRoles::BEHEERDER,
    };
    let change =
        balie_domain::SubscriptionChange::parse("Twee licenties erbij", "Nieuwe assistente.", true)
            .unwrap();
    w.t.app
        .request_subscription_change(&anna, w.linde, &change)
        .await
        .unwrap();
    let listed = agent.get("/agent/tickets?view=unassigned").await;
    assert!(listed.contains("Twee licenties erbij"));
    let requests =
        w.t.app
            .ticket_list(
                &anna,
                balie_app::tickets::TicketList::Mine,
                &Default::default(),
            )
            .await
            .unwrap();
    let ticket = &requests.tickets[0];
    assert_eq!(ticket.subject, "Twee licenties erbij");
    assert_eq!(ticket.group, Some(billing));

    // Deleting a rule: the next ticket has no group.
    let rules =
        w.t.app
            .routing_settings(&Actor::Agent {
                user: w.agent,
                admin: true,
            })
            .await
            .unwrap()
            .rules;
    for rule in rules {
        let path = format!("/agent/settings/routing/rules/{}/delete", rule.id);
        assert_eq!(
            admin.submit(settings, &path, &[]).await.status,
            StatusCode::SEE_OTHER
        );
    }
    let gone = admin
        .submit(settings, "/agent/settings/routing/rules/1/delete", &[])
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let loose =
        w.t.app
            .submit_ticket(&piet, &submission(&w, vec![]).await)
            .await
            .unwrap();
    assert_eq!(loose.group, None);
}

#[tokio::test]
async fn customer_lists_search_filter_and_page_by_cursor() {
    let w = World::new().await;
    let piet = contact(&w, w.medewerker, medewerker_roles());
    let mut numbers = vec![];
    for i in 0..30 {
        let mut s = submission(&w, vec![]).await;
        s.subject = if i == 4 {
            "Wachtwoord vergeten".into()
        } else {
            format!("Vraag nummer {i}")
        };
        numbers.push(w.t.app.submit_ticket(&piet, &s).await.unwrap().number);
        w.t.clock.advance(60);
    }
    let browser = w.as_contact("piet@delinde.nl").await;
    let first = browser.get("/support?list=mine").await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.contains("Vraag nummer 29") && !first.contains("Vraag nummer 3<"));
    let marker = "href=\"/support?list=mine&#38;after=";
    let start = first.body.find(marker).expect("a next page link") + "href=\"".len();
    let next = first.body[start..]
        .split('"')
        .next()
        .unwrap()
        .replace("&#38;", "&");
    let second = browser.get(&next).await;
    assert_eq!(second.status, StatusCode::OK);
    for i in 0..5 {
        assert!(
            second.contains(&format!("Vraag nummer {i}<")) || i == 4,
            "{i}"
        );
    }
    assert!(!second.contains("Vraag nummer 29") && !second.contains(marker));

    let found = browser.get("/support?list=mine&q=wachtwoord").await;
    assert!(found.contains("<mark>Wachtwoord</mark> vergeten") && !found.contains("Vraag nummer"));
    let by_number = browser
        .get(&format!("/support?list=mine&q=%23{}", numbers[7].0))
        .await;
    assert!(by_number.contains("Vraag nummer 7<") && !by_number.contains("Vraag nummer 8<"));
    let none = browser.get("/support?list=mine&q=bestaatniet").await;
    assert!(none.contains("Geen aanvragen gevonden"));
    let solved = browser.get("/support?list=mine&status=solved").await;
    assert!(solved.contains("Geen aanvragen gevonden"));
    w.t.app.solve_as_customer(&piet, numbers[2]).await.unwrap();
    let solved = browser.get("/support?list=mine&status=solved").await;
    assert!(solved.contains("Vraag nummer 2<") && !solved.contains("Vraag nummer 3<"));
    assert_eq!(
        browser.get("/support?list=mine&status=weird").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        browser.get("/support?after=12.x").await.status,
        StatusCode::NOT_FOUND
    );
    let long = format!("/support?q={}", "a".repeat(10_000));
    assert_eq!(browser.get(&long).await.status, StatusCode::OK);
}

#[tokio::test]
async fn generated_volume_is_complete_and_usable() {
    use balie_app::demo::volume::{Volume, beheerder_email};
    let w = World::new().await;
    let volume = Volume {
        organisations: 3,
        contacts_per_org: 4,
        tickets: 1_234,
        comments_per_ticket: 3,
        kb_articles: 30,
    };
    let seen = std::sync::Mutex::new(vec![]);
    let progress = |what: &str, n: usize| seen.lock().unwrap().push((what.to_string(), n));
    w.t.app.generate_volume(&volume, &progress).await.unwrap();
    assert_eq!(w.t.app.count_all_tickets().await.unwrap(), 1_234);
    assert!(seen.lock().unwrap().contains(&("articles".to_string(), 30)));
    // The generated articles are found by a visitor.
    let found = w.t.browser().get("/kb/search?q=declaraties").await;
    assert!(found.contains("/kb/articles/"), "{}", found.body);
    assert!(
        seen.lock()
            .unwrap()
            .contains(&("tickets".to_string(), 1_234))
    );
    // The generated Beheerder signs in and sees the organisation's tickets with conversations.
    let b = w.t.browser();
    let signed_in = b
        .sign_in(&beheerder_email(1), balie_app::demo::DEMO_PASSWORD)
        .await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    let all = b.get("/support?list=all").await;
    assert_eq!(all.status, StatusCode::OK);
    let start = all
        .body
        .find("href=\"/tickets/")
        .expect("a ticket on the list")
        + 6;
    let link = all.body[start..].split('"').next().unwrap().to_string();
    let page = b.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.matches("comment-meta").count() >= 1);
}

#[tokio::test]
async fn agents_move_a_ticket_through_every_status_and_new_and_closed_are_never_chosen() {
    use balie_app::tickets::AgentUpdate;
    use balie_domain::Priority;
    let w = World::new().await;
    let n = submitted(&w).await;
    let agent = w.agent_actor();
    let update = |status: TicketStatus| AgentUpdate {
        body: String::new(),
        public: true,
        status,
        priority: Priority::Normal,
        group: None,
        assignee: None,
        attachments: vec![],
    };
    use TicketStatus::*;
    // From every status an agent may reach, every other one an agent may set.
    for from in [Open, Pending, OnHold, Solved] {
        for to in [Open, Pending, OnHold, Solved] {
            if from == to {
                continue;
            }
            w.t.app
                .update_ticket_as_agent(&agent, n, &update(from))
                .await
                .ok();
            assert_eq!(status_of(&w, n).await, from);
            w.t.app
                .update_ticket_as_agent(&agent, n, &update(to))
                .await
                .unwrap_or_else(|e| panic!("{from:?} -> {to:?}: {e}"));
            assert_eq!(status_of(&w, n).await, to, "{from:?} -> {to:?}");
        }
    }
    // "Closed" is only the scheduler's; asking for it changes nothing.
    match w
        .t
        .app
        .update_ticket_as_agent(&agent, n, &update(Closed))
        .await
    {
        Err(balie_app::AppError::Invalid(e)) => assert_eq!(e.key, "error-status-change"),
        other => panic!("{other:?}"),
    }
    let before = status_of(&w, n).await;
    assert_ne!(before, Closed);
    // The scheduler closes a solved ticket; after that nobody changes it.
    w.t.app
        .update_ticket_as_agent(&agent, n, &update(Solved))
        .await
        .ok();
    w.t.clock.advance(8 * 86_400);
    assert_eq!(w.t.app.close_solved_tickets().await.unwrap(), 1);
    assert_eq!(status_of(&w, n).await, Closed);
    for to in [Open, Pending, OnHold, Solved] {
        match w.t.app.update_ticket_as_agent(&agent, n, &update(to)).await {
            Err(balie_app::AppError::Invalid(e)) => assert_eq!(e.key, "error-agent-ticket-closed"),
            other => panic!("{to:?}: {other:?}"),
        }
    }
    let piet = contact(&w, w.medewerker, medewerker_roles());
    assert!(
        w.t.app
            .add_customer_comment(&piet, n, "Nog iets", &[])
            .await
            .is_err()
    );
    assert!(w.t.app.solve_as_customer(&piet, n).await.is_err());
    assert_eq!(status_of(&w, n).await, Closed);
}

#[tokio::test]
async fn unchanged_assignments_are_not_checked_again_and_a_silent_wait_mails_nobody() {
    use balie_app::tickets::AgentUpdate;
    use balie_domain::Priority;
    let w = World::new().await;
    let n = submitted(&w).await;
    let other = w.t.agent_with_password("kim@vendor.nl", "lindeboom").await;
    // The ticket sits with Kim in a group Kim is not (or no longer) a member of.
    let group = {
        let mut tx = w.t.store.begin().await.unwrap();
        let g = tx.insert_group("Tweede lijn").await.unwrap();
        let t = tx.ticket_by_number(n).await.unwrap().unwrap();
        tx.set_ticket_group(t.id, Some(g), None, w.t.app.now())
            .await
            .unwrap();
        tx.set_ticket_assignee(t.id, Some(other), None, w.t.app.now())
            .await
            .unwrap();
        tx.commit().await.unwrap();
        g
    };
    let agent = w.agent_actor();
    let update = |body: &str, public: bool, status: TicketStatus| AgentUpdate {
        body: body.into(),
        public,
        status,
        priority: Priority::Normal,
        group: Some(group),
        assignee: Some(other),
        attachments: vec![],
    };
    // Replying leaves group and assignee as they are, so they are not checked again.
    w.t.app
        .update_ticket_as_agent(
            &agent,
            n,
            &update("We kijken ernaar.", true, TicketStatus::Open),
        )
        .await
        .unwrap();
    // Choosing that pair anew is refused.
    let fresh = AgentUpdate {
        assignee: Some(w.agent),
        ..update("", true, TicketStatus::Open)
    };
    match w.t.app.update_ticket_as_agent(&agent, n, &fresh).await {
        Err(balie_app::AppError::Invalid(e)) => assert_eq!(e.key, "error-assignee-not-in-group"),
        other => panic!("{other:?}"),
    }
    let mails = w.t.mail_to("piet@delinde.nl").await.len();
    // Waiting with only an internal note: the customer was asked nothing, so no mail.
    w.t.app
        .update_ticket_as_agent(
            &agent,
            n,
            &update(
                "Even navragen bij de leverancier.",
                false,
                TicketStatus::Pending,
            ),
        )
        .await
        .unwrap();
    assert_eq!(w.t.mail_to("piet@delinde.nl").await.len(), mails);
    assert_eq!(status_of(&w, n).await, TicketStatus::Pending);
}

#[tokio::test]
async fn a_closed_ticket_offers_a_follow_up_that_carries_its_number() {
    let w = World::new().await;
    let n = submitted(&w).await;
    let piet_actor = contact(&w, w.medewerker, medewerker_roles());
    w.t.app.solve_as_customer(&piet_actor, n).await.unwrap();
    w.t.clock.advance(8 * 86_400);
    w.t.app.close_solved_tickets().await.unwrap();
    let piet = w.as_contact("piet@delinde.nl").await;
    let page = piet.get(&format!("/tickets/{}", n.0)).await;
    let link = format!("/support/new/incident?follow_up={}", n.0);
    assert!(page.contains(&link.replace('&', "&#38;")) || page.contains(&link));
    let form = piet.get(&link).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.contains(&format!("Vervolg op {n}: Agenda laadt niet")));
    // Another organisation's ticket, or a mangled number, is no starting point.
    let lotte = w.as_contact("lotte@hetanker.nl").await;
    assert_eq!(lotte.get(&link).await.status, StatusCode::NOT_FOUND);
    let odd = piet.get("/support/new/incident?follow_up=abc").await;
    assert_eq!(odd.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_words_of_the_conversation_are_found_as_each_reader_may_see_them() {
    let w = World::new().await;
    let n = submitted(&w).await;
    let agent = w.as_agent().await;
    let page = format!("/agent/tickets/{}", n.0);
    for (visibility, body) in [
        ("public", "Kunt u het logbestand van vanochtend sturen?"),
        (
            "internal",
            "Interne notitie: logbestand bekeken, printerdriver opnieuw installeren",
        ),
    ] {
        let sent = agent
            .submit(&page, &page, &update(visibility, body, "open"))
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    }
    let number = format!("#{}", n.0);
    let piet = w.as_contact("piet@delinde.nl").await;
    let found = piet.get("/support?list=mine&q=logbestand").await;
    assert!(
        found.contains(&number),
        "a public reply is found by its words"
    );
    // In another word form, with a piece of the public message marked, never of the note.
    let forms = piet.get("/support?list=mine&q=logbestanden").await;
    assert!(forms.contains(&number), "found by another word form");
    assert!(
        forms.contains("Kunt u het <mark>logbestand</mark> van vanochtend sturen?"),
        "the public message's piece, its word marked: {}",
        forms.body
    );
    assert!(
        !forms.contains("printerdriver"),
        "never a piece of the note"
    );
    let note = piet.get("/support?list=mine&q=printerdriver").await;
    assert!(!note.contains(&number), "an internal note is not");
    // On the customer's ticket page Customer Support's reply is marked as theirs, with the
    // agent's name; the customer's own first message is not.
    let ticket = piet.get(&format!("/tickets/{}", n.0)).await;
    let staff = ticket
        .body
        .find("<li class=\"comment-staff\">")
        .expect("a marked reply");
    let badge = "<span class=\"badge badge-staff\">Balie Customer Support</span>";
    assert!(ticket.body[staff..].contains(badge), "{}", ticket.body);
    assert_eq!(
        ticket.body.matches("comment-staff").count(),
        1,
        "only the agent's reply"
    );
    let all = agent.get("/agent/tickets?view=all&q=printerdriver").await;
    assert!(all.contains("Agenda laadt niet"), "agents find their notes");
    assert!(
        all.contains("<mark>printerdriver</mark> opnieuw installeren"),
        "with a piece of the note: {}",
        all.body
    );
    let subject = agent.get("/agent/tickets?view=all&q=agenda").await;
    assert!(
        subject.contains("<mark>Agenda</mark> laadt niet"),
        "{}",
        subject.body
    );
    let lotte = w.as_contact("lotte@hetanker.nl").await;
    let other = lotte.get("/support?list=all&q=logbestand").await;
    assert!(
        !other.contains(&number),
        "another organisation's conversation is not"
    );
}

#[tokio::test]
async fn view_counts_follow_every_change_at_once() {
    use balie_app::tickets::{AgentUpdate, AgentView};
    use balie_domain::Priority;
    let w = World::new().await;
    let agent = w.agent_actor();
    let count = |view: AgentView| {
        let w = &w;
        async move {
            let counts = w.t.app.agent_view_counts(&agent).await.unwrap();
            counts.iter().find(|(v, _)| *v == view).unwrap().1
        }
    };
    let (unassigned, mine) = (
        count(AgentView::Unassigned).await,
        count(AgentView::Mine).await,
    );
    // Read twice without a change: the same counts, the second time without asking the store.
    assert_eq!(count(AgentView::Unassigned).await, unassigned);
    let n = submitted(&w).await;
    assert_eq!(
        count(AgentView::Unassigned).await,
        unassigned + 1,
        "a new request"
    );
    let take = AgentUpdate {
        body: String::new(),
        public: true,
        status: TicketStatus::Open,
        priority: Priority::Normal,
        group: None,
        assignee: Some(w.agent),
        attachments: vec![],
    };
    w.t.app
        .update_ticket_as_agent(&agent, n, &take)
        .await
        .unwrap();
    assert_eq!(count(AgentView::Unassigned).await, unassigned, "taken");
    assert_eq!(count(AgentView::Mine).await, mine + 1);
}
