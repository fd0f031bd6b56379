//! Portable SQL of tickets, their conversation, CCs and events.

/// Columns of `tickets` that make a [`balie_domain::Ticket`], in `ticket_from_row` order.
pub(crate) const TICKET_COLUMNS: &str = "t.id, t.number, t.org_id, t.requester_id, \
    t.requester_email, t.form_id, t.category_id, t.subject, t.status, t.priority, t.group_id, \
    t.assignee_id, t.created_at, t.updated_at, t.solved_at";

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

/// Where the next ticket numbers come from. Numbers only go up and are never handed out twice.
#[derive(Clone, Copy)]
pub(crate) enum Numbering {
    /// The `ticket_number` row of `counters`, updated in the creating transaction: a writer runs
    /// alone anyway, and a rolled-back ticket gives its number back.
    Counter,
    /// The `ticket_numbers` sequence, which locks nothing until the creating transaction ends,
    /// so tickets are created side by side; a failed creation leaves its number unused.
    Sequence,
}

macro_rules! tickets_sql {
    ($tx:ident) => {
        fn ticket_from_row<R: sqlx::Row>(row: &R) -> Result<d::Ticket, $crate::StoreError>
        where
            for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            for<'r> Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            usize: sqlx::ColumnIndex<R>,
        {
            let status: String = row.try_get(8)?;
            let priority: String = row.try_get(9)?;
            let opt = |i: usize| -> Result<Option<i64>, $crate::StoreError> { Ok(row.try_get(i)?) };
            Ok(d::Ticket {
                id: row.try_get(0)?,
                number: d::TicketNumber(row.try_get(1)?),
                org: opt(2)?.map(d::OrgId),
                requester: opt(3)?.map(d::UserId),
                requester_email: row.try_get(4)?,
                form: row.try_get(5)?,
                category: opt(6)?,
                subject: row.try_get(7)?,
                status: d::TicketStatus::from_code(&status)
                    .ok_or_else(|| $crate::StoreError::Corrupt(format!("ticket status {status}")))?,
                priority: d::Priority::from_code(&priority)
                    .ok_or_else(|| $crate::StoreError::Corrupt(format!("priority {priority}")))?,
                group: opt(10)?.map(d::GroupId),
                assignee: opt(11)?.map(d::UserId),
                created_at: d::Timestamp(row.try_get(12)?),
                updated_at: d::Timestamp(row.try_get(13)?),
                solved_at: opt(14)?.map(d::Timestamp),
            })
        }

        impl $tx {
            /// The next `count` ticket numbers, lowest first.
            async fn take_numbers(&mut self, count: usize) -> Result<Vec<i64>, $crate::StoreError> {
                match Self::NUMBERING {
                    $crate::sql::Numbering::Counter => {
                        let last: i64 = sqlx::query_scalar(
                            "UPDATE counters SET value = value + $1 WHERE name = 'ticket_number'
                             RETURNING value",
                        )
                        .bind(count as i64)
                        .fetch_one(&mut *self.tx)
                        .await?;
                        Ok((last - count as i64 + 1..=last).collect())
                    }
                    $crate::sql::Numbering::Sequence => {
                        let mut numbers: Vec<i64> = sqlx::query_scalar(
                            "SELECT nextval('ticket_numbers') FROM generate_series(1, $1)",
                        )
                        .bind(count as i64)
                        .fetch_all(&mut *self.tx)
                        .await?;
                        numbers.sort_unstable();
                        Ok(numbers)
                    }
                }
            }

            /// The ticket where `column` equals `value`, within `org` when given.
            async fn ticket_where(&mut self, column: &str, value: i64, org: Option<d::OrgId>) -> Result<Option<d::Ticket>, $crate::StoreError> {
                let sql = $crate::sql::tickets::ticket_where_select(column);
                let row = sqlx::query(&sql)
                    .bind(value)
                    .bind(org.map(|o| o.0))
                    .fetch_optional(&mut *self.tx)
                    .await?;
                row.as_ref().map(ticket_from_row).transpose()
            }

            async fn ticket_event(&mut self, ticket: i64, actor: Option<d::UserId>, kind: &str, detail: &str, now: d::Timestamp) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO ticket_events (ticket_id, actor_id, kind, detail, created_at)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(ticket)
                .bind(actor.map(|a| a.0))
                .bind(kind)
                .bind(detail)
                .bind(now.0)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::contract::TicketTx for $tx {
            async fn ticket_forms(&mut self) -> Result<Vec<d::TicketForm>, $crate::StoreError> {
                let rows = sqlx::query(
                    "SELECT id, key, name_nl, name_en, description_nl, description_en, offered
                     FROM ticket_forms WHERE active = $1 ORDER BY position, id",
                )
                .bind(true)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok(d::TicketForm {
                            id: r.try_get(0)?,
                            key: r.try_get(1)?,
                            name_nl: r.try_get(2)?,
                            name_en: r.try_get(3)?,
                            description_nl: r.try_get(4)?,
                            description_en: r.try_get(5)?,
                            offered: r.try_get(6)?,
                        })
                    })
                    .collect()
            }

            async fn ticket_categories(&mut self) -> Result<Vec<d::TicketCategory>, $crate::StoreError> {
                let rows = sqlx::query(
                    "SELECT id, key, name_nl, name_en, help_nl, help_en
                     FROM ticket_categories WHERE active = $1 ORDER BY position, id",
                )
                .bind(true)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok(d::TicketCategory {
                            id: r.try_get(0)?,
                            key: r.try_get(1)?,
                            name_nl: r.try_get(2)?,
                            name_en: r.try_get(3)?,
                            help_nl: r.try_get(4)?,
                            help_en: r.try_get(5)?,
                        })
                    })
                    .collect()
            }

            async fn insert_ticket(&mut self, new: &d::NewTicket, now: d::Timestamp) -> Result<d::Ticket, $crate::StoreError> {
                let number = self.take_numbers(1).await?[0];
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO tickets (number, org_id, requester_id, requester_email, form_id,
                        category_id, subject, group_id, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
                )
                .bind(number)
                .bind(new.org.map(|o| o.0))
                .bind(new.requester.map(|u| u.0))
                .bind(&new.requester_email)
                .bind(new.form)
                .bind(new.category)
                .bind(&new.subject)
                .bind(new.group.map(|g| g.0))
                .bind(now.0)
                .fetch_one(&mut *self.tx)
                .await?;
                if let Some(rows) = Self::WORD_SEARCH.index_subjects {
                    let (sql, binds) = rows(&[$crate::sql::search::IndexedSubject {
                        id,
                        org: new.org.map(|o| o.0),
                        requester: new.requester.map(|u| u.0),
                        subject: &new.subject,
                    }]);
                    self.execute_binds(&sql, binds).await?;
                }
                self.add_comment(id, new.requester, &new.description, true, now).await?;
                for cc in &new.ccs {
                    sqlx::query(
                        "INSERT INTO ticket_ccs (ticket_id, user_id) VALUES ($1, $2)
                         ON CONFLICT (ticket_id, user_id) DO NOTHING",
                    )
                    .bind(id)
                    .bind(cc.0)
                    .execute(&mut *self.tx)
                    .await?;
                }
                self.ticket_event(id, new.requester, "created", "", now).await?;
                self.ticket_where("id", id, None)
                    .await?
                    .ok_or_else(|| $crate::StoreError::Corrupt("ticket vanished".into()))
            }

            async fn ticket_in_org(&mut self, org: d::OrgId, number: d::TicketNumber) -> Result<Option<d::Ticket>, $crate::StoreError> {
                self.ticket_where("number", number.0, Some(org)).await
            }

            async fn ticket_by_number(&mut self, number: d::TicketNumber) -> Result<Option<d::Ticket>, $crate::StoreError> {
                self.ticket_where("number", number.0, None).await
            }

            async fn comments(&mut self, ticket: i64, include_internal: bool) -> Result<Vec<d::Comment>, $crate::StoreError> {
                let rows = sqlx::query($crate::sql::tickets::COMMENTS_OF)
                .bind(ticket)
                .bind(true)
                .bind(!include_internal)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.iter()
                    .map(|r| {
                        let author: Option<i64> = r.try_get(1)?;
                        Ok(d::Comment {
                            id: r.try_get(0)?,
                            author: author.map(d::UserId),
                            body: r.try_get(2)?,
                            public: r.try_get(3)?,
                            created_at: d::Timestamp(r.try_get(4)?),
                        })
                    })
                    .collect()
            }

            async fn add_comment(
                &mut self,
                ticket: i64,
                author: Option<d::UserId>,
                body: &str,
                public: bool,
                now: d::Timestamp,
            ) -> Result<i64, $crate::StoreError> {
                let id = sqlx::query_scalar(
                    "INSERT INTO ticket_comments (ticket_id, author_id, body, public, created_at)
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(ticket)
                .bind(author.map(|a| a.0))
                .bind(body)
                .bind(public)
                .bind(now.0)
                .fetch_one(&mut *self.tx)
                .await?;
                // The ticket's organisation and requester come back with the update, for the
                // words of who may read the message in the index.
                let (org, requester): (Option<i64>, Option<i64>) = sqlx::query_as(
                    "UPDATE tickets SET updated_at = $2 WHERE id = $1 RETURNING org_id, requester_id",
                )
                .bind(ticket)
                .bind(now.0)
                .fetch_one(&mut *self.tx)
                .await?;
                if let Some(rows) = Self::WORD_SEARCH.index_messages {
                    let message = $crate::sql::search::IndexedMessage { id, org, requester, public, body };
                    let (sql, binds) = rows(&[message]);
                    self.execute_binds(&sql, binds).await?;
                }
                Ok(id)
            }

            async fn set_ticket_status(
                &mut self,
                ticket: i64,
                status: d::TicketStatus,
                actor: Option<d::UserId>,
                now: d::Timestamp,
            ) -> Result<(), $crate::StoreError> {
                // Solving stamps the moment (closing counts from it); closing keeps it; any other
                // status clears it.
                let solved_at = (status == d::TicketStatus::Solved).then_some(now.0);
                sqlx::query(
                    "UPDATE tickets SET status = $2, updated_at = $3,
                        solved_at = CASE WHEN $2 = 'closed' THEN solved_at ELSE CAST($4 AS BIGINT) END
                     WHERE id = $1",
                )
                .bind(ticket)
                .bind(status.code())
                .bind(now.0)
                .bind(solved_at)
                .execute(&mut *self.tx)
                .await?;
                self.ticket_event(ticket, actor, "status", status.code(), now).await
            }

            async fn ccs_of(&mut self, ticket: i64) -> Result<Vec<d::UserId>, $crate::StoreError> {
                let ids: Vec<i64> = sqlx::query_scalar($crate::sql::tickets::CCS_OF)
                    .bind(ticket)
                    .fetch_all(&mut *self.tx)
                    .await?;
                Ok(ids.into_iter().map(d::UserId).collect())
            }

            async fn insert_attachment(
                &mut self,
                ticket: i64,
                comment: i64,
                new: &d::NewAttachment,
                now: d::Timestamp,
            ) -> Result<i64, $crate::StoreError> {
                let id = sqlx::query_scalar(
                    "INSERT INTO ticket_attachments
                        (ticket_id, comment_id, file_name, content_type, size, blob_key, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(ticket)
                .bind(comment)
                .bind(&new.file_name)
                .bind(&new.content_type)
                .bind(new.size)
                .bind(&new.blob_key)
                .bind(now.0)
                .fetch_one(&mut *self.tx)
                .await?;
                Ok(id)
            }

            async fn attachments_of(&mut self, ticket: i64) -> Result<Vec<d::Attachment>, $crate::StoreError> {
                let rows: Vec<(i64, i64, i64, String, String, i64, String, i64)> =
                    sqlx::query_as($crate::sql::tickets::ATTACHMENTS_OF)
                .bind(ticket)
                .fetch_all(&mut *self.tx)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, ticket, comment, file_name, content_type, size, blob_key, at)| d::Attachment {
                        id,
                        ticket,
                        comment,
                        file_name,
                        content_type,
                        size,
                        blob_key,
                        created_at: d::Timestamp(at),
                    })
                    .collect())
            }

            async fn solved_before(&mut self, before: d::Timestamp, limit: i64) -> Result<Vec<d::TicketNumber>, $crate::StoreError> {
                let numbers: Vec<i64> = sqlx::query_scalar(
                    "SELECT number FROM tickets WHERE status = 'solved' AND solved_at <= $1
                     ORDER BY solved_at, id LIMIT $2",
                )
                .bind(before.0)
                .bind(limit)
                .fetch_all(&mut *self.tx)
                .await?;
                Ok(numbers.into_iter().map(d::TicketNumber).collect())
            }
        }
    };
}

pub(crate) use tickets_sql;
