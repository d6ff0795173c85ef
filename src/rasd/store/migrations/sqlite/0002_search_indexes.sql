-- rasd knowledge base, schema 2 (SQLite): indexes for search (issue 7: >= 200 searches/s over
-- 31k articles). Each replaces one of schema 1 with a wider one, so that a search reads index
-- entries only, not documents rows (whose cluster_id lies after the text, in overflow pages).

-- Latest first, ties by id, as search lists by date; with the cluster, to collapse duplicates.
DROP INDEX documents_published;
CREATE INDEX documents_latest ON documents(published DESC, id, cluster_id);

-- An entity's documents (with their clusters, for counting stories) without reading its rows.
DROP INDEX document_entities_entity;
CREATE INDEX document_entities_entity ON document_entities(entity_id, cluster_id, doc_no);

-- The entities an alias names: a frequent alias has thousands of rows.
DROP INDEX entity_aliases_key;
CREATE INDEX entity_aliases_key ON entity_aliases(alias_key, entity_id);
