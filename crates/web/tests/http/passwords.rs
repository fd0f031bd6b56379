//! A2-A4 and A7: requesting, setting and changing passwords; the policy and the block.

use super::support::*;
use balie_app::RateLimits;
use reqwest::StatusCode;

#[tokio::test]
async fn requesting_a_password_answers_alike_for_known_and_unknown_addresses() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    t.contact_with_password(org, "anna@delinde.nl", beheerder(), "eerste")
        .await;
    let before = t.mail().await.len();

    let browser = t.browser();
    let known = browser
        .submit(
            "/password/forgot",
            "/password/forgot",
            &[("email", "Anna@DeLinde.nl")],
        )
        .await;
    let unknown = browser
        .submit(
            "/password/forgot",
            "/password/forgot",
            &[("email", "onbekend@elders.nl")],
        )
        .await;
    assert_eq!(known.status, StatusCode::OK);
    assert_eq!(unknown.status, StatusCode::OK);
    assert_eq!(
        known.body.replace("Anna@DeLinde.nl", "ADDRESS"),
        unknown.body.replace("onbekend@elders.nl", "ADDRESS"),
        "the page must not tell whether an address is registered"
    );

    let mails = t.mail().await;
    assert_eq!(mails.len(), before + 2);
    let reset = mails
        .iter()
        .find(|m| m.to.contains("anna@delinde.nl") && m.subject.starts_with("Wachtwoord instellen"))
        .unwrap();
    assert!(reset.link().contains("/password/set/"));
    let not_registered = mails
        .iter()
        .find(|m| m.to.contains("onbekend@elders.nl"))
        .unwrap();
    assert!(
        not_registered.subject.contains("niet geregistreerd"),
        "{}",
        not_registered.subject
    );
    assert!(
        not_registered
            .text
            .contains("niet geregistreerd als contactpersoon")
    );
    assert!(!not_registered.text.contains("/password/set/"));

    // The reset link sets a new password.
    let path = reset.link_path();
    let done = browser
        .submit(
            &path,
            &path,
            &[("password", "tweede"), ("password_confirm", "tweede")],
        )
        .await;
    assert!(done.contains("Je wachtwoord is ingesteld."));
    assert_eq!(
        browser.sign_in("anna@delinde.nl", "eerste").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        browser.sign_in("anna@delinde.nl", "tweede").await.status,
        StatusCode::SEE_OTHER
    );
    t.stop().await;
}

#[tokio::test]
async fn register_is_the_same_request_for_known_contacts_only() {
    let t = TestApp::start().await;
    let browser = t.browser();
    let page = browser.get("/register").await;
    assert!(page.contains("Registreren"));
    let answer = browser
        .submit("/register", "/register", &[("email", "nieuw@elders.nl")])
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    let mail = &t.mail_to("nieuw@elders.nl").await[0];
    assert!(mail.subject.contains("niet geregistreerd"));
    t.stop().await;
}

#[tokio::test]
async fn a_malformed_address_gets_a_message_and_no_mail() {
    let t = TestApp::start().await;
    let browser = t.browser();
    let page = browser
        .submit(
            "/password/forgot",
            "/password/forgot",
            &[("email", "geen-adres")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Dit is geen geldig e-mailadres."));
    assert!(page.contains("geen-adres"), "the input is kept");
    assert!(t.mail().await.is_empty());
    t.stop().await;
}

#[tokio::test]
async fn the_password_policy_is_enforced_and_a_refusal_keeps_the_link() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    let (id, _) = t.invited_contact(org, "anna@delinde.nl", beheerder()).await;
    let path = t.mail_to("anna@delinde.nl").await[0].link_path();
    let browser = t.browser();
    let cases = [
        ("kort", "kort", "minimaal 5 tekens"),
        (
            "anna@delinde.nl",
            "anna@delinde.nl",
            "anders zijn dan het e-mailadres",
        ),
        (
            "lindeboom",
            "lindebom",
            "De wachtwoorden komen niet overeen.",
        ),
    ];
    for (password, confirm, message) in cases {
        let page = browser
            .submit(
                &path,
                &path,
                &[("password", password), ("password_confirm", confirm)],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{password}");
        assert!(page.contains(message), "{message}: {}", page.body);
        assert!(!t.user(id).await.has_password);
    }
    let ok = browser
        .submit(
            &path,
            &path,
            &[("password", "lindeboom"), ("password_confirm", "lindeboom")],
        )
        .await;
    assert!(ok.contains("Je wachtwoord is ingesteld."));
    t.stop().await;
}

#[tokio::test]
async fn the_strong_preset_asks_for_twelve_characters() {
    let mut config = test_config();
    config.password_policy = balie_domain::PasswordPolicy::STRONG;
    let t = TestApp::start_with(config).await;
    let org = t.organisation("De Linde").await;
    t.invited_contact(org, "anna@delinde.nl", beheerder()).await;
    let path = t.mail_to("anna@delinde.nl").await[0].link_path();
    let browser = t.browser();
    let form = browser.get(&path).await;
    assert!(form.contains("Minimaal 12 tekens"));
    let page = browser
        .submit(
            &path,
            &path,
            &[("password", "lindeboom"), ("password_confirm", "lindeboom")],
        )
        .await;
    assert!(page.contains("minimaal 12 tekens"));
    let common = browser
        .submit(
            &path,
            &path,
            &[
                ("password", "wachtwoord123"),
                ("password_confirm", "wachtwoord123"),
            ],
        )
        .await;
    assert!(common.contains("te vaak gebruikt"));
    t.stop().await;
}

#[tokio::test]
async fn ten_failed_sign_ins_block_the_account_until_a_reset() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    let id = t
        .contact_with_password(org, "anna@delinde.nl", beheerder(), "lindeboom")
        .await;
    let invitation_mails = t.mail_to("anna@delinde.nl").await.len();
    let browser = t.browser();
    for attempt in 1..=10 {
        let page = browser.sign_in("anna@delinde.nl", "fout").await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        // Every wrong answer reads alike: the form does not tell that this address exists.
        assert!(
            page.contains("Het e-mailadres of wachtwoord is onjuist."),
            "attempt {attempt}"
        );
    }
    assert!(t.user(id).await.blocked_at.is_some());
    let right = browser.sign_in("anna@delinde.nl", "lindeboom").await;
    assert_eq!(
        right.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "blocked, even with the right password"
    );
    assert!(right.contains("Je account is geblokkeerd"));
    let wrong = browser.sign_in("anna@delinde.nl", "nog-steeds-fout").await;
    assert!(wrong.contains("Het e-mailadres of wachtwoord is onjuist."));

    // The owner was told, with a link that lifts the block.
    let mails = t.mail_to("anna@delinde.nl").await;
    assert_eq!(
        mails.len(),
        invitation_mails + 1,
        "one notice, not one per attempt"
    );
    let notice = mails.last().unwrap();
    assert!(
        notice.subject.contains("is geblokkeerd"),
        "{}",
        notice.subject
    );
    assert!(notice.text.contains("10 keer"));
    let path = notice.link_path();
    browser
        .submit(
            &path,
            &path,
            &[
                ("password", "nieuwe-boom"),
                ("password_confirm", "nieuwe-boom"),
            ],
        )
        .await;
    assert_eq!(
        browser
            .sign_in("anna@delinde.nl", "nieuwe-boom")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let user = t.user(id).await;
    assert!(user.blocked_at.is_none());
    assert_eq!(user.failed_sign_ins, 0);
    t.stop().await;
}

#[tokio::test]
async fn a_blocked_account_is_unblocked_through_forgot_password_too() {
    let mut config = test_config();
    config.block_after_failures = 3;
    let t = TestApp::start_with(config).await;
    let org = t.organisation("De Linde").await;
    t.contact_with_password(org, "anna@delinde.nl", beheerder(), "lindeboom")
        .await;
    let browser = t.browser();
    for _ in 0..3 {
        browser.sign_in("anna@delinde.nl", "fout").await;
    }
    assert!(
        browser
            .sign_in("anna@delinde.nl", "lindeboom")
            .await
            .contains("geblokkeerd"),
        "configurable"
    );
    browser
        .submit(
            "/password/forgot",
            "/password/forgot",
            &[("email", "anna@delinde.nl")],
        )
        .await;
    let reset = t
        .mail_to("anna@delinde.nl")
        .await
        .into_iter()
        .last()
        .unwrap();
    assert!(reset.subject.starts_with("Wachtwoord instellen"));
    let path = reset.link_path();
    browser
        .submit(
            &path,
            &path,
            &[
                ("password", "nieuwe-boom"),
                ("password_confirm", "nieuwe-boom"),
            ],
        )
        .await;
    assert_eq!(
        browser
            .sign_in("anna@delinde.nl", "nieuwe-boom")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    t.stop().await;
}

#[tokio::test]
async fn once_a_password_is_set_no_older_link_works() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    t.invited_contact(org, "anna@delinde.nl", beheerder()).await;
    let browser = t.browser();
    browser
        .submit(
            "/password/forgot",
            "/password/forgot",
            &[("email", "anna@delinde.nl")],
        )
        .await;
    let mails = t.mail_to("anna@delinde.nl").await;
    let (invitation, reset) = (mails[0].link_path(), mails[1].link_path());
    browser
        .submit(
            &reset,
            &reset,
            &[("password", "lindeboom"), ("password_confirm", "lindeboom")],
        )
        .await;
    assert_eq!(
        browser.get(&invitation).await.status,
        StatusCode::GONE,
        "the week-long invitation is spent too"
    );
    t.stop().await;
}

#[tokio::test]
async fn a_wrong_current_password_counts_as_a_failed_sign_in() {
    let mut config = test_config();
    config.block_after_failures = 3;
    let t = TestApp::start_with(config).await;
    let org = t.organisation("De Linde").await;
    let id = t
        .contact_with_password(org, "anna@delinde.nl", beheerder(), "lindeboom")
        .await;
    let browser = t.browser();
    browser.sign_in("anna@delinde.nl", "lindeboom").await;
    let fields = [
        ("current_password", "gok"),
        ("password", "eikenboom"),
        ("password_confirm", "eikenboom"),
    ];
    for _ in 0..3 {
        let page = browser
            .submit("/account/password", "/account/password", &fields)
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert!(t.user(id).await.blocked_at.is_some());
    assert_eq!(
        browser.get("/account").await.status,
        StatusCode::SEE_OTHER,
        "a block ends the session"
    );
    t.stop().await;
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_other_sessions() {
    let t = TestApp::start().await;
    let org = t.organisation("De Linde").await;
    t.contact_with_password(org, "anna@delinde.nl", beheerder(), "lindeboom")
        .await;
    let laptop = t.browser();
    let phone = t.browser();
    laptop.sign_in("anna@delinde.nl", "lindeboom").await;
    phone.sign_in("anna@delinde.nl", "lindeboom").await;

    let fields = |current: &'static str| {
        [
            ("current_password", current),
            ("password", "eikenboom"),
            ("password_confirm", "eikenboom"),
        ]
    };
    let wrong = laptop
        .submit("/account/password", "/account/password", &fields("fout"))
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.contains("Het huidige wachtwoord klopt niet."));

    let done = laptop
        .submit(
            "/account/password",
            "/account/password",
            &fields("lindeboom"),
        )
        .await;
    assert_eq!(done.location.as_deref(), Some("/account?done=password"));
    let profile = laptop.get("/account?done=password").await;
    assert_eq!(
        profile.status,
        StatusCode::OK,
        "this browser stays signed in"
    );
    assert!(profile.contains("Je wachtwoord is gewijzigd."));
    assert_eq!(
        phone.get("/account").await.status,
        StatusCode::SEE_OTHER,
        "the other session ended"
    );
    let fresh = t.browser();
    assert_eq!(
        fresh.sign_in("anna@delinde.nl", "lindeboom").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        fresh.sign_in("anna@delinde.nl", "eikenboom").await.status,
        StatusCode::SEE_OTHER
    );
    t.stop().await;
}

#[tokio::test]
async fn password_requests_are_rate_limited() {
    let mut config = test_config();
    config.rate_limits = RateLimits {
        password_requests_per_ip: 3,
        ..RateLimits::default()
    };
    let t = TestApp::start_with(config).await;
    let browser = t.browser();
    for n in 0..3 {
        let email = format!("iemand{n}@elders.nl");
        let page = browser
            .submit("/password/forgot", "/password/forgot", &[("email", &email)])
            .await;
        assert_eq!(page.status, StatusCode::OK);
    }
    let limited = browser
        .submit(
            "/password/forgot",
            "/password/forgot",
            &[("email", "nog@elders.nl")],
        )
        .await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.contains("Te veel pogingen"));
    assert_eq!(t.mail().await.len(), 3, "no mail for the refused request");
    t.stop().await;
}

#[tokio::test]
async fn one_address_is_mailed_a_limited_number_of_times() {
    let t = TestApp::start().await;
    let browser = t.browser();
    for _ in 0..8 {
        let page = browser
            .submit(
                "/password/forgot",
                "/password/forgot",
                &[("email", "doelwit@elders.nl")],
            )
            .await;
        assert_eq!(page.status, StatusCode::OK, "the answer stays the same");
    }
    assert_eq!(
        t.mail_to("doelwit@elders.nl").await.len(),
        RateLimits::default().password_requests_per_address as usize
    );
    t.stop().await;
}
