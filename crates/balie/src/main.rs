//! The `balie` binary: reads the configuration, opens the store and runs a command.

mod bench;
mod cli;
mod config_file;
mod run;
mod settings;

use clap::{CommandFactory, FromArgMatches};

use cli::{Cli, LogFormat};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let mut command = Cli::command();
    if let Some(path) = config_file::requested_path(&args) {
        let pairs = config_file::read(&path)?;
        command = config_file::apply(command, &pairs, &path)?;
    }
    let cli = Cli::from_arg_matches(&command.get_matches_from(args))?;
    init_logging(cli.settings.log_format);
    run::run(cli).await
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("BALIE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}
