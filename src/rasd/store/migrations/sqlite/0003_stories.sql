-- rasd knowledge base, schema 3 (SQLite): top stories (rasd.store.stories). A story groups the
-- articles of several outlets about one event; each document belongs to one, joined when it was
-- stored (documents stored before this schema are grouped by `rasd stories --backfill`).

-- A document's story (named by the id of the document that started it), its publication day
-- ("" when undated) and its profile: the packed stem vector and entity ids it is compared by.
CREATE TABLE story_members (
    doc_no    INTEGER PRIMARY KEY REFERENCES documents(doc_no) ON DELETE CASCADE,
    story_id  TEXT NOT NULL,
    day       TEXT NOT NULL,
    profile   BLOB NOT NULL
);
CREATE INDEX story_members_story ON story_members(story_id, doc_no);
CREATE INDEX story_members_day ON story_members(day, story_id);

-- Each document's heaviest stems under its day: a new document's candidates share some of them
-- within a few days.
CREATE TABLE story_terms (
    term    TEXT NOT NULL,
    day     TEXT NOT NULL,
    doc_no  INTEGER NOT NULL REFERENCES documents(doc_no) ON DELETE CASCADE,
    PRIMARY KEY (term, day, doc_no)
) WITHOUT ROWID;
CREATE INDEX story_terms_doc ON story_terms(doc_no);
