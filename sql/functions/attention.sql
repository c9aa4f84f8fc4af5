-- What needs attention: the rules behind "My actions" (overdue first,
-- then stale, then due soon) and the council reports' overdue and stale
-- lists. at is the moment judged (now, or a fixed time in the tests).
-- An action with a final status never needs attention. Months and days
-- are those of Finland (Europe/Helsinki), whatever the session's time
-- zone: 22:30 UTC on the last day of a month is already the next month.
-- Defined once here; "toteumactl migrate" re-applies every file of
-- sql/functions after the migrations, so this is the current text.

-- Overdue: a schedule in months whose last month ended before the month
-- of at (schedule_end is the first day of its month).
CREATE OR REPLACE FUNCTION action_overdue(schedule_end date,
    is_final boolean, at timestamptz DEFAULT now()) RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT NOT coalesce(is_final, false)
	    AND schedule_end < date_trunc('month',
		at AT TIME ZONE 'Europe/Helsinki')::date
$$;

-- Stale: not updated for stale_days days.
CREATE OR REPLACE FUNCTION action_stale(updated_at timestamptz,
    is_final boolean, stale_days integer, at timestamptz DEFAULT now())
RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT NOT coalesce(is_final, false)
	    AND updated_at < at - make_interval(days => stale_days)
$$;

-- Due soon: the schedule's last month ends within due_soon_days.
CREATE OR REPLACE FUNCTION action_due_soon(schedule_end date,
    is_final boolean, due_soon_days integer, at timestamptz DEFAULT now())
RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT NOT coalesce(is_final, false)
	    AND schedule_end + interval '1 month'
		<= (at AT TIME ZONE 'Europe/Helsinki')::date + due_soon_days
$$;

-- The group an action goes in on "My actions": 0 overdue, 1 stale,
-- 2 due soon, 3 the rest.
CREATE OR REPLACE FUNCTION action_attention(schedule_end date,
    updated_at timestamptz, is_final boolean, stale_days integer,
    due_soon_days integer, at timestamptz DEFAULT now()) RETURNS integer
LANGUAGE sql STABLE AS $$
	SELECT CASE
	    WHEN action_overdue(schedule_end, is_final, at) THEN 0
	    WHEN action_stale(updated_at, is_final, stale_days, at) THEN 1
	    WHEN action_due_soon(schedule_end, is_final, due_soon_days, at)
		THEN 2
	    ELSE 3 END
$$;
