//! The outbox when its worker dies mid-batch (as under `kill -9`): the batch is not held back
//! until the lease runs out when the same node starts again, every mail goes out, and only those
//! of the batch in hand that the server had accepted go out twice, each with the same
//! Message-ID so mail programs show it once.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use balie_app::outbox::{LEASE_SECS, Transport, build_message};
use balie_app::{App, QueuedMail};
use balie_domain::{Language, Timestamp};
use balie_store::NewMail;

use super::support::{TestApp, test_config};

/// A mail server that accepts everything and notes what it got and when; after `die_after`
/// accepted mails it never answers again, as a worker that died while waiting would see it.
struct Server {
    clock: Arc<dyn balie_domain::Clock>,
    got: Mutex<Vec<(balie_domain::MailId, String, Timestamp)>>,
    die_after: Option<usize>,
}

#[async_trait]
impl Transport for Server {
    async fn send(&self, mail: &QueuedMail, from: &str) -> Result<(), String> {
        let message = String::from_utf8(build_message(mail, from)?.formatted()).unwrap();
        let message_id = message
            .lines()
            .find_map(|l| l.strip_prefix("Message-ID: "))
            .unwrap()
            .to_string();
        let accepted = {
            let mut got = self.got.lock().unwrap();
            got.push((mail.id, message_id, self.clock.now()));
            got.len()
        };
        if self.die_after.is_some_and(|n| accepted >= n) {
            std::future::pending::<()>().await;
        }
        Ok(())
    }
}

fn server(app: &App, die_after: Option<usize>) -> Arc<Server> {
    Arc::new(Server {
        clock: app.clock(),
        got: Mutex::new(vec![]),
        die_after,
    })
}

/// The same database and clock as `t`, as another process of the node named `node` would have.
fn process(t: &TestApp, node: &str) -> App {
    let config = balie_app::AppConfig {
        node_name: node.into(),
        base_url: t.base.clone(),
        ..test_config()
    };
    let blobs = Arc::new(balie_app::blobs::FolderBlobs::new(t.data_dir().join("a")));
    App::new(t.store.clone(), config, t.app.clock(), blobs).unwrap()
}

/// Queues `count` mails in the shared database, as `app` would.
async fn queue(t: &TestApp, app: &App, count: usize) -> Vec<balie_domain::MailId> {
    let mut tx = t.store.begin().await.unwrap();
    let mut ids = vec![];
    for i in 0..count {
        let mail = NewMail {
            to_address: format!("klant{i}@delinde.nl"),
            to_name: String::new(),
            subject: format!("Ticket {i}"),
            text_body: "Ontvangen.".into(),
            html_body: "<p>Ontvangen.</p>".into(),
            message_id: format!("<m{i}.{}@balie.test>", rand::random::<u32>()),
            language: Language::Nl,
        };
        ids.push(tx.queue_mail(&mail, app.now()).await.unwrap());
    }
    tx.commit().await.unwrap();
    ids
}

#[tokio::test]
async fn a_worker_killed_mid_batch_loses_nothing_and_its_restart_sends_at_once() {
    let t = TestApp::start().await;
    let first = Arc::new(process(&t, "node-a"));
    let ids = queue(&t, &first, 25).await;

    // The worker dies while the 23rd mail is with the server: the first batch of twenty was
    // recorded; of the second, three were accepted and none recorded yet.
    let dying = server(&first, Some(23));
    let worker = {
        let (app, transport) = (first.clone(), dying.clone());
        tokio::spawn(async move { app.deliver_due_mail(&*transport).await })
    };
    while dying.got.lock().unwrap().len() < 23 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    worker.abort();
    let _ = worker.await;
    let before: Vec<_> = dying.got.lock().unwrap().clone();
    assert_eq!(before.iter().map(|g| g.0).collect::<Vec<_>>(), ids[..23]);

    // Another node leaves the dead worker's batch alone while its lease runs.
    let other = process(&t, "node-b");
    let bystander = server(&other, None);
    other.deliver_due_mail(&*bystander).await.unwrap();
    assert!(bystander.got.lock().unwrap().is_empty());

    // The same node starts again: at once, without the clock moving, it sends the rest.
    let restarted = process(&t, "node-a");
    let took_back = restarted.take_back_mail_leases().await.unwrap();
    assert_eq!(took_back, 5, "the batch in hand");
    let after = server(&restarted, None);
    let done = restarted.deliver_due_mail(&*after).await.unwrap();
    assert_eq!(done.sent, 5);
    let after: Vec<_> = after.got.lock().unwrap().clone();
    assert_eq!(after.iter().map(|g| g.0).collect::<Vec<_>>(), ids[20..]);
    let started = before[0].2;
    assert!(
        after.iter().all(|g| g.2 == started),
        "none waited for a lease"
    );

    // Each mail went out once, but those of the batch in hand the server had accepted, which
    // went twice, each with one Message-ID.
    for (i, id) in ids.iter().enumerate() {
        let sends: Vec<_> = before.iter().chain(&after).filter(|g| g.0 == *id).collect();
        let expected = if (20..23).contains(&i) { 2 } else { 1 };
        assert_eq!(sends.len(), expected, "mail {id}");
        assert!(
            sends.iter().all(|g| g.1 == sends[0].1),
            "one Message-ID for mail {id}"
        );
    }
    let mut tx = t.store.read().await.unwrap();
    let pending = tx.recent_mail(20).await.unwrap();
    assert!(
        pending
            .iter()
            .all(|m| m.status == balie_store::MailStatus::Sent)
    );
}

#[tokio::test]
async fn a_dead_nodes_batch_goes_to_another_node_when_its_short_lease_ends() {
    let t = TestApp::start().await;
    let first = Arc::new(process(&t, "node-a"));
    let ids = queue(&t, &first, 4).await;
    let dying = server(&first, Some(1));
    let worker = {
        let (app, transport) = (first.clone(), dying.clone());
        tokio::spawn(async move { app.deliver_due_mail(&*transport).await })
    };
    while dying.got.lock().unwrap().is_empty() {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    worker.abort();
    let _ = worker.await;

    // node-a never comes back; node-b takes over once the lease of one minute has passed.
    let other = process(&t, "node-b");
    let waiting = server(&other, None);
    t.clock.advance(LEASE_SECS - 1);
    other.deliver_due_mail(&*waiting).await.unwrap();
    assert!(waiting.got.lock().unwrap().is_empty());
    t.clock.advance(1);
    assert_eq!(other.deliver_due_mail(&*waiting).await.unwrap().sent, 4);
    assert_eq!(
        waiting
            .got
            .lock()
            .unwrap()
            .iter()
            .map(|g| g.0)
            .collect::<Vec<_>>(),
        ids
    );
}

#[tokio::test]
async fn a_slow_batch_keeps_its_lease_while_it_is_being_sent() {
    let t = TestApp::start().await;
    let app = process(&t, "node-a");
    queue(&t, &app, 5).await;
    // Every mail takes the server most of a lease: the batch takes four leases in all.
    struct Slow {
        clock: balie_domain::ManualClock,
        store: Arc<dyn balie_store::Store>,
        other: App,
        stolen: Mutex<usize>,
    }
    #[async_trait]
    impl Transport for Slow {
        async fn send(&self, _: &QueuedMail, _: &str) -> Result<(), String> {
            self.clock.advance(LEASE_SECS - 5);
            let mut tx = self.store.begin().await.unwrap();
            let now = self.other.now();
            let taken = tx
                .claim_mail(now, now.plus_seconds(LEASE_SECS), 10, "node-b", "thief")
                .await
                .unwrap();
            tx.commit().await.unwrap();
            *self.stolen.lock().unwrap() += taken.len();
            Ok(())
        }
    }
    let slow = Slow {
        clock: t.clock.clone(),
        store: t.store.clone(),
        other: process(&t, "node-b"),
        stolen: Mutex::new(0),
    };
    assert_eq!(app.deliver_due_mail(&slow).await.unwrap().sent, 5);
    assert_eq!(
        *slow.stolen.lock().unwrap(),
        0,
        "no mail of the batch was taken over"
    );
}

#[tokio::test]
async fn a_worker_that_lost_its_lease_stops_its_batch() {
    let t = TestApp::start().await;
    let app = process(&t, "node-a");
    queue(&t, &app, 4).await;
    // The first mail hangs past the lease; meanwhile node-b claims what is pending.
    struct Stalled {
        clock: balie_domain::ManualClock,
        store: Arc<dyn balie_store::Store>,
        other: App,
        sent: Mutex<usize>,
        taken: Mutex<Vec<QueuedMail>>,
    }
    #[async_trait]
    impl Transport for Stalled {
        async fn send(&self, _: &QueuedMail, _: &str) -> Result<(), String> {
            *self.sent.lock().unwrap() += 1;
            if self.taken.lock().unwrap().is_empty() {
                self.clock.advance(LEASE_SECS + 1);
                let mut tx = self.store.begin().await.unwrap();
                let now = self.other.now();
                let taken = tx
                    .claim_mail(now, now.plus_seconds(LEASE_SECS), 10, "node-b", "b")
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
                *self.taken.lock().unwrap() = taken;
            }
            Ok(())
        }
    }
    let stalled = Stalled {
        clock: t.clock.clone(),
        store: t.store.clone(),
        other: process(&t, "node-b"),
        sent: Mutex::new(0),
        taken: Mutex::new(vec![]),
    };
    app.deliver_due_mail(&stalled).await.unwrap();
    assert_eq!(
        *stalled.sent.lock().unwrap(),
        1,
        "the rest of the batch is node-b's now"
    );
    assert_eq!(stalled.taken.lock().unwrap().len(), 4);
}
