//! Portable SQL of bulk imports: multi-row inserts with numbered placeholders, a few hundred
//! rows a statement, well under both databases' limits on bound values.

use super::SqlTx;
use super::exec::{Arg, args};
use super::search::{IndexedMessage, IndexedSubject};
use super::tickets::email_column;
use crate::contract::ImportTx;
use crate::{ImportComment, ImportTicket, StoreError};

/// `($1, $2, ...), ($k, ...)`: `rows` groups of `cols` placeholders.
pub(crate) fn values(rows: usize, cols: usize) -> String {
    (0..rows)
        .map(|r| {
            let marks: Vec<String> = (1..=cols).map(|c| format!("${}", r * cols + c)).collect();
            format!("({})", marks.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Tickets a statement (14 values each).
pub(crate) const TICKET_ROWS: usize = 200;
/// Comments or events a statement (5 values each).
pub(crate) const ROWS: usize = 1000;

#[async_trait::async_trait]
impl ImportTx for SqlTx {
    async fn import_tickets(&mut self, batch: &[ImportTicket]) -> Result<(), StoreError> {
        if batch.is_empty() {
            return Ok(());
        }
        // The backend's word search is `&'static`: kept aside while `self` is borrowed below.
        let words = &self.dialect.words;
        let numbers = self.take_numbers(batch.len()).await?;
        let mut ids = vec![0i64; batch.len()];
        for (c, chunk) in batch.chunks(TICKET_ROWS).enumerate() {
            let sql = format!(
                "INSERT INTO tickets (number, org_id, requester_id, requester_email, form_id,
                            category_id, subject, status, priority, group_id, assignee_id,
                            created_at, updated_at, solved_at)
                         VALUES {} RETURNING id, number",
                values(chunk.len(), 14)
            );
            let mut binds: Vec<Arg> = Vec::with_capacity(chunk.len() * 14);
            for (i, t) in chunk.iter().enumerate() {
                binds.extend(args![
                    numbers[c * TICKET_ROWS + i],
                    t.org,
                    t.requester,
                    email_column(t.requester_email.as_ref()),
                    t.form,
                    t.category,
                    &t.subject,
                    t.status.code(),
                    t.priority.code(),
                    t.group,
                    t.assignee,
                    t.created_at,
                    t.updated_at,
                    t.solved_at
                ]);
            }
            // Rows come back in any order: place each id by its number.
            for row in self.fetch_all(&sql, binds).await? {
                let (id, number): (i64, i64) = (row.get(0)?, row.get(1)?);
                let place = numbers
                    .binary_search(&number)
                    .map_err(|_| StoreError::Corrupt(format!("ticket number {number}")))?;
                ids[place] = id;
            }
        }
        if let Some(rows) = words.index_subjects {
            let subjects: Vec<IndexedSubject<'_>> = ids
                .iter()
                .zip(batch)
                .map(|(id, t)| IndexedSubject {
                    id: *id,
                    org: t.org.map(|o| o.0),
                    requester: t.requester.map(|u| u.0),
                    subject: &t.subject,
                })
                .collect();
            for chunk in subjects.chunks(ROWS) {
                let (sql, binds) = rows(chunk);
                self.execute(&sql, binds).await?;
            }
        }
        let comments: Vec<(i64, &ImportTicket, &ImportComment)> = batch
            .iter()
            .zip(&ids)
            .flat_map(|(t, id)| t.comments.iter().map(move |c| (*id, t, c)))
            .collect();
        let mut indexed = vec![];
        for chunk in comments.chunks(ROWS) {
            let sql = format!(
                "INSERT INTO ticket_comments (ticket_id, author_id, body, public, created_at)
                         VALUES {} RETURNING id",
                values(chunk.len(), 5)
            );
            let mut binds: Vec<Arg> = Vec::with_capacity(chunk.len() * 5);
            for (id, _, c) in chunk {
                binds.extend(args![*id, c.author, &c.body, c.public, c.created_at]);
            }
            let mut new_ids: Vec<i64> = self.scalars(&sql, binds).await?;
            if words.index_messages.is_some() {
                // One statement numbers its rows in the order of its values; RETURNING
                // may hand them back in any order.
                new_ids.sort_unstable();
                indexed.extend(
                    chunk
                        .iter()
                        .zip(new_ids)
                        .map(|((_, t, c), id)| IndexedMessage {
                            id,
                            org: t.org.map(|o| o.0),
                            requester: t.requester.map(|u| u.0),
                            public: c.public,
                            body: &c.body,
                        }),
                );
            }
        }
        if let Some(rows) = words.index_messages {
            for chunk in indexed.chunks(ROWS) {
                let (sql, binds) = rows(chunk);
                self.execute(&sql, binds).await?;
            }
        }
        let created: Vec<(i64, &ImportTicket)> = ids.iter().copied().zip(batch).collect();
        for chunk in created.chunks(ROWS) {
            let sql = format!(
                "INSERT INTO ticket_events (ticket_id, actor_id, kind, detail, created_at) VALUES {}",
                values(chunk.len(), 5)
            );
            let mut binds: Vec<Arg> = Vec::with_capacity(chunk.len() * 5);
            for (id, t) in chunk {
                binds.extend(args![*id, t.requester, "created", "", t.created_at]);
            }
            self.execute(&sql, binds).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_number_every_value_once() {
        assert_eq!(super::values(2, 3), "($1, $2, $3), ($4, $5, $6)");
    }
}
