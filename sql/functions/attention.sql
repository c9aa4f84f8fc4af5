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

-- A milestone is overdue when its target month ended before the month
-- of at and it is not done; an action with an overdue milestone counts
-- as overdue (milestones: action.milestones, see 0021).
CREATE OR REPLACE FUNCTION milestones_overdue(milestones jsonb,
    is_final boolean, at timestamptz DEFAULT now()) RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT NOT coalesce(is_final, false) AND EXISTS (SELECT 1
	    FROM jsonb_array_elements(coalesce(milestones, '[]')) m
	    WHERE m->>'done' IS NULL AND (m->>'target')::date
		< date_trunc('month', at AT TIME ZONE 'Europe/Helsinki')::date)
$$;

-- The group an action goes in on "My actions": 0 overdue (its schedule
-- or one of its milestones), 1 stale, 2 due soon, 3 the rest.
CREATE OR REPLACE FUNCTION action_attention(schedule_end date,
    updated_at timestamptz, is_final boolean, stale_days integer,
    due_soon_days integer, at timestamptz DEFAULT now(),
    milestones jsonb DEFAULT '[]') RETURNS integer
LANGUAGE sql STABLE AS $$
	SELECT CASE
	    WHEN action_overdue(schedule_end, is_final, at)
		OR milestones_overdue(milestones, is_final, at) THEN 0
	    WHEN action_stale(updated_at, is_final, stale_days, at) THEN 1
	    WHEN action_due_soon(schedule_end, is_final, due_soon_days, at)
		THEN 2
	    ELSE 3 END
$$;
