//! The contract of organisations, people, sessions, tokens and attempts.

use balie_domain::{
    EmailAddress, Gender, Language, NewUser, OrgId, PortalRoles, Timestamp, TokenPurpose, UserKind,
};
use balie_store::{
    AuditEntry, NewMail, NewOrganisation, NewSession, Store, StoreError, Tx, Unique,
};

pub const T0: Timestamp = Timestamp(1_800_000_000);

pub fn org(name: &str) -> NewOrganisation {
    NewOrganisation {
        name: name.into(),
        address: "Lindelaan 1".into(),
        postcode: "1234 AB".into(),
        city: "Utrecht".into(),
        phone: "030-1234567".into(),
        email: "info@delinde.nl".into(),
    }
}

pub fn contact(org: OrgId, email: &str, roles: PortalRoles) -> NewUser {
    NewUser {
        kind: UserKind::Contact { org, roles },
        first_name: "Anna".into(),
        last_name: "de Vries".into(),
        gender: Some(Gender::Female),
        phone: "06-12345678".into(),
        email: Some(EmailAddress::parse(email).unwrap()),
        language: Language::Nl,
    }
}

pub fn agent(email: &str) -> NewUser {
    NewUser {
        kind: UserKind::Agent { admin: true },
        first_name: "Sven".into(),
        last_name: "Bakker".into(),
        gender: None,
        phone: String::new(),
        email: Some(EmailAddress::parse(email).unwrap()),
        language: Language::En,
    }
}

pub fn mail(to: &str) -> NewMail {
    NewMail {
        to_address: to.into(),
        to_name: "Anna de Vries".into(),
        subject: "Uitnodiging".into(),
        text_body: "tekst".into(),
        html_body: "<p>tekst</p>".into(),
        message_id: format!("<{to}@balie.test>"),
        language: Language::Nl,
    }
}

pub async fn migrations_can_run_again(store: &dyn Store) {
    store.migrate().await.unwrap();
    store.migrate().await.unwrap();
    store.ping().await.unwrap();
}

pub async fn users_round_trip_with_roles_and_language(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let org_id = tx.insert_organisation(&org("De Linde"), T0).await.unwrap();
    let roles = PortalRoles::new(false, true, true).unwrap();
    let id = tx
        .insert_user(&contact(org_id, "Anna@DeLinde.nl", roles), T0)
        .await
        .unwrap();
    let agent_id = tx.insert_user(&agent("sven@vendor.nl"), T0).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.begin().await.unwrap();
    let user = tx.user(id).await.unwrap().unwrap();
    assert_eq!(user.kind, UserKind::Contact { org: org_id, roles });
    assert_eq!(user.email.as_ref().unwrap().as_str(), "anna@delinde.nl");
    assert_eq!(user.display_name(), "Anna de Vries");
    assert_eq!(
        (user.gender, user.phone.as_str()),
        (Some(Gender::Female), "06-12345678")
    );
    assert!(!user.has_password);
    assert_eq!(user.created_at, T0);
    let by_mail = tx
        .user_by_email(&EmailAddress::parse("ANNA@delinde.nl").unwrap())
        .await
        .unwrap();
    assert_eq!(by_mail.map(|u| u.id), Some(id));

    tx.set_language(id, Language::En).await.unwrap();
    assert_eq!(tx.user(id).await.unwrap().unwrap().language, Language::En);
    let agent_user = tx.user(agent_id).await.unwrap().unwrap();
    assert_eq!(agent_user.kind, UserKind::Agent { admin: true });
    assert_eq!(tx.count_agents().await.unwrap(), 1);
    let stored = tx.organisation(org_id).await.unwrap().unwrap();
    assert_eq!(stored.name, "De Linde");
    assert_eq!(stored.email, "info@delinde.nl");
    assert_eq!(stored.subscription_plan, "");
    assert!(!stored.requests_shared, "B5 is off by default");
    tx.upsert_vendor("Zorgsoft", T0).await.unwrap();
    tx.upsert_vendor("Zorgsoft B.V.", T0).await.unwrap();
    assert_eq!(
        tx.vendor_name().await.unwrap().as_deref(),
        Some("Zorgsoft B.V.")
    );
}

pub async fn a_portal_email_is_used_once(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let org_id = tx.insert_organisation(&org("De Linde"), T0).await.unwrap();
    tx.insert_user(
        &contact(org_id, "anna@delinde.nl", PortalRoles::BEHEERDER),
        T0,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    let err = tx
        .insert_user(&agent("Anna@delinde.nl"), T0)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Duplicate(Unique::Email)),
        "{err:?}"
    );
    drop(tx);
    // A contact without portal access has no e-mail; several of them may exist.
    let mut tx = store.begin().await.unwrap();
    for _ in 0..2 {
        let mut without = contact(org_id, "x@y.nl", PortalRoles::default());
        without.email = None;
        tx.insert_user(&without, T0).await.unwrap();
    }
    tx.commit().await.unwrap();
}

pub async fn another_organisations_contact_reads_as_not_found(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let linde = tx.insert_organisation(&org("De Linde"), T0).await.unwrap();
    let anker = tx.insert_organisation(&org("Het Anker"), T0).await.unwrap();
    let anna = tx
        .insert_user(
            &contact(linde, "anna@delinde.nl", PortalRoles::BEHEERDER),
            T0,
        )
        .await
        .unwrap();
    assert!(tx.contact_in_org(linde, anna).await.unwrap().is_some());
    assert!(tx.contact_in_org(anker, anna).await.unwrap().is_none());
}

pub async fn ten_failures_block_and_a_new_password_lifts_the_block(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let id = tx.insert_user(&agent("sven@vendor.nl"), T0).await.unwrap();
    for n in 1..=9 {
        assert_eq!(tx.record_failed_sign_in(id, 10, T0).await.unwrap(), n);
        assert!(tx.user(id).await.unwrap().unwrap().blocked_at.is_none());
    }
    assert_eq!(
        tx.record_failed_sign_in(id, 10, Timestamp(T0.0 + 5))
            .await
            .unwrap(),
        10
    );
    assert_eq!(
        tx.user(id).await.unwrap().unwrap().blocked_at,
        Some(Timestamp(T0.0 + 5))
    );
    // A later failure keeps the moment of the block.
    tx.record_failed_sign_in(id, 10, Timestamp(T0.0 + 9))
        .await
        .unwrap();
    assert_eq!(
        tx.user(id).await.unwrap().unwrap().blocked_at,
        Some(Timestamp(T0.0 + 5))
    );

    tx.set_password_hash(id, "$argon2id$fake", T0)
        .await
        .unwrap();
    let user = tx.user(id).await.unwrap().unwrap();
    assert!(user.blocked_at.is_none());
    assert_eq!(user.failed_sign_ins, 0);
    assert!(user.has_password);
    assert_eq!(
        tx.password_hash(id).await.unwrap().as_deref(),
        Some("$argon2id$fake")
    );
    tx.record_failed_sign_in(id, 10, T0).await.unwrap();
    tx.clear_failed_sign_ins(id).await.unwrap();
    assert_eq!(tx.user(id).await.unwrap().unwrap().failed_sign_ins, 0);
}

pub async fn sessions_expire_and_end(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let id = tx.insert_user(&agent("sven@vendor.nl"), T0).await.unwrap();
    for hash in ["s1", "s2"] {
        let session = NewSession {
            token_hash: hash.into(),
            user: id,
            created_at: T0,
            expires_at: T0.plus_seconds(3600),
        };
        tx.insert_session(&session).await.unwrap();
    }
    assert_eq!(
        tx.session_user("s1", T0).await.unwrap().map(|u| u.id),
        Some(id)
    );
    assert!(
        tx.session_user("s1", T0.plus_seconds(3600))
            .await
            .unwrap()
            .is_none()
    );
    assert!(tx.session_user("nope", T0).await.unwrap().is_none());
    tx.delete_session("s1").await.unwrap();
    assert!(tx.session_user("s1", T0).await.unwrap().is_none());
    assert!(tx.session_user("s2", T0).await.unwrap().is_some());
    tx.delete_sessions_of(id).await.unwrap();
    assert!(tx.session_user("s2", T0).await.unwrap().is_none());
}

pub async fn a_token_is_spent_once(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let id = tx.insert_user(&agent("sven@vendor.nl"), T0).await.unwrap();
    tx.insert_token("h1", id, TokenPurpose::Invitation, T0, T0.plus_seconds(60))
        .await
        .unwrap();
    let token = tx.token("h1").await.unwrap().unwrap();
    assert_eq!(token.user, id);
    assert_eq!(token.purpose, TokenPurpose::Invitation);
    assert_eq!(token.expires_at, T0.plus_seconds(60));
    assert!(token.used_at.is_none());
    assert!(tx.spend_token("h1", T0).await.unwrap());
    assert!(!tx.spend_token("h1", T0).await.unwrap());
    assert_eq!(tx.token("h1").await.unwrap().unwrap().used_at, Some(T0));
    assert!(tx.token("unknown").await.unwrap().is_none());

    // An expired token cannot be spent.
    tx.insert_token(
        "h2",
        id,
        TokenPurpose::PasswordReset,
        T0,
        T0.plus_seconds(60),
    )
    .await
    .unwrap();
    assert!(!tx.spend_token("h2", T0.plus_seconds(60)).await.unwrap());
}

pub async fn setting_a_password_spends_every_open_link(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let id = tx.insert_user(&agent("sven@vendor.nl"), T0).await.unwrap();
    let other = tx.insert_user(&agent("els@vendor.nl"), T0).await.unwrap();
    tx.insert_token(
        "inv",
        id,
        TokenPurpose::Invitation,
        T0,
        T0.plus_seconds(600),
    )
    .await
    .unwrap();
    tx.insert_token(
        "reset",
        id,
        TokenPurpose::PasswordReset,
        T0,
        T0.plus_seconds(600),
    )
    .await
    .unwrap();
    tx.insert_token(
        "els",
        other,
        TokenPurpose::Invitation,
        T0,
        T0.plus_seconds(600),
    )
    .await
    .unwrap();
    tx.spend_tokens_of(id, T0.plus_seconds(1)).await.unwrap();
    assert!(tx.token("inv").await.unwrap().unwrap().used_at.is_some());
    assert!(tx.token("reset").await.unwrap().unwrap().used_at.is_some());
    assert!(
        tx.token("els").await.unwrap().unwrap().used_at.is_none(),
        "another person's link stays"
    );
}

pub async fn expired_sessions_tokens_and_devices_are_pruned(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let id = tx.insert_user(&agent("sven@vendor.nl"), T0).await.unwrap();
    for (hash, ttl) in [("old", 10), ("new", 1000)] {
        let session = NewSession {
            token_hash: hash.into(),
            user: id,
            created_at: T0,
            expires_at: T0.plus_seconds(ttl),
        };
        tx.insert_session(&session).await.unwrap();
        tx.trust_device(hash, id, T0, T0.plus_seconds(ttl))
            .await
            .unwrap();
        tx.insert_token(
            hash,
            id,
            TokenPurpose::PasswordReset,
            T0,
            T0.plus_seconds(ttl),
        )
        .await
        .unwrap();
    }
    let colleague = tx.insert_user(&agent("joost@vendor.nl"), T0).await.unwrap();
    assert!(tx.device_trusted("old", id, T0).await.unwrap());
    assert!(
        !tx.device_trusted("old", id, T0.plus_seconds(10))
            .await
            .unwrap()
    );
    assert!(!tx.device_trusted("old", colleague, T0).await.unwrap());
    assert!(!tx.device_trusted("unknown", id, T0).await.unwrap());
    // One browser, trusted for a colleague too; signing in again extends its time.
    tx.trust_device("old", colleague, T0, T0.plus_seconds(10))
        .await
        .unwrap();
    tx.trust_device("old", colleague, T0, T0.plus_seconds(500))
        .await
        .unwrap();
    tx.prune_expired(T0.plus_seconds(10)).await.unwrap();
    assert!(tx.device_trusted("new", id, T0).await.unwrap());
    assert!(!tx.device_trusted("old", id, T0).await.unwrap());
    assert!(
        tx.device_trusted("old", colleague, T0.plus_seconds(400))
            .await
            .unwrap()
    );
    // Ending someone's sessions forgets the browsers trusted for them, not for others.
    tx.delete_sessions_of(colleague).await.unwrap();
    assert!(!tx.device_trusted("old", colleague, T0).await.unwrap());
    assert!(tx.device_trusted("new", id, T0).await.unwrap());
    assert!(tx.token("old").await.unwrap().is_none());
    assert!(tx.token("new").await.unwrap().is_some());
    assert!(tx.session_user("new", T0).await.unwrap().is_some());
    tx.delete_session("new").await.unwrap();
}

pub async fn a_key_lock_lets_counts_and_inserts_run_one_after_another(store: &dyn Store) {
    // Two transactions take the same key; the second waits until the first commits, so it
    // counts the first one's attempt.
    let mut first = store.begin().await.unwrap();
    first.lock_key("sign_in:10.0.0.1").await.unwrap();
    first
        .record_attempt("sign_in", "10.0.0.1", T0)
        .await
        .unwrap();
    let second = async {
        let mut tx = store.begin().await.unwrap();
        tx.lock_key("sign_in:10.0.0.1").await.unwrap();
        let n = tx
            .count_attempts_since("sign_in", "10.0.0.1", T0)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        n
    };
    let commit_first = async {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        first.commit().await.unwrap();
    };
    let (n, ()) = tokio::join!(second, commit_first);
    assert_eq!(n, 1);
}

pub async fn attempts_are_counted_within_a_window(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    for s in [0, 10, 20] {
        tx.record_attempt("sign_in", "10.0.0.1", T0.plus_seconds(s))
            .await
            .unwrap();
    }
    tx.record_attempt("sign_in", "10.0.0.2", T0).await.unwrap();
    tx.record_attempt("password", "10.0.0.1", T0).await.unwrap();
    assert_eq!(
        tx.count_attempts_since("sign_in", "10.0.0.1", T0)
            .await
            .unwrap(),
        3
    );
    assert_eq!(
        tx.count_attempts_since("sign_in", "10.0.0.1", T0.plus_seconds(5))
            .await
            .unwrap(),
        2
    );
    tx.prune_attempts(T0.plus_seconds(15)).await.unwrap();
    assert_eq!(
        tx.count_attempts_since("sign_in", "10.0.0.1", T0)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        tx.count_attempts_since("password", "10.0.0.1", T0)
            .await
            .unwrap(),
        0
    );
}

pub async fn groups_hold_agents(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let sven = tx.insert_user(&agent("sven@vendor.nl"), T0).await.unwrap();
    let first = tx.insert_group("Eerste lijn").await.unwrap();
    let billing = tx.insert_group("Facturatie").await.unwrap();
    tx.add_group_member(billing, sven).await.unwrap();
    tx.add_group_member(first, sven).await.unwrap();
    tx.add_group_member(first, sven).await.unwrap();
    let names: Vec<String> = tx
        .groups_of(sven)
        .await
        .unwrap()
        .into_iter()
        .map(|g| g.name)
        .collect();
    assert_eq!(names, ["Eerste lijn", "Facturatie"]);
    assert!(matches!(
        tx.insert_group("Facturatie").await,
        Err(StoreError::Duplicate(_))
    ));
}

pub async fn an_agents_role_and_groups_are_replaced(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    // `agent` makes an administrator.
    let sven = tx.insert_user(&agent("sven@vendor.nl"), T0).await.unwrap();
    let first = tx.insert_group("Eerste lijn").await.unwrap();
    let billing = tx.insert_group("Facturatie").await.unwrap();
    tx.add_group_member(first, sven).await.unwrap();
    let admins = tx.count_admins().await.unwrap();
    let later = T0.plus_seconds(60);
    let found = tx
        .set_agent_role_and_groups(sven, false, &[billing], later)
        .await
        .unwrap();
    assert!(found);
    let user = tx.user(sven).await.unwrap().unwrap();
    assert_eq!(user.kind, UserKind::Agent { admin: false });
    let names: Vec<String> = tx
        .groups_of(sven)
        .await
        .unwrap()
        .into_iter()
        .map(|g| g.name)
        .collect();
    assert_eq!(names, ["Facturatie"], "exactly the groups given");
    assert_eq!(tx.count_admins().await.unwrap(), admins - 1);
    tx.set_agent_role_and_groups(sven, true, &[], later)
        .await
        .unwrap();
    assert!(tx.groups_of(sven).await.unwrap().is_empty());
    assert_eq!(tx.count_admins().await.unwrap(), admins);
    // A contact is no agent: nothing changes.
    let (_, anna) = super::tickets::linde_and_anna(&mut *tx).await;
    let changed = tx.set_agent_role_and_groups(anna, true, &[], later).await;
    assert!(!changed.unwrap());
    assert!(matches!(
        tx.user(anna).await.unwrap().unwrap().kind,
        UserKind::Contact { .. }
    ));
}

/// A caller that gives up while its transaction is still opening (a request whose client went
/// away) leaves nothing open behind: the next writer gets its turn at once, not after the
/// busy timeout with "database is locked".
pub async fn a_transaction_given_up_while_opening_leaves_the_store_writable(store: &dyn Store) {
    use std::time::Duration;
    // Given up at ever later moments, so that some give up in the middle of `BEGIN`.
    for micros in 0..300 {
        let wait = Duration::from_micros(micros * 3);
        let _ = tokio::time::timeout(wait, store.begin()).await;
        let _ = tokio::time::timeout(wait, store.read()).await;
    }
    for _ in 0..3 {
        let mut tx = tokio::time::timeout(Duration::from_secs(3), store.begin())
            .await
            .expect("a writer waited for a transaction nobody ended")
            .unwrap();
        tx.queue_mail(&mail("na@delinde.nl"), T0).await.unwrap();
        tx.commit().await.unwrap();
    }
    let mut tx = store.read().await.unwrap();
    assert_eq!(tx.pending_mail().await.unwrap(), 3);
}

pub async fn a_rolled_back_change_leaves_no_mail_and_no_audit(store: &dyn Store) {
    let mut tx: Box<dyn Tx> = store.begin().await.unwrap();
    let id = tx.insert_user(&agent("sven@vendor.nl"), T0).await.unwrap();
    tx.queue_mail(&mail("sven@vendor.nl"), T0).await.unwrap();
    tx.audit(&AuditEntry {
        at: T0,
        actor: Some(id),
        action: "user.invited".into(),
        subject_type: "user".into(),
        subject_id: Some(id.0),
        detail: String::new(),
    })
    .await
    .unwrap();
    drop(tx);
    let mut tx = store.begin().await.unwrap();
    assert!(tx.user(id).await.unwrap().is_none());
    assert!(tx.recent_mail(10).await.unwrap().is_empty());
    assert!(tx.recent_audit(10).await.unwrap().is_empty());
}

pub async fn audit_entries_are_kept_newest_first(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let id = tx.insert_user(&agent("sven@vendor.nl"), T0).await.unwrap();
    for (i, action) in ["session.signed_in", "password.changed"].iter().enumerate() {
        tx.audit(&AuditEntry {
            at: T0.plus_seconds(i as i64),
            actor: Some(id),
            action: (*action).into(),
            subject_type: "user".into(),
            subject_id: Some(id.0),
            detail: "ip=127.0.0.1".into(),
        })
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    let entries = tx.recent_audit(10).await.unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].action, "password.changed");
    assert_eq!(entries[1].actor, Some(id));
    assert_eq!(entries[1].detail, "ip=127.0.0.1");
}

pub async fn the_last_sign_in_is_read_from_the_audit_log(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let sven = tx.insert_user(&agent("sven@vendor.nl"), T0).await.unwrap();
    let mila = tx.insert_user(&agent("mila@vendor.nl"), T0).await.unwrap();
    let entry = |at: i64, action: &str, subject: i64| AuditEntry {
        at: T0.plus_seconds(at),
        actor: Some(sven),
        action: action.into(),
        subject_type: "user".into(),
        subject_id: Some(subject),
        detail: String::new(),
    };
    for e in [
        entry(10, "session.signed_in", sven.0),
        entry(50, "session.signed_in", sven.0),
        entry(90, "session.sign_in_failed", sven.0),
        entry(70, "password.changed", mila.0),
    ] {
        tx.audit(&e).await.unwrap();
    }
    let last = tx.last_sign_ins(&[sven, mila]).await.unwrap();
    assert_eq!(
        last,
        [(sven, T0.plus_seconds(50))],
        "a failure is no sign-in; mila never did"
    );
}
