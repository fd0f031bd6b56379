-- Searching the conversations: a GIN index over every message's words, as for subjects.

CREATE INDEX ticket_comments_search ON ticket_comments USING gin (to_tsvector('simple', body));
