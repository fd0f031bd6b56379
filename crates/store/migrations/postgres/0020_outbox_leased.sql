-- Renewing a batch's lease and taking back a node's leases read only the mails that are leased
-- (a batch or two), not every pending one: with 50,000 mails waiting, SQLite scanned the whole
-- outbox to renew one batch's lease (4.5 ms while holding the write lock), and the outbox keeps
-- every mail it sent.
CREATE INDEX outbox_leased ON outbox (lease_token) WHERE status = 'pending' AND lease_token IS NOT NULL;
