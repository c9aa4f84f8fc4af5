-- Recommendations' progress is kept in a table, refreshed in the
-- transaction that changes it (progress_refresh and its triggers in
-- sql/functions/progress.sql), instead of a view computed on every
-- read: a table page and the catalogue read it by key. The rule itself
-- stays a view (recommendation_progress_rule). On a database that had
-- the view, the table starts with what it showed.
DO $$
BEGIN
	IF to_regclass('public.recommendation_progress') IS NOT NULL THEN
		CREATE TABLE recommendation_progress_kept AS
		SELECT * FROM recommendation_progress;
		DROP VIEW IF EXISTS process_progress;
		DROP VIEW recommendation_progress;
		ALTER TABLE recommendation_progress_kept
		    RENAME TO recommendation_progress;
	ELSE
		CREATE TABLE recommendation_progress (
			process_id bigint,
			recommendation_id bigint,
			top boolean,
			actions integer,
			unreported integer,
			wont integer,
			mean numeric,
			progress integer,
			weighted boolean
		);
	END IF;
END $$;

ALTER TABLE recommendation_progress
    ALTER COLUMN process_id SET NOT NULL,
    ALTER COLUMN recommendation_id SET NOT NULL,
    ALTER COLUMN top SET NOT NULL,
    ALTER COLUMN actions SET NOT NULL,
    ALTER COLUMN unreported SET NOT NULL,
    ALTER COLUMN wont SET NOT NULL,
    ALTER COLUMN weighted SET NOT NULL,
    ADD PRIMARY KEY (process_id, recommendation_id),
    ADD FOREIGN KEY (process_id) REFERENCES process (id) ON DELETE CASCADE,
    ADD CHECK (progress BETWEEN 0 AND 100);

-- The rows of a recommendation, as a refresh asks for them.
CREATE INDEX process_row_recommendation
    ON process_row (process_id, recommendation_id);
