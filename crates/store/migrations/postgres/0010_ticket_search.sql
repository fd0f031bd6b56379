-- Searching every ticket by the words of its subject: a GIN index over the subject's words, so
-- a word that no ticket has is answered at once instead of by reading a million subjects.

CREATE INDEX tickets_subject_search ON tickets USING gin (to_tsvector('simple', subject));
