-- The rules of what needs attention (sql/functions/attention.sql), at a
-- fixed moment: 2026-11-30 12:00 UTC, with stale at 90 days and due soon
-- at 30 days.
BEGIN;
\i tests/sql/harness.sql
SET LOCAL TimeZone = 'UTC';

CREATE FUNCTION pg_temp.at() RETURNS timestamptz
LANGUAGE sql AS $$ SELECT timestamptz '2026-11-30 12:00+00' $$;

SELECT pg_temp.ok(action_overdue('2026-10-01', false, pg_temp.at()),
    'a schedule that ended in October is overdue in November');
SELECT pg_temp.ok(NOT action_overdue('2026-11-01', false, pg_temp.at()),
    'one that ends in November is not overdue in November');
SELECT pg_temp.ok(NOT action_overdue('2026-10-01', true, pg_temp.at()),
    'a final status is never overdue');
SELECT pg_temp.ok(NOT coalesce(action_overdue(NULL, false, pg_temp.at()),
    false), 'no end month (continuous, text): not overdue');
-- Months and days are Finland's: 22:30 UTC on 30 November is 1 December
-- in Helsinki, though this session's time zone is UTC.
SELECT pg_temp.ok(action_overdue('2026-11-01', false,
    '2026-11-30 22:30+00'), 'a November schedule is overdue at 22:30 UTC ' ||
    'on 30 November: it is December in Helsinki');
SELECT pg_temp.ok(NOT action_overdue('2026-11-01', false,
    '2026-11-30 21:30+00'), '... but not at 21:30 UTC, 23:30 in Helsinki');
SELECT pg_temp.ok(action_due_soon('2026-11-01', false, 0,
    '2026-11-30 22:30+00'), 'due soon counts Helsinki days too');
SELECT pg_temp.ok(NOT action_due_soon('2026-11-01', false, 0,
    '2026-11-30 21:30+00'), '... which at 21:30 UTC is still 30 November');

SELECT pg_temp.ok(action_stale(pg_temp.at() - interval '91 days', false, 90,
    pg_temp.at()), 'updated 91 days ago with a limit of 90: stale');
SELECT pg_temp.ok(NOT action_stale(pg_temp.at() - interval '89 days', false,
    90, pg_temp.at()), 'updated 89 days ago: not stale');
SELECT pg_temp.ok(NOT action_stale(pg_temp.at() - interval '400 days', true,
    90, pg_temp.at()), 'a final status is never stale');

-- A schedule's last month is over on the first day of the next month.
SELECT pg_temp.ok(action_due_soon('2026-11-01', false, 30, pg_temp.at()),
    'ends in November (over on 1 December): due soon with 30 days');
SELECT pg_temp.ok(NOT action_due_soon('2026-12-01', false, 30, pg_temp.at()),
    'ends in December (over on 1 January, 32 days on): not due soon');
SELECT pg_temp.ok(action_due_soon('2026-12-01', false, 32, pg_temp.at()),
    '... but due soon with 32 days');
SELECT pg_temp.ok(NOT action_due_soon('2026-11-01', true, 30, pg_temp.at()),
    'a final status is never due soon');

-- The groups of "My actions", in their order.
SELECT pg_temp.ok(action_attention('2026-10-01', pg_temp.at(), false, 90, 30,
    pg_temp.at()) = 0, 'overdue comes first, even when just updated');
SELECT pg_temp.ok(action_attention('2027-06-01', pg_temp.at() -
    interval '100 days', false, 90, 30, pg_temp.at()) = 1,
    'then stale');
SELECT pg_temp.ok(action_attention('2026-10-01', pg_temp.at() -
    interval '100 days', false, 90, 30, pg_temp.at()) = 0,
    'overdue and stale: overdue');
SELECT pg_temp.ok(action_attention('2026-11-01', pg_temp.at(), false, 90, 30,
    pg_temp.at()) = 2, 'then due soon');
SELECT pg_temp.ok(action_attention('2027-06-01', pg_temp.at(), false, 90, 30,
    pg_temp.at()) = 3, 'then the rest');
SELECT pg_temp.ok(action_attention('2026-10-01', pg_temp.at() -
    interval '500 days', true, 90, 30, pg_temp.at()) = 3,
    'a final status is with the rest');
SELECT pg_temp.ok(action_attention(NULL, pg_temp.at(), false, 90, 30,
    pg_temp.at()) = 3, 'a continuous schedule, updated: the rest');
-- Milestones (0021): one not done by its month makes the action overdue.
SELECT pg_temp.ok(milestones_overdue('[{"id": 1, "title": "M",
    "target": "2026-10-01", "done": null}]', false, pg_temp.at()),
    'a milestone of October not done is overdue in November');
SELECT pg_temp.ok(NOT milestones_overdue('[{"id": 1, "title": "M",
    "target": "2026-10-01", "done": "2026-10-20"}]', false, pg_temp.at()),
    'done: not overdue');
SELECT pg_temp.ok(NOT milestones_overdue('[{"id": 1, "title": "M",
    "target": "2026-11-01", "done": null}]', false, pg_temp.at()),
    'one of November is not overdue in November');
SELECT pg_temp.ok(milestones_overdue('[{"id": 1, "title": "M",
    "target": "2026-11-01", "done": null}]', false,
    timestamptz '2026-11-30 22:30+00'),
    'but it is at 22:30 UTC on 30 November (1 December in Helsinki)');
SELECT pg_temp.ok(NOT milestones_overdue('[{"id": 1, "title": "M",
    "target": "2026-10-01", "done": null}]', true, pg_temp.at()),
    'a final status is never overdue');
SELECT pg_temp.ok(NOT milestones_overdue('[]', false, pg_temp.at()),
    'no milestones: not overdue');
SELECT pg_temp.ok(action_attention(NULL, pg_temp.at(), false, 90, 30,
    pg_temp.at(), milestones => '[{"id": 1, "title": "M",
    "target": "2026-10-01", "done": null}]') = 0,
    'a continuous schedule with a late milestone: overdue first');

-- What a milestone list may hold (milestones_valid, 0021).
SELECT pg_temp.ok(milestones_valid('[{"id": 1, "title": "M",
    "target": "2026-10-01", "done": null, "note": ""}]'), 'a whole list');
SELECT pg_temp.ok(NOT milestones_valid('[{"id": 1, "title": "M",
    "target": "2026-13-01"}]'), 'month 13 is refused');
SELECT pg_temp.ok(NOT milestones_valid('[{"id": 1, "title": "M",
    "target": "2026-10-15"}]'), 'a target that is not a first day');
SELECT pg_temp.ok(NOT milestones_valid('[{"id": 1, "title": "",
    "target": "2026-10-01"}]'), 'an empty title');
SELECT pg_temp.ok(NOT milestones_valid('[{"id": 1, "title": "M",
    "target": "2026-10-01", "colour": "red"}]'), 'an unknown key');
SELECT pg_temp.ok(NOT milestones_valid('[{"id": 1, "title": "M",
    "target": "2026-10-01"}, {"id": 1, "title": "N",
    "target": "2026-11-01"}]'), 'two milestones with one id');
SELECT pg_temp.ok(NOT milestones_valid('{}'), 'not a list');
ROLLBACK;
