-- Searching newest first. A GIN index gives a word's matches in no order, so a search for the
-- newest 1,000 had to read every match of a common word, or else guess from the newest rows.
-- Here every stem is indexed together with the block of 16,384 ids its row belongs to
-- ("76_handleid"), so each block has a list of its own in the index: a search asks the newest
-- block first and then runs of older blocks (two, four, then eight at a time), and stops as
-- soon as it has enough. A common word is answered from the newest blocks, a rare one by
-- looking each block's entry up once.

-- The stems of `v` as the entries of block `b`: each lexeme prefixed by the block and "_"
-- (chr(1) only separates them on the way; no lexeme holds it). One scalar expression of
-- immutable functions (no subquery, `b::text` rather than the stable `text || bigint`), so
-- PostgreSQL inlines it: 4 µs a message, where a regular expression took 14.
CREATE FUNCTION balie_in_block(v tsvector, b bigint) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT CASE WHEN length(v) = 0 THEN v ELSE array_to_tsvector(string_to_array(
        b::text || '_' || array_to_string(tsvector_to_array(v), chr(1) || b::text || '_'),
        chr(1))) END $$;

-- Written straight into the index, without GIN's pending list: every look-up of a search reads
-- that list whole, and a search looks up to forty runs of blocks up. Even the smallest list
-- (64 kB, a few hundred new messages) made a rare word's search 5 ms slower, one of 256 kB 7 ms.
-- Writing each message straight in costs 48 µs instead of 7, which an import of millions feels
-- (`balie demo --scale 1` 496 s instead of 204) and a new ticket does not.
DROP INDEX tickets_subject_search;
CREATE INDEX tickets_subject_blocks ON tickets
    USING gin (balie_in_block(search, id >> 14)) WITH (fastupdate = off);

DROP INDEX ticket_comments_search;
CREATE INDEX ticket_comments_blocks ON ticket_comments
    USING gin (balie_in_block(search, id >> 14)) WITH (fastupdate = off);

-- A search is written once as a pattern in which chr(1) stands for the block, and asked of the
-- blocks `low` to `high` at once: each block's copy of the pattern, or-ed.
CREATE FUNCTION balie_blocks_query(pattern text, low bigint, high bigint) RETURNS tsquery
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
    SELECT string_agg('(' || replace(pattern, chr(1), b::text) || ')', ' | ')::tsquery
    FROM generate_series(GREATEST(low, 0), high) b
    $$;

-- `stem` in a pattern: a query's lexeme, quoted, in the block that chr(1) stands for.
CREATE FUNCTION balie_block_lexeme(stem text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT '''' || chr(1) || '_' || replace(replace(stem, '\', '\\'), '''', '''''') || '''' $$;

-- The newest matches of `pattern`, at most `wanted`: ticket ids by their subjects, or (with
-- `messages`) the tickets of messages. The newest block is asked first, then runs of two, four
-- and eight blocks, until enough are found; `high` is the newest block.
CREATE FUNCTION balie_newest_in_blocks(messages boolean, pattern text, high bigint, wanted integer)
    RETURNS SETOF bigint
    LANGUAGE plpgsql STABLE
    -- Each run is a small search through the index, never a read of the whole table, and
    -- starting parallel workers for it would cost more than it does (10 ms).
    SET enable_seqscan = off
    SET max_parallel_workers_per_gather = 0
    AS $$
DECLARE
    width bigint := 1;
    found integer := 0;
    got integer;
    q tsquery;
BEGIN
    WHILE high >= 0 AND found < wanted LOOP
        q := balie_blocks_query(pattern, high - width + 1, high);
        -- Two written-out statements, so that each keeps its plan from run to run.
        IF messages THEN
            RETURN QUERY SELECT c.ticket_id FROM ticket_comments c
                WHERE balie_in_block(c.search, c.id >> 14) @@ q
                ORDER BY c.id + 0 DESC LIMIT wanted - found;
        ELSE
            RETURN QUERY SELECT t.id FROM tickets t
                WHERE balie_in_block(t.search, t.id >> 14) @@ q
                ORDER BY t.id + 0 DESC LIMIT wanted - found;
        END IF;
        GET DIAGNOSTICS got = ROW_COUNT;
        found := found + got;
        high := high - width;
        -- Wider runs cost fewer asks of a rare word, but all of a run's matches are read: eight
        -- blocks hold at most 131,072 rows, whatever a word's history.
        width := LEAST(width * 2, 8);
    END LOOP;
END
$$;

-- Every stem a subject has held, so that a typed word's start becomes the whole stems it
-- starts: the index then intersects lists instead of merging every match of a start.
CREATE TABLE subject_stems (stem TEXT COLLATE "C" PRIMARY KEY);
INSERT INTO subject_stems SELECT DISTINCT unnest(tsvector_to_array(search)) FROM tickets;

CREATE FUNCTION balie_keep_subject_stems() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO subject_stems
    SELECT DISTINCT unnest(tsvector_to_array(search)) FROM written
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER tickets_subject_stems_inserted AFTER INSERT ON tickets
    REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION balie_keep_subject_stems();
CREATE TRIGGER tickets_subject_stems_updated AFTER UPDATE ON tickets
    REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION balie_keep_subject_stems();

-- The ids of the newest tickets, at most `wanted`, whose subject has a stem starting with each
-- word of `typed` (stemmed as the subjects were). A start shared by more than 64 stems (one
-- or two letters) is asked of the index as a start.
CREATE FUNCTION balie_newest_subjects(typed text, wanted integer) RETURNS SETOF bigint
    LANGUAGE plpgsql STABLE
    AS $$
DECLARE
    word text;
    starting text[];
    pattern text := '';
BEGIN
    FOREACH word IN ARRAY tsvector_to_array(to_tsvector('balie_dutch', typed)) LOOP
        starting := ARRAY(
            SELECT w.stem FROM subject_stems w
            WHERE w.stem >= word COLLATE "C" AND w.stem < (word || chr(1114111)) COLLATE "C"
            ORDER BY w.stem LIMIT 65);
        IF cardinality(starting) = 0 THEN
            RETURN;
        END IF;
        pattern := pattern || CASE WHEN pattern = '' THEN '' ELSE ' & ' END || CASE
            WHEN cardinality(starting) > 64 THEN balie_block_lexeme(word) || ':*'
            ELSE '(' || array_to_string(
                ARRAY(SELECT balie_block_lexeme(s) FROM unnest(starting) s), ' | ') || ')'
        END;
    END LOOP;
    IF pattern = '' THEN
        RETURN;
    END IF;
    RETURN QUERY SELECT balie_newest_in_blocks(
        false, pattern, (SELECT max(id) FROM tickets) >> 14, wanted);
END
$$;

-- The tickets of the newest messages, at most `wanted`, holding every stem of `typed` whole.
CREATE FUNCTION balie_newest_messages(typed text, wanted integer) RETURNS SETOF bigint
    LANGUAGE plpgsql STABLE
    AS $$
DECLARE
    pattern text := array_to_string(ARRAY(
        SELECT balie_block_lexeme(s)
        FROM unnest(tsvector_to_array(to_tsvector('balie_dutch', typed))) s), ' & ');
BEGIN
    IF pattern = '' THEN
        RETURN;
    END IF;
    RETURN QUERY SELECT balie_newest_in_blocks(
        true, pattern, (SELECT max(id) FROM ticket_comments) >> 14, wanted);
END
$$;
