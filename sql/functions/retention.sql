-- How long sign-in attempts and audit rows are kept.
-- Defined once here; "toteumactl migrate" re-applies every file of
-- sql/functions after the migrations, so this is the current text.

-- Removes sign-in attempts and audit rows older than the given days, or
-- than the settings say; how many of each went. Sent, failed and
-- cancelled mail goes after 90 days, used or expired links after 30,
-- subscriptions unconfirmed for 7 days and addresses that follow
-- nothing at once.
CREATE OR REPLACE FUNCTION prune_old(login_days integer, audit_days integer,
    OUT attempts bigint, OUT audits bigint)
LANGUAGE plpgsql AS $$
DECLARE
	s	setting;
BEGIN
	SELECT * INTO s FROM setting LIMIT 1;
	login_days := coalesce(login_days, s.login_days, 30);
	audit_days := coalesce(audit_days, s.audit_days, 730);
	IF login_days < 1 OR audit_days < 1 THEN
		RAISE EXCEPTION 'retention must be at least one day'
		    USING ERRCODE = '22023';
	END IF;
	DELETE FROM login_attempt
	 WHERE at < now() - make_interval(days => login_days);
	GET DIAGNOSTICS attempts = ROW_COUNT;
	DELETE FROM audit_log
	 WHERE at < now() - make_interval(days => audit_days);
	GET DIAGNOSTICS audits = ROW_COUNT;
	-- Mail that is no longer waiting, after 90 days (the addresses
	-- go with it), and single-use links a month after their end.
	DELETE FROM mail_outbox WHERE state <> 'waiting'
	   AND created_at < now() - interval '90 days';
	DELETE FROM account_token
	 WHERE coalesce(used_at, expires_at) < now() - interval '30 days';
	DELETE FROM reset_request WHERE at < now() - interval '1 day';
	-- Following by mail: unconfirmed after 7 days, an address that
	-- follows nothing, links that ended.
	DELETE FROM subscription WHERE confirmed_at IS NULL
	   AND created_at < now() - interval '7 days';
	DELETE FROM subscriber sb WHERE NOT EXISTS (SELECT 1
	    FROM subscription x WHERE x.subscriber_id = sb.id);
	DELETE FROM subscriber_token WHERE expires_at < now()
	    OR used_at IS NOT NULL;
	DELETE FROM follow_request WHERE at < now() - interval '1 day';
END;
$$;
