//! Access rules on the server: signed-out visitors, contacts on agent pages, and CSRF.

use super::support::*;
use reqwest::StatusCode;

#[tokio::test]
async fn a_signed_out_visitor_is_sent_to_sign_in_from_every_signed_in_page() {
    let t = TestApp::start().await;
    let browser = t.browser();
    for (path, target) in [
        ("/", "/login"),
        ("/account", "/login?next=/account"),
        ("/account/password", "/login?next=/account/password"),
        ("/agent", "/agent/login?next=/agent"),
    ] {
        let page = browser.get(path).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(page.location.as_deref(), Some(target), "{path}");
    }
    t.stop().await;
}

#[tokio::test]
async fn a_signed_out_post_changes_nothing() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    t.contact_with_password(org, "anna@delinde.nl", beheerder(), "lindeboom")
        .await;
    let browser = t.browser();
    let page = browser
        .submit(
            "/login",
            "/account/password",
            &[
                ("current_password", "lindeboom"),
                ("password", "x-nieuw"),
                ("password_confirm", "x-nieuw"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/login"));
    assert_eq!(
        browser.sign_in("anna@delinde.nl", "lindeboom").await.status,
        StatusCode::SEE_OTHER
    );
    t.stop().await;
}

#[tokio::test]
async fn a_contact_is_refused_from_agent_pages() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    t.contact_with_password(org, "anna@delinde.nl", beheerder(), "lindeboom")
        .await;
    let browser = t.browser();
    browser.sign_in("anna@delinde.nl", "lindeboom").await;
    let page = browser.get("/agent").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(
        page.contains("Geen toegang"),
        "a friendly page in Dutch: {}",
        page.body
    );
    t.stop().await;
}

#[tokio::test]
async fn a_medewerker_contact_is_refused_from_agent_pages_too() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    t.contact_with_password(org, "piet@delinde.nl", medewerker(), "lindeboom")
        .await;
    let browser = t.browser();
    browser.sign_in("piet@delinde.nl", "lindeboom").await;
    assert_eq!(browser.get("/agent").await.status, StatusCode::FORBIDDEN);
    t.stop().await;
}

#[tokio::test]
async fn an_agent_is_sent_to_the_agent_home() {
    let t = TestApp::start().await;
    t.agent_with_password("sanne@vendor.nl", "zeeland").await;
    let browser = t.browser();
    browser.agent_sign_in("sanne@vendor.nl", "zeeland").await;
    assert_eq!(browser.get("/").await.location.as_deref(), Some("/agent"));
    assert_eq!(browser.get("/agent").await.status, StatusCode::OK);
    t.stop().await;
}

#[tokio::test]
async fn a_form_without_its_csrf_token_is_refused_and_changes_nothing() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    let id = t
        .contact_with_password(org, "anna@delinde.nl", beheerder(), "lindeboom")
        .await;
    let browser = t.browser();
    browser.get("/login").await;
    let missing = browser
        .post_raw(
            "/login",
            &[("email", "anna@delinde.nl"), ("password", "fout")],
        )
        .await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    assert!(missing.contains("Het formulier is verlopen"));
    let forged = "0".repeat(64);
    let wrong = browser
        .post_raw(
            "/password/forgot",
            &[("csrf", &forged), ("email", "anna@delinde.nl")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert_eq!(
        t.user(id).await.failed_sign_ins,
        0,
        "the refused sign-in was not counted"
    );
    assert_eq!(
        t.mail_to("anna@delinde.nl").await.len(),
        1,
        "only the invitation; no reset mail"
    );

    // A token from another browser's cookie does not help either.
    let other = t.browser();
    let csrf = other.get("/login").await.csrf();
    let cross = browser
        .post_raw(
            "/login",
            &[
                ("csrf", &csrf),
                ("email", "anna@delinde.nl"),
                ("password", "lindeboom"),
            ],
        )
        .await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN);
    t.stop().await;
}

#[tokio::test]
async fn an_id_that_is_not_a_number_names_no_page() {
    let w = super::organisation::World::new().await;
    let t = &w.t;
    let admin = t.browser();
    t.admin_with_password("beheer@vendor.nl", "lindeboom").await;
    admin.agent_sign_in("beheer@vendor.nl", "lindeboom").await;
    let anna = w.as_contact("anna@delinde.nl").await;
    let org = w.linde.0;
    let customer_pages = [
        "/organisation/contacts/abc",
        "/organisation/contacts/abc/edit",
        "/organisation/contacts/1x/remove-access",
        "/tickets/abc",
        "/tickets/abc/attachments/1",
        "/tickets/1/attachments/abc",
        "/billing/invoices/abc",
        "/billing/invoices/abc/pdf",
        "/billing/invoices/99999999999999999999999",
        "/kb/categories/abc",
        "/kb/sections/abc",
        "/kb/articles/abc",
    ];
    for page in customer_pages {
        let answer = anna.get(page).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{page}");
        assert!(answer.contains("Pagina niet gevonden"), "{page}");
    }
    let agent_pages = [
        "/agent/tickets/abc".to_string(),
        "/agent/tickets/1/attachments/abc".into(),
        "/agent/settings/forms/abc".into(),
        "/agent/settings/fields/abc".into(),
        "/agent/settings/categories/abc".into(),
        "/agent/organisations/abc".into(),
        "/agent/organisations/abc/edit".into(),
        format!("/agent/organisations/{org}/invoices/abc"),
        format!("/agent/organisations/{org}/invoices/abc/pdf"),
        format!("/agent/organisations/{org}/contacts/abc"),
        format!("/agent/organisations/{org}/contacts/abc/edit"),
        "/agent/kb/categories/abc".into(),
        "/agent/kb/sections/abc".into(),
        "/agent/kb/articles/abc".into(),
    ];
    for page in &agent_pages {
        assert_eq!(
            admin.get(page).await.status,
            StatusCode::NOT_FOUND,
            "{page}"
        );
    }
}

#[tokio::test]
async fn error_pages_keep_the_header_of_a_signed_in_person() {
    let w = super::organisation::World::new().await;
    let anna = w.as_contact("anna@delinde.nl").await;
    let missing = anna.get("/bestaat-niet").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    for part in [
        "Pagina niet gevonden",
        "Afmelden",
        "href=\"/support\"",
        "Anna Jansen",
    ] {
        assert!(missing.contains(part), "{part}: {}", missing.body);
    }
    // "Afmelden" on the error page signs out.
    let out = anna.post_raw("/logout", &[("csrf", &missing.csrf())]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(anna.get("/support").await.status, StatusCode::SEE_OTHER);

    let agent = w.as_agent().await;
    let refused = agent.get("/organisation/contacts").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.contains("Afmelden") && refused.contains("href=\"/agent/tickets\""));
    assert!(refused.contains("href=\"/agent\""), "home is the agent's");
    let visitor = w.t.browser().get("/bestaat-niet").await;
    assert!(!visitor.contains("Afmelden"));

    // After a browser restart the session cookie is there and the CSRF cookie is not: the error
    // page hands out a token, and its "Afmelden" works with it.
    let signed_in = w.t.browser().sign_in("piet@delinde.nl", "lindeboom").await;
    let session = signed_in
        .set_cookies
        .iter()
        .find(|c| c.starts_with("balie_session="))
        .map(|c| c.split(';').next().unwrap().to_string())
        .unwrap();
    let bare = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = bare
        .get(w.t.url("/bestaat-niet"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    let csrf_cookie = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("balie_csrf="))
        .map(|c| c.split(';').next().unwrap().to_string())
        .expect("a CSRF cookie");
    let body = page.text().await.unwrap();
    let token = csrf_cookie.trim_start_matches("balie_csrf=");
    assert!(
        body.contains(&format!("name=\"csrf\" value=\"{token}\"")),
        "{body}"
    );
    let out = bare
        .post(w.t.url("/logout"))
        .header("cookie", format!("{session}; {csrf_cookie}"))
        .form(&[("csrf", token)])
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
}

/// A refused page keeps the signed-in header (the tabs and the name menu) and says in plain
/// words for whom the page is.
#[tokio::test]
async fn a_refusal_says_for_whom_the_page_is_and_keeps_the_header() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    t.contact_with_password(org, "piet@delinde.nl", medewerker(), "lindeboom")
        .await;
    t.agent_with_password("sanne@balie.test", "lindeboom").await;
    let piet = t.browser();
    piet.sign_in("piet@delinde.nl", "lindeboom").await;
    for (path, why) in [
        (
            "/billing",
            "Alleen een Beheerder klantportal ziet de facturen en het abonnement",
        ),
        (
            "/support?list=all",
            "Alleen Beheerders en Medewerkers+ zien alle aanvragen van de organisatie.",
        ),
        (
            "/organisation/contacts",
            "Alleen een Beheerder klantportal van je organisatie",
        ),
        (
            "/agent",
            "Deze pagina is alleen voor de agents van Customer Support.",
        ),
    ] {
        let page = piet.get(path).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}");
        assert!(page.contains(why), "{path} says why: {}", page.body);
        assert!(
            page.contains("aria-label=\"Hoofdmenu\""),
            "{path} keeps the tabs"
        );
        assert!(page.contains("Anna Jansen"), "{path} keeps the name menu");
        assert!(
            page.contains("Naar de startpagina"),
            "{path} offers the way back"
        );
    }
    let missing = piet.get("/tickets/99999").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.contains("aria-label=\"Hoofdmenu\"") && missing.contains("Anna Jansen"));
    assert!(missing.contains("Naar de startpagina"));
    let sanne = t.browser();
    sanne.agent_sign_in("sanne@balie.test", "lindeboom").await;
    let page = sanne.get("/support").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.contains("Deze pagina is voor de contactpersonen van klanten."));
    t.stop().await;
}
