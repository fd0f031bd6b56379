-- Browsers that signed in before with the right password (a device cookie, stored as a hash):
-- their sign-ins are not held back by the limit on the client's address, so one person at an
-- address cannot lock out everyone else there by guessing.
CREATE TABLE trusted_devices (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX trusted_devices_user ON trusted_devices (user_id);
