-- A change log ready to replicate: every entry names the site that first wrote it and its
-- position in that site's log, and carries the version of the record it holds, so changes can
-- travel between sites through this one log. This site gets its stable id here, once.
INSERT INTO settings (key, value)
SELECT 'site_id',
       lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
             || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'site_id');

ALTER TABLE change_log ADD COLUMN origin TEXT;
ALTER TABLE change_log ADD COLUMN origin_seq INTEGER;
ALTER TABLE change_log ADD COLUMN version INTEGER;

-- What was written before this migration was written here: the log is append-only, so its guard
-- steps aside for this one backfill and comes straight back.
DROP TRIGGER change_log_append_only_update;
UPDATE change_log
SET origin = (SELECT value FROM settings WHERE key = 'site_id'),
    origin_seq = seq,
    version = CASE
      WHEN data IS NULL OR NOT json_valid(data) THEN NULL
      WHEN json_type(data, '$.version') = 'integer' THEN json_extract(data, '$.version')
    END;
CREATE TRIGGER change_log_append_only_update BEFORE UPDATE ON change_log
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;

-- One entry per change of one site: a change applied twice from a peer is refused.
CREATE UNIQUE INDEX change_log_origin ON change_log(origin, origin_seq);
