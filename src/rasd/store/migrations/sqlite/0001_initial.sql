-- rasd knowledge base, schema 1 (SQLite). Applied in one transaction by rasd.store.migrate.
-- Every per-document row hangs off documents.doc_no with ON DELETE CASCADE, so deleting a
-- document removes its whole analysis; entities are shared and kept while any document has them.
-- Entity ids in quotes, events and relations are stable ids (rasd.document/1) that may name an
-- entity the document does not list (e.g. a country known only from an adjective): they are
-- plain text, joined to entities when the name is known.

CREATE TABLE clusters (
    id          TEXT PRIMARY KEY,          -- id of the document that founded the story cluster
    created_at  TEXT NOT NULL
);

CREATE TABLE documents (
    doc_no        INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    content_hash  TEXT NOT NULL,
    title         TEXT,
    published     TEXT,                    -- YYYY-MM-DD
    source        TEXT,
    url           TEXT,
    text          TEXT NOT NULL,
    analysis      BLOB NOT NULL,       -- zlib of the rasd.document/1 JSON without its "text"
    cluster_id    TEXT NOT NULL REFERENCES clusters(id),
    minhash       BLOB,                    -- MinHash signature (uint32 little-endian)
    ingested_at   TEXT NOT NULL,
    search_keys   BLOB NOT NULL            -- the search keys with their spans (rasd.store.search.DocumentKeys.pack):
                                           -- to delete them from document_fts, and to cut snippets
);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_source ON documents(source, published);
CREATE INDEX documents_cluster ON documents(cluster_id);
CREATE INDEX documents_hash ON documents(content_hash);

-- LSH band keys of the MinHash signatures (band number mixed into the key).
CREATE TABLE minhash_bands (
    key     INTEGER NOT NULL,
    doc_no  INTEGER NOT NULL REFERENCES documents(doc_no) ON DELETE CASCADE,
    PRIMARY KEY (key, doc_no)
) WITHOUT ROWID;
CREATE INDEX minhash_bands_doc ON minhash_bands(doc_no);

CREATE TABLE entities (
    id     TEXT PRIMARY KEY,               -- stable cross-document id from the resolve stage
    type   TEXT NOT NULL,
    name   TEXT NOT NULL,
    latin  TEXT
);
CREATE INDEX entities_type ON entities(type);

-- What one document says about one entity.
CREATE TABLE document_entities (
    doc_no       INTEGER NOT NULL REFERENCES documents(doc_no) ON DELETE CASCADE,
    entity_id    TEXT NOT NULL REFERENCES entities(id),
    cluster_id   TEXT NOT NULL,            -- the document's story cluster (copied: counts by story)
    name         TEXT NOT NULL,
    title        TEXT,
    latin        TEXT,
    affiliation  TEXT,
    mentions     INTEGER NOT NULL,
    refs         INTEGER NOT NULL,
    PRIMARY KEY (doc_no, entity_id)
);
CREATE INDEX document_entities_entity ON document_entities(entity_id, cluster_id);

CREATE TABLE entity_aliases (
    entity_id  TEXT NOT NULL REFERENCES entities(id),
    doc_no     INTEGER NOT NULL REFERENCES documents(doc_no) ON DELETE CASCADE,
    alias      TEXT NOT NULL,
    alias_key  TEXT NOT NULL,              -- rasd.store.search.alias_key(alias)
    PRIMARY KEY (entity_id, doc_no, alias)
);
CREATE INDEX entity_aliases_key ON entity_aliases(alias_key);
CREATE INDEX entity_aliases_doc ON entity_aliases(doc_no);

CREATE TABLE entity_titles (
    entity_id  TEXT NOT NULL REFERENCES entities(id),
    doc_no     INTEGER NOT NULL REFERENCES documents(doc_no) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    PRIMARY KEY (entity_id, doc_no, title)
);
CREATE INDEX entity_titles_doc ON entity_titles(doc_no);

CREATE TABLE mentions (
    doc_no      INTEGER NOT NULL REFERENCES documents(doc_no) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    entity_id   TEXT REFERENCES entities(id),
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    label       TEXT NOT NULL,
    kind        TEXT NOT NULL,             -- name | reference
    source      TEXT NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (doc_no, idx)
);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE quotes (
    doc_no        INTEGER NOT NULL REFERENCES documents(doc_no) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    span_start    INTEGER NOT NULL,
    span_end      INTEGER NOT NULL,
    text          TEXT NOT NULL,
    direct        INTEGER NOT NULL,
    cue           TEXT,
    speaker_id    TEXT,                    -- entity id (stable; may be an entity no stored document lists)
    speaker_text  TEXT,
    speaker_key   TEXT,
    negated       INTEGER NOT NULL,
    sentence      INTEGER,
    PRIMARY KEY (doc_no, idx)
);
CREATE INDEX quotes_speaker ON quotes(speaker_id);
CREATE INDEX quotes_speaker_key ON quotes(speaker_key);

CREATE TABLE events (
    doc_no              INTEGER NOT NULL REFERENCES documents(doc_no) ON DELETE CASCADE,
    idx                 INTEGER NOT NULL,
    type                TEXT NOT NULL,
    trigger_start       INTEGER NOT NULL,
    trigger_end         INTEGER NOT NULL,
    trigger_text        TEXT NOT NULL,
    location_id         TEXT,              -- entity id (stable, may be external)
    date                TEXT,
    date_precision      INTEGER,
    location_precision  INTEGER,
    killed              INTEGER,
    injured             INTEGER,
    negated             INTEGER NOT NULL,
    sentence            INTEGER,
    PRIMARY KEY (doc_no, idx)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_location ON events(location_id);

CREATE TABLE event_participants (
    doc_no     INTEGER NOT NULL,
    event_idx  INTEGER NOT NULL,
    idx        INTEGER NOT NULL,
    entity_id  TEXT NOT NULL,             -- entity id (stable, may be external)
    role       TEXT NOT NULL,
    PRIMARY KEY (doc_no, event_idx, idx),
    FOREIGN KEY (doc_no, event_idx) REFERENCES events(doc_no, idx) ON DELETE CASCADE
);
CREATE INDEX event_participants_entity ON event_participants(entity_id);

CREATE TABLE relations (
    doc_no      INTEGER NOT NULL REFERENCES documents(doc_no) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    type        TEXT NOT NULL,
    subject_id  TEXT NOT NULL,            -- entity ids (stable, may be external: a country
    object_id   TEXT NOT NULL,            -- named only by an adjective, say)
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    PRIMARY KEY (doc_no, idx)
);
CREATE INDEX relations_subject ON relations(subject_id);
CREATE INDEX relations_object ON relations(object_id);

-- Full-text index over the search keys (rasd.store.search): rowid = documents.doc_no. Contentless
-- (snippets are cut from documents.text), so a row is deleted with the keys it was indexed with,
-- kept in documents.search_keys.
CREATE VIRTUAL TABLE document_fts USING fts5(
    surf, stem, skel,
    content = '',
    tokenize = 'unicode61 remove_diacritics 0'
);
