-- Which public rows changed since a server built its search index of a
-- process, so that it patches the index rather than rebuilding it:
-- process_rows_refresh_action() marks the rows it rewrites in place with
-- the transaction's data version (row_version), and
-- process_rows_rebuild(), which may move every row, records its version
-- per process (rows_version): an index older than that is rebuilt.
ALTER TABLE process_row ADD COLUMN row_version bigint NOT NULL DEFAULT 0;
CREATE INDEX process_row_changed ON process_row (process_id, row_version)
    WHERE row_version > 0;
ALTER TABLE process_version
    ADD COLUMN rows_version bigint NOT NULL DEFAULT 0;
UPDATE process_version SET rows_version = version;
