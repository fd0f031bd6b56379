//! Portable SQL of tickets, their conversation, CCs and events.

use balie_domain as d;

use super::exec::{Row, args};
use super::search::{IndexedMessage, IndexedSubject};
use super::{Numbering, SqlTx};
use crate::StoreError;
use crate::contract::{FieldTx, TicketTx};

/// Columns of `tickets` that make a [`balie_domain::Ticket`], in `ticket_from_row` order.
pub(crate) const TICKET_COLUMNS: &str = "t.id, t.number, t.org_id, t.requester_id, \
    t.requester_email, t.form_id, t.category_id, t.subject, t.status, t.priority, t.group_id, \
    t.assignee_id, t.created_at, t.updated_at, t.solved_at";

/// [`TICKET_COLUMNS`] as a statement on `tickets` itself returns them.
const TICKET_RETURNING: &str = "id, number, org_id, requester_id, requester_email, form_id, \
    category_id, subject, status, priority, group_id, assignee_id, created_at, updated_at, \
    solved_at";

/// The ticket whose `column` is `$1`, within organisation `$2` when that is not null.
pub(crate) fn ticket_where_select(column: &str) -> String {
    format!(
        "SELECT {TICKET_COLUMNS} FROM tickets t WHERE t.{column} = $1 AND ($2 IS NULL OR t.org_id = $2)"
    )
}

/// The conversation of ticket `$1`: public messages (`$2` true) and, when `$3` is false, internal
/// notes too.
pub(crate) const COMMENTS_OF: &str = "SELECT id, author_id, body, public, created_at
     FROM ticket_comments WHERE ticket_id = $1 AND (public = $2 OR public = $3) ORDER BY id";

/// The CCs of ticket `$1`.
pub(crate) const CCS_OF: &str =
    "SELECT user_id FROM ticket_ccs WHERE ticket_id = $1 ORDER BY user_id";

/// The files of ticket `$1`, in the order they came.
pub(crate) const ATTACHMENTS_OF: &str =
    "SELECT id, ticket_id, comment_id, file_name, content_type, size, blob_key, created_at
     FROM ticket_attachments WHERE ticket_id = $1 ORDER BY id";

/// The requester's address as the column holds it: empty when there is none.
pub(crate) fn email_column(email: Option<&d::EmailAddress>) -> &str {
    email.map_or("", |e| e.as_str())
}

/// Reads the requester's address back; only checked addresses are ever written.
fn stored_email(raw: String) -> Result<Option<d::EmailAddress>, StoreError> {
    if raw.is_empty() {
        return Ok(None);
    }
    d::EmailAddress::parse(&raw)
        .map(Some)
        .map_err(|e| StoreError::Corrupt(format!("requester e-mail: {}", e.key)))
}

/// Reads a row of [`TICKET_COLUMNS`].
pub(crate) fn ticket_from_row(row: &Row) -> Result<d::Ticket, StoreError> {
    let status: String = row.get(8)?;
    let priority: String = row.get(9)?;
    Ok(d::Ticket {
        id: row.get(0)?,
        number: row.get(1)?,
        org: row.get(2)?,
        requester: row.get(3)?,
        requester_email: stored_email(row.get(4)?)?,
        form: row.get(5)?,
        category: row.get(6)?,
        subject: row.get(7)?,
        status: d::TicketStatus::from_code(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("ticket status {status}")))?,
        priority: d::Priority::from_code(&priority)
            .ok_or_else(|| StoreError::Corrupt(format!("priority {priority}")))?,
        group: row.get(10)?,
        assignee: row.get(11)?,
        created_at: row.get(12)?,
        updated_at: row.get(13)?,
        solved_at: row.get(14)?,
    })
}

impl SqlTx {
    /// The next `count` ticket numbers, lowest first.
    pub(crate) async fn take_numbers(&mut self, count: usize) -> Result<Vec<i64>, StoreError> {
        match self.dialect.numbering {
            Numbering::Counter => {
                let last: i64 = self
                    .scalar(
                        "UPDATE counters SET value = value + $1 WHERE name = 'ticket_number'
                             RETURNING value",
                        args![count as i64],
                    )
                    .await?;
                Ok((last - count as i64 + 1..=last).collect())
            }
            Numbering::Sequence => {
                let mut numbers: Vec<i64> = self
                    .scalars(
                        "SELECT nextval('ticket_numbers') FROM generate_series(1, $1)",
                        args![count as i64],
                    )
                    .await?;
                numbers.sort_unstable();
                Ok(numbers)
            }
        }
    }

    /// Stores a message of `ticket`, without moving the ticket's last activity.
    async fn insert_comment_row(
        &mut self,
        ticket: d::TicketId,
        author: Option<d::UserId>,
        body: &str,
        public: bool,
        now: d::Timestamp,
    ) -> Result<d::CommentId, StoreError> {
        self.scalar(
            "INSERT INTO ticket_comments (ticket_id, author_id, body, public, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
            args![ticket, author, body, public, now],
        )
        .await
    }

    /// Writes a message's rows of the word index, where the store keeps it (SQLite).
    async fn index_message(&mut self, message: IndexedMessage<'_>) -> Result<(), StoreError> {
        if let Some(rows) = self.dialect.words.index_messages {
            let (sql, binds) = rows(&[message]);
            self.execute(&sql, binds).await?;
        }
        Ok(())
    }

    /// The ticket where `column` equals `value`, within `org` when given.
    pub(crate) async fn ticket_where(
        &mut self,
        column: &str,
        value: i64,
        org: Option<d::OrgId>,
    ) -> Result<Option<d::Ticket>, StoreError> {
        let sql = ticket_where_select(column);
        let row = self.fetch_optional(&sql, args![value, org]).await?;
        row.as_ref().map(ticket_from_row).transpose()
    }

    pub(crate) async fn ticket_event(
        &mut self,
        ticket: d::TicketId,
        actor: Option<d::UserId>,
        kind: &str,
        detail: &str,
        now: d::Timestamp,
    ) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO ticket_events (ticket_id, actor_id, kind, detail, created_at)
                     VALUES ($1, $2, $3, $4, $5)",
            args![ticket, actor, kind, detail, now],
        )
        .await?;
        Ok(())
    }
}

#[async_trait::async_trait]
impl TicketTx for SqlTx {
    async fn ticket_forms(&mut self) -> Result<Vec<d::TicketForm>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT id, key, name_nl, name_en, description_nl, description_en, offered
                     FROM ticket_forms WHERE active = $1 ORDER BY position, id",
                args![true],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(d::TicketForm {
                    id: r.get(0)?,
                    key: r.get(1)?,
                    name: d::Bilingual::new(r.get::<String>(2)?, r.get::<String>(3)?),
                    description: d::Bilingual::new(r.get::<String>(4)?, r.get::<String>(5)?),
                    offered: r.get(6)?,
                })
            })
            .collect()
    }

    async fn ticket_categories(&mut self) -> Result<Vec<d::TicketCategory>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT id, key, name_nl, name_en, help_nl, help_en
                     FROM ticket_categories WHERE active = $1 ORDER BY position, id",
                args![true],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(d::TicketCategory {
                    id: r.get(0)?,
                    key: r.get(1)?,
                    name: d::Bilingual::new(r.get::<String>(2)?, r.get::<String>(3)?),
                    help: d::Bilingual::new(r.get::<String>(4)?, r.get::<String>(5)?),
                })
            })
            .collect()
    }

    async fn insert_ticket(
        &mut self,
        new: &d::NewTicket,
        now: d::Timestamp,
    ) -> Result<d::Ticket, StoreError> {
        let number = self.take_numbers(1).await?[0];
        let sql = format!(
            "INSERT INTO tickets (number, org_id, requester_id, requester_email, form_id,
                category_id, subject, group_id, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING {TICKET_RETURNING}"
        );
        let row = self
            .fetch_one(
                &sql,
                args![
                    number,
                    new.org,
                    new.requester,
                    email_column(new.requester_email.as_ref()),
                    new.form,
                    new.category,
                    &new.subject,
                    new.group,
                    now
                ],
            )
            .await?;
        let ticket = ticket_from_row(&row)?;
        let id = ticket.id;
        if let Some(rows) = self.dialect.words.index_subjects {
            let (sql, binds) = rows(&[IndexedSubject {
                id: id.0,
                org: new.org.map(|o| o.0),
                requester: new.requester.map(|u| u.0),
                subject: &new.subject,
            }]);
            self.execute(&sql, binds).await?;
        }
        // The first message: the ticket's last activity is already the moment it was made.
        let first = self
            .insert_comment_row(id, new.requester, &new.description, true, now)
            .await?;
        self.index_message(IndexedMessage {
            id: first.0,
            org: new.org.map(|o| o.0),
            requester: new.requester.map(|u| u.0),
            public: true,
            body: &new.description,
        })
        .await?;
        for file in &new.attachments {
            self.insert_attachment(id, first, file, now).await?;
        }
        self.set_field_values(id, &new.fields).await?;
        for cc in &new.ccs {
            self.execute(
                "INSERT INTO ticket_ccs (ticket_id, user_id) VALUES ($1, $2)
                         ON CONFLICT (ticket_id, user_id) DO NOTHING",
                args![id, cc],
            )
            .await?;
        }
        self.ticket_event(id, new.requester, "created", "", now)
            .await?;
        Ok(ticket)
    }

    async fn ticket_in_org(
        &mut self,
        org: d::OrgId,
        number: d::TicketNumber,
    ) -> Result<Option<d::Ticket>, StoreError> {
        self.ticket_where("number", number.0, Some(org)).await
    }

    async fn ticket_by_number(
        &mut self,
        number: d::TicketNumber,
    ) -> Result<Option<d::Ticket>, StoreError> {
        self.ticket_where("number", number.0, None).await
    }

    async fn comments(
        &mut self,
        ticket: d::TicketId,
        include_internal: bool,
    ) -> Result<Vec<d::Comment>, StoreError> {
        let rows = self
            .fetch_all(COMMENTS_OF, args![ticket, true, !include_internal])
            .await?;
        rows.iter()
            .map(|r| {
                Ok(d::Comment {
                    id: r.get(0)?,
                    author: r.get(1)?,
                    body: r.get(2)?,
                    public: r.get(3)?,
                    created_at: r.get(4)?,
                })
            })
            .collect()
    }

    async fn add_comment(
        &mut self,
        ticket: d::TicketId,
        author: Option<d::UserId>,
        body: &str,
        public: bool,
        now: d::Timestamp,
    ) -> Result<d::CommentId, StoreError> {
        let id = self
            .insert_comment_row(ticket, author, body, public, now)
            .await?;
        // The ticket's organisation and requester come back with the update, for the
        // words of who may read the message in the index.
        let row = self
            .fetch_one(
                "UPDATE tickets SET updated_at = $2 WHERE id = $1 RETURNING org_id, requester_id",
                args![ticket, now],
            )
            .await?;
        let message = IndexedMessage {
            id: id.0,
            org: row.get(0)?,
            requester: row.get(1)?,
            public,
            body,
        };
        self.index_message(message).await?;
        Ok(id)
    }

    async fn set_ticket_status(
        &mut self,
        ticket: d::TicketId,
        status: d::TicketStatus,
        actor: Option<d::UserId>,
        now: d::Timestamp,
    ) -> Result<(), StoreError> {
        // Solving stamps the moment (closing counts from it); closing keeps it; any other
        // status clears it.
        let solved_at = (status == d::TicketStatus::Solved).then_some(now);
        self.execute(
            "UPDATE tickets SET status = $2, updated_at = $3,
                        solved_at = CASE WHEN $2 = 'closed' THEN solved_at ELSE CAST($4 AS BIGINT) END
                     WHERE id = $1",
            args![ticket, status.code(), now, solved_at],
        )
        .await?;
        self.ticket_event(ticket, actor, "status", status.code(), now)
            .await
    }

    async fn ccs_of(&mut self, ticket: d::TicketId) -> Result<Vec<d::UserId>, StoreError> {
        self.scalars(CCS_OF, args![ticket]).await
    }

    async fn set_ticket_ccs(
        &mut self,
        ticket: d::TicketId,
        ccs: &[d::UserId],
        actor: Option<d::UserId>,
        now: d::Timestamp,
    ) -> Result<(), StoreError> {
        let mut ccs = ccs.to_vec();
        ccs.sort();
        ccs.dedup();
        self.execute("DELETE FROM ticket_ccs WHERE ticket_id = $1", args![ticket])
            .await?;
        for cc in &ccs {
            self.execute(
                "INSERT INTO ticket_ccs (ticket_id, user_id) VALUES ($1, $2)
                         ON CONFLICT (ticket_id, user_id) DO NOTHING",
                args![ticket, cc],
            )
            .await?;
        }
        self.execute(
            "UPDATE tickets SET updated_at = $2 WHERE id = $1",
            args![ticket, now],
        )
        .await?;
        let count = ccs.len().to_string();
        self.ticket_event(ticket, actor, "ccs", &count, now).await
    }

    async fn insert_attachment(
        &mut self,
        ticket: d::TicketId,
        comment: d::CommentId,
        new: &d::NewAttachment,
        now: d::Timestamp,
    ) -> Result<d::AttachmentId, StoreError> {
        self.scalar(
            "INSERT INTO ticket_attachments
                        (ticket_id, comment_id, file_name, content_type, size, blob_key, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            args![
                ticket,
                comment,
                &new.file_name,
                &new.content_type,
                new.size,
                &new.blob_key,
                now
            ],
        )
        .await
    }

    async fn attachments_of(
        &mut self,
        ticket: d::TicketId,
    ) -> Result<Vec<d::Attachment>, StoreError> {
        let rows = self.fetch_all(ATTACHMENTS_OF, args![ticket]).await?;
        rows.iter()
            .map(|r| {
                Ok(d::Attachment {
                    id: r.get(0)?,
                    ticket: r.get(1)?,
                    comment: r.get(2)?,
                    file_name: r.get(3)?,
                    content_type: r.get(4)?,
                    size: r.get(5)?,
                    blob_key: r.get(6)?,
                    created_at: r.get(7)?,
                })
            })
            .collect()
    }

    async fn solved_before(
        &mut self,
        before: d::Timestamp,
        limit: i64,
    ) -> Result<Vec<d::TicketNumber>, StoreError> {
        self.scalars(
            "SELECT number FROM tickets WHERE status = 'solved' AND solved_at <= $1
                     ORDER BY solved_at, id LIMIT $2",
            args![before, limit],
        )
        .await
    }
}
