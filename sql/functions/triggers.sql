-- Every trigger, defined once here and re-applied by "toteumactl migrate"
-- after the functions it runs (this file sorts after them). The tables
-- are in migrations/; their triggers are the current text below.
--
-- history: a row of history per change of a public table (core.sql).
-- version: one data version bump per changing transaction, which tells
--          every server that cached pages are stale (core.sql).

CREATE OR REPLACE TRIGGER action_history
	AFTER INSERT OR DELETE OR UPDATE ON action
	FOR EACH ROW
	EXECUTE FUNCTION history_record();

CREATE OR REPLACE TRIGGER action_revision
	BEFORE UPDATE ON action
	FOR EACH ROW
	EXECUTE FUNCTION action_revision();

CREATE OR REPLACE TRIGGER action_version
	AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON action
	FOR EACH STATEMENT
	EXECUTE FUNCTION data_version_bump();

CREATE OR REPLACE TRIGGER action_unit_history
	AFTER INSERT OR DELETE OR UPDATE ON action_unit
	FOR EACH ROW
	EXECUTE FUNCTION history_record();

CREATE OR REPLACE TRIGGER action_unit_version
	AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON action_unit
	FOR EACH STATEMENT
	EXECUTE FUNCTION data_version_bump();

CREATE OR REPLACE TRIGGER round_answer_on_save
	AFTER INSERT ON audit_log
	FOR EACH ROW
	WHEN (NEW.event = 'action.update' AND
	    NEW.object ~ '^action/[0-9]+$')
	EXECUTE FUNCTION round_answer_on_save();

CREATE OR REPLACE TRIGGER process_history
	AFTER INSERT OR DELETE OR UPDATE ON process
	FOR EACH ROW
	EXECUTE FUNCTION history_record();

CREATE OR REPLACE TRIGGER process_version
	AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON process
	FOR EACH STATEMENT
	EXECUTE FUNCTION data_version_bump();

CREATE OR REPLACE TRIGGER recommendation_history
	AFTER INSERT OR DELETE OR UPDATE ON recommendation
	FOR EACH ROW
	EXECUTE FUNCTION history_record();

CREATE OR REPLACE TRIGGER recommendation_version
	AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON recommendation
	FOR EACH STATEMENT
	EXECUTE FUNCTION data_version_bump();

CREATE OR REPLACE TRIGGER recommendation_action_history
	AFTER INSERT OR DELETE OR UPDATE ON recommendation_action
	FOR EACH ROW
	EXECUTE FUNCTION history_record();

CREATE OR REPLACE TRIGGER recommendation_action_version
	AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON recommendation_action
	FOR EACH STATEMENT
	EXECUTE FUNCTION data_version_bump();

CREATE OR REPLACE TRIGGER round_version
	AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON round
	FOR EACH STATEMENT
	EXECUTE FUNCTION data_version_bump();

CREATE OR REPLACE TRIGGER round_answer_version
	AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON round_answer
	FOR EACH STATEMENT
	EXECUTE FUNCTION data_version_bump();

CREATE OR REPLACE TRIGGER setting_version
	AFTER UPDATE ON setting
	FOR EACH STATEMENT
	EXECUTE FUNCTION data_version_bump();

CREATE OR REPLACE TRIGGER snapshot_version
	AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON snapshot
	FOR EACH STATEMENT
	EXECUTE FUNCTION data_version_bump();

CREATE OR REPLACE TRIGGER status_history
	AFTER INSERT OR DELETE OR UPDATE ON status
	FOR EACH ROW
	EXECUTE FUNCTION history_record();

CREATE OR REPLACE TRIGGER status_version
	AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON status
	FOR EACH STATEMENT
	EXECUTE FUNCTION data_version_bump();

CREATE OR REPLACE TRIGGER unit_history
	AFTER INSERT OR DELETE OR UPDATE ON unit
	FOR EACH ROW
	EXECUTE FUNCTION history_record();


CREATE OR REPLACE TRIGGER unit_version
	AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON unit
	FOR EACH STATEMENT
	EXECUTE FUNCTION data_version_bump();
