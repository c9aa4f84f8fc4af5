-- Progress (sql/functions/progress.sql): an action's is its status's
-- percentage (0 without a status, none for "will not be done"); a
-- recommendation's the mean of its distinct actions' with "will not be
-- done" left out, weighted by the weights of the links (1 unless set);
-- a process's the mean of its top-level recommendations' that have one.
BEGIN;
\i tests/sql/harness.sql

INSERT INTO process (slug, title) VALUES ('t-progress', 'Edistyminen');
CREATE FUNCTION pg_temp.pid() RETURNS bigint LANGUAGE sql AS
$$ SELECT id FROM process WHERE slug = 't-progress' $$;
CREATE FUNCTION pg_temp.rid(n text) RETURNS bigint LANGUAGE sql AS
$$ SELECT id FROM recommendation WHERE number = n
    AND process_id = pg_temp.pid() $$;
CREATE FUNCTION pg_temp.st(c text) RETURNS integer LANGUAGE sql AS
$$ SELECT id FROM status WHERE code = c $$;

-- 1: done, in progress, no status, will not be done. 2: only will not
-- be done. 3: no actions. 4: sub-recommendations 4.1 (planned, and the
-- done action that 4.2 also has) and 4.2.
INSERT INTO recommendation (process_id, kind, number, body, position)
SELECT pg_temp.pid(), 'recommendation', n, 'Suositus ' || n, p
FROM (VALUES ('1', 0), ('2', 1), ('3', 2), ('4', 3)) x(n, p);
INSERT INTO recommendation (process_id, parent_id, kind, number, body,
    position)
SELECT pg_temp.pid(), pg_temp.rid('4'), 'sub', n, 'Tarkennus ' || n, p
FROM (VALUES ('4.1', 0), ('4.2', 1)) x(n, p);
INSERT INTO action (process_id, body, status_id)
SELECT pg_temp.pid(), b, pg_temp.st(c)
FROM (VALUES ('1-valmis', 'done'), ('1-käynnissä', 'in_progress'),
    ('1-ei-tilaa', NULL), ('1-ei-toteuteta', 'rejected'),
    ('2-ei-toteuteta', 'rejected'), ('4-suunniteltu', 'planned'),
    ('4-valmis', 'done')) x(b, c);
INSERT INTO recommendation_action (process_id, recommendation_id,
    action_id, position)
SELECT pg_temp.pid(), pg_temp.rid(r), a.id,
    row_number() OVER (PARTITION BY r ORDER BY a.id) - 1
FROM (VALUES ('1', '1-valmis'), ('1', '1-käynnissä'), ('1', '1-ei-tilaa'),
    ('1', '1-ei-toteuteta'), ('2', '2-ei-toteuteta'),
    ('4.1', '4-suunniteltu'), ('4.1', '4-valmis'), ('4.2', '4-valmis'))
    x(r, b)
JOIN action a ON a.body = x.b AND a.process_id = pg_temp.pid();
SELECT process_rows_rebuild(pg_temp.pid()) \g /dev/null

CREATE FUNCTION pg_temp.rp(n text) RETURNS recommendation_progress
LANGUAGE sql AS $$ SELECT * FROM recommendation_progress
    WHERE recommendation_id = pg_temp.rid(n) $$;
-- Recommendation n's kept progress has every value of expect (columns
-- of recommendation_progress, null for NULL); the message says what it
-- has instead.
CREATE FUNCTION pg_temp.rp_is(n text, expect jsonb, what text)
RETURNS text LANGUAGE sql AS $$
	SELECT pg_temp.ok(to_jsonb(r) @> expect, n || ': ' || what
	    || ', got ' || (SELECT jsonb_object_agg(k, to_jsonb(r)->k)
		FROM jsonb_object_keys(expect) k)::text)
	FROM pg_temp.rp(n) r
$$;

SELECT pg_temp.ok(action_progress(pg_temp.st('done')) = 100,
    'an action''s progress is its status''s percentage');
SELECT pg_temp.ok(action_progress(NULL) = 0,
    'an action without a status has progress 0');
SELECT pg_temp.ok(action_progress(pg_temp.st('rejected')) IS NULL,
    '"will not be done" is no progress at all (NULL)');

SELECT pg_temp.rp_is(n, e::jsonb, what) FROM (VALUES
    ('1', '{"actions": 4, "unreported": 1, "wont": 1, "progress": 50,
	"top": true}', 'four actions, one not reported, one will not be '
	'done; (100 + 50 + 0) / 3 = 50'),
    ('2', '{"actions": 1, "wont": 1, "mean": null, "progress": null}',
	'every action will not be done: no progress (NULL)'),
    ('3', '{"actions": 0, "progress": 0}', 'no actions yet: progress 0'),
    ('4', '{"actions": 2, "progress": 55}', 'the distinct actions of its '
	'sub-recommendations, one of them under both counted once: '
	'(10 + 100) / 2 = 55'),
    ('4.1', '{"progress": 55, "top": false}',
	'its own actions, and it is not top-level'),
    ('4.2', '{"progress": 100}', 'its own action')) x(n, e, what);

SELECT pg_temp.ok(recommendations = 4 AND counted = 3
    AND wont_recommendations = 1 AND progress = 35,
    'the process: the mean of 1, 3 and 4, 2 left out: '
    '(50 + 0 + 55) / 3 = 35, got ' || progress)
FROM process_progress WHERE process_id = pg_temp.pid();

-- The table pages read is what the rule gives, kept: it follows each
-- change below in the same transaction.
CREATE FUNCTION pg_temp.kept(what text) RETURNS text LANGUAGE sql AS $$
	SELECT pg_temp.ok(NOT EXISTS (
	    (SELECT * FROM recommendation_progress EXCEPT
	     SELECT * FROM recommendation_progress_rule) UNION ALL
	    (SELECT * FROM recommendation_progress_rule EXCEPT
	     SELECT * FROM recommendation_progress)),
	    'the kept progress is the rule''s after ' || what)
$$;
SELECT pg_temp.kept('the rows were built');

-- A status's new percentage shows without rebuilding the rows.
UPDATE status SET progress = 60 WHERE code = 'in_progress';
SELECT pg_temp.rp_is('1', '{"progress": 53}',
    'in progress at 60 %: (100 + 60 + 0) / 3 = 53.3, rounded 53');
SELECT pg_temp.ok(progress = 36,
    'the process from the unrounded means: (53.3 + 0 + 55) / 3 = 36.1, '
    'got ' || progress)
FROM process_progress WHERE process_id = pg_temp.pid();
SELECT pg_temp.kept('a status''s percentage changed');

-- The link from recommendation n to its action of body weighs w.
CREATE FUNCTION pg_temp.weigh(n text, body text, w integer) RETURNS void
LANGUAGE sql AS $$
	UPDATE recommendation_action SET weight = w
	WHERE recommendation_id = pg_temp.rid(n) AND action_id = (SELECT a.id
	    FROM action a WHERE a.body = weigh.body
	    AND a.process_id = pg_temp.pid())
$$;

-- Weights: each link's weight (1-100, 1 by default) weighs its action
-- in that recommendation's mean; a top-level recommendation takes the
-- weight of the link through which the action is in its tree.
SELECT pg_temp.rp_is('1', '{"weighted": false}',
    'every link weighs 1: not weighted');
SELECT pg_temp.weigh('1', '1-valmis', 3);
SELECT pg_temp.weigh('1', '1-ei-toteuteta', 50);
SELECT pg_temp.rp_is('1', '{"progress": 72, "weighted": true, "wont": 1}',
    'weighted, (3 * 100 + 60 + 0) / 5 = 72, the weight of "will not be '
    'done" left out with it');
SELECT pg_temp.weigh('4.1', '4-valmis', 4);
SELECT pg_temp.rp_is(n, e::jsonb, what) FROM (VALUES
    ('4.1', '{"progress": 82, "weighted": true}',
	'weighted, (10 + 4 * 100) / 5 = 82'),
    ('4.2', '{"progress": 100, "weighted": false}',
	'the same action weighs 1 in its link to 4.2'),
    ('4', '{"progress": 82, "actions": 2}', 'the action under both '
	'counted once, with the larger weight: (10 + 4 * 100) / 5 = 82'))
    x(n, e, what);
SELECT pg_temp.ok(progress = 51,
    'the process from the weighted means: (72 + 0 + 82) / 3 = 51.3, got '
    || progress)
FROM process_progress WHERE process_id = pg_temp.pid();
SELECT pg_temp.kept('weights changed');
SELECT pg_temp.throws($$UPDATE recommendation_action SET weight = 0
    WHERE recommendation_id = pg_temp.rid('4.2')$$, '23514',
    'a weight of 0 is refused');
SELECT pg_temp.throws($$UPDATE recommendation_action SET weight = 101
    WHERE recommendation_id = pg_temp.rid('4.2')$$, '23514',
    'a weight of 101 is refused');
SELECT pg_temp.ok(count(*) = 3, 'each changed weight left a history row '
    'of its link')
FROM history WHERE table_name = 'recommendation_action'
    AND operation = 'UPDATE' AND (before->>'weight')::int = 1
    AND (after->>'weight')::int > 1
    AND (after->>'process_id')::bigint = pg_temp.pid();
UPDATE recommendation_action SET weight = 1
WHERE process_id = pg_temp.pid();

-- A removed action is no longer counted; recommendations whose every
-- action will not be done are left out of the process's mean.
UPDATE action SET deleted_at = now() WHERE body = '1-ei-tilaa'
    AND process_id = pg_temp.pid();
SELECT process_rows_rebuild(pg_temp.pid()) \g /dev/null
SELECT pg_temp.rp_is('1', '{"actions": 3, "progress": 80}',
    'a removed action drops out: (100 + 60) / 2 = 80');
SELECT pg_temp.kept('an action was removed');

-- A note changes no progress: the servers keep what they read. (This
-- transaction has one data version: the mark is set to 0 to see it.)
CREATE FUNCTION pg_temp.pv() RETURNS bigint LANGUAGE sql AS
$$ SELECT progress_version FROM process_version
    WHERE process_id = pg_temp.pid() $$;
UPDATE process_version SET progress_version = 0
WHERE process_id = pg_temp.pid();
UPDATE action SET status_note = 'Uusi huomio'
WHERE body = '4-suunniteltu' AND process_id = pg_temp.pid();
SELECT process_rows_refresh_action(id) FROM action
WHERE body = '4-suunniteltu' AND process_id = pg_temp.pid() \g /dev/null
SELECT pg_temp.ok(pg_temp.pv() = 0,
    'a saved note leaves the process''s progress version');

-- One action's new status, as a save refreshes its rows.
UPDATE action SET status_id = pg_temp.st('done')
WHERE body = '4-suunniteltu' AND process_id = pg_temp.pid();
SELECT process_rows_refresh_action(id) FROM action
WHERE body = '4-suunniteltu' AND process_id = pg_temp.pid() \g /dev/null
SELECT pg_temp.rp_is('4.1', '{"progress": 100}',
    'after its planned action was done: 100');
SELECT pg_temp.kept('one action''s rows were refreshed');
SELECT pg_temp.ok(pg_temp.pv() > 0,
    'a new status moves the process''s progress version');
UPDATE action SET status_id = pg_temp.st('rejected')
WHERE process_id = pg_temp.pid();
SELECT process_rows_rebuild(pg_temp.pid()) \g /dev/null
SELECT pg_temp.ok(progress = 0 AND counted = 1,
    'every action will not be done: only 3 (no actions, 0) counts, got '
    || coalesce(progress::text, 'NULL') || ', counted ' || counted)
FROM process_progress WHERE process_id = pg_temp.pid();
SELECT pg_temp.kept('every action''s status changed');
DELETE FROM process_row WHERE process_id = pg_temp.pid();
SELECT pg_temp.ok(NOT EXISTS (SELECT 1 FROM recommendation_progress
    WHERE process_id = pg_temp.pid()), 'without rows, nothing is kept');

ROLLBACK;
