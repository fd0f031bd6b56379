//! The versioned migrations of each backend, embedded in the binary. A migration is never edited
//! once released; a change is a new file for both backends with the next number.

/// `(version, sql)` in the order they apply.
pub(crate) const SQLITE: &[(i64, &str)] = &[
    (1, include_str!("../migrations/sqlite/0001_foundation.sql")),
    (
        2,
        include_str!("../migrations/sqlite/0002_organisations_and_billing.sql"),
    ),
    (3, include_str!("../migrations/sqlite/0003_tickets.sql")),
    (
        4,
        include_str!("../migrations/sqlite/0004_agent_workspace.sql"),
    ),
    (5, include_str!("../migrations/sqlite/0005_attachments.sql")),
    (
        6,
        include_str!("../migrations/sqlite/0006_view_indexes.sql"),
    ),
    (
        7,
        include_str!("../migrations/sqlite/0007_followers_and_fields.sql"),
    ),
    (
        8,
        include_str!("../migrations/sqlite/0008_assigned_index.sql"),
    ),
    (
        9,
        include_str!("../migrations/sqlite/0009_activity_index.sql"),
    ),
    (
        10,
        include_str!("../migrations/sqlite/0010_ticket_search.sql"),
    ),
    (
        11,
        include_str!("../migrations/sqlite/0011_knowledge_base.sql"),
    ),
    (
        12,
        include_str!("../migrations/sqlite/0012_outbox_lease_node.sql"),
    ),
    (
        13,
        include_str!("../migrations/sqlite/0013_trusted_devices.sql"),
    ),
    (
        14,
        include_str!("../migrations/sqlite/0014_outbox_pending.sql"),
    ),
    (
        15,
        include_str!("../migrations/sqlite/0015_agents_index.sql"),
    ),
    (
        16,
        include_str!("../migrations/sqlite/0016_view_counts_covering.sql"),
    ),
    (
        17,
        include_str!("../migrations/sqlite/0017_message_search.sql"),
    ),
    (
        18,
        include_str!("../migrations/sqlite/0018_dutch_word_search.sql"),
    ),
    (
        19,
        include_str!("../migrations/sqlite/0019_ticket_number_sequence.sql"),
    ),
    (
        20,
        include_str!("../migrations/sqlite/0020_outbox_leased.sql"),
    ),
    (
        21,
        include_str!("../migrations/sqlite/0021_newest_first_search.sql"),
    ),
    (22, include_str!("../migrations/sqlite/0022_one_voice.sql")),
    (
        23,
        include_str!("../migrations/sqlite/0023_audit_by_subject.sql"),
    ),
];

pub(crate) const POSTGRES: &[(i64, &str)] = &[
    (
        1,
        include_str!("../migrations/postgres/0001_foundation.sql"),
    ),
    (
        2,
        include_str!("../migrations/postgres/0002_organisations_and_billing.sql"),
    ),
    (3, include_str!("../migrations/postgres/0003_tickets.sql")),
    (
        4,
        include_str!("../migrations/postgres/0004_agent_workspace.sql"),
    ),
    (
        5,
        include_str!("../migrations/postgres/0005_attachments.sql"),
    ),
    (
        6,
        include_str!("../migrations/postgres/0006_view_indexes.sql"),
    ),
    (
        7,
        include_str!("../migrations/postgres/0007_followers_and_fields.sql"),
    ),
    (
        8,
        include_str!("../migrations/postgres/0008_assigned_index.sql"),
    ),
    (
        9,
        include_str!("../migrations/postgres/0009_activity_index.sql"),
    ),
    (
        10,
        include_str!("../migrations/postgres/0010_ticket_search.sql"),
    ),
    (
        11,
        include_str!("../migrations/postgres/0011_knowledge_base.sql"),
    ),
    (
        12,
        include_str!("../migrations/postgres/0012_outbox_lease_node.sql"),
    ),
    (
        13,
        include_str!("../migrations/postgres/0013_trusted_devices.sql"),
    ),
    (
        14,
        include_str!("../migrations/postgres/0014_outbox_pending.sql"),
    ),
    (
        15,
        include_str!("../migrations/postgres/0015_agents_index.sql"),
    ),
    (
        16,
        include_str!("../migrations/postgres/0016_view_counts_covering.sql"),
    ),
    (
        17,
        include_str!("../migrations/postgres/0017_message_search.sql"),
    ),
    (
        18,
        include_str!("../migrations/postgres/0018_dutch_word_search.sql"),
    ),
    (
        19,
        include_str!("../migrations/postgres/0019_ticket_number_sequence.sql"),
    ),
    (
        20,
        include_str!("../migrations/postgres/0020_outbox_leased.sql"),
    ),
    (
        21,
        include_str!("../migrations/postgres/0021_newest_first_search.sql"),
    ),
    (
        22,
        include_str!("../migrations/postgres/0022_one_voice.sql"),
    ),
    (
        23,
        include_str!("../migrations/postgres/0023_audit_by_subject.sql"),
    ),
];

/// The bookkeeping table; the same SQL works on both backends.
pub(crate) const CREATE_LEDGER: &str = "CREATE TABLE IF NOT EXISTS balie_migrations (
    version BIGINT PRIMARY KEY,
    applied_at BIGINT NOT NULL
)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_backends_have_the_same_versions() {
        let s: Vec<i64> = SQLITE.iter().map(|m| m.0).collect();
        let p: Vec<i64> = POSTGRES.iter().map(|m| m.0).collect();
        assert_eq!(s, p);
        assert!(s.windows(2).all(|w| w[0] < w[1]), "versions must increase");
    }
}
