-- The knowledge base (F1-F6, D5): categories shown as tiles, their sections, articles with a
-- Dutch and an English text that are each a draft or published, comments, "nuttig" votes and
-- what people follow. `kb_state.revision` changes with every edit of what readers see, so each
-- node knows when to rebuild its search index.

CREATE TABLE kb_state (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    revision  INTEGER NOT NULL
);
INSERT INTO kb_state (id, revision) VALUES (1, 1);

CREATE TABLE kb_categories (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    position        INTEGER NOT NULL DEFAULT 0,
    icon            TEXT NOT NULL,
    name_nl         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    description_nl  TEXT NOT NULL DEFAULT '',
    description_en  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE kb_sections (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    category_id     INTEGER NOT NULL REFERENCES kb_categories (id),
    position        INTEGER NOT NULL DEFAULT 0,
    -- Sections the product itself refers to ('outages'); NULL for the others.
    key             TEXT UNIQUE,
    name_nl         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    description_nl  TEXT NOT NULL DEFAULT '',
    description_en  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX kb_sections_category ON kb_sections (category_id, position, id);

CREATE TABLE kb_articles (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    section_id    INTEGER NOT NULL REFERENCES kb_sections (id),
    position      INTEGER NOT NULL DEFAULT 0,
    outage_open   INTEGER NOT NULL DEFAULT 0,
    author_id     INTEGER REFERENCES users (id),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    -- When followers of the section were told of it; set once, so they are told once.
    announced_at  INTEGER
);
CREATE INDEX kb_articles_section ON kb_articles (section_id, position, id);

CREATE TABLE kb_article_texts (
    article_id  INTEGER NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    language    TEXT NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    published   INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (article_id, language)
);

CREATE TABLE kb_comments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id  INTEGER NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    author_id   INTEGER NOT NULL REFERENCES users (id),
    body        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    hidden      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX kb_comments_article ON kb_comments (article_id, created_at);
CREATE INDEX kb_comments_author ON kb_comments (author_id, created_at);
CREATE INDEX kb_comments_recent ON kb_comments (created_at);

CREATE TABLE kb_votes (
    article_id  INTEGER NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    helpful     INTEGER NOT NULL,
    voted_at    INTEGER NOT NULL,
    PRIMARY KEY (article_id, user_id)
);

-- target_type 'section' or 'article'; with_comments: a section's followers who also want its
-- articles' new comments ("Nieuwe artikelen en opmerkingen").
CREATE TABLE kb_follows (
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    target_type    TEXT NOT NULL CHECK (target_type IN ('section', 'article')),
    target_id      INTEGER NOT NULL,
    with_comments  INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    PRIMARY KEY (user_id, target_type, target_id)
);
CREATE INDEX kb_follows_target ON kb_follows (target_type, target_id);

INSERT INTO kb_categories (position, icon, name_nl, name_en, description_nl, description_en)
VALUES (1, 'alert', 'Actueel', 'Current affairs',
        'Storingen, onderhoud en nieuws over onze software.',
        'Outages, maintenance and news about our software.');
INSERT INTO kb_sections (category_id, position, key, name_nl, name_en, description_nl, description_en)
SELECT id, 1, 'outages', 'Storing en onderhoud', 'Outages and maintenance',
       'Volg deze sectie om bericht te krijgen zodra er een storing is of onderhoud wordt gepleegd.',
       'Follow this section to hear as soon as there is an outage or maintenance.'
FROM kb_categories WHERE name_nl = 'Actueel';
