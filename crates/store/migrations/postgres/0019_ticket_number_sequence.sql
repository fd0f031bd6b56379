-- Ticket numbers from a sequence. Taking the next number from the one counter row locked that
-- row until the creating transaction committed, so tickets from several clients were created one
-- after another: from eight clients at once, 279 a second with p99 110 ms on a million tickets;
-- from a sequence, 589 a second with p99 27 ms. Numbers still only go up and are never handed
-- out twice; a creation that fails after taking its number leaves that number unused.
CREATE SEQUENCE ticket_numbers AS BIGINT;
SELECT setval('ticket_numbers', GREATEST(c.value, t.highest, 1), GREATEST(c.value, t.highest) > 0)
FROM counters c, (SELECT COALESCE(MAX(number), 0) AS highest FROM tickets) t
WHERE c.name = 'ticket_number';
-- A node of an earlier version still running beside this one now fails to number a ticket
-- instead of handing out a number the sequence gives too.
DELETE FROM counters WHERE name = 'ticket_number';
