//! The Support pages over HTTP: submitting a request, "Mijn aanvragen", the ticket page, adding to
//! the conversation and marking solved, and who is refused.

use super::organisation::World;
use super::support::Page;
use reqwest::StatusCode;

async fn category(w: &World) -> String {
    w.t.app.ticket_categories().await.unwrap()[2].id.to_string()
}

#[tokio::test]
async fn a_contact_submits_a_request_and_follows_it_on_the_ticket_page() {
    let w = World::new().await;
    let piet = w.as_contact("piet@delinde.nl").await;
    let support = piet.get("/support").await;
    assert_eq!(support.status, StatusCode::OK);
    for form in [
        "Vraag",
        "Verbetering",
        "Foutmelding",
        "Registratieformulier contactpersoon - aanmelden",
    ] {
        assert!(support.contains(form), "{form}");
    }
    assert!(support.contains("Je hebt nog geen aanvragen ingediend."));
    let form = piet.get("/support/new/incident").await;
    assert!(form.contains("Hoofdcategorie") && form.contains("Stuur geen privacygevoelige"));
    assert!(form.contains("Anna Jansen"), "colleagues can be copied in");

    let missing = piet
        .submit(
            "/support/new/incident",
            "/support/new/incident",
            &[
                ("subject", "Agenda leeg"),
                ("description", "Sinds vanochtend."),
            ],
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        missing.contains("Kies een hoofdcategorie.") && missing.contains("Agenda leeg"),
        "message, input kept"
    );

    let cat = category(&w).await;
    let plus = w.plus.0.to_string();
    let fields = [
        ("subject", "Agenda leeg"),
        (
            "description",
            "Sinds vanochtend.\nGeen afspraken zichtbaar.",
        ),
        ("category", cat.as_str()),
        ("cc", plus.as_str()),
    ];
    let created = piet
        .submit("/support/new/incident", "/support/new/incident", &fields)
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let path = created.location.unwrap();
    let page = piet.get(&path).await;
    assert!(
        page.contains("Je aanvraag is verstuurd.")
            && page.contains("Agenda leeg")
            && page.contains("Nieuw")
    );
    assert!(page.contains("Techniek") && page.contains("Foutmelding") && page.contains("In de CC"));
    let ticket_path = path.split('?').next().unwrap().to_string();
    let number = ticket_path.rsplit('/').next().unwrap().to_string();
    assert!(
        page.contains(&format!("<h1>#{number} Agenda leeg")),
        "the number is in the title"
    );
    assert!(
        piet.get("/support").await.contains(&format!("#{number}")),
        "in Mijn aanvragen"
    );
    assert!(
        w.t.mail_to("piet@delinde.nl")
            .await
            .last()
            .unwrap()
            .subject
            .starts_with(&format!("[#{number}]"))
    );

    let comment = format!("{ticket_path}/comment");
    let empty = piet.submit(&ticket_path, &comment, &[("body", " ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The refusal stands at the reply box, and the page's own address is the ticket's.
    assert!(empty.contains("<a href=\"#body\">"), "{}", empty.body);
    assert!(empty.contains("<p class=\"field-error\" id=\"body-error\">"));
    assert!(empty.contains(&format!("data-path=\"{ticket_path}\"")));
    assert_eq!(
        piet.submit(
            &ticket_path,
            &comment,
            &[("body", "Update: ook op de laptop.")]
        )
        .await
        .status,
        StatusCode::SEE_OTHER
    );
    assert!(
        piet.get(&ticket_path)
            .await
            .contains("Update: ook op de laptop.")
    );
    let solve = format!("{ticket_path}/solve");
    assert_eq!(
        piet.submit(&ticket_path, &solve, &[]).await.status,
        StatusCode::SEE_OTHER
    );
    let solved = piet.get(&ticket_path).await;
    assert!(solved.contains("Opgelost") && !solved.contains("Markeren als opgelost"));
    w.t.stop().await;
}

#[tokio::test]
async fn tickets_are_refused_to_those_who_may_not_see_them() {
    let w = World::new().await;
    let piet = w.as_contact("piet@delinde.nl").await;
    let cat = category(&w).await;
    let created = piet
        .submit(
            "/support/new/question",
            "/support/new/question",
            &[
                ("subject", "Vraag over rapport"),
                ("description", "Hoe exporteer ik?"),
                ("category", cat.as_str()),
            ],
        )
        .await;
    let path = created
        .location
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let colleague =
        w.t.contact_with_password(
            w.linde,
            "els@delinde.nl",
            balie_domain::PortalRoles::new(false, true, false).unwrap(),
            "lindeboom",
        )
        .await;
    let _ = colleague;
    let els = w.as_contact("els@delinde.nl").await;
    let lotte = w.as_contact("lotte@hetanker.nl").await;
    let agent = w.as_agent().await;
    assert_eq!(
        els.get(&path).await.status,
        StatusCode::NOT_FOUND,
        "a Medewerker, a colleague's ticket"
    );
    assert_eq!(
        lotte.get(&path).await.status,
        StatusCode::NOT_FOUND,
        "another organisation"
    );
    assert_eq!(
        agent.get(&path).await.status,
        StatusCode::FORBIDDEN,
        "agents have their own workspace"
    );
    assert_eq!(w.t.browser().get(&path).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        w.as_contact("fatima@delinde.nl")
            .await
            .get(&path)
            .await
            .status,
        StatusCode::OK,
        "Medewerker+"
    );
    assert_eq!(
        w.as_contact("anna@delinde.nl")
            .await
            .get(&path)
            .await
            .status,
        StatusCode::OK,
        "Beheerder"
    );
    let comment = format!("{path}/comment");
    assert_eq!(
        lotte
            .submit("/support", &comment, &[("body", "Gekaapt")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        els.submit("/support", &format!("{path}/solve"), &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert!(!piet.get(&path).await.contains("Gekaapt"));
    assert_eq!(piet.get("/tickets/abc").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        piet.get("/support/new/bestaat-niet").await.status,
        StatusCode::NOT_FOUND
    );
    w.t.stop().await;
}

#[tokio::test]
async fn the_ticket_lists_follow_roles_and_the_home_page_shows_what_waits() {
    let w = World::new().await;
    let cat = category(&w).await;
    let piet = w.as_contact("piet@delinde.nl").await;
    let plus = w.plus.0.to_string();
    let mut paths = vec![];
    for subject in ["Eerste vraag", "Tweede vraag"] {
        let fields = [
            ("subject", subject),
            ("description", "Zie onderwerp."),
            ("category", cat.as_str()),
            ("cc", plus.as_str()),
        ];
        let created = piet
            .submit("/support/new/question", "/support/new/question", &fields)
            .await;
        paths.push(
            created
                .location
                .unwrap()
                .split('?')
                .next()
                .unwrap()
                .to_string(),
        );
    }
    piet.submit(&paths[0], &format!("{}/solve", paths[0]), &[])
        .await;
    let open = piet.get("/support?list=open").await;
    assert!(
        open.contains("Tweede vraag") && !open.contains("Eerste vraag"),
        "Openstaande aanvragen"
    );
    assert!(
        piet.get("/support").await.contains("Eerste vraag"),
        "Mijn aanvragen has both"
    );
    assert!(
        !piet.get("/support").await.contains("list=all"),
        "no Alle aanvragen for a Medewerker"
    );
    assert_eq!(
        piet.get("/support?list=all").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        piet.get("/support?list=nonsense").await.status,
        StatusCode::NOT_FOUND
    );

    let anna = w.as_contact("anna@delinde.nl").await;
    let all = anna.get("/support?list=all").await;
    assert!(
        all.contains("Eerste vraag") && all.contains("Tweede vraag"),
        "Alle aanvragen for a Beheerder"
    );
    // The organisation's list names who asked, and its name carries its count; one's own
    // list needs no requester column.
    assert!(all.contains("<th scope=\"col\">Aanvrager</th>"));
    assert!(all.contains(">Anna Jansen</td>"), "{}", all.body);
    assert!(all.contains("Alle aanvragen <span class=\"count\">2</span>"));
    assert!(all.contains("Mijn aanvragen <span class=\"count\">0</span>"));
    assert!(open.contains("<th scope=\"col\">Aanvrager</th>"));
    let mine = anna.get("/support").await;
    assert!(!mine.contains("<th scope=\"col\">Aanvrager</th>"));
    assert!(open.contains("Openstaande aanvragen <span class=\"count\">1</span>"));
    // Last activity newest first, or oldest first when asked; a made-up order is no page.
    let at = |page: &Page, text: &str| page.body.find(text).unwrap();
    let newest_first = at(&all, "Eerste vraag") < at(&all, "Tweede vraag");
    let oldest = anna.get("/support?list=all&sort=oldest").await;
    let oldest_first = at(&oldest, "Eerste vraag") < at(&oldest, "Tweede vraag");
    assert_ne!(
        newest_first, oldest_first,
        "the other order reads the list backwards"
    );
    assert!(oldest.contains("<option value=\"oldest\" selected>"));
    let bad = anna.get("/support?list=all&sort=sideways").await;
    assert_eq!(bad.status, StatusCode::NOT_FOUND);
    // Today's moments read as "vandaag", with the whole moment for screen readers.
    assert!(
        all.contains("<span aria-hidden=\"true\">vandaag "),
        "{}",
        all.body
    );
    let fatima = w.as_contact("fatima@delinde.nl").await;
    assert!(
        fatima
            .get("/support?list=cc")
            .await
            .contains("Tweede vraag"),
        "CC list"
    );
    let lotte = w.as_contact("lotte@hetanker.nl").await;
    assert!(
        !lotte
            .get("/support?list=all")
            .await
            .contains("Eerste vraag"),
        "another organisation"
    );

    // The agents wait for Piet: the home page puts that ticket first.
    let number: i64 = paths[1].rsplit('/').next().unwrap().parse().unwrap();
    let ticket =
        w.t.app
            .ticket(&w.agent_actor(), balie_domain::TicketNumber(number))
            .await
            .unwrap()
            .ticket;
    let mut tx = w.t.store.begin().await.unwrap();
    tx.set_ticket_status(
        ticket.id,
        balie_domain::TicketStatus::Pending,
        Some(w.agent),
        w.t.app.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let home = piet.get("/").await;
    let waiting = home.body.find("Wacht op je reactie").unwrap();
    let history = home.body.find("Historie").unwrap();
    let tweede = home.body.find("Tweede vraag").unwrap();
    assert!(
        waiting < tweede && tweede < history,
        "waiting first, then Historie"
    );
    w.t.stop().await;
}

#[tokio::test]
async fn the_profile_menu_leads_a_contact_to_their_requests() {
    let w = World::new().await;
    let piet = w.as_contact("piet@delinde.nl").await;
    assert!(
        piet.get("/account")
            .await
            .contains("<a href=\"/support\">Aanvragen</a>")
    );
    let agent = w.as_agent().await;
    assert!(
        !agent
            .get("/account")
            .await
            .contains("<a href=\"/support\">")
    );
    w.t.stop().await;
}

/// The requester changes the CC after submitting: colleagues of the organisation only, never
/// on a closed request, and nobody else may.
#[tokio::test]
async fn the_requester_changes_the_cc_after_submitting_and_nobody_else_can() {
    let w = World::new().await;
    let cat = category(&w).await;
    let piet = w.as_contact("piet@delinde.nl").await;
    let fields = [
        ("subject", "Printer weigert"),
        ("description", "Sinds vanochtend."),
        ("category", cat.as_str()),
    ];
    let created = piet
        .submit("/support/new/question", "/support/new/question", &fields)
        .await;
    let path = created
        .location
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let ccs = format!("{path}/ccs");
    let page = piet.get(&path).await;
    assert!(page.contains("CC wijzigen") && page.contains(&format!("action=\"{ccs}\"")));
    let plus = w.plus.0.to_string();
    let boss = w.beheerder.0.to_string();
    let added = piet
        .submit(&path, &ccs, &[("cc", plus.as_str()), ("cc", boss.as_str())])
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let shown = piet.get(added.location.as_deref().unwrap()).await;
    assert!(shown.contains("De CC is bijgewerkt."));
    let n = balie_domain::TicketNumber::parse(path.rsplit('/').next().unwrap()).unwrap();
    let agent = w.agent_actor();
    let view = w.t.app.ticket(&agent, n).await.unwrap();
    assert_eq!(view.ccs.len(), 2);
    let fatima = w.as_contact("fatima@delinde.nl").await;
    assert!(
        fatima
            .get("/support?list=cc")
            .await
            .contains("Printer weigert")
    );
    // Ticking nobody empties the CC.
    let emptied = piet.submit(&path, &ccs, &[]).await;
    assert_eq!(emptied.status, StatusCode::SEE_OTHER);
    assert!(w.t.app.ticket(&agent, n).await.unwrap().ccs.is_empty());

    // Someone of another organisation, or a made-up id, is refused at the field; nothing changes.
    let stranger = w.anker_beheerder.0.to_string();
    for bad in [stranger.as_str(), "abc"] {
        let refused = piet.submit(&path, &ccs, &[("cc", bad)]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(refused.contains("Alleen collega's van je eigen organisatie kunnen in de CC."));
        assert!(refused.contains("<a href=\"#ccs\">"));
    }
    assert!(w.t.app.ticket(&agent, n).await.unwrap().ccs.is_empty());

    // A Beheerder sees the request but did not ask it; another organisation finds nothing; an
    // agent and a visitor are refused too.
    let anna = w.as_contact("anna@delinde.nl").await;
    assert!(!anna.get(&path).await.contains("CC wijzigen"));
    let refused = anna.submit(&path, &ccs, &[("cc", plus.as_str())]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.contains("Alleen wie de aanvraag heeft ingediend, kan dit wijzigen."));
    let lotte = w.as_contact("lotte@hetanker.nl").await;
    let other = lotte
        .submit("/support", &ccs, &[("cc", stranger.as_str())])
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    let agent_browser = w.as_agent().await;
    let history = agent_browser.get(&format!("/agent/tickets/{}", n.0)).await;
    assert!(
        history.contains("CC gewijzigd"),
        "the agents' history names the change"
    );
    // Saving the same CC again is no activity.
    let before = w.t.app.ticket(&agent, n).await.unwrap().ticket.updated_at;
    w.t.clock.advance(60);
    assert_eq!(
        piet.submit(&path, &ccs, &[]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        w.t.app.ticket(&agent, n).await.unwrap().ticket.updated_at,
        before
    );
    let as_agent = agent_browser.submit("/agent", &ccs, &[]).await;
    assert_eq!(as_agent.status, StatusCode::FORBIDDEN);
    let visitor = w.t.browser().submit("/login", &ccs, &[]).await;
    assert_ne!(visitor.status, StatusCode::OK);
    assert!(w.t.app.ticket(&agent, n).await.unwrap().ccs.is_empty());

    // A closed request keeps its CC, and no longer offers to change it.
    piet.submit(&path, &format!("{path}/solve"), &[]).await;
    w.t.clock.advance(8 * 86_400);
    w.t.app.close_solved_tickets().await.unwrap();
    // A week on, the session has ended: sign in again.
    let piet = w.as_contact("piet@delinde.nl").await;
    assert!(!piet.get(&path).await.contains("CC wijzigen"));
    let closed = piet.submit(&path, &ccs, &[("cc", plus.as_str())]).await;
    assert_eq!(closed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(w.t.app.ticket(&agent, n).await.unwrap().ccs.is_empty());
    w.t.stop().await;
}
