//! `balie bench`: figures for the pages that must stay fast on a large database. It serves the
//! portal on a free local port, signs in a generated Beheerder and a demo agent, and times one
//! client asking the customer's "Alle aanvragen", ticket pages and the agent's "unassigned" view
//! over keep-alive HTTP, and the knowledge base's search (see `kb`); with `--load`, the
//! portal under load from several clients (see `load`); then it times creating tickets
//! through the use case, from one client and from four. The outbox worker delivers every mail
//! the bench causes. Run it on data from `balie demo --scale N`.

mod kb;
mod load;

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use balie_app::App;
use balie_app::accounts::{Portal, SignInAttempt};
use balie_app::demo::DEMO_PASSWORD;
use balie_app::demo::volume::beheerder_email;
use balie_app::tickets::{ListFilter, Submission, TicketList};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// The boundary of the multipart bodies the bench posts.
pub const BOUNDARY: &str = "balie-bench-boundary";

/// One keep-alive HTTP/1.1 connection that sends requests with a session cookie.
pub struct Client {
    stream: BufReader<TcpStream>,
    cookie: String,
}

impl Client {
    /// A connection whose requests carry `session` (and, after a `;`, any further cookies).
    pub async fn connect(addr: std::net::SocketAddr, session: &str) -> anyhow::Result<Client> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Client {
            stream: BufReader::new(stream),
            cookie: format!("balie_session={session}"),
        })
    }

    /// The status and body length of `GET path`.
    pub async fn get(&mut self, path: &str) -> anyhow::Result<(u16, usize)> {
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: bench\r\nCookie: {}\r\nAccept-Language: nl\r\n\r\n",
            self.cookie
        );
        self.stream.get_mut().write_all(request.as_bytes()).await?;
        self.response().await
    }

    /// The status and body length of posting a multipart form (see [`BOUNDARY`]).
    pub async fn post_multipart(&mut self, path: &str, body: &str) -> anyhow::Result<(u16, usize)> {
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: bench\r\nCookie: {}\r\nAccept-Language: nl\r\n\
             Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {}\r\n\r\n{body}",
            self.cookie,
            body.len()
        );
        self.stream.get_mut().write_all(request.as_bytes()).await?;
        self.response().await
    }

    async fn response(&mut self) -> anyhow::Result<(u16, usize)> {
        let mut line = String::new();
        self.stream.read_line(&mut line).await?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .context("a status line")?;
        let mut length = 0;
        loop {
            line.clear();
            self.stream.read_line(&mut line).await?;
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse()?;
            }
        }
        let mut body = vec![0; length];
        self.stream.read_exact(&mut body).await?;
        Ok((status, length))
    }
}

/// Percentiles of one measured page.
pub fn report(name: &str, mut times: Vec<Duration>, bytes: usize) {
    times.sort();
    let at = |p: f64| times[((times.len() as f64 * p).ceil() as usize).clamp(1, times.len()) - 1];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<34} n={:<5} p50 {:>6.2} ms  p95 {:>6.2} ms  p99 {:>6.2} ms  max {:>6.2} ms  ({} kB)",
        times.len(),
        ms(at(0.50)),
        ms(at(0.95)),
        ms(at(0.99)),
        ms(at(1.0)),
        bytes / 1024
    );
}

pub async fn measure(
    client: &mut Client,
    name: &str,
    paths: &[String],
    requests: usize,
) -> anyhow::Result<()> {
    // Warm the caches (SQLite's pages, prepared statements) before timing.
    for path in paths.iter().cycle().take(requests / 10 + 10) {
        client.get(path).await?;
    }
    let mut times = Vec::with_capacity(requests);
    let mut bytes = 0;
    for path in paths.iter().cycle().take(requests) {
        let start = Instant::now();
        let (status, length) = client.get(path).await?;
        times.push(start.elapsed());
        if status != 200 {
            bail!("{path} answered {status}");
        }
        bytes = length;
    }
    report(name, times, bytes);
    Ok(())
}

/// What `balie bench` runs besides the single-client timings.
pub struct Options {
    pub requests: usize,
    pub creations: usize,
    /// The HTTP load run (see `load`), with this many tickets created in a row.
    pub load: Option<usize>,
    /// Mails put in the outbox before the sustained runs.
    pub backlog: usize,
}

pub async fn run(app: Arc<App>, options: Options) -> anyhow::Result<()> {
    let Options {
        requests,
        creations,
        load,
        backlog,
    } = options;
    // The worker delivers every confirmation the bench causes, as on a serving portal.
    let worker = tokio::spawn(app.clone().run_mail_worker(Arc::new(load::Discard)));
    let attempt = |portal, email| SignInAttempt {
        portal,
        email,
        password: DEMO_PASSWORD,
        client: "bench",
        device: None,
        language: None,
    };
    let beheerder = beheerder_email(1);
    let customer = app
        .sign_in(attempt(Portal::Customer, &beheerder))
        .await
        .context("signing in the Beheerder of generated organisation 1 (run `balie demo --scale N` first)")?;
    let agent = app
        .sign_in(attempt(Portal::Agent, "sanne@balie.example"))
        .await
        .context("signing in the demo agent")?;
    let actor = customer.user.actor();
    let all = app
        .ticket_list(&actor, TicketList::All, &ListFilter::default())
        .await?;
    println!(
        "Organisation 1 of the generated data; tickets in the database: {}",
        app.count_all_tickets().await?
    );
    let ticket_paths: Vec<String> = all
        .tickets
        .iter()
        .map(|t| format!("/tickets/{}", t.number.0))
        .collect();
    if ticket_paths.is_empty() {
        bail!("organisation 1 has no tickets: generate data first");
    }

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let state = balie_web::AppState::new(app.clone());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(balie_web::serve(listener, state, async {
        let _ = stopped.await;
    }));

    let mut c = Client::connect(addr, &customer.session_token).await?;
    measure(
        &mut c,
        "customer: Alle aanvragen",
        &["/support?list=all".into()],
        requests,
    )
    .await?;
    measure(&mut c, "customer: ticket page", &ticket_paths, requests).await?;
    let mut a = Client::connect(addr, &agent.session_token).await?;
    let unassigned = ["/agent/tickets?view=unassigned".to_string()];
    measure(
        &mut a,
        "agent: unassigned in my groups",
        &unassigned,
        requests,
    )
    .await?;
    let numbers: Vec<String> = all
        .tickets
        .iter()
        .map(|t| format!("/agent/tickets?q=%23{}", t.number.0))
        .collect();
    measure(&mut a, "agent: search by number", &numbers, requests).await?;
    let words = ["/agent/tickets?q=wachtwoord".to_string()];
    measure(&mut a, "agent: search words (common)", &words, requests).await?;
    // Words only messages have: a common one ("handleiding", in about one message in ten), two
    // in one answer, and the customer's list searched by a word of the conversation.
    let message = ["/agent/tickets?q=handleiding".to_string()];
    measure(&mut a, "agent: search a message word", &message, requests).await?;
    let two = ["/agent/tickets?q=schermafdruk+foutmelding".to_string()];
    measure(&mut a, "agent: search two words", &two, requests).await?;
    let own = ["/support?list=all&q=schermafdruk".to_string()];
    measure(&mut c, "customer: search the conversations", &own, requests).await?;
    // A word of one message among millions (the demo's own ticket about a collective invoice).
    let one = ["/agent/tickets?q=consulten".to_string()];
    measure(&mut a, "agent: search a rare word", &one, requests).await?;
    // A word nothing has: the worst case for a scan, asked fewer times.
    let rare = ["/agent/tickets?q=onvindbaar".to_string()];
    let few = (requests / 100).max(10);
    measure(&mut a, "agent: search words (no match)", &rare, few).await?;
    kb::over_http(&app, &mut c, requests).await?;
    kb::in_process(requests.max(1_000));
    if let Some(sustained) = load {
        let agent_ticket_paths = all
            .tickets
            .iter()
            .map(|t| format!("/agent/tickets/{}", t.number.0))
            .collect();
        let form = app.ticket_forms().await?;
        let load = load::Load {
            addr,
            customer: customer.session_token.clone(),
            agent: agent.session_token.clone(),
            customer_pages: vec![
                ("Alle aanvragen", vec!["/support?list=all".into()]),
                ("ticket page", ticket_paths.clone()),
            ],
            agent_pages: vec![
                ("unassigned in my groups", unassigned.to_vec()),
                ("ticket page", agent_ticket_paths),
                ("search words (common)", words.to_vec()),
            ],
            form_key: form
                .iter()
                .find(|f| f.offered)
                .map(|f| f.key.clone())
                .context("a ticket form")?,
            category: load::category(&app.ticket_categories().await?)?,
        };
        load::pages_and_creation(&load, requests).await?;
        if backlog > 0 {
            load::backlog(&app, backlog).await?;
        }
        for clients in [1, 8] {
            load::sustained(&app, &load, clients, sustained).await?;
        }
    }
    let _ = stop.send(());
    server.await??;

    let forms = app.ticket_forms().await?;
    let categories = app.ticket_categories().await?;
    let submission = Submission {
        form: forms.first().map(|f| f.id).context("a ticket form")?,
        category: categories.first().map(|c| c.id),
        subject: "Benchmark: agenda laadt niet".into(),
        description: "Aangemaakt door balie bench.".into(),
        ccs: vec![],
        attachments: vec![],
        fields: vec![],
    };
    for clients in [1usize, 4] {
        let start = Instant::now();
        let mut tasks = vec![];
        for _ in 0..clients {
            let (app, actor, submission) = (app.clone(), actor, submission.clone());
            let n = creations / clients;
            tasks.push(tokio::spawn(async move {
                for _ in 0..n {
                    app.submit_ticket(&actor, &submission).await?;
                }
                Ok::<_, balie_app::AppError>(())
            }));
        }
        for task in tasks {
            task.await??;
        }
        let secs = start.elapsed().as_secs_f64();
        let made = creations / clients * clients;
        println!(
            "{:<34} {made} tickets in {secs:.2} s = {:.0} tickets/s",
            format!("ticket creation, {clients} client(s)"),
            made as f64 / secs
        );
    }
    worker.abort();
    let _ = worker.await;
    let delivered = load::drain(&app).await?;
    println!(
        "{:<34} {delivered} delivered after the runs, none left waiting",
        "outbox"
    );
    if let Some(peak) = peak_memory() {
        println!("{:<34} {peak}", "peak memory of the process");
    }
    Ok(())
}

/// The process's peak resident memory as Linux reports it (`VmHWM`), where it does.
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.trim_start_matches("VmHWM:").trim().to_string())
}
