//! B1-B5 and D4 over HTTP: who reaches which page and action of "Mijn organisatie" and the
//! agent's organisation pages, and what each action does.

use super::support::*;
use balie_domain::{Actor, OrgId, PortalRoles, UserId};
use reqwest::StatusCode;

/// De Linde with a Beheerder, a Medewerker and a Medewerker+, Het Anker with its Beheerder, and
/// an agent; everyone's password is "lindeboom".
pub struct World {
    pub t: TestApp,
    pub linde: OrgId,
    pub anker: OrgId,
    pub beheerder: UserId,
    pub medewerker: UserId,
    pub plus: UserId,
    pub anker_beheerder: UserId,
    pub agent: UserId,
}

impl World {
    pub async fn new() -> World {
        World::with_config(super::support::test_config()).await
    }

    pub async fn with_config(config: balie_app::AppConfig) -> World {
        let t = TestApp::start_with(config).await;
        let linde = t.organisation("Huisartsenpraktijk De Linde").await;
        let anker = t.organisation("Fysiotherapie Het Anker").await;
        let beheerder = t
            .contact_with_password(linde, "anna@delinde.nl", beheerder(), "lindeboom")
            .await;
        let medewerker = t
            .contact_with_password(linde, "piet@delinde.nl", medewerker(), "lindeboom")
            .await;
        let plus = t
            .contact_with_password(
                linde,
                "fatima@delinde.nl",
                PortalRoles::new(false, true, true).unwrap(),
                "lindeboom",
            )
            .await;
        let anker_beheerder = t
            .contact_with_password(
                anker,
                "lotte@hetanker.nl",
                PortalRoles::BEHEERDER,
                "lindeboom",
            )
            .await;
        let agent = t.agent_with_password("sanne@vendor.nl", "lindeboom").await;
        t.admin_with_password("joost@vendor.nl", "lindeboom").await;
        World {
            t,
            linde,
            anker,
            beheerder,
            medewerker,
            plus,
            anker_beheerder,
            agent,
        }
    }

    pub async fn as_contact(&self, email: &str) -> Browser {
        let b = self.t.browser();
        assert_eq!(
            b.sign_in(email, "lindeboom").await.status,
            StatusCode::SEE_OTHER,
            "{email}"
        );
        b
    }

    pub async fn as_agent(&self) -> Browser {
        let b = self.t.browser();
        assert_eq!(
            b.agent_sign_in("sanne@vendor.nl", "lindeboom").await.status,
            StatusCode::SEE_OTHER
        );
        b
    }

    /// An administrator (agent and vendor administrator).
    pub async fn as_admin(&self) -> Browser {
        let b = self.t.browser();
        assert_eq!(
            b.agent_sign_in("joost@vendor.nl", "lindeboom").await.status,
            StatusCode::SEE_OTHER
        );
        b
    }

    pub fn agent_actor(&self) -> Actor {
        Actor::Agent {
            user: self.agent,
            admin: false,
        }
    }
}

#[tokio::test]
async fn only_a_beheerder_reaches_the_organisation_and_its_contacts() {
    let w = World::new().await;
    let pages = [
        "/organisation/details".to_string(),
        "/organisation/details/edit".into(),
        "/organisation/contacts".into(),
        "/organisation/contacts/new".into(),
        format!("/organisation/contacts/{}", w.medewerker),
        format!("/organisation/contacts/{}/edit", w.medewerker),
        format!("/organisation/contacts/{}/remove-access", w.medewerker),
    ];
    let beheerder = w.as_contact("anna@delinde.nl").await;
    let medewerker = w.as_contact("piet@delinde.nl").await;
    let plus = w.as_contact("fatima@delinde.nl").await;
    let agent = w.as_agent().await;
    let visitor = w.t.browser();
    for page in &pages {
        assert_eq!(
            beheerder.get(page).await.status,
            StatusCode::OK,
            "Beheerder {page}"
        );
        assert_eq!(
            medewerker.get(page).await.status,
            StatusCode::FORBIDDEN,
            "Medewerker {page}"
        );
        assert_eq!(
            plus.get(page).await.status,
            StatusCode::FORBIDDEN,
            "Medewerker+ {page}"
        );
        assert_eq!(
            agent.get(page).await.status,
            StatusCode::FORBIDDEN,
            "agent {page}"
        );
        let out = visitor.get(page).await;
        assert_eq!(out.status, StatusCode::SEE_OTHER, "visitor {page}");
        assert!(out.location.unwrap().starts_with("/login"));
    }
    // Everyone reaches their own personal data, and the hub shows them only that part.
    for b in [&beheerder, &medewerker, &plus] {
        assert_eq!(b.get("/organisation/personal").await.status, StatusCode::OK);
    }
    let hub = medewerker.get("/organisation").await;
    assert!(hub.contains("Persoonlijke gegevens") && !hub.contains("Contactpersonen"));
    assert!(
        beheerder
            .get("/organisation")
            .await
            .contains("Contactpersonen")
    );
    w.t.stop().await;
}

#[tokio::test]
async fn another_organisations_contact_reads_as_not_found() {
    let w = World::new().await;
    let lotte = w.as_contact("lotte@hetanker.nl").await;
    for page in [
        format!("/organisation/contacts/{}", w.beheerder),
        format!("/organisation/contacts/{}/edit", w.beheerder),
    ] {
        assert_eq!(
            lotte.get(&page).await.status,
            StatusCode::NOT_FOUND,
            "{page}"
        );
    }
    let post = lotte
        .submit(
            "/organisation",
            &format!("/organisation/contacts/{}/remove-access", w.beheerder),
            &[("confirm_password", "lindeboom")],
        )
        .await;
    assert_eq!(post.status, StatusCode::NOT_FOUND);
    assert!(
        w.t.user(w.beheerder).await.email.is_some(),
        "nothing changed"
    );
    let list = lotte.get("/organisation/contacts").await;
    assert!(list.contains("Jansen") && !list.contains("piet@delinde.nl"));
    w.t.stop().await;
}

#[tokio::test]
async fn a_beheerder_adds_a_contact_who_is_invited_and_signs_in_with_the_right_tabs() {
    let w = World::new().await;
    let anna = w.as_contact("anna@delinde.nl").await;
    let fields = [
        ("first_name", "Eva"),
        ("last_name", "Smit"),
        ("gender", "v"),
        ("phone", "06-11111111"),
        ("medewerker", "on"),
        ("email", "eva@delinde.nl"),
    ];
    let created = anna
        .submit(
            "/organisation/contacts/new",
            "/organisation/contacts/new",
            &fields,
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let shown = anna.get(created.location.as_deref().unwrap()).await;
    assert!(shown.contains("uitnodiging per e-mail"));
    assert!(shown.contains("Uitgenodigd, nog geen wachtwoord"));

    let mail = &w.t.mail_to("eva@delinde.nl").await[0];
    assert!(mail.subject.starts_with("Uitnodiging voor"));
    let eva = w.t.browser();
    let path = mail.link_path();
    eva.submit(
        &path,
        &path,
        &[("password", "eikenboom"), ("password_confirm", "eikenboom")],
    )
    .await;
    eva.sign_in("eva@delinde.nl", "eikenboom").await;
    let home = eva.get("/").await;
    assert!(home.contains("Mijn organisatie"));
    assert!(
        !home.contains("Facturen/Abonnement"),
        "a Medewerker never sees the billing tab"
    );
    assert!(anna.get("/").await.contains("Facturen/Abonnement"));
    assert_eq!(eva.get("/billing").await.status, StatusCode::FORBIDDEN);

    let list = anna.get("/organisation/contacts").await;
    assert!(list.contains("Eva Smit") && list.contains("Actief"));
    // The list shows how to reach each person and their roles by name: a Beheerder reads as
    // "Beheerder", not as someone without the Medewerker role.
    assert!(list.contains("<a href=\"mailto:eva@delinde.nl\">eva@delinde.nl</a>"));
    assert!(list.contains("<a href=\"tel:06-11111111\">06-11111111</a>"));
    assert!(list.contains(">Medewerker</td>"), "{}", list.body);
    assert!(list.contains(">Beheerder</td>"));
    // The form says in one line per role what it may do.
    let form = anna.get("/organisation/contacts/new").await;
    for line in [
        "Ziet alle aanvragen, de facturen, het abonnement en de licenties",
        "Dient aanvragen in en ziet de eigen aanvragen en die waarbij hij of zij in de CC staat.",
        "Ziet ook de aanvragen van anderen in de organisatie",
    ] {
        assert!(form.contains(line), "{line}");
    }
    assert!(form.contains("aria-describedby=\"medewerker-may\""));
    w.t.stop().await;
}

#[tokio::test]
async fn a_contact_can_exist_without_portal_access() {
    let w = World::new().await;
    let anna = w.as_contact("anna@delinde.nl").await;
    let before = w.t.mail().await.len();
    let fields = [
        ("first_name", "Joop"),
        ("last_name", "Dekker"),
        ("gender", "m"),
        ("medewerker", "on"),
    ];
    let created = anna
        .submit(
            "/organisation/contacts/new",
            "/organisation/contacts/new",
            &fields,
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    assert_eq!(
        w.t.mail().await.len(),
        before,
        "no invitation without an e-mail"
    );
    assert!(
        anna.get("/organisation/contacts")
            .await
            .contains("Geen portaltoegang")
    );
    w.t.stop().await;
}

#[tokio::test]
async fn invalid_contacts_get_a_message_and_change_nothing() {
    let w = World::new().await;
    let anna = w.as_contact("anna@delinde.nl").await;
    let count = || async {
        w.t.app
            .contacts(&w.agent_actor(), w.linde)
            .await
            .unwrap()
            .len()
    };
    let before = count().await;
    let cases: [(&[(&str, &str)], &str); 5] = [
        (
            &[("first_name", ""), ("last_name", "Smit"), ("gender", "v")],
            "Vul dit veld in.",
        ),
        (
            &[("first_name", "Eva"), ("last_name", "Smit"), ("gender", "")],
            "Kies een geslacht.",
        ),
        (
            &[
                ("first_name", "Eva"),
                ("last_name", "Smit"),
                ("gender", "v"),
                ("email", "geen-adres"),
            ],
            "Dit is geen geldig e-mailadres.",
        ),
        (
            &[
                ("first_name", "Eva"),
                ("last_name", "Smit"),
                ("gender", "v"),
                ("email", "piet@delinde.nl"),
            ],
            "Dit e-mailadres is al in gebruik.",
        ),
        (
            &[
                ("first_name", "Eva"),
                ("last_name", "Smit"),
                ("gender", "v"),
                ("medewerker_plus", "on"),
            ],
            "Medewerker+ kan alleen aan als ook Medewerker aan staat.",
        ),
    ];
    for (fields, message) in cases {
        let page = anna
            .submit(
                "/organisation/contacts/new",
                "/organisation/contacts/new",
                fields,
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{message}");
        assert!(page.contains(message), "{message}");
    }
    assert_eq!(count().await, before);
    w.t.stop().await;
}

#[tokio::test]
async fn editing_a_contact_needs_the_beheerders_own_password() {
    let w = World::new().await;
    let anna = w.as_contact("anna@delinde.nl").await;
    let edit = format!("/organisation/contacts/{}/edit", w.medewerker);
    let fields = |confirm: &'static str| {
        [
            ("first_name", "Piet"),
            ("last_name", "Jansen"),
            ("gender", "m"),
            ("medewerker", "on"),
            ("medewerker_plus", "on"),
            ("email", "piet@delinde.nl"),
            ("confirm_password", confirm),
        ]
    };
    let wrong = anna.submit(&edit, &edit, &fields("fout")).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.contains("Het wachtwoord klopt niet"));
    assert_eq!(
        w.t.user(w.medewerker).await.kind,
        balie_domain::UserKind::Contact {
            org: w.linde,
            roles: medewerker()
        }
    );

    let ok = anna.submit(&edit, &edit, &fields("lindeboom")).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let plus = PortalRoles::new(false, true, true).unwrap();
    assert_eq!(
        w.t.user(w.medewerker).await.kind,
        balie_domain::UserKind::Contact {
            org: w.linde,
            roles: plus
        }
    );
    let mut tx = w.t.store.read().await.unwrap();
    let audit = tx.recent_audit(5).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "contact.updated" && e.actor == Some(w.beheerder)),
        "who, what and when"
    );
    drop(tx);
    w.t.stop().await;
}

#[tokio::test]
async fn the_last_beheerder_stays() {
    let w = World::new().await;
    let anna = w.as_contact("anna@delinde.nl").await;
    let edit = format!("/organisation/contacts/{}/edit", w.beheerder);
    let fields = [
        ("first_name", "Anna"),
        ("last_name", "Jansen"),
        ("gender", "v"),
        ("medewerker", "on"),
        ("email", "anna@delinde.nl"),
        ("confirm_password", "lindeboom"),
    ];
    let page = anna.submit(&edit, &edit, &fields).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("minstens één Beheerder"));
    let remove = format!("/organisation/contacts/{}/remove-access", w.beheerder);
    let page = anna
        .submit(&remove, &remove, &[("confirm_password", "lindeboom")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(w.t.user(w.beheerder).await.email.is_some());
    w.t.stop().await;
}

#[tokio::test]
async fn removing_portal_access_ends_the_contacts_sessions() {
    let w = World::new().await;
    let anna = w.as_contact("anna@delinde.nl").await;
    let piet = w.as_contact("piet@delinde.nl").await;
    let remove = format!("/organisation/contacts/{}/remove-access", w.medewerker);
    let done = anna
        .submit(&remove, &remove, &[("confirm_password", "lindeboom")])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(piet.get("/").await.location.as_deref(), Some("/login"));
    assert_eq!(
        w.t.browser()
            .sign_in("piet@delinde.nl", "lindeboom")
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let user = w.t.user(w.medewerker).await;
    assert!(user.email.is_none(), "the contact stays, without access");
    w.t.stop().await;
}

#[tokio::test]
async fn a_medewerker_cannot_post_to_beheerder_actions() {
    let w = World::new().await;
    let piet = w.as_contact("piet@delinde.nl").await;
    let fields = [
        ("first_name", "X"),
        ("last_name", "Y"),
        ("gender", "m"),
        ("beheerder", "on"),
    ];
    let page = piet
        .submit(
            "/organisation/personal",
            "/organisation/contacts/new",
            &fields,
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let edit = format!("/organisation/contacts/{}/edit", w.medewerker);
    let own = [
        ("first_name", "Piet"),
        ("last_name", "Bakker"),
        ("gender", "m"),
        ("beheerder", "on"),
        ("medewerker", "on"),
        ("email", "piet@delinde.nl"),
        ("confirm_password", "lindeboom"),
    ];
    assert_eq!(
        piet.submit("/organisation/personal", &edit, &own)
            .await
            .status,
        StatusCode::FORBIDDEN,
        "no promoting oneself"
    );
    let org = [("name", "Gekaapt")];
    assert_eq!(
        piet.submit("/organisation/personal", "/organisation/details/edit", &org)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        w.t.user(w.medewerker).await.kind,
        balie_domain::UserKind::Contact {
            org: w.linde,
            roles: medewerker()
        }
    );
    assert_eq!(
        w.t.app
            .organisation(&w.agent_actor(), w.linde)
            .await
            .unwrap()
            .name,
        "Huisartsenpraktijk De Linde"
    );
    w.t.stop().await;
}

#[tokio::test]
async fn everyone_edits_their_own_personal_data_with_their_password() {
    let w = World::new().await;
    let piet = w.as_contact("piet@delinde.nl").await;
    let fields = |confirm: &'static str| {
        [
            ("first_name", "Pieter"),
            ("last_name", "Bakker"),
            ("gender", "m"),
            ("phone", "06-22222222"),
            ("email", "pieter@delinde.nl"),
            ("confirm_password", confirm),
        ]
    };
    let wrong = piet
        .submit(
            "/organisation/personal/edit",
            "/organisation/personal/edit",
            &fields("fout"),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        w.t.user(w.medewerker).await.first_name,
        "Anna",
        "unchanged (the test contacts are all called Anna)"
    );
    let ok = piet
        .submit(
            "/organisation/personal/edit",
            "/organisation/personal/edit",
            &fields("lindeboom"),
        )
        .await;
    assert_eq!(
        ok.location.as_deref(),
        Some("/organisation/personal?done=saved")
    );
    let user = w.t.user(w.medewerker).await;
    assert_eq!(
        (user.first_name.as_str(), user.phone.as_str()),
        ("Pieter", "06-22222222")
    );
    assert_eq!(
        w.t.browser()
            .sign_in("pieter@delinde.nl", "lindeboom")
            .await
            .status,
        StatusCode::SEE_OTHER,
        "the new sign-in e-mail works"
    );
    w.t.stop().await;
}

#[tokio::test]
async fn a_beheerder_edits_the_organisation_data() {
    let w = World::new().await;
    let anna = w.as_contact("anna@delinde.nl").await;
    let bad = anna
        .submit(
            "/organisation/details/edit",
            "/organisation/details/edit",
            &[("name", " ")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = [
        ("name", "De Linde"),
        ("address", "Lindelaan 12"),
        ("postcode", "3521 ab"),
        ("city", "Utrecht"),
        ("phone", "030-1"),
        ("org_email", "info@delinde.nl"),
    ];
    let ok = anna
        .submit(
            "/organisation/details/edit",
            "/organisation/details/edit",
            &fields,
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let page = anna.get("/organisation/details").await;
    assert!(page.contains("3521 AB") && page.contains("info@delinde.nl"));
    w.t.stop().await;
}

#[tokio::test]
async fn only_agents_switch_requests_from_the_organisation() {
    let w = World::new().await;
    let path = format!("/agent/organisations/{}", w.linde);
    let switch = format!("{path}/requests-shared");
    let anna = w.as_contact("anna@delinde.nl").await;
    assert_eq!(anna.get(&path).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        anna.submit("/", &switch, &[("shared", "on")]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(w.t.browser().get(&path).await.status, StatusCode::SEE_OTHER);
    let org =
        w.t.app
            .organisation(&w.agent_actor(), w.linde)
            .await
            .unwrap();
    assert!(!org.requests_shared, "off by default");

    let agent = w.as_agent().await;
    let page = agent.get(&path).await;
    assert!(page.contains("Aanvragen vanuit de organisatie"));
    assert_eq!(
        agent
            .submit(&path, &switch, &[("shared", "on")])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert!(
        w.t.app
            .organisation(&w.agent_actor(), w.linde)
            .await
            .unwrap()
            .requests_shared
    );
    w.t.stop().await;
}

#[tokio::test]
async fn agents_create_organisations_and_contacts_and_lift_blocks() {
    let w = World::new().await;
    let agent = w.as_agent().await;
    let created = agent
        .submit(
            "/agent/organisations/new",
            "/agent/organisations/new",
            &[("name", "Tandartspraktijk Zuid"), ("city", "Breda")],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let org_path = created.location.unwrap().replace("?done=saved", "");
    assert!(
        agent
            .get("/agent/organisations?q=zuid")
            .await
            .contains("Tandartspraktijk Zuid")
    );
    let new = format!("{org_path}/contacts/new");
    let fields = [
        ("first_name", "Kees"),
        ("last_name", "de Wit"),
        ("gender", "m"),
        ("beheerder", "on"),
        ("email", "kees@zuid.nl"),
    ];
    assert_eq!(
        agent.submit(&new, &new, &fields).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(w.t.mail_to("kees@zuid.nl").await.len(), 1);

    // Lift a block.
    let piet = w.t.browser();
    for _ in 0..10 {
        piet.sign_in("piet@delinde.nl", "fout").await;
    }
    assert!(w.t.user(w.medewerker).await.blocked_at.is_some());
    let unblock = format!(
        "/agent/organisations/{}/contacts/{}/unblock",
        w.linde, w.medewerker
    );
    let page = format!("/agent/organisations/{}/contacts/{}", w.linde, w.medewerker);
    assert!(agent.get(&page).await.contains("Blokkade opheffen"));
    assert_eq!(
        agent.submit(&page, &unblock, &[]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        piet.sign_in("piet@delinde.nl", "lindeboom").await.status,
        StatusCode::SEE_OTHER
    );
    let _ = (w.anker, w.anker_beheerder, w.plus);
    w.t.stop().await;
}

#[tokio::test]
async fn medewerker_plus_and_another_beheerder_cannot_post_beheerder_actions_either() {
    let w = World::new().await;
    let contact = [
        ("first_name", "X"),
        ("last_name", "Y"),
        ("gender", "m"),
        ("beheerder", "on"),
        ("medewerker", "on"),
        ("email", "x@delinde.nl"),
        ("confirm_password", "lindeboom"),
    ];
    let before =
        w.t.app
            .contacts(&w.agent_actor(), w.linde)
            .await
            .unwrap()
            .len();
    let fatima = w.as_contact("fatima@delinde.nl").await;
    let lotte = w.as_contact("lotte@hetanker.nl").await;
    let edit = format!("/organisation/contacts/{}/edit", w.medewerker);
    let invite = format!("/organisation/contacts/{}/invite", w.medewerker);
    let remove = format!("/organisation/contacts/{}/remove-access", w.medewerker);
    for (who, b, other_org) in [
        ("Medewerker+", &fatima, false),
        ("Beheerder of Het Anker", &lotte, true),
    ] {
        // Invalid input too: the refusal comes before the form is looked at.
        let bad = b
            .submit(
                "/organisation/personal",
                "/organisation/details/edit",
                &[("name", "")],
            )
            .await;
        if other_org {
            assert_eq!(
                bad.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{who} edits their own organisation"
            );
        } else {
            assert_eq!(bad.status, StatusCode::FORBIDDEN, "{who}");
        }
        let expected = if other_org {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(
            b.submit("/organisation/personal", &edit, &contact)
                .await
                .status,
            expected,
            "{who} edit"
        );
        assert_eq!(
            b.submit("/organisation/personal", &invite, &[])
                .await
                .status,
            expected,
            "{who} invite"
        );
        assert_eq!(
            b.submit(
                "/organisation/personal",
                &remove,
                &[("confirm_password", "lindeboom")]
            )
            .await
            .status,
            expected,
            "{who} remove"
        );
    }
    assert_eq!(
        fatima
            .submit(
                "/organisation/personal",
                "/organisation/contacts/new",
                &contact
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        w.t.app
            .contacts(&w.agent_actor(), w.linde)
            .await
            .unwrap()
            .len(),
        before
    );
    assert_eq!(
        w.t.user(w.medewerker).await.kind,
        balie_domain::UserKind::Contact {
            org: w.linde,
            roles: medewerker()
        }
    );
    assert_eq!(
        w.t.mail_to("piet@delinde.nl").await.len(),
        1,
        "only the first invitation"
    );

    // Agent actions refuse contacts, whoever they are.
    let anna = w.as_contact("anna@delinde.nl").await;
    let base = format!("/agent/organisations/{}", w.linde);
    for (path, fields) in [
        (
            format!("{base}/licences"),
            vec![
                ("product", "Gratis"),
                ("quantity", "1"),
                ("unit_price", "0"),
            ],
        ),
        (format!("{base}/plan"), vec![("plan", "Alles gratis")]),
        (format!("{base}/invoices/new"), vec![("number", "X-1")]),
        (format!("{base}/contacts/new"), contact.to_vec()),
        (format!("{base}/contacts/{}/unblock", w.medewerker), vec![]),
    ] {
        assert_eq!(
            anna.submit("/", &path, &fields).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let overview =
        w.t.app
            .billing_overview(&w.agent_actor(), w.linde)
            .await
            .unwrap();
    assert!(
        overview.licences.is_empty()
            && overview.invoices.is_empty()
            && overview.organisation.subscription_plan.is_empty()
    );
    w.t.stop().await;
}

#[tokio::test]
async fn a_beheerder_without_access_does_not_count_as_the_last_one() {
    let w = World::new().await;
    let agent = w.as_agent().await;
    // A second Beheerder, but without portal access.
    let new = format!("/agent/organisations/{}/contacts/new", w.linde);
    let fields = [
        ("first_name", "Oud"),
        ("last_name", "Eigenaar"),
        ("gender", "x"),
        ("beheerder", "on"),
    ];
    assert_eq!(
        agent.submit(&new, &new, &fields).await.status,
        StatusCode::SEE_OTHER
    );
    let anna = w.as_contact("anna@delinde.nl").await;
    let edit = format!("/organisation/contacts/{}/edit", w.beheerder);
    let own = [
        ("first_name", "Anna"),
        ("last_name", "Jansen"),
        ("gender", "v"),
        ("medewerker", "on"),
        ("email", "anna@delinde.nl"),
        ("confirm_password", "lindeboom"),
    ];
    let page = anna.submit(&edit, &edit, &own).await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "nobody could sign in to manage the organisation"
    );
    assert!(page.contains("minstens één Beheerder"));
    w.t.stop().await;
}

#[tokio::test]
async fn the_first_contact_of_a_new_organisation_is_its_beheerder() {
    let w = World::new().await;
    let org =
        w.t.app
            .create_organisation(
                &w.agent_actor(),
                &balie_domain::OrganisationDetails::parse("Nieuw", "", "", "", "", "").unwrap(),
            )
            .await
            .unwrap();
    let agent = w.as_agent().await;
    let new = format!("/agent/organisations/{org}/contacts/new");
    assert!(
        agent
            .get(&new)
            .await
            .body
            .contains("name=\"beheerder\" value=\"on\" checked"),
        "the form suggests it"
    );
    let fields = [
        ("first_name", "Kim"),
        ("last_name", "Eigenaar"),
        ("gender", "v"),
        ("medewerker", "on"),
        ("email", "kim@nieuw.nl"),
    ];
    assert_eq!(
        agent.submit(&new, &new, &fields).await.status,
        StatusCode::SEE_OTHER
    );
    let contacts = w.t.app.contacts(&w.agent_actor(), org).await.unwrap();
    assert!(
        matches!(contacts[0].kind, balie_domain::UserKind::Contact { roles, .. } if roles.beheerder())
    );
    w.t.stop().await;
}

#[tokio::test]
async fn a_new_portal_email_drops_the_old_password_and_invites_the_new_address() {
    let w = World::new().await;
    let anna = w.as_contact("anna@delinde.nl").await;
    let edit = format!("/organisation/contacts/{}/edit", w.medewerker);
    let fields = [
        ("first_name", "Joris"),
        ("last_name", "Nieuw"),
        ("gender", "m"),
        ("medewerker", "on"),
        ("email", "joris@delinde.nl"),
        ("confirm_password", "lindeboom"),
    ];
    assert_eq!(
        anna.submit(&edit, &edit, &fields).await.status,
        StatusCode::SEE_OTHER
    );
    let user = w.t.user(w.medewerker).await;
    assert!(
        !user.has_password,
        "Piet's password does not pass to the new address"
    );
    assert_eq!(
        w.t.browser()
            .sign_in("joris@delinde.nl", "lindeboom")
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let mail = &w.t.mail_to("joris@delinde.nl").await[0];
    assert!(mail.subject.starts_with("Uitnodiging voor"));
    w.t.stop().await;
}
