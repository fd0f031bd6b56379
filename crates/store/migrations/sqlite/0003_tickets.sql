-- Tickets: the configurable forms and main categories with their default set (SPEC C1), the
-- tickets themselves with sequential numbers that are never handed out twice, their
-- conversation, CCs and a log of what happened to them.

CREATE TABLE counters (
    name   TEXT PRIMARY KEY,
    value  INTEGER NOT NULL
);
INSERT INTO counters (name, value) VALUES ('ticket_number', 0);

CREATE TABLE ticket_forms (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    key             TEXT NOT NULL UNIQUE,
    name_nl         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    description_nl  TEXT NOT NULL DEFAULT '',
    description_en  TEXT NOT NULL DEFAULT '',
    position        INTEGER NOT NULL DEFAULT 0,
    active          INTEGER NOT NULL DEFAULT 1
);
INSERT INTO ticket_forms (key, name_nl, name_en, description_nl, description_en, position) VALUES
    ('question', 'Vraag', 'Question', 'Stel hier uw algemene vraag.', 'Ask your general question here.', 1),
    ('improvement', 'Verbetering', 'Improvement', 'Heeft u verbeteringen voor ons product?', 'Do you have improvements for our product?', 2),
    ('incident', 'Foutmelding', 'Error report', 'Krijgt u een storing of krijgt u een foutmelding?', 'Is something down, or do you get an error message?', 3),
    ('contact_register', 'Registratieformulier contactpersoon - aanmelden', 'Contact person registration - add', 'Laat een nieuwe contactpersoon van uw organisatie registreren.', 'Have a new contact person of your organisation registered.', 4),
    ('contact_deregister', 'Registratieformulier contactpersoon - afmelden', 'Contact person registration - remove', 'Laat een contactpersoon van uw organisatie afmelden.', 'Have a contact person of your organisation removed.', 5);

CREATE TABLE ticket_categories (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    key       TEXT NOT NULL UNIQUE,
    name_nl   TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    help_nl   TEXT NOT NULL DEFAULT '',
    help_en   TEXT NOT NULL DEFAULT '',
    position  INTEGER NOT NULL DEFAULT 0,
    active    INTEGER NOT NULL DEFAULT 1
);
INSERT INTO ticket_categories (key, name_nl, name_en, help_nl, help_en, position) VALUES
    ('finance', 'Financieel', 'Finance', 'Vragen over declaraties, cliënt- en verzamelfacturen en boekhouding.', 'Questions about claims, client and collective invoices, and bookkeeping.', 1),
    ('integration', 'Externe koppeling', 'External integration', 'Vragen over het instellen van e-mail, Zorgmail en andere koppelingen.', 'Questions about setting up e-mail, Zorgmail and other integrations.', 2),
    ('technical', 'Techniek', 'Technical', 'Vragen over sjablonen, het updaten van de software en het exporteren van cliënten.', 'Questions about templates, updating the software and exporting clients.', 3),
    ('other', 'Overig', 'Other', 'Staat uw onderwerp er niet bij? Kies dan de categorie die het dichtst in de buurt komt, of deze.', 'Is your subject not listed? Choose the closest category, or this one.', 4);

CREATE TABLE tickets (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    number           INTEGER NOT NULL UNIQUE,
    org_id           INTEGER REFERENCES organisations (id),
    requester_id     INTEGER REFERENCES users (id),
    requester_email  TEXT NOT NULL,
    form_id          INTEGER NOT NULL REFERENCES ticket_forms (id),
    category_id      INTEGER REFERENCES ticket_categories (id),
    subject          TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'new',
    priority         TEXT NOT NULL DEFAULT 'normal',
    group_id         INTEGER REFERENCES agent_groups (id),
    assignee_id      INTEGER REFERENCES users (id),
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    solved_at        INTEGER
);
CREATE INDEX tickets_org_activity ON tickets (org_id, updated_at, id);
CREATE INDEX tickets_requester_activity ON tickets (requester_id, updated_at, id);
CREATE INDEX tickets_status_solved ON tickets (status, solved_at);
CREATE INDEX tickets_group_status ON tickets (group_id, status, assignee_id);

CREATE TABLE ticket_comments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id   INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    author_id   INTEGER REFERENCES users (id),
    body        TEXT NOT NULL,
    public      INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX ticket_comments_ticket ON ticket_comments (ticket_id, id);

CREATE TABLE ticket_ccs (
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (ticket_id, user_id)
);
CREATE INDEX ticket_ccs_user ON ticket_ccs (user_id);

CREATE TABLE ticket_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id   INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    actor_id    INTEGER REFERENCES users (id),
    kind        TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);
