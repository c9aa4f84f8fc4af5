-- Every trigger, defined once here and re-applied by "toteumactl migrate"
-- after the functions they run. The tables are in migrations/.

-- history: a row of history for each change of a row of a public table,
--          written per statement (history_record_rows, core.sql; the
--          arguments are the table's key columns).
-- version: one data version bump per changing transaction, which tells
--          every server that its cached pages are stale
--          (data_version_bump, core.sql); on the tables every page
--          shows, all processes' pages are stale ('meta').
-- pversion: the processes whose rows a statement changed take the new
--          version, so that other processes' pages stay cached
--          (process_version_bump, core.sql). Transition tables allow
--          one event per trigger: three triggers a table.
DO $$
DECLARE
	t	text;
	k	text;
BEGIN
	FOREACH t IN ARRAY ARRAY['process', 'unit', 'status',
	    'recommendation', 'action', 'recommendation_action',
	    'action_unit', 'site', 'site_text', 'reason_category'] LOOP
		k := CASE t WHEN 'recommendation_action' THEN
		    '''recommendation_id'', ''action_id'''
		    WHEN 'action_unit' THEN '''action_id'', ''unit_id'''
		    ELSE '''id''' END;
		EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER INSERT ON %I '
		    'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT '
		    'EXECUTE FUNCTION history_record_rows(%s)',
		    t || '_history_insert', t, k);
		EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER UPDATE ON %I '
		    'REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows '
		    'FOR EACH STATEMENT EXECUTE FUNCTION history_record_rows(%s)',
		    t || '_history_update', t, k);
		EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER DELETE ON %I '
		    'REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT '
		    'EXECUTE FUNCTION history_record_rows(%s)',
		    t || '_history_delete', t, k);
	END LOOP;
	FOREACH t IN ARRAY ARRAY['process', 'recommendation', 'action',
	    'recommendation_action', 'action_unit', 'snapshot',
	    'round_answer', 'round_unit_answer', 'verdict'] LOOP
		EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER INSERT OR '
		    'UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT '
		    'EXECUTE FUNCTION data_version_bump()', t || '_version', t);
		EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER INSERT ON %I '
		    'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT '
		    'EXECUTE FUNCTION process_version_bump()',
		    t || '_pversion_insert', t);
		EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER UPDATE ON %I '
		    'REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows '
		    'FOR EACH STATEMENT EXECUTE FUNCTION process_version_bump()',
		    t || '_pversion_update', t);
		EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER DELETE ON %I '
		    'REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT '
		    'EXECUTE FUNCTION process_version_bump()',
		    t || '_pversion_delete', t);
	END LOOP;
	FOREACH t IN ARRAY ARRAY['unit', 'status', 'round', 'site',
	    'site_text', 'site_logo', 'reason_category'] LOOP
		EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER INSERT OR '
		    'UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT '
		    'EXECUTE FUNCTION data_version_bump(''meta'')',
		    t || '_version', t);
	END LOOP;
END $$;

-- The settings row is only ever updated.
CREATE OR REPLACE TRIGGER setting_version
	AFTER UPDATE ON setting
	FOR EACH STATEMENT
	EXECUTE FUNCTION data_version_bump('meta');

-- A new data version is announced to the listening servers
-- (data_version_notify, core.sql).
CREATE OR REPLACE TRIGGER data_version_notify
	AFTER UPDATE ON data_version
	FOR EACH ROW
	EXECUTE FUNCTION data_version_notify();

-- Every change of an action makes a new revision (action_revision,
-- backend.sql): an edit based on an older revision is refused.
CREATE OR REPLACE TRIGGER action_revision
	BEFORE UPDATE ON action
	FOR EACH ROW
	EXECUTE FUNCTION action_revision();

-- A save of an action during an open round answers the round for it
-- (round_answer_on_save, rounds.sql); so does an update sent for review
-- (action.submit): the unit has answered, the review is the county's.
CREATE OR REPLACE TRIGGER round_answer_on_save
	AFTER INSERT ON audit_log
	FOR EACH ROW
	WHEN (NEW.event IN ('action.update', 'action.submit') AND
	    NEW.object ~ '^action/[0-9]+$')
	EXECUTE FUNCTION round_answer_on_save();

-- A round's deadline is today or later and at most two years ahead,
-- however it is set (round_deadline_check, rounds.sql).
CREATE OR REPLACE TRIGGER round_deadline
	BEFORE INSERT OR UPDATE OF deadline ON round
	FOR EACH ROW
	EXECUTE FUNCTION round_deadline_check();

-- Recommendations' kept progress follows the public rows and the
-- statuses' percentages (progress.sql).
CREATE OR REPLACE TRIGGER process_row_progress_insert
	AFTER INSERT ON process_row
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT
	EXECUTE FUNCTION progress_rows_changed();
CREATE OR REPLACE TRIGGER process_row_progress_update
	AFTER UPDATE ON process_row
	REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
	FOR EACH STATEMENT
	EXECUTE FUNCTION progress_rows_updated();
CREATE OR REPLACE TRIGGER process_row_progress_delete
	AFTER DELETE ON process_row
	REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT
	EXECUTE FUNCTION progress_rows_changed();
CREATE OR REPLACE TRIGGER status_progress
	AFTER UPDATE ON status
	REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
	FOR EACH STATEMENT
	EXECUTE FUNCTION progress_status_changed();
CREATE OR REPLACE TRIGGER recommendation_action_progress
	AFTER UPDATE ON recommendation_action
	REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
	FOR EACH STATEMENT
	EXECUTE FUNCTION progress_links_updated();
