-- The foundation: vendor, organisations, people, agent groups, sessions, one-time tokens,
-- attempts for rate limits, the outbox and the audit log. Times are Unix seconds (UTC).
-- AUTOINCREMENT: an id, once used, is never handed out again (mail files are named by it).

CREATE TABLE vendor (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE organisations (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    name             TEXT NOT NULL,
    address          TEXT NOT NULL DEFAULT '',
    postcode         TEXT NOT NULL DEFAULT '',
    city             TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    requests_shared  INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL
);

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    kind                TEXT NOT NULL CHECK (kind IN ('contact', 'agent')),
    org_id              INTEGER REFERENCES organisations (id),
    first_name          TEXT NOT NULL,
    last_name           TEXT NOT NULL,
    gender              TEXT,
    email               TEXT UNIQUE,
    password_hash       TEXT,
    language            TEXT NOT NULL DEFAULT 'nl',
    is_beheerder        INTEGER NOT NULL DEFAULT 0,
    is_medewerker       INTEGER NOT NULL DEFAULT 0,
    is_medewerker_plus  INTEGER NOT NULL DEFAULT 0,
    is_admin            INTEGER NOT NULL DEFAULT 0,
    failed_sign_ins     INTEGER NOT NULL DEFAULT 0,
    blocked_at          INTEGER,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    CHECK ((kind = 'contact') = (org_id IS NOT NULL))
);
CREATE INDEX users_org ON users (org_id);

CREATE TABLE agent_groups (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    name  TEXT NOT NULL UNIQUE
);

CREATE TABLE agent_group_members (
    group_id  INTEGER NOT NULL REFERENCES agent_groups (id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE one_time_tokens (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);

CREATE TABLE attempts (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    kind  TEXT NOT NULL,
    key   TEXT NOT NULL,
    at    INTEGER NOT NULL
);
CREATE INDEX attempts_kind_key_at ON attempts (kind, key, at);

CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    to_address       TEXT NOT NULL,
    to_name          TEXT NOT NULL,
    subject          TEXT NOT NULL,
    text_body        TEXT NOT NULL,
    html_body        TEXT NOT NULL,
    message_id       TEXT NOT NULL,
    language         TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'pending',
    attempts         INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    next_attempt_at  INTEGER NOT NULL,
    lease_until      INTEGER,
    lease_token      TEXT,
    last_error       TEXT,
    sent_at          INTEGER
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    at            INTEGER NOT NULL,
    actor_id      INTEGER REFERENCES users (id),
    action        TEXT NOT NULL,
    subject_type  TEXT NOT NULL,
    subject_id    INTEGER,
    detail        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
