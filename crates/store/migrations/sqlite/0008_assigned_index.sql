-- "Mijn open tickets" of an agent: only the tickets not solved or closed, by last activity, so
-- its page and count never walk through the years of closed tickets an agent has handled.

CREATE INDEX tickets_assigned_unresolved ON tickets (assignee_id, updated_at, id)
    WHERE status NOT IN ('solved', 'closed');
