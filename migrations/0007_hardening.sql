-- Hardening: sign-in attempts are counted atomically per account and
-- address, and old audit rows and attempts are pruned. The functions
-- for it (and for every other write the server makes, so that its role
-- needs no INSERT, UPDATE or DELETE on any table: sql/privileges.sql)
-- are in sql/functions.

-- An attempt whose password is being checked has success NULL: it
-- counts as a failure until it is finished, so that simultaneous
-- attempts cannot all pass the limit.
ALTER TABLE login_attempt ALTER COLUMN success DROP NOT NULL;
CREATE INDEX login_attempt_at ON login_attempt (at);
CREATE INDEX login_attempt_email_ip ON login_attempt (email, ip, at);

-- How old audit rows and sign-in attempts may get (toteumactl prune and
-- the server's hourly pruning).
ALTER TABLE setting ADD COLUMN audit_days integer NOT NULL DEFAULT 730
	CHECK (audit_days BETWEEN 30 AND 3650);
ALTER TABLE setting ADD COLUMN login_days integer NOT NULL DEFAULT 30
	CHECK (login_days BETWEEN 1 AND 365);
