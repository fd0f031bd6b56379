//! Portable SQL of bulk imports: multi-row inserts with numbered placeholders, a few hundred
//! rows a statement, well under both databases' limits on bound values.

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

macro_rules! import_sql {
    ($tx:ident) => {
        #[async_trait::async_trait]
        impl $crate::contract::ImportTx for $tx {
            async fn import_tickets(&mut self, batch: &[$crate::ImportTicket]) -> Result<(), $crate::StoreError> {
                use $crate::sql::import::{ROWS, TICKET_ROWS, values};
                if batch.is_empty() {
                    return Ok(());
                }
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
                    let mut q = sqlx::query_as::<_, (i64, i64)>(&sql);
                    for (i, t) in chunk.iter().enumerate() {
                        q = q
                            .bind(numbers[c * TICKET_ROWS + i])
                            .bind(t.org.map(|o| o.0))
                            .bind(t.requester.map(|u| u.0))
                            .bind(&t.requester_email)
                            .bind(t.form)
                            .bind(t.category)
                            .bind(&t.subject)
                            .bind(t.status.code())
                            .bind(t.priority.code())
                            .bind(t.group.map(|g| g.0))
                            .bind(t.assignee.map(|a| a.0))
                            .bind(t.created_at.0)
                            .bind(t.updated_at.0)
                            .bind(t.solved_at.map(|s| s.0));
                    }
                    // Rows come back in any order: place each id by its number.
                    for (id, number) in q.fetch_all(&mut *self.tx).await? {
                        let place = numbers
                            .binary_search(&number)
                            .map_err(|_| $crate::StoreError::Corrupt(format!("ticket number {number}")))?;
                        ids[place] = id;
                    }
                }
                if let Some(rows) = Self::WORD_SEARCH.index_subjects {
                    let subjects: Vec<$crate::sql::search::IndexedSubject<'_>> = ids
                        .iter()
                        .zip(batch)
                        .map(|(id, t)| $crate::sql::search::IndexedSubject {
                            id: *id,
                            org: t.org.map(|o| o.0),
                            requester: t.requester.map(|u| u.0),
                            subject: &t.subject,
                        })
                        .collect();
                    for chunk in subjects.chunks(ROWS) {
                        let (sql, binds) = rows(chunk);
                        self.execute_binds(&sql, binds).await?;
                    }
                }
                let comments: Vec<(i64, &$crate::ImportTicket, &$crate::ImportComment)> = batch
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
                    let mut q = sqlx::query_scalar::<_, i64>(&sql);
                    for (id, _, c) in chunk {
                        q = q
                            .bind(*id)
                            .bind(c.author.map(|a| a.0))
                            .bind(&c.body)
                            .bind(c.public)
                            .bind(c.created_at.0);
                    }
                    let mut new_ids = q.fetch_all(&mut *self.tx).await?;
                    if Self::WORD_SEARCH.index_messages.is_some() {
                        // One statement numbers its rows in the order of its values; RETURNING
                        // may hand them back in any order.
                        new_ids.sort_unstable();
                        indexed.extend(chunk.iter().zip(new_ids).map(|((_, t, c), id)| {
                            $crate::sql::search::IndexedMessage {
                                id,
                                org: t.org.map(|o| o.0),
                                requester: t.requester.map(|u| u.0),
                                public: c.public,
                                body: &c.body,
                            }
                        }));
                    }
                }
                if let Some(rows) = Self::WORD_SEARCH.index_messages {
                    for chunk in indexed.chunks(ROWS) {
                        let (sql, binds) = rows(chunk);
                        self.execute_binds(&sql, binds).await?;
                    }
                }
                let created: Vec<(i64, &$crate::ImportTicket)> =
                    ids.iter().copied().zip(batch).collect();
                for chunk in created.chunks(ROWS) {
                    let sql = format!(
                        "INSERT INTO ticket_events (ticket_id, actor_id, kind, detail, created_at) VALUES {}",
                        values(chunk.len(), 5)
                    );
                    let mut q = sqlx::query(&sql);
                    for (id, t) in chunk {
                        q = q
                            .bind(*id)
                            .bind(t.requester.map(|u| u.0))
                            .bind("created")
                            .bind("")
                            .bind(t.created_at.0);
                    }
                    q.execute(&mut *self.tx).await?;
                }
                Ok(())
            }
        }
    };
}

pub(crate) use import_sql;

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_number_every_value_once() {
        assert_eq!(super::values(2, 3), "($1, $2, $3), ($4, $5, $6)");
    }
}
