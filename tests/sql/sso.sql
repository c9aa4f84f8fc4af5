-- Staff single sign-on in the database: a pending sign-in is taken once
-- and only while fresh, and oidc_user links, creates and refuses.
BEGIN;
\i tests/sql/harness.sql

SELECT oidc_pending_add(repeat('a', 64), repeat('n', 43), repeat('v', 43),
    'sv');
SELECT pg_temp.ok((SELECT lang FROM oidc_pending_take(repeat('a', 64))) =
    'sv', 'a pending sign-in is taken with its language');
SELECT pg_temp.ok(NOT EXISTS (SELECT 1 FROM oidc_pending_take(
    repeat('a', 64))), 'and only once');
SELECT oidc_pending_add(repeat('b', 64), repeat('n', 43), repeat('v', 43),
    'fi');
UPDATE oidc_pending SET created_at = now() - interval '11 minutes';
SELECT pg_temp.ok((SELECT lang FROM oidc_pending_take(repeat('b', 64)))
    IS NULL, 'one older than 10 minutes is taken without a language');
SELECT pg_temp.throws($$SELECT oidc_pending_add('x', repeat('n', 43),
    repeat('v', 43), 'fi')$$, '23514', 'a state hash is 64 hex digits');

INSERT INTO app_user (email, role, password_hash) VALUES
    ('t-sso-a@example.fi', 'editor', '$argon2id$x'),
    ('t-sso-b@example.fi', 'editor', '$argon2id$x'),
    ('t-sso-off@example.fi', 'editor', '$argon2id$x');
UPDATE app_user SET disabled = true WHERE email = 't-sso-off@example.fi';

-- oidc_user asked in order, row by row: the issuer, the subject, the
-- address, whether it is verified, whether a user may be created, the
-- verdict expected and what the row shows.
CREATE FUNCTION pg_temp.verdicts(cases text[]) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
	c	text[];
BEGIN
	FOREACH c SLICE 1 IN ARRAY cases LOOP
		RETURN NEXT pg_temp.ok((SELECT verdict FROM oidc_user(c[1], c[2],
		    c[3], c[4]::boolean, c[5]::boolean)) = c[6], c[7]);
	END LOOP;
END $$;

SELECT pg_temp.verdicts(ARRAY[
    ['https://id', 's-a', 'T-SSO-A@example.fi', 'false', 'false', 'unknown',
     'an unverified address is never matched'],
    ['https://id', 's-a', 'T-SSO-A@example.fi', 'true', 'false', 'linked',
     'a verified address links the user (case aside)'],
    ['https://id', 's-a', 'changed@example.fi', 'false', 'false', 'ok',
     'then the subject finds the user, whatever the address'],
    ['https://id', 's-other', 't-sso-a@example.fi', 'true', 'false',
     'conflict', 'another subject with a linked user''s address is refused'],
    ['https://other', 's-a', 'nobody@example.fi', 'true', 'false', 'unknown',
     'the same subject at another issuer is someone else'],
    ['https://id', 's-off', 't-sso-off@example.fi', 'true', 'false',
     'disabled', 'a disabled user is refused'],
    ['https://id', 's-new', 'new@example.fi', 'true', 'false', 'unknown',
     'nobody is created unless allowed'],
    ['https://id', 's-new', 'New@example.fi', 'true', 'true', 'created',
     'allowed: a first sign-in creates a user'],
    ['https://id', 's-x', 'unverified@example.fi', 'false', 'true',
     'unknown', 'never from an unverified address']]);
SELECT pg_temp.ok((SELECT oidc_subject FROM app_user
    WHERE email = 't-sso-off@example.fi') IS NULL,
    'the disabled user is not linked');
SELECT pg_temp.ok((SELECT role = 'editor' AND NOT EXISTS (SELECT 1 FROM
    user_unit uu WHERE uu.user_id = u.id) FROM app_user u
    WHERE email = 'new@example.fi'), 'the created user is an editor '
    'without units');

ROLLBACK;
