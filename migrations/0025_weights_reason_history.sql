-- Progress weights: how much an action counts towards the progress of
-- a recommendation it answers. The weight is the link's, as one action
-- can answer several recommendations and matter more to one of them.
-- Every link counts 1 until an admin sets another weight, so the
-- progress of a recommendation is the plain mean of its actions' until
-- weights are set. The limits are those of src/domain/define_form.h
-- (tests/limits.c holds them against this CHECK).
ALTER TABLE recommendation_action ADD COLUMN weight smallint NOT NULL
    DEFAULT 1 CHECK (weight BETWEEN 1 AND 100);

-- A change of the reason category of an action (why it will not be
-- done) is a public change of its own: the feeds' indexes (0021) are
-- made again with the function that says so.
DROP INDEX history_action_public;
DROP INDEX history_action_public_row;
CREATE OR REPLACE FUNCTION action_change_public(old_doc jsonb, new_doc jsonb)
RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT old_doc IS NULL
	    OR (old_doc->>'deleted_at' IS NULL) <>
		(new_doc->>'deleted_at' IS NULL)
	    OR jsonb_build_array(old_doc->'body', old_doc->'body_sv',
		old_doc->'body_en', old_doc->'status_id',
		old_doc->'status_note', old_doc->'status_note_sv',
		old_doc->'status_note_en', old_doc->'schedule_kind',
		old_doc->'schedule_start', old_doc->'schedule_end',
		old_doc->'schedule_text', old_doc->'actual_start',
		old_doc->'actual_end', old_doc->'info', old_doc->'info_sv',
		old_doc->'info_en', old_doc->'evidence',
		coalesce(old_doc->'milestones', '[]'),
		old_doc->'reason_category')
	    IS DISTINCT FROM
	    jsonb_build_array(new_doc->'body', new_doc->'body_sv',
		new_doc->'body_en', new_doc->'status_id',
		new_doc->'status_note', new_doc->'status_note_sv',
		new_doc->'status_note_en', new_doc->'schedule_kind',
		new_doc->'schedule_start', new_doc->'schedule_end',
		new_doc->'schedule_text', new_doc->'actual_start',
		new_doc->'actual_end', new_doc->'info', new_doc->'info_sv',
		new_doc->'info_en', new_doc->'evidence',
		coalesce(new_doc->'milestones', '[]'),
		new_doc->'reason_category')
$$;
CREATE INDEX history_action_public ON history (id)
    WHERE table_name = 'action' AND operation IN ('INSERT', 'UPDATE')
	AND action_change_public(before, after);
CREATE INDEX history_action_public_row ON history (row_id, id)
    WHERE table_name = 'action' AND operation IN ('INSERT', 'UPDATE')
	AND action_change_public(before, after);

-- action_public_history() takes the reader's language, for the labels
-- of the reason categories (reports.sql).
DROP FUNCTION IF EXISTS action_public_history(bigint, text);
-- action_public_changes() reads the labels of the reason categories:
-- it is stable now, no longer immutable (reports.sql).
