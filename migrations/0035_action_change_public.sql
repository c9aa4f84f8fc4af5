-- Which history rows of actions are public changes, for the Atom feeds
-- and the mail to followers: the one definition, made here for every
-- database (0006, 0021 and 0025 made and remade it before, each time
-- with more fields). It lives in a migration, not in sql/functions,
-- because the feeds' partial indexes on history are built with it:
-- changing it means building them again, as this file does.

-- What of an action a reader sees, in some language: the fields of
-- action_public_changes() with all their translations, the milestones
-- (none when absent) and the reason category.
CREATE OR REPLACE FUNCTION action_public_doc(doc jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
	SELECT jsonb_build_array(doc->'body', doc->'body_sv', doc->'body_en',
	    doc->'status_id', doc->'status_note', doc->'status_note_sv',
	    doc->'status_note_en', doc->'schedule_kind',
	    doc->'schedule_start', doc->'schedule_end', doc->'schedule_text',
	    doc->'actual_start', doc->'actual_end', doc->'info',
	    doc->'info_sv', doc->'info_en', doc->'evidence',
	    coalesce(doc->'milestones', '[]'), doc->'reason_category')
$$;

-- Whether one history row of an action changed anything a reader sees
-- (or made a new action, or removed or restored one). Cheap, and kept
-- in partial indexes, so that a feed reads only such rows. The helper
-- is named with its schema: a restore builds the indexes with an empty
-- search_path.
CREATE OR REPLACE FUNCTION action_change_public(old_doc jsonb, new_doc jsonb)
RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT old_doc IS NULL
	    OR (old_doc->>'deleted_at' IS NULL) <>
		(new_doc->>'deleted_at' IS NULL)
	    OR public.action_public_doc(old_doc) IS DISTINCT FROM
		public.action_public_doc(new_doc)
$$;

-- The feeds read the public changes of actions newest first: of all
-- actions, or of the few actions of one process or unit.
DROP INDEX IF EXISTS history_action_public;
DROP INDEX IF EXISTS history_action_public_row;
CREATE INDEX history_action_public ON history (id)
    WHERE table_name = 'action' AND operation IN ('INSERT', 'UPDATE')
	AND action_change_public(before, after);
CREATE INDEX history_action_public_row ON history (row_id, id)
    WHERE table_name = 'action' AND operation IN ('INSERT', 'UPDATE')
	AND action_change_public(before, after);
