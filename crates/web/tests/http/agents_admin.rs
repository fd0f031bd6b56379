//! "Instellingen" → "Agents" over HTTP: an administrator sees every agent and invites a new
//! one, who sets a password from the mailed link and signs in as an agent; bad input is refused
//! at its field and stores nothing; nobody but an administrator reaches the page or its post.

use super::organisation::World;
use reqwest::StatusCode;

const PATH: &str = "/agent/settings/agents";

#[tokio::test]
async fn an_administrator_invites_an_agent_who_signs_in() {
    let w = World::new().await;
    let group = {
        let mut tx = w.t.store.begin().await.unwrap();
        let id = tx.insert_group("Tweede lijn").await.unwrap();
        tx.commit().await.unwrap();
        id
    };
    let joost = w.as_admin().await;
    let page = joost.get(PATH).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.contains("sanne@vendor.nl") && page.contains("joost@vendor.nl"));
    assert!(page.contains("Beheerder (agent)"), "roles by name");

    let group_id = group.0.to_string();
    let fields = [
        ("first_name", "Mila"),
        ("last_name", "de Wit"),
        ("email", "mila@vendor.nl"),
        ("role", "agent"),
        ("group", group_id.as_str()),
    ];
    let invited = joost.submit(PATH, PATH, &fields).await;
    assert_eq!(invited.status, StatusCode::SEE_OTHER, "{}", invited.body);
    let listed = joost.get(invited.location.as_deref().unwrap()).await;
    assert!(listed.contains("De agent is uitgenodigd"));
    assert!(listed.contains("mila@vendor.nl") && listed.contains("Tweede lijn"));
    assert!(listed.contains("Uitgenodigd, nog geen wachtwoord"));

    let mail = &w.t.mail_to("mila@vendor.nl").await[0];
    assert!(mail.subject.starts_with("Uitnodiging voor"));
    let mila = w.t.browser();
    let link = mail.link_path();
    let set = mila
        .submit(
            &link,
            &link,
            &[("password", "eikenboom"), ("password_confirm", "eikenboom")],
        )
        .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    let signed_in = mila.agent_sign_in("mila@vendor.nl", "eikenboom").await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    let home = mila.get("/agent").await;
    assert!(
        home.contains("Tweede lijn"),
        "her groups on her home: {}",
        home.body
    );
    // A plain agent cannot manage agents.
    assert_eq!(mila.get(PATH).await.status, StatusCode::FORBIDDEN);
    // The list tells when each agent last signed in.
    let after = joost.get(PATH).await;
    let row = |email: &str| {
        let at = after.body.find(email).unwrap();
        let end = after.body[at..].find("</tr>").unwrap();
        after.body[at..at + end].to_string()
    };
    assert!(
        row("mila@vendor.nl").contains(">vandaag "),
        "{}",
        row("mila@vendor.nl")
    );
    assert!(row("sanne@vendor.nl").contains("Nog nooit"));
    w.t.stop().await;
}

#[tokio::test]
async fn bad_invitations_are_refused_at_their_field_and_store_nothing() {
    let w = World::new().await;
    let joost = w.as_admin().await;
    let agents_before =
        w.t.app
            .agents_overview(&admin(&w))
            .await
            .unwrap()
            .agents
            .len();
    let everything_wrong = [
        ("first_name", " "),
        ("last_name", ""),
        ("email", "geen-adres"),
        ("role", "agent"),
    ];
    let refused = joost.submit(PATH, PATH, &everything_wrong).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    for link in ["#first_name", "#last_name", "#email"] {
        assert!(
            refused.contains(&format!("<a href=\"{link}\">")),
            "{link}: {}",
            refused.body
        );
    }
    assert!(
        refused.contains("value=\"geen-adres\""),
        "what was typed stays"
    );
    for (field, value, message) in [
        ("role", "baas", "Kies een van de mogelijkheden."),
        ("group", "999", "Kies een van de groepen."),
        ("group", "abc", "Kies een van de groepen."),
        (
            "email",
            "sanne@vendor.nl",
            "Dit e-mailadres is al in gebruik.",
        ),
    ] {
        let mut fields = vec![
            ("first_name", "Mila"),
            ("last_name", "de Wit"),
            ("email", "mila@vendor.nl"),
            ("role", "agent"),
        ];
        fields.retain(|(k, _)| *k != field || field == "group");
        fields.push((field, value));
        let page = joost.submit(PATH, PATH, &fields).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}={value}"
        );
        assert!(page.contains(message), "{field}={value}: {}", page.body);
    }
    let agents_after =
        w.t.app
            .agents_overview(&admin(&w))
            .await
            .unwrap()
            .agents
            .len();
    assert_eq!(agents_after, agents_before, "nothing stored");
    assert!(
        w.t.mail_to("mila@vendor.nl").await.is_empty(),
        "nothing mailed"
    );
    w.t.stop().await;
}

#[tokio::test]
async fn only_an_administrator_reaches_the_agents() {
    let w = World::new().await;
    let fields = [
        ("first_name", "Mila"),
        ("last_name", "de Wit"),
        ("email", "mila@vendor.nl"),
        ("role", "admin"),
    ];
    let sanne = w.as_agent().await;
    let page = sanne.get(PATH).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.contains("Alleen beheerders van Customer Support kunnen dit instellen."));
    let post = sanne.submit("/agent", PATH, &fields).await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    for email in ["anna@delinde.nl", "piet@delinde.nl", "lotte@hetanker.nl"] {
        let contact = w.as_contact(email).await;
        assert_eq!(
            contact.get(PATH).await.status,
            StatusCode::FORBIDDEN,
            "{email}"
        );
        let post = contact.submit("/", PATH, &fields).await;
        assert_eq!(post.status, StatusCode::FORBIDDEN, "{email}");
    }
    let visitor = w.t.browser().get(PATH).await;
    assert_eq!(visitor.status, StatusCode::SEE_OTHER);
    assert!(w.t.mail_to("mila@vendor.nl").await.is_empty());
    w.t.stop().await;
}

fn admin(w: &World) -> balie_domain::Actor {
    balie_domain::Actor::Agent {
        user: w.agent,
        admin: true,
    }
}

/// An administrator changes an agent's role and groups; the last administrator stays one, and
/// only an administrator may change anything.
#[tokio::test]
async fn an_administrator_changes_role_and_groups_but_keeps_one_administrator() {
    let w = World::new().await;
    let group = {
        let mut tx = w.t.store.begin().await.unwrap();
        let id = tx.insert_group("Tweede lijn").await.unwrap();
        tx.commit().await.unwrap();
        id
    };
    let joost = w.as_admin().await;
    let sanne = format!("{PATH}/{}", w.agent);
    let page = joost.get(&sanne).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.contains("sanne@vendor.nl"));
    let g = group.0.to_string();
    let saved = joost
        .submit(&sanne, &sanne, &[("role", "admin"), ("group", g.as_str())])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let overview = w.t.app.agents_overview(&admin(&w)).await.unwrap();
    let changed = overview
        .agents
        .iter()
        .find(|a| a.user.id == w.agent)
        .unwrap();
    assert_eq!(
        changed.user.kind,
        balie_domain::UserKind::Agent { admin: true }
    );
    assert_eq!(
        changed
            .groups
            .iter()
            .map(|g| g.name.as_str())
            .collect::<Vec<_>>(),
        ["Tweede lijn"]
    );

    // Joost may step down now that Sanne is an administrator; then Sanne is the last one.
    let joost_id = overview
        .agents
        .iter()
        .find(|a| {
            a.user
                .email
                .as_ref()
                .is_some_and(|e| e.as_str() == "joost@vendor.nl")
        })
        .unwrap()
        .user
        .id;
    let joost_page = format!("{PATH}/{joost_id}");
    let sanne_browser = w.t.browser();
    sanne_browser
        .agent_sign_in("sanne@vendor.nl", "lindeboom")
        .await;
    let down = sanne_browser
        .submit(&joost_page, &joost_page, &[("role", "agent")])
        .await;
    assert_eq!(down.status, StatusCode::SEE_OTHER, "{}", down.body);
    let last = sanne_browser
        .submit(&sanne, &sanne, &[("role", "agent")])
        .await;
    assert_eq!(last.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(last.contains("Er moet ten minste één beheerder overblijven."));
    assert!(last.contains("<a href=\"#role\">"));
    let still = w.t.app.agents_overview(&admin(&w)).await.unwrap();
    let sanne_now = still.agents.iter().find(|a| a.user.id == w.agent).unwrap();
    assert_eq!(
        sanne_now.user.kind,
        balie_domain::UserKind::Agent { admin: true }
    );

    // Joost is a plain agent now: refused, as contacts and visitors are; a contact's id and a
    // made-up id are no agent.
    assert_eq!(joost.get(&sanne).await.status, StatusCode::FORBIDDEN);
    let post = joost.submit("/agent", &sanne, &[("role", "agent")]).await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    let anna = w.as_contact("anna@delinde.nl").await;
    assert_eq!(anna.get(&sanne).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        w.t.browser().get(&sanne).await.status,
        StatusCode::SEE_OTHER
    );
    let contact = format!("{PATH}/{}", w.beheerder);
    assert_eq!(
        sanne_browser.get(&contact).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        sanne_browser.get(&format!("{PATH}/99999")).await.status,
        StatusCode::NOT_FOUND
    );
    let refused = sanne_browser
        .submit(&sanne, &contact, &[("role", "admin")])
        .await;
    assert_eq!(
        refused.status,
        StatusCode::NOT_FOUND,
        "a contact is no agent"
    );
    let bad_group = sanne_browser
        .submit(
            &joost_page,
            &joost_page,
            &[("role", "agent"), ("group", "999")],
        )
        .await;
    assert_eq!(bad_group.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_group.contains("Kies een van de groepen."));
    w.t.stop().await;
}
