//! The contract of the outbox: leases, retries and what stays visible.

use balie_store::{MailStatus, Store};

use super::accounts::{T0, mail};

pub async fn queued_mail_is_claimed_once_until_its_lease_ends(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let a = tx.queue_mail(&mail("a@delinde.nl"), T0).await.unwrap();
    let b = tx.queue_mail(&mail("b@delinde.nl"), T0).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.begin().await.unwrap();
    let claimed = tx.claim_mail(T0, 60, 10, "w1").await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(claimed.iter().map(|m| m.id).collect::<Vec<_>>(), [a, b]);
    assert_eq!(claimed[0].mail, mail("a@delinde.nl"));
    assert_eq!(claimed[0].status, MailStatus::Pending);

    // A second worker finds nothing while the lease runs.
    let mut tx = store.begin().await.unwrap();
    assert!(
        tx.claim_mail(T0.plus_seconds(30), 60, 10, "w2")
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        tx.mark_mail_sent(a, "w1", T0.plus_seconds(31))
            .await
            .unwrap()
    );
    tx.commit().await.unwrap();

    // The worker holding `b` died: once the lease ends, `b` is claimed again; `a` never is.
    let mut tx = store.begin().await.unwrap();
    let again = tx
        .claim_mail(T0.plus_seconds(61), 60, 10, "w2")
        .await
        .unwrap();
    assert_eq!(again.iter().map(|m| m.id).collect::<Vec<_>>(), [b]);
    // The first worker comes back late: its result no longer counts; the second's does.
    assert!(
        !tx.mark_mail_sent(b, "w1", T0.plus_seconds(62))
            .await
            .unwrap()
    );
    assert!(!tx.mark_mail_failed(b, "w1", "late", None).await.unwrap());
    assert!(
        tx.mark_mail_sent(b, "w2", T0.plus_seconds(63))
            .await
            .unwrap()
    );
    let recent = tx.recent_mail(10).await.unwrap();
    let sent = recent.iter().find(|m| m.id == a).unwrap();
    assert_eq!(sent.status, MailStatus::Sent);
    assert_eq!(sent.sent_at, Some(T0.plus_seconds(31)));
    assert_eq!(sent.attempts, 1);
}

pub async fn failed_mail_is_retried_then_given_up_and_stays_visible(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let id = tx.queue_mail(&mail("a@delinde.nl"), T0).await.unwrap();
    let claimed = tx.claim_mail(T0, 60, 10, "w1").await.unwrap();
    assert_eq!(claimed.len(), 1);
    tx.mark_mail_failed(id, "w1", "connection refused", Some(T0.plus_seconds(120)))
        .await
        .unwrap();
    assert!(
        tx.claim_mail(T0.plus_seconds(119), 60, 10, "w1")
            .await
            .unwrap()
            .is_empty()
    );
    let retry = tx
        .claim_mail(T0.plus_seconds(120), 60, 10, "w2")
        .await
        .unwrap();
    assert_eq!(retry.len(), 1);
    assert_eq!(retry[0].attempts, 1);
    assert_eq!(retry[0].last_error.as_deref(), Some("connection refused"));
    tx.mark_mail_failed(id, "w2", "mailbox unavailable", None)
        .await
        .unwrap();
    assert!(
        tx.claim_mail(T0.plus_seconds(10_000), 60, 10, "w3")
            .await
            .unwrap()
            .is_empty()
    );
    let kept = &tx.recent_mail(10).await.unwrap()[0];
    assert_eq!(kept.status, MailStatus::Failed);
    assert_eq!(kept.attempts, 2);
    assert_eq!(kept.last_error.as_deref(), Some("mailbox unavailable"));
}
