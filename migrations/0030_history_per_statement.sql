-- History is written per statement now (history_record_rows and its
-- triggers, re-created by sql/functions after the migrations): the
-- per-row triggers and their function go.
DO $$
DECLARE
	t	text;
BEGIN
	FOREACH t IN ARRAY ARRAY['process', 'unit', 'status',
	    'recommendation', 'action', 'recommendation_action',
	    'action_unit', 'site', 'site_text', 'reason_category'] LOOP
		EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I',
		    t || '_history', t);
	END LOOP;
END $$;
DROP FUNCTION IF EXISTS history_record();
