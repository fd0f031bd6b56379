//! The command line: subcommands and every setting, each also readable from a `BALIE_*`
//! environment variable or from a configuration file (`--config`, lines of `BALIE_X=value`).
//! A command-line flag wins over the environment, the environment over the file, the file over
//! the built-in default.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "balie",
    version,
    about = "Balie: customer portal and help desk"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub settings: Settings,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the portal (the default when no command is given).
    Serve {
        /// Load the Dutch demo data before serving.
        #[arg(long)]
        demo: bool,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Load the Dutch demo data and exit; with `--scale`, also generate volume for benchmarks
    /// (1.0 = 2,000 organisations, 20,000 contacts, 1,000,000 tickets, 5,000,000 comments).
    Demo {
        #[arg(long)]
        scale: Option<f64>,
    },
    /// Time the busiest pages and ticket creation on the current database (see BENCHMARKS.md).
    Bench {
        /// Timed requests a page.
        #[arg(long, default_value_t = 2_000)]
        requests: usize,
        /// Tickets to create for the creation rate.
        #[arg(long, default_value_t = 2_000)]
        creations: usize,
        /// Also load the portal over HTTP from 1 and 8 clients at once, pages and new requests
        /// through the form, and create this many tickets in a row from each.
        #[arg(long, num_args = 0..=1, default_missing_value = "20000")]
        load: Option<usize>,
        /// With `--load`: put this many mails in the outbox before creating in a row.
        #[arg(long, default_value_t = 0)]
        backlog: usize,
    },
    /// List the newest outgoing mails with their delivery state (sent, pending, failed).
    Outbox {
        #[arg(long, default_value_t = 20)]
        limit: i64,
    },
    /// Manage vendor administrators.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Manage agents.
    Agent {
        #[command(subcommand)]
        command: AgentCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum AgentCommand {
    /// Invite an agent and print (and mail) a one-time link to set the password.
    Invite {
        #[arg(long)]
        email: String,
        #[arg(long)]
        first_name: String,
        #[arg(long)]
        last_name: String,
        /// Make the agent an administrator.
        #[arg(long)]
        admin: bool,
        /// A group to work in, by name; may be given more than once.
        #[arg(long = "group")]
        groups: Vec<String>,
        /// Language of the invitation: nl or en.
        #[arg(long, default_value = "nl")]
        language: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create an administrator and print (and mail) a one-time link to set the password.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "")]
        first_name: String,
        #[arg(long, default_value = "")]
        last_name: String,
        /// Language of the invitation: nl or en.
        #[arg(long, default_value = "nl")]
        language: String,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PasswordPreset {
    /// At least 5 characters, not the e-mail address (the manual's rule).
    Manual,
    /// At least 12 characters and none of the most common passwords.
    Strong,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// A file of BALIE_*=value lines.
    #[arg(long, env = "BALIE_CONFIG", global = true)]
    pub config: Option<PathBuf>,
    /// Folder for the SQLite file, attachments and outgoing mail.
    #[arg(long, env = "BALIE_DATA_DIR", default_value = "./data", global = true)]
    pub data_dir: PathBuf,
    /// Address to listen on.
    #[arg(
        long,
        env = "BALIE_LISTEN",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub listen: String,
    /// Address users reach the portal at, for links in e-mails [default: http://<listen>].
    #[arg(long, env = "BALIE_BASE_URL", global = true)]
    pub base_url: Option<String>,
    /// This node's name among several on one database, stable across restarts; a node starting
    /// again takes back at once the mail its previous process was sending
    /// [default: <host name>/<listen>].
    #[arg(long, env = "BALIE_NODE_NAME", global = true)]
    pub node_name: Option<String>,
    /// Behind a reverse proxy: take the client's address from the last X-Forwarded-For entry.
    #[arg(long, env = "BALIE_TRUST_PROXY", global = true)]
    pub trust_proxy: bool,
    /// Let visitors submit a request with only an e-mail address, without an account.
    #[arg(long, env = "BALIE_ANONYMOUS_REQUESTS", global = true)]
    pub anonymous_requests: bool,
    /// Keep the knowledge base ("Artikelen") for signed-in people; by default visitors read it.
    #[arg(long, env = "BALIE_KB_PRIVATE", global = true)]
    pub kb_private: bool,
    /// postgres://... for PostgreSQL [default: SQLite in the data folder].
    #[arg(long, env = "BALIE_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// smtp://user:pass@host:587 or smtps://host [default: .eml files in <data>/mail].
    #[arg(long, env = "BALIE_SMTP_URL", global = true)]
    pub smtp_url: Option<String>,
    /// Sender of every e-mail.
    #[arg(
        long,
        env = "BALIE_MAIL_FROM",
        default_value = "Balie <noreply@balie.localhost>",
        global = true
    )]
    pub mail_from: String,
    /// E-mail of the first administrator, invited on the first start.
    #[arg(
        long,
        env = "BALIE_ADMIN_EMAIL",
        default_value = "admin@example.com",
        global = true
    )]
    pub admin_email: String,
    #[arg(
        long,
        env = "BALIE_PORTAL_NAME",
        default_value = "Balie Klantportaal",
        global = true
    )]
    pub portal_name: String,
    #[arg(
        long,
        env = "BALIE_VENDOR_NAME",
        default_value = "Balie",
        global = true
    )]
    pub vendor_name: String,
    #[arg(long, env = "BALIE_SUPPORT_PHONE", default_value = "", global = true)]
    pub support_phone: String,
    #[arg(long, env = "BALIE_SUPPORT_EMAIL", default_value = "", global = true)]
    pub support_email: String,
    #[arg(long, env = "BALIE_PRIVACY_TEXT", default_value = "", global = true)]
    pub privacy_text: String,
    /// Link to the remote-help tool ("hulp op afstand").
    #[arg(long, env = "BALIE_REMOTE_HELP_URL", default_value = "", global = true)]
    pub remote_help_url: String,
    #[arg(
        long,
        env = "BALIE_PASSWORD_POLICY",
        value_enum,
        default_value = "manual",
        global = true
    )]
    pub password_policy: PasswordPreset,
    /// Raise the minimum password length above the policy's.
    #[arg(long, env = "BALIE_PASSWORD_MIN_LENGTH", global = true)]
    pub password_min_length: Option<usize>,
    /// Failed sign-ins after which an account is blocked.
    #[arg(long, env = "BALIE_BLOCK_AFTER", default_value_t = 10, global = true)]
    pub block_after: u32,
    /// Hours a session lasts.
    #[arg(long, env = "BALIE_SESSION_HOURS", default_value_t = 12, global = true)]
    pub session_hours: i64,
    /// Days an invitation link stays valid.
    #[arg(
        long,
        env = "BALIE_INVITATION_DAYS",
        default_value_t = 7,
        global = true
    )]
    pub invitation_days: i64,
    /// The largest attachment accepted, in megabytes a file.
    #[arg(
        long,
        env = "BALIE_ATTACHMENT_MAX_MB",
        default_value_t = 20,
        global = true
    )]
    pub attachment_max_mb: usize,
    /// Days after which a solved ticket closes.
    #[arg(
        long,
        env = "BALIE_AUTO_CLOSE_DAYS",
        default_value_t = 7,
        global = true
    )]
    pub auto_close_days: i64,
    #[arg(
        long,
        env = "BALIE_LOG_FORMAT",
        value_enum,
        default_value = "text",
        global = true
    )]
    pub log_format: LogFormat,
}
