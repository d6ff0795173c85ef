-- rasd knowledge base, schema 4 (PostgreSQL): what an event's row says besides its trigger, and the
-- happening it reports. `modality`: asserted | planned; `date_basis`: how its date was reached
-- (text | report | anchor | anchor_undated, null when undated); `happening`: the key shared by
-- the events of several articles that report one happening (`rasd.store.happening`), null when
-- the event says too little to tell. Events stored before this schema read as asserted, with no
-- basis and no key, until their documents are analysed and stored again.

ALTER TABLE events ADD COLUMN modality TEXT NOT NULL DEFAULT 'asserted';
ALTER TABLE events ADD COLUMN date_basis TEXT;
ALTER TABLE events ADD COLUMN happening TEXT;

-- The reports of one happening, and the happenings counted per day.
CREATE INDEX events_happening ON events(happening);
