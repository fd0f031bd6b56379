-- The worker takes the oldest pending mails: a partial index in that order lets it read ten of
-- them, however many wait, instead of sorting every due mail (1.3 µs a pending mail, 13 ms at a
-- backlog of 10,000, while holding the write lock).
DROP INDEX outbox_due;
CREATE INDEX outbox_pending ON outbox (id) WHERE status = 'pending';
