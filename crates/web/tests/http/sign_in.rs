//! A5 and A7: signing in and out, the session cookie, the language switch.

use super::support::*;
use balie_app::RateLimits;
use reqwest::StatusCode;

#[tokio::test]
async fn a_wrong_password_or_unknown_address_gets_the_same_message() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    t.contact_with_password(org, "anna@delinde.nl", beheerder(), "lindeboom")
        .await;
    let browser = t.browser();
    let wrong = browser.sign_in("anna@delinde.nl", "fout").await;
    let unknown = browser.sign_in("niemand@delinde.nl", "fout").await;
    for page in [&wrong, &unknown] {
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("Het e-mailadres of wachtwoord is onjuist."));
    }
    assert!(
        wrong.contains("value=\"anna@delinde.nl\""),
        "the address is kept"
    );
    t.stop().await;
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    t.contact_with_password(org, "anna@delinde.nl", beheerder(), "lindeboom")
        .await;
    let page = t.browser().sign_in("anna@delinde.nl", "lindeboom").await;
    let session = page
        .set_cookies
        .iter()
        .find(|c| c.starts_with("balie_session="))
        .unwrap();
    assert!(session.contains("HttpOnly"));
    assert!(session.contains("SameSite=Lax"));
    assert!(!session.contains("Secure"), "plain http in tests");
    t.stop().await;
}

#[tokio::test]
async fn cookies_are_secure_when_the_portal_runs_on_https() {
    let mut config = test_config();
    config.base_url = "https://portal.example.nl".into();
    let t = TestApp::start_with(config).await;
    let page = t.browser().get("/login").await;
    let csrf = page
        .set_cookies
        .iter()
        .find(|c| c.starts_with("__Host-balie_csrf="))
        .unwrap();
    assert!(
        csrf.contains("Secure") && csrf.contains("HttpOnly") && csrf.contains("SameSite=Strict")
    );
    t.stop().await;
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    t.contact_with_password(org, "anna@delinde.nl", beheerder(), "lindeboom")
        .await;
    let browser = t.browser();
    browser.sign_in("anna@delinde.nl", "lindeboom").await;
    assert_eq!(browser.get("/account").await.status, StatusCode::OK);
    let out = browser.submit("/account", "/logout", &[]).await;
    assert_eq!(out.location.as_deref(), Some("/login"));
    assert_eq!(browser.get("/account").await.status, StatusCode::SEE_OTHER);
    t.stop().await;
}

#[tokio::test]
async fn a_stolen_cookie_is_useless_after_sign_out() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    t.contact_with_password(org, "anna@delinde.nl", beheerder(), "lindeboom")
        .await;
    let browser = t.browser();
    let page = browser.sign_in("anna@delinde.nl", "lindeboom").await;
    let cookie = page
        .set_cookies
        .iter()
        .find(|c| c.starts_with("balie_session="))
        .unwrap();
    let value = cookie.split(';').next().unwrap().to_string();
    browser.submit("/account", "/logout", &[]).await;
    let thief = t.browser();
    let r = thief.get_with("/account", ("cookie", &value)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    t.stop().await;
}

#[tokio::test]
async fn sessions_expire() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    t.contact_with_password(org, "anna@delinde.nl", beheerder(), "lindeboom")
        .await;
    let browser = t.browser();
    browser.sign_in("anna@delinde.nl", "lindeboom").await;
    t.clock.advance(t.app.config().session_ttl_secs + 1);
    assert_eq!(browser.get("/account").await.status, StatusCode::SEE_OTHER);
    t.stop().await;
}

#[tokio::test]
async fn after_sign_in_the_visitor_returns_to_the_page_asked_for_but_never_elsewhere() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    t.contact_with_password(org, "anna@delinde.nl", beheerder(), "lindeboom")
        .await;
    let browser = t.browser();
    let asked = browser.get("/account/password").await;
    assert_eq!(
        asked.location.as_deref(),
        Some("/login?next=/account/password")
    );
    let page = browser.get("/login?next=/account/password").await;
    let csrf = page.csrf();
    let back = browser
        .post_raw(
            "/login",
            &[
                ("csrf", &csrf),
                ("email", "anna@delinde.nl"),
                ("password", "lindeboom"),
                ("next", "/account/password"),
            ],
        )
        .await;
    assert_eq!(back.location.as_deref(), Some("/account/password"));
    let other = t.browser();
    let csrf = other.get("/login").await.csrf();
    let evil = other
        .post_raw(
            "/login",
            &[
                ("csrf", &csrf),
                ("email", "anna@delinde.nl"),
                ("password", "lindeboom"),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(evil.location.as_deref(), Some("/"));
    t.stop().await;
}

#[tokio::test]
async fn the_language_switch_is_remembered_for_the_person() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    let id = t
        .contact_with_password(org, "anna@delinde.nl", beheerder(), "lindeboom")
        .await;
    let browser = t.browser();
    browser.sign_in("anna@delinde.nl", "lindeboom").await;
    assert!(browser.get("/").await.contains("Welkom, Anna"));
    let switched = browser
        .submit("/", "/language", &[("lang", "en"), ("back", "/account")])
        .await;
    assert_eq!(switched.location.as_deref(), Some("/account"));
    assert!(browser.get("/").await.contains("Welcome, Anna"));
    assert_eq!(t.user(id).await.language, balie_domain::Language::En);
    // On another device the stored choice applies from the sign-in on.
    let other = t.browser();
    assert!(other.get("/login").await.contains("Wachtwoord vergeten?"));
    other.sign_in("anna@delinde.nl", "lindeboom").await;
    assert!(other.get("/").await.contains("Welcome, Anna"));
    assert!(
        other.get("/bestaat-niet").await.contains("Page not found"),
        "error pages follow too"
    );
    t.stop().await;
}

#[tokio::test]
async fn a_visitor_can_switch_language_before_signing_in() {
    let t = TestApp::start().await;
    let browser = t.browser();
    let switched = browser
        .submit("/login", "/language", &[("lang", "en"), ("back", "/login")])
        .await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    let page = browser.get("/login").await;
    assert!(page.contains("Forgot password?"));
    assert!(page.body.contains("<html lang=\"en\">"));
    let bad = browser
        .submit("/login", "/language", &[("lang", "xx"), ("back", "/login")])
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    t.stop().await;
}

#[tokio::test]
async fn a_language_picked_before_signing_in_wins_and_is_kept_on_the_account() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    let id = t
        .contact_with_password(org, "anna@delinde.nl", beheerder(), "lindeboom")
        .await;
    let agent = t.agent_with_password("sanne@vendor.nl", "lindeboom").await;
    assert_eq!(t.user(id).await.language, balie_domain::Language::Nl);
    let laptop = t.browser();
    laptop.sign_in("anna@delinde.nl", "lindeboom").await;
    laptop.sign_out().await;

    let phone = t.browser();
    let picked = phone
        .submit("/login", "/language", &[("lang", "en"), ("back", "/login")])
        .await;
    let chosen = picked
        .set_cookies
        .iter()
        .find(|c| c.starts_with("balie_lang_chosen=en"));
    assert!(
        chosen.is_some_and(|c| c.contains("Max-Age=1800")),
        "it waits half an hour for a sign-in: {:?}",
        picked.set_cookies
    );
    assert!(phone.get("/login").await.contains("Sign in"));
    assert_eq!(
        phone.sign_in("anna@delinde.nl", "lindeboom").await.status,
        StatusCode::SEE_OTHER
    );
    assert!(
        phone.get("/").await.contains("Welcome, Anna"),
        "the choice wins"
    );
    assert_eq!(t.user(id).await.language, balie_domain::Language::En);
    // The laptop only remembers the language of its last sign-in: the account's choice wins.
    laptop.sign_in("anna@delinde.nl", "lindeboom").await;
    assert!(laptop.get("/").await.contains("Welcome, Anna"));
    // The choice was kept once; switching back on the account is not undone by a later sign-in.
    phone
        .submit("/", "/language", &[("lang", "nl"), ("back", "/")])
        .await;
    phone.sign_out().await;
    phone.sign_in("anna@delinde.nl", "lindeboom").await;
    assert!(phone.get("/").await.contains("Welkom, Anna"));

    let desk = t.browser();
    desk.submit(
        "/agent/login",
        "/language",
        &[("lang", "en"), ("back", "/agent/login")],
    )
    .await;
    desk.agent_sign_in("sanne@vendor.nl", "lindeboom").await;
    assert_eq!(t.user(agent).await.language, balie_domain::Language::En);
    t.stop().await;
}

#[tokio::test]
async fn the_browser_language_is_used_until_a_choice_is_made() {
    let t = TestApp::start().await;
    let page = t
        .browser()
        .get_with("/login", ("accept-language", "en-GB,en;q=0.9"))
        .await;
    assert!(page.contains("Forgot password?"));
    let page = t
        .browser()
        .get_with("/login", ("accept-language", "de-DE"))
        .await;
    assert!(
        page.contains("Wachtwoord vergeten?"),
        "Dutch is the default"
    );
    t.stop().await;
}

#[tokio::test]
async fn sign_in_attempts_are_rate_limited_per_client() {
    let mut config = test_config();
    config.rate_limits = RateLimits {
        sign_in_per_ip: 4,
        ..RateLimits::default()
    };
    let t = TestApp::start_with(config).await;
    let org = t.organisation("De Linde").await;
    t.contact_with_password(org, "anna@delinde.nl", beheerder(), "lindeboom")
        .await;
    let browser = t.browser();
    for _ in 0..4 {
        assert_eq!(
            browser.sign_in("iemand@delinde.nl", "fout").await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    let limited = browser.sign_in("anna@delinde.nl", "lindeboom").await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.contains("Te veel pogingen"));
    t.clock
        .advance(RateLimits::default().sign_in_window_secs + 1);
    assert_eq!(
        browser.sign_in("anna@delinde.nl", "lindeboom").await.status,
        StatusCode::SEE_OTHER
    );
    t.stop().await;
}

#[tokio::test]
async fn a_browser_that_signed_in_before_is_let_past_its_addresss_limit_and_no_other() {
    let mut config = test_config();
    config.rate_limits = RateLimits {
        sign_in_per_ip: 4,
        ..RateLimits::default()
    };
    let t = TestApp::start_with(config).await;
    let org = t.organisation("De Linde").await;
    t.contact_with_password(org, "anna@delinde.nl", beheerder(), "lindeboom")
        .await;
    t.contact_with_password(org, "piet@delinde.nl", beheerder(), "lindeboom")
        .await;
    let anna = t.browser();
    let first = anna.sign_in("anna@delinde.nl", "lindeboom").await;
    let device = first
        .set_cookies
        .iter()
        .find(|c| c.starts_with("balie_device="));
    let device = device.expect("a device cookie after the first sign-in");
    assert!(device.contains("HttpOnly") && device.contains("SameSite=Strict"));
    anna.sign_out().await;

    // Someone at the practice's address guesses until the address is held back.
    let guesser = t.browser();
    for _ in 0..4 {
        guesser.sign_in("anna@delinde.nl", "fout").await;
    }
    assert_eq!(
        guesser.sign_in("anna@delinde.nl", "lindeboom").await.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the right password from a browser without the cookie"
    );
    let piet = t.browser();
    assert_eq!(
        piet.sign_in("piet@delinde.nl", "lindeboom").await.status,
        StatusCode::TOO_MANY_REQUESTS,
        "everyone else stays limited"
    );
    assert_eq!(
        anna.sign_in("piet@delinde.nl", "lindeboom").await.status,
        StatusCode::TOO_MANY_REQUESTS,
        "Anna's cookie does not help another account"
    );
    let back = anna.sign_in("anna@delinde.nl", "lindeboom").await;
    assert_eq!(back.status, StatusCode::SEE_OTHER, "Anna's browser gets in");
    let cookie = |p: &Page| {
        let c = p
            .set_cookies
            .iter()
            .find(|c| c.starts_with("balie_device="));
        c.map(|c| c.split(';').next().unwrap().to_string())
    };
    assert_eq!(cookie(&back), cookie(&first), "the browser keeps its token");
    anna.sign_out().await;

    // Piet signs in at Anna's desk once the address may again: the browser is trusted for both.
    t.clock
        .advance(RateLimits::default().sign_in_window_secs + 1);
    assert_eq!(
        anna.sign_in("piet@delinde.nl", "lindeboom").await.status,
        StatusCode::SEE_OTHER
    );
    anna.sign_out().await;
    for _ in 0..5 {
        guesser.sign_in("piet@delinde.nl", "fout").await;
    }
    for who in ["piet@delinde.nl", "anna@delinde.nl"] {
        assert_eq!(
            anna.sign_in(who, "lindeboom").await.status,
            StatusCode::SEE_OTHER,
            "{who} at the shared desk"
        );
        anna.sign_out().await;
    }
    // A new password forgets the browsers trusted for her.
    anna.sign_in("anna@delinde.nl", "lindeboom").await;
    let changed = anna
        .submit(
            "/account/password",
            "/account/password",
            &[
                ("current_password", "lindeboom"),
                ("password", "eikenboom"),
                ("password_confirm", "eikenboom"),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.body);
    anna.sign_out().await;
    assert_eq!(
        anna.sign_in("anna@delinde.nl", "eikenboom").await.status,
        StatusCode::TOO_MANY_REQUESTS,
        "held back with everyone else again"
    );
    t.clock
        .advance(RateLimits::default().sign_in_window_secs + 1);
    anna.sign_in("anna@delinde.nl", "eikenboom").await;
    anna.sign_out().await;

    // Her browser's wrong passwords still count towards the account's block (A4).
    for _ in 0..10 {
        assert_eq!(
            anna.sign_in("anna@delinde.nl", "fout").await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    let blocked = anna.sign_in("anna@delinde.nl", "eikenboom").await;
    assert_eq!(blocked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(blocked.contains("geblokkeerd"), "{}", blocked.body);
    t.stop().await;
}

#[tokio::test]
async fn a_signed_in_person_skips_the_sign_in_form() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    t.contact_with_password(org, "anna@delinde.nl", beheerder(), "lindeboom")
        .await;
    let browser = t.browser();
    browser.sign_in("anna@delinde.nl", "lindeboom").await;
    assert_eq!(browser.get("/login").await.location.as_deref(), Some("/"));
    assert_eq!(
        browser
            .get("/login?next=/account")
            .await
            .location
            .as_deref(),
        Some("/account")
    );
    assert_eq!(
        browser.get("/agent/login").await.status,
        StatusCode::OK,
        "a contact may still sign in as an agent"
    );
    t.stop().await;
}
