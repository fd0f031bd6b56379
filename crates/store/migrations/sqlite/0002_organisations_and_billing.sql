-- Organisation self-service and billing: contact data, subscriptions with licences, invoices
-- with their lines, and subscription-change requests. Dates are ISO text (YYYY-MM-DD).

ALTER TABLE organisations ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN subscription_plan TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN phone TEXT NOT NULL DEFAULT '';

CREATE TABLE licences (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id            INTEGER NOT NULL REFERENCES organisations (id),
    product           TEXT NOT NULL,
    quantity          INTEGER NOT NULL,
    unit_price_cents  INTEGER NOT NULL,
    created_at        INTEGER NOT NULL
);
CREATE INDEX licences_org ON licences (org_id);

CREATE TABLE invoices (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      INTEGER NOT NULL REFERENCES organisations (id),
    number      TEXT NOT NULL UNIQUE,
    issue_date  TEXT NOT NULL,
    due_date    TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'open',
    created_at  INTEGER NOT NULL
);
CREATE INDEX invoices_org_date ON invoices (org_id, issue_date);

CREATE TABLE invoice_lines (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    invoice_id        INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    description       TEXT NOT NULL,
    quantity          INTEGER NOT NULL,
    unit_price_cents  INTEGER NOT NULL,
    vat_percent       INTEGER NOT NULL
);
CREATE INDEX invoice_lines_invoice ON invoice_lines (invoice_id, position);

CREATE TABLE subscription_requests (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id        INTEGER NOT NULL REFERENCES organisations (id),
    requested_by  INTEGER REFERENCES users (id),
    subject       TEXT NOT NULL,
    explanation   TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX subscription_requests_org ON subscription_requests (org_id, created_at);
