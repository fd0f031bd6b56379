-- Every ticket by last activity: the agents' "Alle tickets" and searches through all of them
-- read the newest first without sorting the whole table.

CREATE INDEX tickets_activity ON tickets (updated_at, id);
