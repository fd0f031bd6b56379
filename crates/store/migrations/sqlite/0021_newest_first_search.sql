-- Nothing changes on SQLite: its FTS5 word indexes already read a word's matches newest first
-- and stop at the newest 1,000. PostgreSQL's index of stems by block of ids comes in this version.
SELECT 1;
