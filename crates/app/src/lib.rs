//! Balie's use cases. Each one opens a transaction, makes its change, queues its e-mails in the
//! outbox and writes its audit entry, then commits: all of it happens, or none of it.

pub mod accounts;
mod app;
mod audit;
pub mod billing;
pub mod blobs;
pub mod config;
/// Demo data and generated volume for benchmarks, kept out of the portal's own code paths.
#[cfg(feature = "demo")]
pub mod demo;
mod error;
mod guard;
mod housekeeping;
pub mod i18n;
pub mod kb;
mod kept;
pub mod markdown;
pub mod notify;
pub mod organisation;
pub mod outbox;
pub mod secret;
pub mod tickets;
mod work;

pub use app::App;
/// Stored records the pages show, passed through so the web layer needs no storage crate.
pub use balie_store::{Group, Organisation, QueuedMail};
pub use config::{AppConfig, Branding, RateLimits};
pub use error::{AppError, Only, chain as error_chain};
pub use i18n::{Tr, Translator};
