-- The catalogue counts a changed process's rows by status after every
-- save (src/db/catalog_cache.c): from this index alone, not from the
-- wide rows.
CREATE INDEX process_row_counts
    ON process_row (process_id, status_id, action_id);
