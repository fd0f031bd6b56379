-- Searching by Dutch stems: "factuur" finds "facturen", "printer" finds "printers". SQLite has no
-- Dutch stemmer, so the store writes each subject's and each message's stems into the word
-- indexes itself, in the transaction that writes the text. Subjects get the words of who may
-- read them beside them ("o<org> r<requester>"), as messages have, so a customer's list finds
-- its own subjects among a million. The indexes are made again here,
-- empty and contentless; the store fills them from the existing texts right after this
-- migration (search_index_build says how far it got, so an interrupted start carries on).

DROP TRIGGER tickets_search_insert;
DROP TRIGGER tickets_search_update;
DROP TRIGGER tickets_search_delete;
DROP TABLE tickets_search;
CREATE VIRTUAL TABLE tickets_search USING fts5(
    subject,
    scope,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER tickets_search_delete AFTER DELETE ON tickets BEGIN
    DELETE FROM tickets_search WHERE rowid = old.id;
END;

DROP TRIGGER comments_search_insert;
DROP TRIGGER comments_search_update;
DROP TRIGGER comments_search_ticket_moved;
DROP TRIGGER comments_search_delete;
DROP TABLE comments_search;
CREATE VIRTUAL TABLE comments_search USING fts5(
    body,
    scope,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER comments_search_delete AFTER DELETE ON ticket_comments BEGIN
    DELETE FROM comments_search WHERE rowid = old.id;
END;

-- The texts still to index: every id above `after`.
CREATE TABLE search_index_build (
    name  TEXT PRIMARY KEY,
    after INTEGER NOT NULL
);
INSERT INTO search_index_build (name, after) VALUES ('subjects', 0), ('messages', 0);
