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
