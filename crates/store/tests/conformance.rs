//! Runs every storage conformance function on SQLite and on PostgreSQL, each on a fresh database.
//!
//! PostgreSQL is reached at `BALIE_TEST_DATABASE_URL`, by default the local server
//! (`postgres://postgres@127.0.0.1:5432/test`); each test gets a schema of its own. When the
//! variable is set explicitly a missing server fails the tests; when it is not, the PostgreSQL half
//! is skipped with a notice so a machine without PostgreSQL can still run the rest.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod conformance {
    pub mod accounts;
    pub mod kb;
    pub mod organisations;
    pub mod outbox;
    pub mod support;
    pub mod tickets;
    pub mod workspace;
}

use conformance::{accounts, kb, organisations, outbox, support, tickets, workspace};

macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let db = super::support::TestDb::sqlite().await;
                    super::suite::$name(db.store()).await;
                    db.finish().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    let Some(db) = super::support::TestDb::postgres().await else { return };
                    super::suite::$name(db.store()).await;
                    db.finish().await;
                }
            )*
        }
    };
}

mod suite {
    pub use super::accounts::*;
    pub use super::kb::*;
    pub use super::organisations::*;
    pub use super::outbox::*;
    pub use super::tickets::*;
    pub use super::workspace::*;
}

on_both_backends!(
    migrations_can_run_again,
    users_round_trip_with_roles_and_language,
    a_portal_email_is_used_once,
    another_organisations_contact_reads_as_not_found,
    ten_failures_block_and_a_new_password_lifts_the_block,
    sessions_expire_and_end,
    a_token_is_spent_once,
    setting_a_password_spends_every_open_link,
    expired_sessions_tokens_and_devices_are_pruned,
    a_key_lock_lets_counts_and_inserts_run_one_after_another,
    attempts_are_counted_within_a_window,
    groups_hold_agents,
    a_rolled_back_change_leaves_no_mail_and_no_audit,
    a_transaction_given_up_while_opening_leaves_the_store_writable,
    queued_mail_is_claimed_once_until_its_lease_ends,
    a_renewed_lease_holds_and_a_restarted_node_takes_its_own_back,
    failed_mail_is_retried_then_given_up_and_stays_visible,
    audit_entries_are_kept_newest_first,
    organisations_are_found_by_name_and_updated,
    contacts_roles_and_portal_access_stay_within_their_organisation,
    invoices_licences_and_requests_are_kept_per_organisation,
    the_default_forms_and_categories_are_there,
    tickets_are_numbered_in_order_and_scoped_to_their_organisation,
    internal_notes_stay_out_of_the_customers_conversation,
    an_agents_role_and_groups_are_replaced,
    the_last_sign_in_is_read_from_the_audit_log,
    a_tickets_ccs_are_replaced_and_the_change_recorded,
    solving_stamps_the_moment_that_closing_counts_from,
    attachments_belong_to_a_message_of_their_ticket,
    a_new_ticket_comes_back_as_stored_with_its_first_messages_files,
    every_status_and_priority_is_kept_as_set,
    lists_page_by_last_activity_with_a_cursor_search_and_status,
    messages_are_searched_as_their_readers_may_read_them,
    words_are_found_in_their_dutch_forms,
    agent_views_follow_groups_assignment_and_status,
    routing_rules_keep_their_order_and_one_group_handles_billing,
    agents_changes_are_recorded_with_who_and_when,
    imported_tickets_take_the_next_numbers_and_keep_their_history,
    forms_categories_and_fields_are_kept_as_administrators_shape_them,
    followers_are_kept_per_organisation,
    the_outage_section_exists_and_categories_append,
    articles_keep_their_language_versions_and_order,
    an_article_is_announced_once,
    comments_votes_and_follows_are_kept_per_person,
);

/// A test's PostgreSQL schema goes with the test, also when the test fails before its end.
#[tokio::test]
async fn a_failed_tests_schema_is_dropped_with_it() {
    let Some(db) = support::TestDb::postgres().await else {
        return;
    };
    let url = support::pg_url();
    let schema: String = sqlx::query_scalar("SELECT current_schema()::text")
        .fetch_one(db.postgres_store().pool())
        .await
        .unwrap();
    let failed = tokio::spawn(async move {
        let mut tx = db.store().begin().await.unwrap();
        tx.ticket_forms().await.unwrap();
        panic!("a test that fails with a transaction open");
    })
    .await;
    assert!(failed.is_err());
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pg_namespace WHERE nspname = $1")
        .bind(&schema)
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(left, 0, "{schema} is still there");
}

/// PostgreSQL takes ticket numbers from a sequence since migration 19: a database that was
/// numbered from the counter row carries on where that counter stood.
#[tokio::test]
async fn ticket_numbers_carry_on_from_the_counter_when_postgresql_moves_to_a_sequence() {
    let Some(db) = support::TestDb::postgres().await else {
        return;
    };
    // As the database stood before migration 19, with 41 tickets numbered.
    sqlx::raw_sql(
        "DROP SEQUENCE ticket_numbers;
         INSERT INTO counters (name, value) VALUES ('ticket_number', 41);
         DELETE FROM balie_migrations WHERE version = 19;",
    )
    .execute(db.postgres_store().pool())
    .await
    .unwrap();
    db.store().migrate().await.unwrap();
    let number = tickets::number_of_a_new_ticket(db.store()).await;
    assert_eq!(number.0, 42);
    let counters: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM counters WHERE name = 'ticket_number'")
            .fetch_one(db.postgres_store().pool())
            .await
            .unwrap();
    assert_eq!(
        counters, 0,
        "an older node must fail rather than hand out a number twice"
    );
    db.finish().await;
}

/// SQLite's stemmed indexes are filled by the store after the migration that makes them: texts
/// already stored are found once the store has opened again, and an interrupted fill carries on.
#[tokio::test]
async fn existing_texts_are_indexed_when_the_word_indexes_are_made_anew_on_sqlite() {
    let db = support::TestDb::sqlite().await;
    let seeded = workspace::dutch_word_forms_seed(db.store()).await;
    // As the migration leaves them (empty, every text still to do), but with a start that
    // stopped after the first message.
    let pool = db.sqlite_store().pool();
    sqlx::raw_sql(
        "DELETE FROM comments_search; DELETE FROM tickets_search;
         INSERT INTO search_index_build (name, after) VALUES ('messages', 1), ('subjects', 0);",
    )
    .execute(pool)
    .await
    .unwrap();
    db.store().migrate().await.unwrap();
    workspace::dutch_word_forms_are_found(db.store(), seeded).await;
    let count = |sql| sqlx::query_scalar::<_, i64>(sql).fetch_one(pool);
    assert_eq!(
        count("SELECT COUNT(*) FROM search_index_build")
            .await
            .unwrap(),
        0
    );
    let messages = count("SELECT COUNT(*) FROM ticket_comments").await.unwrap();
    assert_eq!(
        count("SELECT COUNT(*) FROM comments_search").await.unwrap(),
        messages - 1,
        "carried on after the first message"
    );
    db.finish().await;
}

/// Each hot statement reads the index made for it: no full scan of tickets or comments, and no
/// sort of what it read (but for small sets, such as one person's CCs).
#[tokio::test]
async fn hot_statements_read_their_own_index_on_sqlite() {
    let db = support::TestDb::sqlite().await;
    for plan in db.sqlite_store().plans().await.unwrap() {
        let text = plan.text();
        let full_scan = plan.lines.iter().any(|l| {
            let table = l.strip_prefix("SCAN ").and_then(|r| r.split(' ').next());
            matches!(
                table,
                Some(
                    "t" | "tickets"
                        | "ticket_comments"
                        | "c"
                        | "u"
                        | "users"
                        | "outbox"
                        | "ticket_ccs"
                        | "ticket_attachments"
                        | "ticket_events"
                        | "v"
                        | "ticket_field_values"
                )
            ) && !l.contains(" USING ")
        });
        assert!(!full_scan, "{}: full scan\n{text}", plan.statement);
        assert!(
            plan.indexes.is_empty() || plan.indexes.iter().any(|i| text.contains(i)),
            "{}: not through {:?}\n{text}",
            plan.statement,
            plan.indexes
        );
        if plan.covering {
            assert!(
                text.contains("COVERING INDEX"),
                "{}: reads the table\n{text}",
                plan.statement
            );
        }
        if !plan.may_sort {
            assert!(
                !text.contains("TEMP B-TREE"),
                "{}: sorts\n{text}",
                plan.statement
            );
        }
    }
    db.finish().await;
}

/// PostgreSQL is not told which index to read; on data shaped like a help desk's, no hot
/// statement reads the whole tickets table.
#[tokio::test]
async fn hot_statements_read_their_own_index_on_postgres() {
    let Some(db) = support::TestDb::postgres().await else {
        return;
    };
    // Plans of empty tables say little: 40,000 tickets, spread like a help desk's years, most of
    // them closed, each with a message, 4,000 mails sent and 1,000 waiting of which a batch is leased, and
    // their statistics.
    let pool = db.postgres_store().pool();
    sqlx::raw_sql(
        "INSERT INTO tickets (number, requester_email, form_id, subject, status, created_at, updated_at)
         SELECT 100000 + i, 'klant@delinde.nl', (SELECT MIN(id) FROM ticket_forms),
                'Vraag ' || i,
                CASE WHEN i % 50 = 0 THEN 'new' WHEN i % 50 = 1 THEN 'open'
                     WHEN i % 50 IN (2, 3) THEN 'pending' WHEN i % 50 = 4 THEN 'solved'
                     ELSE 'closed' END,
                i * 60, i * 60
         FROM generate_series(1, 40000) AS i;
         INSERT INTO ticket_comments (ticket_id, body, public, created_at)
         SELECT id, 'Sinds vanochtend krijgen we deze melding ' || number, number % 10 <> 0, created_at
         FROM tickets;
         ANALYZE tickets;
         ANALYZE ticket_comments;
         INSERT INTO outbox (to_address, to_name, subject, text_body, html_body, message_id,
                             language, status, created_at, next_attempt_at)
         SELECT 'klant@delinde.nl', 'Klant', 'Bevestiging', 't', 'h', 'm' || i, 'nl',
                CASE WHEN i <= 4000 THEN 'sent' ELSE 'pending' END, i, i
         FROM generate_series(1, 5000) AS i;
         UPDATE outbox SET lease_token = 'lease' || (id % 2), lease_node = 'node', lease_until = 0
         WHERE id % 250 = 0;
         ANALYZE outbox;",
    )
    .execute(pool)
    .await
    .unwrap();
    for plan in db.postgres_store().plans().await.unwrap() {
        let text = plan.text();
        // The tables that grow with the help desk; a few form fields may be read whole.
        let full_scan = plan.lines.iter().any(|l| {
            let table = l
                .split("Seq Scan on ")
                .nth(1)
                .and_then(|r| r.split(' ').next());
            matches!(
                table,
                Some(
                    "tickets"
                        | "ticket_comments"
                        | "ticket_ccs"
                        | "ticket_attachments"
                        | "ticket_events"
                        | "ticket_field_values"
                        | "outbox"
                        | "users"
                )
            )
        });
        assert!(!full_scan, "{}: full scan\n{text}", plan.statement);
        // The outbox's statements read their partial indexes. (The views' own indexes are not
        // asserted here: on these 40,000 tickets PostgreSQL may combine others and sort.)
        if plan.statement.starts_with("outbox") {
            assert!(
                plan.indexes.iter().any(|i| text.contains(i)),
                "{}: not through {:?}\n{text}",
                plan.statement,
                plan.indexes
            );
        }
    }
    // A word in one message of twenty: 2,000 matches over the three blocks of ids the index
    // keeps apart. The newest 1,000 are found, none twice, and a customer's list finds its
    // own old ticket by another form of a word that 20,000 newer subjects hold.
    sqlx::raw_sql(
        "UPDATE ticket_comments SET body = body || ' zeldzaamwoord' WHERE ticket_id % 20 = 0;
         UPDATE tickets SET subject = 'Factuur ' || id WHERE id % 2 = 0;
         INSERT INTO organisations (name, created_at) VALUES ('De Linde', 0);
         UPDATE tickets SET subject = 'Facturen kwijt', org_id = (SELECT MAX(id) FROM organisations)
         WHERE id = (SELECT MIN(id) FROM tickets);
         ANALYZE tickets;
         ANALYZE ticket_comments;",
    )
    .execute(pool)
    .await
    .unwrap();
    let mut tx = db.store().read().await.unwrap();
    let mut query = balie_store::TicketQuery::new(balie_store::TicketScope::All, 2_000);
    query.text = "zeldzaamwoord".into();
    let found: Vec<i64> = tx
        .list_tickets(&query)
        .await
        .unwrap()
        .iter()
        .map(|t| t.id.0)
        .collect();
    let newest: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM tickets WHERE id % 20 = 0 ORDER BY id DESC LIMIT 1000")
            .fetch_all(pool)
            .await
            .unwrap();
    assert_eq!(found, newest, "the newest 1,000, newest first, none twice");
    // The statements inside the search functions read the indexes by block; a word no subject
    // starts with is known from the subjects' stems without asking the index.
    for (text, in_subjects) in [
        ("zeldzaamwoord", false),
        ("factuur", true),
        ("factu vraag", true),
        ("nergensgeschreven", false),
    ] {
        let reads = db.postgres_store().search_reads(text).await.unwrap();
        assert_eq!(reads.full_scans, 0, "{text}: {reads:?}");
        assert_eq!(reads.subject_blocks > 0, in_subjects, "{text}: {reads:?}");
        assert!(reads.message_blocks > 0, "{text}: {reads:?}");
    }
    let (oldest, org): (i64, i64) =
        sqlx::query_as("SELECT id, org_id FROM tickets WHERE org_id IS NOT NULL")
            .fetch_one(pool)
            .await
            .unwrap();
    let mut customer =
        balie_store::TicketQuery::new(balie_store::TicketScope::Org(balie_domain::OrgId(org)), 25);
    customer.text = "factuur".into();
    let found = tx.list_tickets(&customer).await.unwrap();
    assert_eq!(found.iter().map(|t| t.id.0).collect::<Vec<_>>(), [oldest]);
    drop(tx);
    db.finish().await;
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_foreign_keys() {
    let db = support::TestDb::sqlite().await;
    let pool = db.sqlite_pool();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(pool)
        .await
        .unwrap();
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(mode.to_lowercase(), "wal");
    assert_eq!(fk, 1);
}
