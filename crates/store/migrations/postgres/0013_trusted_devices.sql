-- Browsers in which a person signed in with the right password (a device cookie, stored as a
-- hash; one browser can be trusted for several colleagues): their sign-ins are not held back by
-- the limit on the client's address, so one person at an address cannot lock out everyone else
-- there by guessing.
CREATE TABLE trusted_devices (
    token_hash  TEXT NOT NULL,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    PRIMARY KEY (token_hash, user_id)
);
CREATE INDEX trusted_devices_user ON trusted_devices (user_id);
