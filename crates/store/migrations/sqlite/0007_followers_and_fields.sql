-- "Volgen" of an organisation's requests (C5): who gets an e-mail of every update of every
-- ticket of the organisation. And the custom fields of ticket forms (C1, D6) with the values a
-- ticket was submitted with.

CREATE TABLE org_request_followers (
    org_id      INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (org_id, user_id)
);

CREATE TABLE ticket_fields (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    form_id   INTEGER NOT NULL REFERENCES ticket_forms (id) ON DELETE CASCADE,
    label_nl  TEXT NOT NULL,
    label_en  TEXT NOT NULL,
    kind      TEXT NOT NULL,
    required  INTEGER NOT NULL DEFAULT 0,
    options   TEXT NOT NULL DEFAULT '',
    position  INTEGER NOT NULL DEFAULT 0,
    active    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ticket_fields_form ON ticket_fields (form_id, position, id);

CREATE TABLE ticket_field_values (
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    field_id   INTEGER NOT NULL REFERENCES ticket_fields (id) ON DELETE CASCADE,
    value      TEXT NOT NULL,
    PRIMARY KEY (ticket_id, field_id)
);

-- The registration forms ask for the person to register or remove; an error report for the
-- version and how many workplaces are affected.
INSERT INTO ticket_fields (form_id, label_nl, label_en, kind, required, options, position)
SELECT id, 'Voornaam', 'First name', 'text', 1, '', 1 FROM ticket_forms WHERE key = 'contact_register';
INSERT INTO ticket_fields (form_id, label_nl, label_en, kind, required, options, position)
SELECT id, 'Achternaam', 'Last name', 'text', 1, '', 2 FROM ticket_forms WHERE key = 'contact_register';
INSERT INTO ticket_fields (form_id, label_nl, label_en, kind, required, options, position)
SELECT id, 'E-mailadres', 'E-mail address', 'text', 1, '', 3 FROM ticket_forms WHERE key = 'contact_register';
INSERT INTO ticket_fields (form_id, label_nl, label_en, kind, required, options, position)
SELECT id, 'Ingangsdatum', 'Start date', 'date', 0, '', 4 FROM ticket_forms WHERE key = 'contact_register';
INSERT INTO ticket_fields (form_id, label_nl, label_en, kind, required, options, position)
SELECT id, 'Naam van de contactpersoon', 'Name of the contact person', 'text', 1, '', 1 FROM ticket_forms WHERE key = 'contact_deregister';
INSERT INTO ticket_fields (form_id, label_nl, label_en, kind, required, options, position)
SELECT id, 'Laatste werkdag', 'Last working day', 'date', 0, '', 2 FROM ticket_forms WHERE key = 'contact_deregister';
INSERT INTO ticket_fields (form_id, label_nl, label_en, kind, required, options, position)
SELECT id, 'Onderdeel', 'Part of the product', 'nested', 0, 'Agenda > Afspraken
Agenda > Herinneringen
Declaraties > Vektis
Declaraties > Verzamelfacturen
Dossier > Sjablonen', 1 FROM ticket_forms WHERE key = 'incident';
INSERT INTO ticket_fields (form_id, label_nl, label_en, kind, required, options, position)
SELECT id, 'Aantal werkplekken met het probleem', 'Workplaces with the problem', 'number', 0, '', 2 FROM ticket_forms WHERE key = 'incident';
