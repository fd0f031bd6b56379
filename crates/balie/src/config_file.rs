//! The optional configuration file: `BALIE_NAME=value` lines, `#` comments. Its values become the
//! defaults of the matching options, so the environment and flags still win over it.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Command;

/// The file named by `--config FILE`, `--config=FILE` or `BALIE_CONFIG`, if any.
pub fn requested_path(args: &[String]) -> Option<PathBuf> {
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == "--config" {
            return iter.next().map(PathBuf::from);
        }
        if let Some(path) = arg.strip_prefix("--config=") {
            return Some(PathBuf::from(path));
        }
    }
    std::env::var_os("BALIE_CONFIG").map(PathBuf::from)
}

/// Reads `KEY=value` pairs; quotes around a value are dropped.
pub fn read(path: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading configuration file {}", path.display()))?;
    let mut pairs = vec![];
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            bail!("{}:{}: expected BALIE_NAME=value", path.display(), n + 1);
        };
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(value);
        pairs.push((key.trim().to_string(), value.to_string()));
    }
    Ok(pairs)
}

/// Makes each pair the default of the option read from that environment variable.
pub fn apply(
    mut command: Command,
    pairs: &[(String, String)],
    path: &Path,
) -> anyhow::Result<Command> {
    for (key, value) in pairs {
        let id = command
            .get_arguments()
            .find(|a| a.get_env().is_some_and(|e| e == key.as_str()))
            .map(|a| a.get_id().clone());
        let Some(id) = id else {
            bail!("{}: unknown setting {key}", path.display());
        };
        let value = value.clone();
        command = command.mut_arg(id, |a| a.default_value(value));
    }
    Ok(command)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::{CommandFactory, FromArgMatches};

    #[test]
    fn file_values_become_defaults_that_flags_override() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("balie.conf");
        std::fs::write(
            &path,
            "# demo\nBALIE_PORTAL_NAME=\"Zorgsoft Portaal\"\nBALIE_BLOCK_AFTER=3\n",
        )
        .unwrap();
        let pairs = read(&path).unwrap();
        let command = apply(Cli::command(), &pairs, &path).unwrap();
        let matches = command
            .try_get_matches_from(["balie", "--block-after", "5"])
            .unwrap();
        let cli = Cli::from_arg_matches(&matches).unwrap();
        assert_eq!(cli.settings.portal_name, "Zorgsoft Portaal");
        assert_eq!(cli.settings.block_after, 5);
    }

    #[test]
    fn unknown_settings_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("balie.conf");
        std::fs::write(&path, "BALIE_NOPE=1\n").unwrap();
        let pairs = read(&path).unwrap();
        assert!(apply(Cli::command(), &pairs, &path).is_err());
    }

    #[test]
    fn finds_the_config_flag() {
        let args: Vec<String> = ["balie", "serve", "--config=/etc/balie.conf"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            requested_path(&args),
            Some(PathBuf::from("/etc/balie.conf"))
        );
    }
}
