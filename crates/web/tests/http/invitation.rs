//! A1 and A3: from the invitation e-mail to signing in; links are single-use and expire.

use super::support::*;
use reqwest::StatusCode;

#[tokio::test]
async fn an_invited_contact_sets_a_password_and_signs_in() {
    let t = TestApp::start().await;
    let org = t.organisation("Huisartsenpraktijk De Linde").await;
    t.invited_contact(org, "anna@delinde.nl", beheerder()).await;

    let mails = t.mail_to("anna@delinde.nl").await;
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail.subject, "Uitnodiging voor Balie Klantportaal");
    assert!(
        mail.text.contains("Stel nog even je wachtwoord in"),
        "{}",
        mail.text
    );
    assert!(
        mail.html.contains("Wachtwoord instellen"),
        "multipart with HTML: {}",
        mail.raw
    );
    assert!(mail.link().starts_with(&t.base));

    let browser = t.browser();
    let form = browser.get(&mail.link_path()).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.contains("Bevestig wachtwoord"));
    assert!(form.contains("anna@delinde.nl"));
    let done = browser
        .submit(
            &mail.link_path(),
            &mail.link_path(),
            &[("password", "lindeboom"), ("password_confirm", "lindeboom")],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK);
    assert!(done.contains("Je wachtwoord is ingesteld."));

    let signed_in = browser.sign_in("anna@delinde.nl", "lindeboom").await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_in.location.as_deref(), Some("/"));
    let home = browser.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.contains("Welkom, Anna"));
    assert!(home.contains("Huisartsenpraktijk De Linde"));
    assert!(home.contains("Beheerder klantportal"));
    t.stop().await;
}

#[tokio::test]
async fn an_invited_agent_signs_in_on_the_agent_page() {
    let t = TestApp::start().await;
    let invitation = t
        .app
        .create_admin(
            balie_domain::EmailAddress::parse("sanne@vendor.nl").unwrap(),
            "Sanne",
            "Visser",
            balie_domain::Language::En,
        )
        .await
        .unwrap();
    let mail = &t.mail_to("sanne@vendor.nl").await[0];
    assert_eq!(
        mail.subject, "Invitation to Balie Klantportaal",
        "in the recipient's language"
    );
    assert_eq!(mail.link(), invitation.link);
    let browser = t.browser();
    let done = browser
        .submit(
            &mail.link_path(),
            &mail.link_path(),
            &[
                ("password", "zeeland-2026"),
                ("password_confirm", "zeeland-2026"),
            ],
        )
        .await;
    assert!(
        done.contains("/agent/login"),
        "the done page leads to the agent sign-in"
    );
    let customer_door = browser.sign_in("sanne@vendor.nl", "zeeland-2026").await;
    assert_eq!(
        customer_door.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "agents use their own page"
    );
    let agent_door = browser
        .agent_sign_in("sanne@vendor.nl", "zeeland-2026")
        .await;
    assert_eq!(agent_door.location.as_deref(), Some("/agent"));
    let home = browser.get("/agent").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.contains("Welcome, Sanne"),
        "the agent's language is remembered"
    );
    t.stop().await;
}

#[tokio::test]
async fn opening_the_link_changes_nothing_and_a_used_link_is_refused() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    let (id, _) = t.invited_contact(org, "anna@delinde.nl", beheerder()).await;
    let path = t.mail_to("anna@delinde.nl").await[0].link_path();
    let browser = t.browser();
    // A mail scanner may open the link any number of times.
    for _ in 0..3 {
        assert_eq!(browser.get(&path).await.status, StatusCode::OK);
    }
    assert!(!t.user(id).await.has_password);
    let first = browser
        .submit(
            &path,
            &path,
            &[("password", "eerste"), ("password_confirm", "eerste")],
        )
        .await;
    assert_eq!(first.status, StatusCode::OK);

    let again = browser.get(&path).await;
    assert_eq!(again.status, StatusCode::GONE);
    assert!(again.contains("Deze link is verlopen of al gebruikt"));
    let reuse = browser
        .submit(
            "/login",
            &path,
            &[("password", "tweede"), ("password_confirm", "tweede")],
        )
        .await;
    assert_eq!(reuse.status, StatusCode::GONE);
    assert_eq!(
        browser.sign_in("anna@delinde.nl", "tweede").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        browser.sign_in("anna@delinde.nl", "eerste").await.status,
        StatusCode::SEE_OTHER
    );
    t.stop().await;
}

#[tokio::test]
async fn an_expired_invitation_is_refused() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    t.invited_contact(org, "anna@delinde.nl", beheerder()).await;
    let path = t.mail_to("anna@delinde.nl").await[0].link_path();
    t.clock.advance(7 * 86_400 + 1);
    let browser = t.browser();
    let page = browser.get(&path).await;
    assert_eq!(page.status, StatusCode::GONE);
    assert!(page.contains("Een nieuwe link aanvragen"));
    t.stop().await;
}

#[tokio::test]
async fn a_forged_or_malformed_token_is_refused() {
    let t = TestApp::start().await;
    let browser = t.browser();
    let forged = format!("/password/set/{}", "ab".repeat(32));
    assert_eq!(browser.get(&forged).await.status, StatusCode::GONE);
    assert_eq!(
        browser
            .get("/password/set/..%2F..%2Fetc%2Fpasswd")
            .await
            .status,
        StatusCode::GONE
    );
    let long = format!("/password/set/{}", "x".repeat(5000));
    assert_eq!(browser.get(&long).await.status, StatusCode::GONE);
    t.stop().await;
}
