//! `balie bench --load`: the portal loaded the way its users load it. Keep-alive HTTP clients,
//! 1 and then 8 at once, ask each busy page and create tickets through the customer's multipart
//! form; then a sustained run creates tickets one after another and reports the rate of every
//! thousand. The outbox worker runs all the while and delivers every confirmation (to a
//! transport that builds each message and drops it), and nothing is left undelivered at the end.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use async_trait::async_trait;
use balie_app::App;
use balie_app::outbox::{Transport, build_message};
use balie_store::QueuedMail;

use super::{Client, report};

/// Builds every message, as a real delivery would, and drops it.
pub struct Discard;

#[async_trait]
impl Transport for Discard {
    async fn send(&self, mail: &QueuedMail, from: &str) -> Result<(), String> {
        build_message(mail, from)?.formatted();
        Ok(())
    }
}

/// What the load run needs: signed-in sessions and the pages to ask.
pub struct Load {
    pub addr: SocketAddr,
    pub customer: String,
    pub agent: String,
    pub customer_pages: Vec<(&'static str, Vec<String>)>,
    pub agent_pages: Vec<(&'static str, Vec<String>)>,
    /// The request form to post to, and its main category.
    pub form_key: String,
    pub category: balie_domain::CategoryId,
}

/// The times of `requests` requests spread over `clients` connections at once, and how long
/// they took together.
async fn concurrently(
    load: &Load,
    session: &str,
    clients: usize,
    requests: usize,
    step: impl Fn(usize) -> Request + Send + Sync + 'static,
) -> anyhow::Result<(Vec<Duration>, Duration)> {
    let step = Arc::new(step);
    let start = Instant::now();
    let mut tasks = vec![];
    for c in 0..clients {
        let mut client = Client::connect(load.addr, session).await?;
        let step = step.clone();
        let n = requests / clients;
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::with_capacity(n);
            for i in 0..n {
                let request = step(c * n + i);
                let began = Instant::now();
                let (status, _) = match &request {
                    Request::Get(path) => client.get(path).await?,
                    Request::Post(path, body) => client.post_multipart(path, body).await?,
                };
                times.push(began.elapsed());
                let expected = matches!(request, Request::Get(_))
                    .then_some(200)
                    .unwrap_or(303);
                if status != expected {
                    bail!("{} answered {status}", request.path());
                }
            }
            Ok(times)
        }));
    }
    let mut times = vec![];
    for task in tasks {
        times.extend(task.await??);
    }
    Ok((times, start.elapsed()))
}

/// One request of a load run.
pub enum Request {
    Get(String),
    Post(String, String),
}

impl Request {
    fn path(&self) -> &str {
        match self {
            Request::Get(p) | Request::Post(p, _) => p,
        }
    }
}

fn rate(name: &str, times: Vec<Duration>, took: Duration) {
    let per_second = times.len() as f64 / took.as_secs_f64();
    report(&format!("{name} ({per_second:.0}/s)"), times, 0);
}

/// A new request's multipart body, with the CSRF token the client's cookie carries.
fn creation_body(load: &Load, csrf: &str, i: usize) -> String {
    let b = super::BOUNDARY;
    let field = |name: &str, value: &str| {
        format!("--{b}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
    };
    let mut body = field("csrf", csrf);
    body.push_str(&field(
        "subject",
        &format!("Belasting {i}: agenda laadt niet"),
    ));
    body.push_str(&field("description", "Aangemaakt door balie bench --load."));
    body.push_str(&field("category", &load.category.to_string()));
    body.push_str(&format!("--{b}--\r\n"));
    body
}

/// Every page from 1 and from 8 clients, then creation through the form from 1 and 8.
pub async fn pages_and_creation(load: &Load, requests: usize) -> anyhow::Result<()> {
    for clients in [1, 8] {
        println!("-- {clients} client(s) at once, keep-alive");
        for (who, session, pages) in [
            ("customer", &load.customer, &load.customer_pages),
            ("agent", &load.agent, &load.agent_pages),
        ] {
            for (name, paths) in pages {
                let paths = paths.clone();
                let (times, took) = concurrently(load, session, clients, requests, move |i| {
                    Request::Get(paths[i % paths.len()].clone())
                })
                .await?;
                rate(&format!("{who}: {name}"), times, took);
            }
        }
        let (times, took) = create(load, clients, requests.min(2_000)).await?;
        rate("customer: new request (multipart)", times, took);
    }
    Ok(())
}

async fn create(
    load: &Load,
    clients: usize,
    count: usize,
) -> anyhow::Result<(Vec<Duration>, Duration)> {
    let csrf = balie_app::secret::new_token();
    let session = format!("{}; balie_csrf={csrf}", load.customer);
    let action = format!("/support/new/{}", load.form_key);
    let bodies: Arc<Vec<String>> =
        Arc::new((0..count).map(|i| creation_body(load, &csrf, i)).collect());
    concurrently(load, &session, clients, count, move |i| {
        Request::Post(action.clone(), bodies[i].clone())
    })
    .await
}

/// Creates `count` tickets in a row through the form from `clients` at once and reports every
/// thousand: the rate, p99 and the slowest, so decay shows.
pub async fn sustained(app: &App, load: &Load, clients: usize, count: usize) -> anyhow::Result<()> {
    println!("-- sustained: {count} new requests from {clients} client(s)");
    let mut all = vec![];
    let mut first_rate = None;
    let chunk = 1_000.min(count.max(1));
    for k in 0..count.div_ceil(chunk) {
        let (times, took) = create(load, clients, chunk).await?;
        let per_second = times.len() as f64 / took.as_secs_f64();
        let first = *first_rate.get_or_insert(per_second);
        let pending = app.pending_mail().await?;
        report(
            &format!(
                "  {}-{}: {per_second:.0}/s ({:.0} %), {pending} mails waiting",
                k * chunk + 1,
                (k + 1) * chunk,
                100.0 * per_second / first
            ),
            times.clone(),
            0,
        );
        all.extend(times);
    }
    report("  all of them", all, 0);
    Ok(())
}

/// Puts `count` mails in the outbox at once, as a portal that could not send for a while would
/// have: the runs after it show whether a backlog slows the portal while the worker drains it.
pub async fn backlog(app: &App, count: usize) -> anyhow::Result<()> {
    app.queue_backlog(count).await?;
    println!("-- {count} mails put in the outbox");
    Ok(())
}

/// Delivers what the worker has not yet, so the database is left with no mail waiting. The
/// worker was stopped, perhaps with a batch in hand: its leases are taken back first.
pub async fn drain(app: &App) -> anyhow::Result<usize> {
    app.take_back_mail_leases().await?;
    let mut delivered = 0;
    loop {
        let done = app.deliver_due_mail(&Discard).await?;
        delivered += done.sent + done.failed;
        if done.sent + done.failed == 0 {
            break;
        }
    }
    let left = app.pending_mail().await?;
    if left > 0 {
        bail!("{left} mails still waiting after the bench");
    }
    Ok(delivered)
}

/// The main category the bench's requests use.
pub fn category(
    categories: &[balie_domain::TicketCategory],
) -> anyhow::Result<balie_domain::CategoryId> {
    categories.first().map(|c| c.id).context("a main category")
}
