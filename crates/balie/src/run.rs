//! What each command does.

use std::sync::Arc;

use anyhow::Context;
use balie_app::App;
use balie_app::accounts::FirstAdmin;
use balie_app::blobs::FolderBlobs;
use balie_app::demo::{DEMO_PASSWORD, DEMO_PEOPLE};
use balie_app::outbox::{EmlFolder, SmtpTransport, Transport};
use balie_domain::{EmailAddress, Language, SystemClock};
use balie_web::AppState;

use crate::cli::{AdminCommand, AgentCommand, Cli, Command};

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let demo = matches!(
        cli.command,
        Some(Command::Serve { demo: true } | Command::Demo { .. })
    );
    let settings = &if demo {
        cli.settings.clone().with_demo_support()
    } else {
        cli.settings.clone()
    };
    std::fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("creating data folder {}", settings.data_dir.display()))?;
    let store = balie_store::open(&settings.database_url())
        .await
        .context("opening the database")?;
    store.migrate().await.context("migrating the database")?;
    let app = Arc::new(App::new(
        store,
        settings.app_config(),
        Arc::new(SystemClock),
        Arc::new(FolderBlobs::new(settings.attachments_dir())),
    )?);
    app.record_vendor(&settings.vendor_name).await?;
    match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Migrate => {
            println!("Database is up to date.");
            Ok(())
        }
        Command::Outbox { limit } => print_outbox(&app, limit).await,
        Command::Demo { scale } => {
            load_demo(&app).await?;
            if let Some(scale) = scale {
                generate(&app, scale).await?;
            }
            deliver_now(&app, settings).await
        }
        Command::Bench {
            requests,
            creations,
            load,
            backlog,
        } => {
            let options = crate::bench::Options {
                requests: requests.max(10),
                creations,
                load,
                backlog,
            };
            crate::bench::run(app, options).await
        }
        Command::Admin {
            command:
                AdminCommand::Create {
                    email,
                    first_name,
                    last_name,
                    language,
                },
        } => {
            let email =
                EmailAddress::parse(&email).map_err(|e| anyhow::anyhow!("{}: {email}", e.key))?;
            let language = Language::from_code(&language).unwrap_or_default();
            let invitation = app
                .create_admin(email, &first_name, &last_name, language)
                .await?;
            println!(
                "Administrator {} created.",
                invitation
                    .user
                    .email
                    .map(|e| e.to_string())
                    .unwrap_or_default()
            );
            println!("One-time link to set the password: {}", invitation.link);
            deliver_now(&app, settings).await
        }
        Command::Agent {
            command:
                AgentCommand::Invite {
                    email,
                    first_name,
                    last_name,
                    admin,
                    groups,
                    language,
                },
        } => {
            let known = app.group_names().await?;
            let groups = groups
                .iter()
                .map(|name| {
                    known
                        .iter()
                        .find(|(_, n)| n.eq_ignore_ascii_case(name.trim()))
                        .map(|(id, _)| *id)
                        .ok_or_else(|| anyhow::anyhow!("no group named {name}"))
                })
                .collect::<anyhow::Result<_>>()?;
            let new = balie_app::accounts::NewAgent {
                first_name,
                last_name,
                email,
                admin,
                groups,
                language: Language::from_code(&language).unwrap_or_default(),
            };
            let invitation = app
                .invite_agent(None, &new)
                .await
                .map_err(|e| anyhow::anyhow!("{}", refusal(&app, &e)))?;
            println!("Agent {} invited.", invitation.user.display_name());
            println!("One-time link to set the password: {}", invitation.link);
            deliver_now(&app, settings).await
        }
        Command::Serve { demo } => serve(app, settings, demo).await,
    }
}

/// A use case's refusal as a line for the console, in English.
fn refusal(app: &App, e: &balie_app::AppError) -> String {
    match e {
        balie_app::AppError::Invalid(d) => d
            .clone()
            .into_each()
            .iter()
            .map(|one| {
                let field = one.field.unwrap_or("input");
                format!("{field}: {}", app.i18n().format(Language::En, one.key, &[]))
            })
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

async fn load_demo(app: &App) -> anyhow::Result<()> {
    if let Some(loaded) = app.load_demo().await? {
        println!(
            "Demo data loaded. Every demo account signs in with the password '{DEMO_PASSWORD}':"
        );
        for (email, first, last, role) in DEMO_PEOPLE {
            println!("  {email:<32} {first} {last} ({})", role.describe());
        }
        println!(
            "Open this one-time link to accept the invited contact's invitation: {}",
            loaded.invitation_link
        );
    } else {
        println!("Demo data is already there.");
    }
    Ok(())
}

async fn generate(app: &App, scale: f64) -> anyhow::Result<()> {
    if !(scale > 0.0 && scale <= 10.0) {
        anyhow::bail!("--scale must be above 0 and at most 10");
    }
    let volume = balie_app::demo::volume::Volume::at_scale(scale);
    println!(
        "Generating {} organisations, {} contacts, {} tickets with {} comments ...",
        volume.organisations,
        volume.organisations * volume.contacts_per_org,
        volume.tickets,
        volume.tickets * volume.comments_per_ticket
    );
    let start = std::time::Instant::now();
    let step = (volume.tickets / 20).max(1);
    let progress = move |what: &str, n: usize| {
        if what == "tickets" && n % step < 5_000 || n == volume.tickets {
            println!("  {n} {what} ({:.0} s)", start.elapsed().as_secs_f64());
        }
    };
    app.generate_volume(&volume, &progress).await?;
    println!("Done in {:.0} s.", start.elapsed().as_secs_f64());
    Ok(())
}

async fn print_outbox(app: &App, limit: i64) -> anyhow::Result<()> {
    let mails = app.recent_mail(limit).await?;
    if mails.is_empty() {
        println!("The outbox is empty.");
    }
    for m in mails {
        println!(
            "#{:<6} {:<8} attempts {:<2} {:<32} {}{}",
            m.id,
            m.status.as_str(),
            m.attempts,
            m.mail.to_address,
            m.mail.subject,
            m.last_error
                .map(|e| format!("  [last error: {e}]"))
                .unwrap_or_default()
        );
    }
    Ok(())
}

fn transport(settings: &crate::cli::Settings) -> anyhow::Result<Arc<dyn Transport>> {
    Ok(match &settings.smtp_url {
        Some(url) if !url.is_empty() => {
            Arc::new(SmtpTransport::from_url(url).map_err(anyhow::Error::msg)?)
        }
        _ => Arc::new(EmlFolder::new(settings.mail_dir())),
    })
}

/// One delivery round, for commands that queue mail and exit.
async fn deliver_now(app: &App, settings: &crate::cli::Settings) -> anyhow::Result<()> {
    let transport = transport(settings)?;
    app.deliver_due_mail(&*transport).await?;
    Ok(())
}

async fn serve(app: Arc<App>, settings: &crate::cli::Settings, demo: bool) -> anyhow::Result<()> {
    std::fs::create_dir_all(settings.attachments_dir())?;
    std::fs::create_dir_all(settings.mail_dir())?;
    let admin = EmailAddress::parse(&settings.admin_email)
        .map_err(|e| anyhow::anyhow!("BALIE_ADMIN_EMAIL: {}", e.key))?;
    if let FirstAdmin::Invited(invitation) = app.ensure_first_admin(admin).await? {
        println!(
            "First start: an administrator account was created for {}.",
            settings.admin_email
        );
        println!(
            "Open this one-time link to set its password: {}",
            invitation.link
        );
    }
    if demo {
        load_demo(&app).await?;
    }
    let transport = transport(settings)?;
    // The address first: a second process of this node fails here, before its mail worker
    // takes back the leases of the process that is still running.
    let listener = tokio::net::TcpListener::bind(&settings.listen)
        .await
        .with_context(|| format!("listening on {}", settings.listen))?;
    let mail_worker = tokio::spawn(app.clone().run_mail_worker(transport));
    tokio::spawn(app.clone().run_housekeeping());
    app.refresh_kb_index().await?;
    tokio::spawn(app.clone().run_kb_index_refresh());
    println!(
        "Balie is running at {} (listening on {}).",
        settings.base_url(),
        settings.listen
    );
    if settings.smtp_url.is_none() {
        println!(
            "Outgoing mail is written to {}.",
            settings.mail_dir().display()
        );
    }
    let state = AppState::with_proxy(app.clone(), settings.trust_proxy);
    // On shutdown the mail worker stops first: a process starting in its place takes back its
    // leases, and this one must not send on while pages are still being answered.
    let stopping = async move {
        shutdown_signal().await;
        mail_worker.abort();
    };
    balie_web::serve(listener, state, stopping).await?;
    app.close().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
