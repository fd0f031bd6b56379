-- Searching the conversations: every message's words in an FTS5 index, kept by triggers, with
-- the words of who may read it beside them ("o<org> r<requester>", and "o<org>pub
-- r<requester>pub" for a public message), so a customer's search meets only their own
-- organisation's public messages by intersecting two word lists, however common the word is
-- elsewhere. The index holds only words (contentless); the text stays in
-- ticket_comments.

CREATE VIRTUAL TABLE comments_search USING fts5(
    body,
    scope,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO comments_search (rowid, body, scope)
SELECT c.id, c.body,
       'o' || COALESCE(t.org_id, 0) || ' r' || COALESCE(t.requester_id, 0)
           || CASE WHEN c.public
                   THEN ' o' || COALESCE(t.org_id, 0) || 'pub r' || COALESCE(t.requester_id, 0) || 'pub'
                   ELSE '' END
FROM ticket_comments c JOIN tickets t ON t.id = c.ticket_id;

CREATE TRIGGER comments_search_insert AFTER INSERT ON ticket_comments BEGIN
    INSERT INTO comments_search (rowid, body, scope)
    SELECT new.id, new.body,
           'o' || COALESCE(t.org_id, 0) || ' r' || COALESCE(t.requester_id, 0)
               || CASE WHEN new.public
                       THEN ' o' || COALESCE(t.org_id, 0) || 'pub r' || COALESCE(t.requester_id, 0) || 'pub'
                       ELSE '' END
    FROM tickets t WHERE t.id = new.ticket_id;
END;
CREATE TRIGGER comments_search_delete AFTER DELETE ON ticket_comments BEGIN
    DELETE FROM comments_search WHERE rowid = old.id;
END;
CREATE TRIGGER comments_search_update AFTER UPDATE OF body, public ON ticket_comments BEGIN
    DELETE FROM comments_search WHERE rowid = old.id;
    INSERT INTO comments_search (rowid, body, scope)
    SELECT new.id, new.body,
           'o' || COALESCE(t.org_id, 0) || ' r' || COALESCE(t.requester_id, 0)
               || CASE WHEN new.public
                       THEN ' o' || COALESCE(t.org_id, 0) || 'pub r' || COALESCE(t.requester_id, 0) || 'pub'
                       ELSE '' END
    FROM tickets t WHERE t.id = new.ticket_id;
END;
-- A ticket that moves to another organisation or requester takes its messages' scope along.
CREATE TRIGGER comments_search_ticket_moved AFTER UPDATE OF org_id, requester_id ON tickets BEGIN
    DELETE FROM comments_search WHERE rowid IN (SELECT id FROM ticket_comments WHERE ticket_id = new.id);
    INSERT INTO comments_search (rowid, body, scope)
    SELECT c.id, c.body,
           'o' || COALESCE(new.org_id, 0) || ' r' || COALESCE(new.requester_id, 0)
               || CASE WHEN c.public
                       THEN ' o' || COALESCE(new.org_id, 0) || 'pub r' || COALESCE(new.requester_id, 0) || 'pub'
                       ELSE '' END
    FROM ticket_comments c WHERE c.ticket_id = new.id;
END;
