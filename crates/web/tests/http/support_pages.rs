//! The Support pages over HTTP: submitting a request, "Mijn aanvragen", the ticket page, adding to
//! the conversation and marking solved, and who is refused.

use super::organisation::World;
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
