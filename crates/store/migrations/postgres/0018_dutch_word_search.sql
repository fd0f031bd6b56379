-- Searching by Dutch stems: "factuur" finds "facturen", "printer" finds "printers". A text
-- search configuration of PostgreSQL's own Snowball Dutch stemmer that keeps every word (the
-- stock "dutch" leaves out common words, and a search for one of them would find nothing).
CREATE TEXT SEARCH DICTIONARY balie_dutch_stem (TEMPLATE = snowball, LANGUAGE = dutch);
CREATE TEXT SEARCH CONFIGURATION balie_dutch (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION balie_dutch
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH balie_dutch_stem;

-- Each subject's and each message's stems as a stored column: computed once when the text is
-- written, not again for every row a search reads. A common word is found by reading the newest
-- rows backwards until enough match, a rare one through the index.
DROP INDEX tickets_subject_search;
ALTER TABLE tickets
    ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('balie_dutch', subject)) STORED;
CREATE INDEX tickets_subject_search ON tickets USING gin (search);

DROP INDEX ticket_comments_search;
ALTER TABLE ticket_comments
    ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('balie_dutch', body)) STORED;
CREATE INDEX ticket_comments_search ON ticket_comments USING gin (search);
