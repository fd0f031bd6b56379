-- The agent workspace: which group handles billing questions (D7), routing rules that put a new
-- ticket in a group by its form and main category (C4), the hidden form of subscription-change
-- requests, and indexes for the agents' views, all ordered by last activity.

ALTER TABLE agent_groups ADD COLUMN handles_billing INTEGER NOT NULL DEFAULT 0;

ALTER TABLE ticket_forms ADD COLUMN offered INTEGER NOT NULL DEFAULT 1;
INSERT INTO ticket_forms (key, name_nl, name_en, description_nl, description_en, position, offered) VALUES
    ('subscription_change', 'Abonnementswijziging', 'Subscription change', 'Een verzoek om het abonnement of de licenties te wijzigen.', 'A request to change the subscription or the licences.', 90, 0);

CREATE TABLE routing_rules (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    form_id      INTEGER REFERENCES ticket_forms (id) ON DELETE CASCADE,
    category_id  INTEGER REFERENCES ticket_categories (id) ON DELETE CASCADE,
    group_id     INTEGER NOT NULL REFERENCES agent_groups (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX tickets_status_activity ON tickets (status, updated_at, id);
CREATE INDEX tickets_assignee_activity ON tickets (assignee_id, updated_at, id);
