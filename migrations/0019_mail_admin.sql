-- Retrying and cancelling a mail became one function, mail_admin
-- (sql/functions/mail.sql).
DROP FUNCTION IF EXISTS mail_retry(bigint, bigint, text);
DROP FUNCTION IF EXISTS mail_cancel(bigint, bigint, text);
