//! The web baseline: error pages, health, manifest, security headers, bad input.

use super::support::*;
use reqwest::StatusCode;

#[tokio::test]
async fn unknown_pages_get_a_friendly_page_in_the_users_language() {
    let t = TestApp::start().await;
    let browser = t.browser();
    let nl = browser.get("/bestaat-niet").await;
    assert_eq!(nl.status, StatusCode::NOT_FOUND);
    assert!(nl.contains("Pagina niet gevonden"));
    assert!(
        nl.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let en = t
        .browser()
        .get_with("/bestaat-niet", ("cookie", "balie_lang=en"))
        .await;
    assert!(en.contains("Page not found"));
    let json = t
        .browser()
        .get_with("/bestaat-niet", ("accept", "application/json"))
        .await;
    assert_eq!(json.status, StatusCode::NOT_FOUND);
    let body: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(body["error"]["status"], 404);
    assert_eq!(body["error"]["title"], "Pagina niet gevonden");
    t.stop().await;
}

#[tokio::test]
async fn a_wrong_method_and_a_garbled_form_get_error_pages_not_crashes() {
    let t = TestApp::start().await;
    let browser = t.browser();
    let method = browser.client.delete(t.url("/login")).send().await.unwrap();
    assert_eq!(method.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(method.text().await.unwrap().contains("<html"));
    let csrf = browser.get("/login").await.csrf();
    let garbled = browser
        .client
        .post(t.url("/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("csrf={csrf}&email=%ZZ%&password"))
        .send()
        .await
        .unwrap();
    assert!(garbled.status().is_client_error());
    let huge = "a".repeat(200 * 1024);
    let too_big = browser
        .post_raw(
            "/login",
            &[("csrf", &csrf), ("email", &huge), ("password", "x")],
        )
        .await;
    assert_eq!(too_big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(too_big.contains("Te groot"));
    let long_email = format!("{}@delinde.nl", "a".repeat(10_000));
    let long = browser
        .post_raw(
            "/login",
            &[("csrf", &csrf), ("email", &long_email), ("password", "x")],
        )
        .await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        browser.get("/healthz").await.status,
        StatusCode::OK,
        "the server is still up"
    );
    t.stop().await;
}

#[tokio::test]
async fn health_and_readiness_answer() {
    let t = TestApp::start().await;
    let browser = t.browser();
    let health = browser.get("/healthz").await;
    assert_eq!(
        (health.status, health.body.as_str()),
        (StatusCode::OK, "ok")
    );
    let ready = browser.get("/readyz").await;
    assert_eq!(
        (ready.status, ready.body.as_str()),
        (StatusCode::OK, "ready")
    );
    t.stop().await;
}

#[tokio::test]
async fn pages_carry_security_headers() {
    let t = TestApp::start().await;
    let page = t.browser().get("/login").await;
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(page.headers["x-content-type-options"], "nosniff");
    assert_eq!(page.headers["referrer-policy"], "same-origin");
    assert_eq!(page.headers["cache-control"], "no-store");
    assert!(page.headers.contains_key("x-request-id"));
    assert!(
        !page.headers.contains_key("strict-transport-security"),
        "only on https"
    );
    t.stop().await;
}

#[tokio::test]
async fn the_portal_can_be_saved_as_an_app() {
    let t = TestApp::start().await;
    let browser = t.browser();
    let login = browser.get("/login").await;
    assert!(
        login
            .body
            .contains("rel=\"manifest\" href=\"/manifest.webmanifest\"")
    );
    let manifest = browser.get("/manifest.webmanifest").await;
    assert_eq!(
        manifest.headers["content-type"],
        "application/manifest+json"
    );
    let json: serde_json::Value = serde_json::from_str(&manifest.body).unwrap();
    assert_eq!(json["name"], "Balie Klantportaal");
    assert_eq!(json["start_url"], "/");
    for icon in json["icons"].as_array().unwrap() {
        let src = icon["src"].as_str().unwrap();
        let r = browser.client.get(t.url(src)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{src}");
        let bytes = r.bytes().await.unwrap();
        if src.ends_with(".png") {
            assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        }
    }
    t.stop().await;
}

#[tokio::test]
async fn branding_comes_from_configuration() {
    let mut config = test_config();
    config.branding.portal_name = "Zorgsoft Klantportaal".into();
    config.branding.vendor_name = "Zorgsoft".into();
    config.branding.support_phone = "088-123 28 28".into();
    config.branding.remote_help_url = "https://hulp.zorgsoft.example/".into();
    let t = TestApp::start_with(config).await;
    let page = t.browser().get("/login").await;
    assert!(page.contains("Aanmelden bij Zorgsoft Klantportaal"));
    assert!(page.contains("088-123 28 28"));
    assert!(page.contains("https://hulp.zorgsoft.example/"));
    t.stop().await;
}

#[tokio::test]
async fn every_mail_is_in_the_outbox_and_none_is_lost_when_delivery_fails() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    t.invited_contact(org, "anna@delinde.nl", beheerder()).await;
    let failing = balie_app::outbox::MemoryTransport::default();
    *failing.fail_with.lock().unwrap() = Some("connection refused".into());
    let round = t.app.deliver_due_mail(&failing).await.unwrap();
    assert_eq!((round.sent, round.failed), (0, 1));
    assert!(t.mail().await.is_empty(), "not due again yet");
    t.clock.advance(60);
    let mails = t.mail_to("anna@delinde.nl").await;
    assert_eq!(mails.len(), 1, "delivered on the retry");
    let mut tx = t.store.read().await.unwrap();
    let stored = &tx.recent_mail(1).await.unwrap()[0];
    assert_eq!(stored.attempts, 2);
    assert_eq!(stored.last_error.as_deref(), Some("connection refused"));
    drop(tx);
    t.stop().await;
}

#[tokio::test]
async fn a_server_fault_shows_a_page_with_a_code_and_never_the_cause() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    t.contact_with_password(org, "anna@delinde.nl", beheerder(), "lindeboom")
        .await;
    let browser = t.browser();
    browser.sign_in("anna@delinde.nl", "lindeboom").await;
    t.store.close().await;
    let page = browser.get("/").await;
    assert_eq!(page.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(page.contains("Er ging iets mis"));
    let request_id = page.headers["x-request-id"].to_str().unwrap();
    assert!(
        page.contains(request_id),
        "the page names the request id for support"
    );
    assert!(
        !page.body.to_lowercase().contains("pool"),
        "no internals: {}",
        page.body
    );
    let ready = browser.get("/readyz").await;
    assert_eq!(ready.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(browser.get("/healthz").await.status, StatusCode::OK);
}

/// With the defaults a vendor starts from (no phone, e-mail or remote-help link), the first
/// screens still show a way to help: the help card and the footer point to the articles and
/// to a new request, and nothing stands empty.
#[tokio::test]
async fn without_support_details_the_first_screens_still_offer_help() {
    let w = super::organisation::World::new().await;
    let brand = &w.t.app.config().branding;
    assert!(brand.support_phone.is_empty() && brand.support_email.is_empty());
    assert!(brand.remote_help_url.is_empty());
    let anna = w.as_contact("anna@delinde.nl").await;
    let home = anna.get("/").await;
    let help = home.body.find("Hulp nodig?").expect("the help card");
    let card = &home.body[help..home.body[help..].find("</section>").unwrap() + help];
    assert!(
        card.contains("Het antwoord staat misschien al in de artikelen."),
        "{card}"
    );
    assert!(!card.contains("Bel Customer Support"));
    let footer = &home.body[home.body.find("<footer").unwrap()..];
    assert!(footer.contains("href=\"/kb\"") && footer.contains("href=\"/support#forms\""));
    assert!(!footer.contains("tel:") && !footer.contains("mailto:"));
    // The name menu in the manual's order, and "Een aanvraag indienen" in the header.
    let at = |text: &str| home.body.find(text).unwrap_or(usize::MAX);
    let order = [
        ">Profiel</a>",
        ">Aanvragen</a>",
        ">Activiteiten</a>",
        ">Wachtwoord wijzigen</a>",
        ">Afmelden</button>",
    ];
    assert!(
        order.windows(2).all(|w| at(w[0]) < at(w[1])),
        "{}",
        home.body
    );
    let header = &home.body[..home.body.find("</header>").unwrap()];
    assert!(header.contains("href=\"/support#forms\">Een aanvraag indienen</a>"));
    // A visitor's footer offers the articles and the way in.
    let visitor = w.t.browser().get("/login").await;
    let footer = &visitor.body[visitor.body.find("<footer").unwrap()..];
    assert!(footer.contains("href=\"/login\"") || footer.contains("href=\"/request\""));
    w.t.stop().await;
}
