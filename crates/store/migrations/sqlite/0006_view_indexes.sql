-- Indexes shaped like the agents' busiest views, so each reads its first page in order of last
-- activity without sorting: the unassigned queue and everything not yet solved. A partial index
-- holds only the rows of its view, which stay few as tickets close.

CREATE INDEX tickets_unassigned_activity ON tickets (updated_at, id)
    WHERE assignee_id IS NULL AND status IN ('new', 'open');
CREATE INDEX tickets_unresolved_activity ON tickets (updated_at, id)
    WHERE status IN ('new', 'open', 'pending', 'on_hold');
