-- The panel's verdict (sql/functions/verdict.sql): ratings through a
-- link while a round is open, the aggregate per scale hidden below
-- verdict_min_answers() answers and without revoked links, comments
-- public only once seen and not hidden.
BEGIN;
\i tests/sql/harness.sql

INSERT INTO app_user (email, name, role, password_hash)
VALUES ('verdict-admin@example.org', 'V', 'admin', '$argon2id$x');
INSERT INTO process (slug, title) VALUES ('t-verdict', 'Arvio'),
    ('t-verdict-2', 'Toinen');
CREATE FUNCTION pg_temp.pid(s text) RETURNS bigint LANGUAGE sql AS
$$ SELECT id FROM process WHERE slug = s $$;
CREATE FUNCTION pg_temp.uid() RETURNS bigint LANGUAGE sql AS
$$ SELECT id FROM app_user WHERE email = 'verdict-admin@example.org' $$;
INSERT INTO recommendation (process_id, kind, number, body, position)
VALUES (pg_temp.pid('t-verdict'), 'recommendation', '1', 'Yksi', 0),
    (pg_temp.pid('t-verdict'), 'recommendation', '2', 'Kaksi', 1),
    (pg_temp.pid('t-verdict-2'), 'recommendation', '1', 'Muu', 0);
CREATE FUNCTION pg_temp.rid(s text, n text) RETURNS bigint LANGUAGE sql AS
$$ SELECT id FROM recommendation WHERE number = n
    AND process_id = pg_temp.pid(s) $$;
-- Token k's hash in hex.
CREATE FUNCTION pg_temp.h(k integer) RETURNS text LANGUAGE sql AS
$$ SELECT encode(sha256(convert_to('token' || k, 'UTF8')), 'hex') $$;
CREATE FUNCTION pg_temp.rate(k integer, r bigint, resp integer,
    prog integer, c text DEFAULT '') RETURNS void LANGUAGE sql AS
$$ SELECT verdict_save(pg_temp.h(k), jsonb_build_array(jsonb_build_object(
    'rec', r, 'response', resp, 'progress', prog, 'comment', c))) $$;

SELECT pg_temp.ok(count(*) = 4, 'four links are issued')
FROM verdict_links_issue(pg_temp.uid(),
    pg_temp.pid('t-verdict'), jsonb_build_object('lang', 'fi', 'links',
    (SELECT jsonb_agg(jsonb_build_object('hash', pg_temp.h(k)))
    FROM generate_series(1, 4) k)), '127.0.0.1');
SELECT pg_temp.ok(array_agg(number ORDER BY number) = '{1,2,3,4}',
    'the links are numbered 1 to 4')
FROM verdict_link WHERE process_id = pg_temp.pid('t-verdict');

SELECT pg_temp.throws($$SELECT pg_temp.rate(1, pg_temp.rid('t-verdict',
    '1'), 4, 3)$$, 'TV001', 'no rating without an open round');
SELECT verdict_round_open(pg_temp.uid(), pg_temp.pid('t-verdict'),
    helsinki_today() + 7, '127.0.0.1');
SELECT pg_temp.throws($$SELECT verdict_round_open(pg_temp.uid(),
    pg_temp.pid('t-verdict'), helsinki_today() + 7, '127.0.0.1')$$,
    'TV004', 'one open round at a time');

SELECT pg_temp.rate(1, pg_temp.rid('t-verdict', '1'), 4, 2, '<b>Hyvä</b>');
SELECT pg_temp.rate(2, pg_temp.rid('t-verdict', '1'), 5, NULL);
SELECT pg_temp.ok((SELECT count(*) FROM verdict_aggregate(
    pg_temp.pid('t-verdict')) WHERE shown) = 0,
    'two answers: no distribution is shown');
SELECT pg_temp.ok((SELECT n1 IS NULL AND mean IS NULL AND answers = 2
    FROM verdict_aggregate(pg_temp.pid('t-verdict'))
    WHERE scale = 'response'), 'below the threshold only the count');
SELECT pg_temp.rate(3, pg_temp.rid('t-verdict', '1'), 4, 3);
SELECT pg_temp.rate(2, pg_temp.rid('t-verdict', '1'), 2, NULL);
SELECT pg_temp.ok((SELECT shown AND answers = 3 AND n2 = 1 AND n4 = 2 AND
    n5 = 0 AND mean = 3.3 FROM verdict_aggregate(pg_temp.pid('t-verdict'))
    WHERE scale = 'response'), 'three answers: the distribution, the '
    'last save of a link counting once');
SELECT pg_temp.ok((SELECT NOT shown AND answers = 2 FROM verdict_aggregate(
    pg_temp.pid('t-verdict')) WHERE scale = 'progress'),
    'each scale has its own threshold');
SELECT pg_temp.ok((SELECT count(*) FROM verdict) = 3,
    'one row per link and recommendation');
SELECT pg_temp.ok((SELECT recommendations = 1 AND answers = 3 AND n2 = 1
    AND n4 = 2 AND mean = 3.3 FROM verdict_process_summary(
    pg_temp.pid('t-verdict')) WHERE scale = 'response'),
    'the process as a whole: the shown distributions added up');
SELECT pg_temp.ok((SELECT count(*) FROM verdict_process_summary(
    pg_temp.pid('t-verdict')) WHERE scale = 'progress') = 0,
    'a scale below the threshold everywhere is left out of the whole');

SELECT verdict_link_revoke(pg_temp.uid(), pg_temp.pid('t-verdict'), 3,
    '127.0.0.1');
SELECT pg_temp.ok((SELECT NOT shown FROM verdict_aggregate(
    pg_temp.pid('t-verdict')) WHERE scale = 'response'),
    'a revoked link leaves the aggregate');
SELECT pg_temp.throws($$SELECT pg_temp.rate(3, pg_temp.rid('t-verdict',
    '2'), 1, 1)$$, 'P0002', 'a revoked link saves nothing');
SELECT pg_temp.throws($$SELECT pg_temp.rate(9, pg_temp.rid('t-verdict',
    '2'), 1, 1)$$, 'P0002', 'an unknown link saves nothing');
SELECT pg_temp.throws($$SELECT pg_temp.rate(1, pg_temp.rid('t-verdict-2',
    '1'), 1, 1)$$, 'TV002', 'a recommendation of another process');
SELECT pg_temp.throws($$SELECT pg_temp.rate(1, pg_temp.rid('t-verdict',
    '2'), 6, 1)$$, '23514', 'a rating outside 1-5');
SELECT pg_temp.throws($$SELECT pg_temp.rate(1, pg_temp.rid('t-verdict',
    '2'), 1, 1, repeat('x', 1001))$$, '23514', 'a comment too long');

SELECT pg_temp.ok((SELECT count(*) FROM verdict_public_comments(
    pg_temp.pid('t-verdict'))) = 0, 'an unseen comment is not public');
SELECT verdict_comment_review(pg_temp.uid(), pg_temp.pid('t-verdict'),
    (SELECT id FROM verdict WHERE comment <> ''), 'seen', '', '127.0.0.1');
SELECT pg_temp.ok((SELECT comment FROM verdict_public_comments(
    pg_temp.pid('t-verdict'))) = '<b>Hyvä</b>', 'a seen comment is public');
SELECT pg_temp.throws($$SELECT verdict_comment_review(pg_temp.uid(),
    pg_temp.pid('t-verdict'), (SELECT id FROM verdict WHERE comment <> ''),
    'hide', ' ', '127.0.0.1')$$, '22023', 'hiding needs a reason');
SELECT verdict_comment_review(pg_temp.uid(), pg_temp.pid('t-verdict'),
    (SELECT id FROM verdict WHERE comment <> ''), 'hide', 'Nimi',
    '127.0.0.1');
SELECT pg_temp.ok((SELECT count(*) FROM verdict_public_comments(
    pg_temp.pid('t-verdict'))) = 0, 'a hidden comment is not public');
SELECT pg_temp.ok((SELECT detail->>'reason' = 'Nimi' FROM audit_log
    WHERE event = 'verdict.comment_hide' ORDER BY id DESC LIMIT 1),
    'the reason is in the audit log');
SELECT pg_temp.rate(1, pg_temp.rid('t-verdict', '1'), 4, 2, 'Uusi');
SELECT pg_temp.ok((SELECT seen_at IS NULL AND hidden_at IS NULL FROM verdict
    WHERE comment = 'Uusi'), 'a changed comment waits for an admin again');

SELECT verdict_round_close(pg_temp.uid(), pg_temp.pid('t-verdict'),
    '127.0.0.1');
SELECT pg_temp.throws($$SELECT pg_temp.rate(1, pg_temp.rid('t-verdict',
    '1'), 1, 1)$$, 'TV001', 'a closed round saves nothing');
ROLLBACK;
