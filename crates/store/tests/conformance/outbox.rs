//! The contract of the outbox: leases, retries and what stays visible.

use balie_store::{MailStatus, Store};

use super::accounts::{T0, mail};

pub async fn queued_mail_is_claimed_once_until_its_lease_ends(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let a = tx.queue_mail(&mail("a@delinde.nl"), T0).await.unwrap();
    let b = tx.queue_mail(&mail("b@delinde.nl"), T0).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.begin().await.unwrap();
    assert_eq!(tx.pending_mail().await.unwrap(), 2);
    let claimed = tx
        .claim_mail(T0, T0.plus_seconds(60), 10, "node-w1", "w1")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(claimed.iter().map(|m| m.id).collect::<Vec<_>>(), [a, b]);
    assert_eq!(claimed[0].mail, mail("a@delinde.nl"));
    assert_eq!(claimed[0].status, MailStatus::Pending);

    // A second worker finds nothing while the lease runs.
    let mut tx = store.begin().await.unwrap();
    assert!(
        tx.claim_mail(
            T0.plus_seconds(30),
            T0.plus_seconds(30).plus_seconds(60),
            10,
            "node-w2",
            "w2"
        )
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
        .claim_mail(
            T0.plus_seconds(61),
            T0.plus_seconds(61).plus_seconds(60),
            10,
            "node-w2",
            "w2",
        )
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
    assert_eq!(tx.pending_mail().await.unwrap(), 0);
    let sent = recent.iter().find(|m| m.id == a).unwrap();
    assert_eq!(sent.status, MailStatus::Sent);
    assert_eq!(sent.sent_at, Some(T0.plus_seconds(31)));
    assert_eq!(sent.attempts, 1);
}

pub async fn a_renewed_lease_holds_and_a_restarted_node_takes_its_own_back(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let a = tx.queue_mail(&mail("a@delinde.nl"), T0).await.unwrap();
    let b = tx.queue_mail(&mail("b@delinde.nl"), T0).await.unwrap();
    let c = tx.queue_mail(&mail("c@delinde.nl"), T0).await.unwrap();
    let first = tx
        .claim_mail(T0, T0.plus_seconds(60), 2, "node-1", "w1")
        .await
        .unwrap();
    assert_eq!(first.iter().map(|m| m.id).collect::<Vec<_>>(), [a, b]);
    let other = tx
        .claim_mail(T0, T0.plus_seconds(200), 10, "node-2", "w2")
        .await
        .unwrap();
    assert_eq!(other.iter().map(|m| m.id).collect::<Vec<_>>(), [c]);
    // The busy worker renews its lease: the batch stays its own past the first lease's end.
    assert!(
        tx.mark_mail_sent(a, "w1", T0.plus_seconds(50))
            .await
            .unwrap()
    );
    assert_eq!(
        tx.renew_mail_lease("w1", T0.plus_seconds(110))
            .await
            .unwrap(),
        1
    );
    assert!(
        tx.claim_mail(
            T0.plus_seconds(70),
            T0.plus_seconds(130),
            10,
            "node-3",
            "w3"
        )
        .await
        .unwrap()
        .is_empty()
    );
    // node-1 dies and starts again: it lets go of its own leases, not of node-2's.
    assert_eq!(tx.release_mail_leases("node-1").await.unwrap(), 1);
    assert_eq!(tx.release_mail_leases("node-1").await.unwrap(), 0);
    let taken = tx
        .claim_mail(
            T0.plus_seconds(71),
            T0.plus_seconds(131),
            10,
            "node-1",
            "w4",
        )
        .await
        .unwrap();
    assert_eq!(taken.iter().map(|m| m.id).collect::<Vec<_>>(), [b]);
    assert!(
        !tx.mark_mail_sent(b, "w1", T0.plus_seconds(72))
            .await
            .unwrap()
    );
    assert_eq!(
        tx.renew_mail_lease("w1", T0.plus_seconds(200))
            .await
            .unwrap(),
        0
    );
    assert!(
        tx.mark_mail_sent(c, "w2", T0.plus_seconds(73))
            .await
            .unwrap()
    );
    assert_eq!(
        tx.release_mail_leases("node-2").await.unwrap(),
        0,
        "sent mail has no lease"
    );
    tx.commit().await.unwrap();
}

pub async fn failed_mail_is_retried_then_given_up_and_stays_visible(store: &dyn Store) {
    let mut tx = store.begin().await.unwrap();
    let id = tx.queue_mail(&mail("a@delinde.nl"), T0).await.unwrap();
    let claimed = tx
        .claim_mail(T0, T0.plus_seconds(60), 10, "node-w1", "w1")
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    tx.mark_mail_failed(id, "w1", "connection refused", Some(T0.plus_seconds(120)))
        .await
        .unwrap();
    assert!(
        tx.claim_mail(
            T0.plus_seconds(119),
            T0.plus_seconds(119).plus_seconds(60),
            10,
            "node-w1",
            "w1"
        )
        .await
        .unwrap()
        .is_empty()
    );
    let retry = tx
        .claim_mail(
            T0.plus_seconds(120),
            T0.plus_seconds(120).plus_seconds(60),
            10,
            "node-w2",
            "w2",
        )
        .await
        .unwrap();
    assert_eq!(retry.len(), 1);
    assert_eq!(retry[0].attempts, 1);
    assert_eq!(retry[0].last_error.as_deref(), Some("connection refused"));
    tx.mark_mail_failed(id, "w2", "mailbox unavailable", None)
        .await
        .unwrap();
    assert!(
        tx.claim_mail(
            T0.plus_seconds(10_000),
            T0.plus_seconds(10_000).plus_seconds(60),
            10,
            "node-w3",
            "w3"
        )
        .await
        .unwrap()
        .is_empty()
    );
    let kept = &tx.recent_mail(10).await.unwrap()[0];
    assert_eq!(kept.status, MailStatus::Failed);
    assert_eq!(kept.attempts, 2);
    assert_eq!(kept.last_error.as_deref(), Some("mailbox unavailable"));
}
