-- Functions that became others (sql/functions): retrying and
-- cancelling a mail are mail_admin; the row-by-row import is the
-- set-based one of import.sql.
DROP FUNCTION IF EXISTS mail_retry(bigint, bigint, text);
DROP FUNCTION IF EXISTS mail_cancel(bigint, bigint, text);
DROP FUNCTION IF EXISTS import_action(bigint, bigint, integer, jsonb);
DROP FUNCTION IF EXISTS import_trim_actions(bigint, integer);
DROP FUNCTION IF EXISTS import_node(bigint, bigint, integer, text, jsonb);
DROP FUNCTION IF EXISTS import_node_actions(bigint, bigint, jsonb);
