-- rasd knowledge base, schema 2 (PostgreSQL): indexes for search (issue 7), the same as SQLite's.

-- Latest first, ties by id, as search lists by date; with the cluster, to collapse duplicates.
DROP INDEX documents_published;
CREATE INDEX documents_latest ON documents(published DESC NULLS LAST, id) INCLUDE (cluster_id);

-- An entity's documents (with their clusters, for counting stories) from the index alone.
DROP INDEX document_entities_entity;
CREATE INDEX document_entities_entity ON document_entities(entity_id, cluster_id, doc_no);

-- The entities an alias names: a frequent alias has thousands of rows.
DROP INDEX entity_aliases_key;
CREATE INDEX entity_aliases_key ON entity_aliases(alias_key, entity_id);
