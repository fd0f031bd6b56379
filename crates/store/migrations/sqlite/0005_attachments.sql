-- Attachments of tickets: the files of a comment (or of the ticket's first message). The bytes
-- live in blob storage under `blob_key`; the database keeps what the pages show and who may see
-- it (through the comment: an internal note's files are internal too).

CREATE TABLE ticket_attachments (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id     INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    comment_id    INTEGER NOT NULL REFERENCES ticket_comments (id) ON DELETE CASCADE,
    file_name     TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL,
    blob_key      TEXT NOT NULL UNIQUE,
    created_at    INTEGER NOT NULL
);
CREATE INDEX ticket_attachments_ticket ON ticket_attachments (ticket_id, id);
