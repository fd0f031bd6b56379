//! The unit of work a use case opens: one transaction that takes the change, its audit entries
//! and its queued e-mail, and on commit wakes the outbox worker when mail is waiting. Because
//! the audit log and the outbox are reached only through it, "change, mail and audit in one
//! transaction" holds by construction: there is no other way to write either.

use std::ops::{Deref, DerefMut};

use balie_domain::UserId;
use balie_store::{AuditEntry, NewMail, Tx};

use crate::audit::Audit;
use crate::{App, AppError};

/// An open transaction of a use case. Dropped without [`Work::commit`], it rolls back, and
/// none of its mail is sent.
pub(crate) struct Work<'a> {
    app: &'a App,
    tx: Box<dyn Tx>,
    mail_queued: bool,
}

impl App {
    /// Opens a unit of work.
    pub(crate) async fn work(&self) -> Result<Work<'_>, AppError> {
        Ok(Work {
            app: self,
            tx: self.store.begin().await?,
            mail_queued: false,
        })
    }
}

impl Work<'_> {
    /// Writes who changed what (`by`, none for the system), and when, with the change.
    pub(crate) async fn audit(
        &mut self,
        by: Option<UserId>,
        what: Audit<'_>,
    ) -> Result<(), AppError> {
        let parts = what.parts();
        let entry = AuditEntry {
            at: self.app.now(),
            actor: by,
            action: parts.action.into(),
            subject_type: parts.subject_type.into(),
            subject_id: parts.subject_id,
            detail: parts.detail,
        };
        self.tx.audit(&entry).await?;
        Ok(())
    }

    /// Puts an e-mail in the outbox; it leaves only if the work commits.
    pub(crate) async fn mail(&mut self, mail: &NewMail) -> Result<(), AppError> {
        self.tx.queue_mail(mail, self.app.now()).await?;
        self.mail_queued = true;
        Ok(())
    }

    /// Makes everything durable at once, then tells the outbox worker of any new mail so that
    /// it need not wait for its next poll.
    pub(crate) async fn commit(self) -> Result<(), AppError> {
        self.tx.commit().await?;
        if self.mail_queued {
            self.app.mail_was_queued();
        }
        Ok(())
    }
}

/// Reads and plain changes go straight to the transaction.
impl Deref for Work<'_> {
    type Target = dyn Tx;

    fn deref(&self) -> &Self::Target {
        &*self.tx
    }
}

impl DerefMut for Work<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut *self.tx
    }
}

#[cfg(test)]
mod tests {
    /// The audit log and the outbox are written through a unit of work only; a use case that
    /// called the store directly could commit a change without its entry, or mail that the
    /// worker is never told of.
    #[test]
    fn audit_and_mail_go_through_the_unit_of_work() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut offenders = vec![];
        let mut dirs = vec![std::path::PathBuf::from(root)];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                if path.ends_with("work.rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for (n, line) in text.lines().enumerate() {
                    let raw = [
                        ".queue_mail(",
                        ".audit(&",
                        "store.begin()",
                        "mail_was_queued()",
                    ];
                    if raw.iter().any(|call| line.contains(call)) {
                        offenders.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                    }
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "outside the unit of work:\n{}",
            offenders.join("\n")
        );
    }
}
