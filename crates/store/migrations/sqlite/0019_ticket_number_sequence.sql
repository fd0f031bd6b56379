-- Nothing changes on SQLite: its writers run one at a time anyway, so ticket numbers stay in the
-- counters row, where a rolled-back ticket gives its number back. PostgreSQL moves them to a
-- sequence in this version.
SELECT 1;
