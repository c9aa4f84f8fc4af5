-- Milestones: the planned steps of an action, kept with the action as
-- an ordered list so that each change is a change of the action (its
-- revision, its history, the feeds). Each milestone is an object
--   {"id": n, "title": t, "title_sv": t, "title_en": t,
--    "target": "YYYY-MM-01", "done": "YYYY-MM-DD" or null, "note": t}
-- with id unique within the action. The limits are those of
-- src/domain/milestone_form.h (tests/limits.c holds them against this).
CREATE FUNCTION milestones_valid(m jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT jsonb_typeof(m) = 'array' AND jsonb_array_length(m) <= 20
	    AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(m) e
		WHERE NOT coalesce(jsonb_typeof(e) = 'object'
		    AND e - ARRAY['id', 'title', 'title_sv', 'title_en',
			'target', 'done', 'note'] = '{}'::jsonb
		    AND jsonb_typeof(e->'id') = 'number'
		    AND char_length(e->>'title') BETWEEN 1 AND 200
		    AND char_length(coalesce(e->>'title_sv', '')) <= 200
		    AND char_length(coalesce(e->>'title_en', '')) <= 200
		    AND (e->>'target') ~ '^[0-9]{4}-(0[1-9]|1[0-2])-01$'
		    AND (e->>'done' IS NULL OR (e->>'done')
			~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')
		    AND char_length(coalesce(e->>'note', '')) <= 2000, false))
	    AND (SELECT count(DISTINCT e->'id') = count(*)
		FROM jsonb_array_elements(m) e)
$$;

ALTER TABLE action ADD COLUMN milestones jsonb NOT NULL DEFAULT '[]'
    CHECK (milestones_valid(milestones));

-- action_attention() takes the milestones too (sql/functions/attention.sql).
DROP FUNCTION IF EXISTS action_attention(date, timestamptz, boolean,
    integer, integer, timestamptz);

-- A change of the milestones is a public change: see 0035.

-- Reasons: why a recommendation is not (fully) accepted or an action
-- will not be done, as a category from a list that admins keep (labels
-- in Finnish, Swedish and English, as statuses have; limits in
-- src/domain/reason_form.h) plus the free text beside it.
CREATE TABLE reason_category (
	id		serial PRIMARY KEY,
	code		text NOT NULL UNIQUE CHECK (code ~ '^[a-z_]{1,32}$'),
	label_fi	text NOT NULL CHECK (char_length(label_fi)
			    BETWEEN 1 AND 80),
	label_sv	text NOT NULL CHECK (char_length(label_sv)
			    BETWEEN 1 AND 80),
	label_en	text NOT NULL CHECK (char_length(label_en)
			    BETWEEN 1 AND 80),
	position	integer NOT NULL
);
INSERT INTO reason_category (code, label_fi, label_sv, label_en, position)
VALUES
    ('no_funding', 'Ei rahoitusta', 'Ingen finansiering', 'No funding', 1),
    ('outside_powers', 'Ei hyvinvointialueen toimivallassa',
	'Utanför välfärdsområdets befogenheter',
	'Outside the county''s powers', 2),
    ('legislation', 'Lainsäädäntö estää', 'Lagstiftningen hindrar',
	'Legislation', 3),
    ('already_in_place', 'On jo käytössä', 'Finns redan',
	'Already in place', 4),
    ('replaced', 'Korvattu toisella toimenpiteellä',
	'Ersatt av en annan åtgärd', 'Replaced by another action', 5);

ALTER TABLE recommendation ADD COLUMN response_reason_category integer
    REFERENCES reason_category;
ALTER TABLE action ADD COLUMN reason_category integer
    REFERENCES reason_category;

-- recommendation_respond() takes the reason's category too (backend.sql).
DROP FUNCTION IF EXISTS recommendation_respond(bigint, bigint, text, text,
    text);

-- Corrections: an admin's save that corrects a published value (not a
-- normal progress update) is marked in its history row with the reason
-- (history_record, core.sql); the action's public history says so.
ALTER TABLE history ADD COLUMN correction text
    CHECK (char_length(correction) BETWEEN 1 AND 500);
-- action_public_history() gives the correction too (reports.sql).
DROP FUNCTION IF EXISTS action_public_history(bigint, text);
