-- Searching every ticket by the words of its subject: an FTS5 index over `tickets.subject`, kept
-- by triggers, so a word that no ticket has is answered at once instead of by reading a million
-- subjects.

CREATE VIRTUAL TABLE tickets_search USING fts5(
    subject,
    content = 'tickets',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO tickets_search (rowid, subject) SELECT id, subject FROM tickets;

CREATE TRIGGER tickets_search_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO tickets_search (rowid, subject) VALUES (new.id, new.subject);
END;
CREATE TRIGGER tickets_search_delete AFTER DELETE ON tickets BEGIN
    INSERT INTO tickets_search (tickets_search, rowid, subject) VALUES ('delete', old.id, old.subject);
END;
CREATE TRIGGER tickets_search_update AFTER UPDATE OF subject ON tickets BEGIN
    INSERT INTO tickets_search (tickets_search, rowid, subject) VALUES ('delete', old.id, old.subject);
    INSERT INTO tickets_search (rowid, subject) VALUES (new.id, new.subject);
END;
