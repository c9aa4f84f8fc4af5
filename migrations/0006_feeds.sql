-- The Atom feeds of changes: which history rows of actions are public
-- changes, and what each of them changed, as a reader in one language
-- sees it. Who made a change is never part of it.

-- Whether one history row of an action changed anything a reader sees
-- in some language (or made a new action): the fields of
-- action_public_changes() with all their translations. Cheap, and kept
-- in a partial index, so that a feed reads only such rows.
CREATE FUNCTION action_change_public(old_doc jsonb, new_doc jsonb)
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
		old_doc->'info_en', old_doc->'evidence')
	    IS DISTINCT FROM
	    jsonb_build_array(new_doc->'body', new_doc->'body_sv',
		new_doc->'body_en', new_doc->'status_id',
		new_doc->'status_note', new_doc->'status_note_sv',
		new_doc->'status_note_en', new_doc->'schedule_kind',
		new_doc->'schedule_start', new_doc->'schedule_end',
		new_doc->'schedule_text', new_doc->'actual_start',
		new_doc->'actual_end', new_doc->'info', new_doc->'info_sv',
		new_doc->'info_en', new_doc->'evidence')
$$;

-- The feeds read the public changes of actions newest first: of all
-- actions, or of the few actions of one process or unit.
CREATE INDEX history_action_public ON history (id)
    WHERE table_name = 'action' AND operation IN ('INSERT', 'UPDATE')
	AND action_change_public(before, after);
CREATE INDEX history_action_public_row ON history (row_id, id)
    WHERE table_name = 'action' AND operation IN ('INSERT', 'UPDATE')
	AND action_change_public(before, after);
