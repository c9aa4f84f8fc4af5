-- How far the county has got: progress of actions, recommendations and
-- processes, from the public rows (process_row) and the percentages of
-- the statuses. Defined once here; "toteumactl migrate" re-applies every
-- file of sql/functions after the migrations, so this is the current
-- text.
--
-- An action's progress is its status's percentage: 0 without a status
-- (not reported yet), NULL when its status is not progress ("will not
-- be done"), which is left out of every mean and counted apart.
-- A recommendation's progress is the weighted mean of its distinct
-- actions' (a top-level recommendation's: of the actions of its
-- sub-recommendations and specifications too). An action's weight is
-- that of its link to the recommendation (recommendation_action.weight,
-- 1-100, 1 unless an admin set another; through a sub-recommendation or
-- specification, the weight of that link, the largest when it is linked
-- at several places of the tree), so without weights set the mean is the
-- plain mean. A recommendation without actions has progress 0; one whose
-- every action will not be done has none (NULL). A process's progress is
-- the mean of its top-level recommendations' that have one.

CREATE OR REPLACE FUNCTION action_progress(status_id integer)
RETURNS integer
LANGUAGE sql STABLE AS $$
	SELECT CASE WHEN $1 IS NULL THEN 0
	    ELSE (SELECT s.progress::integer FROM status s WHERE s.id = $1)
	    END
$$;

-- The rule: one row per recommendation, sub-recommendation and
-- specification that has rows in the public table: top (a top-level recommendation), its
-- distinct actions, those without a status, those that will not be
-- done, whether any counted action has a weight other than 1 (weighted),
-- the unrounded weighted mean (NULL: nothing counts) and the mean
-- rounded to whole per cent.
CREATE OR REPLACE VIEW recommendation_progress_rule AS
SELECT d.process_id, d.recommendation_id, bool_or(d.top) AS top,
    count(d.action_id)::integer AS actions,
    count(d.action_id) FILTER (WHERE d.status_id IS NULL)::integer
	AS unreported,
    count(d.action_id) FILTER (WHERE d.status_id IS NOT NULL
	AND d.progress IS NULL)::integer AS wont,
    CASE WHEN count(d.action_id) = 0 THEN 0::numeric
	ELSE sum(d.progress * d.weight) / nullif(sum(d.weight)
	    FILTER (WHERE d.progress IS NOT NULL), 0) END AS mean,
    round(CASE WHEN count(d.action_id) = 0 THEN 0::numeric
	ELSE sum(d.progress * d.weight) / nullif(sum(d.weight)
	    FILTER (WHERE d.progress IS NOT NULL), 0) END)::integer
	AS progress,
    coalesce(bool_or(d.weight <> 1) FILTER (WHERE d.progress IS NOT NULL),
	false) AS weighted
FROM (
	SELECT k.process_id, k.recommendation_id, bool_or(k.top) AS top,
	    k.action_id, k.status_id,
	    -- action_progress(), joined rather than called per row.
	    CASE WHEN k.action_id IS NULL THEN NULL
		WHEN k.status_id IS NULL THEN 0
		ELSE s.progress::integer END AS progress,
	    max(k.weight)::numeric AS weight
	FROM (
		SELECT pr.process_id, pr.recommendation_id, true AS top,
		    pr.action_id, pr.status_id, ra.weight
		FROM process_row pr
		LEFT JOIN recommendation_action ra
		    ON ra.recommendation_id = pr.node_id
		    AND ra.action_id = pr.action_id
		UNION ALL
		SELECT pr.process_id, pr.node_id, false, pr.action_id,
		    pr.status_id, ra.weight
		FROM process_row pr
		LEFT JOIN recommendation_action ra
		    ON ra.recommendation_id = pr.node_id
		    AND ra.action_id = pr.action_id
		WHERE pr.node_id <> pr.recommendation_id
	) k
	LEFT JOIN status s ON s.id = k.status_id
	GROUP BY k.process_id, k.recommendation_id, k.action_id,
	    k.status_id, s.progress
) d
GROUP BY d.process_id, d.recommendation_id;

-- What the rule gives is kept in the table recommendation_progress
-- (migrations/0031), which pages and the catalogue read by key. It is
-- refreshed in the transaction that changes it: for the recommendations
-- of the public rows a statement inserted, deleted or gave another
-- status (progress_rows_changed, progress_rows_updated), of the links
-- whose weight changed (progress_links_updated), and for every process using a status
-- whose percentage changed (progress_status_changed); the triggers are
-- in triggers.sql. ids NULL: the whole process. Rows that stay the same
-- are left alone; when any changed, the process's progress_version
-- takes the transaction's version (the servers' memo reads it again).
CREATE OR REPLACE FUNCTION progress_refresh(p_process bigint,
    p_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	fresh	recommendation_progress[];
	n	integer;
	c	integer;
BEGIN
	IF p_ids IS NULL OR cardinality(p_ids) > 64 THEN
		p_ids := NULL;
		SELECT array_agg(r) INTO fresh FROM recommendation_progress_rule r
		WHERE r.process_id = p_process;
	ELSE
		SELECT array_agg(r) INTO fresh FROM recommendation_progress_rule r
		WHERE r.process_id = p_process AND r.recommendation_id = ANY (p_ids);
	END IF;
	DELETE FROM recommendation_progress k
	WHERE k.process_id = p_process
	    AND (p_ids IS NULL OR k.recommendation_id = ANY (p_ids))
	    AND k.recommendation_id <> ALL (ARRAY(SELECT f.recommendation_id
		FROM unnest(fresh) f));
	GET DIAGNOSTICS n = ROW_COUNT;
	INSERT INTO recommendation_progress
	SELECT * FROM unnest(fresh)
	ON CONFLICT (process_id, recommendation_id) DO UPDATE
	SET top = excluded.top, actions = excluded.actions,
	    unreported = excluded.unreported, wont = excluded.wont,
	    mean = excluded.mean, progress = excluded.progress,
	    weighted = excluded.weighted
	WHERE (recommendation_progress.*) IS DISTINCT FROM (excluded.*);
	GET DIAGNOSTICS c = ROW_COUNT;
	-- Only a real change makes the servers read the progress again.
	IF n + c > 0 THEN
		INSERT INTO process_version AS pv (process_id, version,
		    changed_at, progress_version)
		VALUES (p_process, data_version_next(),
		    date_trunc('second', now()), data_version_next())
		ON CONFLICT (process_id) DO UPDATE
		SET progress_version = excluded.progress_version;
	END IF;
END $$;

-- A statement's changes of process_row (transition tables new_rows,
-- old_rows as the event has them): each recommendation and node of a
-- row that came, went or changed its status.
CREATE OR REPLACE FUNCTION progress_rows_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	-- The event's one transition table: new_rows or old_rows.
	EXECUTE format('SELECT progress_refresh(process_id, '
	    'array_agg(DISTINCT x.id)) FROM %I, '
	    'LATERAL (VALUES (recommendation_id), (node_id)) x(id) '
	    'GROUP BY process_id',
	    CASE TG_OP WHEN 'INSERT' THEN 'new_rows' ELSE 'old_rows' END);
	RETURN NULL;
END $$;

-- The same for an UPDATE of process_row: only rows whose status changed.
CREATE OR REPLACE FUNCTION progress_rows_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM progress_refresh(n.process_id, array_agg(DISTINCT x.id))
	FROM new_rows n
	JOIN old_rows o ON o.process_id = n.process_id
	    AND o.position = n.position,
	LATERAL (VALUES (n.recommendation_id), (n.node_id),
	    (o.recommendation_id), (o.node_id)) x(id)
	WHERE n.status_id IS DISTINCT FROM o.status_id
	    OR n.action_id IS DISTINCT FROM o.action_id
	    OR n.node_id <> o.node_id
	GROUP BY n.process_id;
	RETURN NULL;
END $$;

-- A statement's changes of recommendation_action: the recommendation of
-- each link whose weight changed, and the top-level one above it.
CREATE OR REPLACE FUNCTION progress_links_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM progress_refresh(r.process_id, array_agg(DISTINCT x.id))
	FROM new_rows n
	JOIN old_rows o ON o.recommendation_id = n.recommendation_id
	    AND o.action_id = n.action_id
	JOIN recommendation r ON r.id = n.recommendation_id,
	LATERAL (VALUES (r.id), (coalesce(r.parent_id, r.id))) x(id)
	WHERE n.weight IS DISTINCT FROM o.weight
	GROUP BY r.process_id;
	RETURN NULL;
END $$;

-- A statement's changes of status: every process with an action of a
-- status whose percentage changed.
CREATE OR REPLACE FUNCTION progress_status_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM progress_refresh(p.process_id, NULL)
	FROM (SELECT DISTINCT pr.process_id FROM process_row pr
	    WHERE pr.status_id IN (SELECT n.id FROM new_rows n
		JOIN old_rows o ON o.id = n.id
		WHERE n.progress IS DISTINCT FROM o.progress)) p;
	RETURN NULL;
END $$;

-- One row per process that has rows: its top-level recommendations,
-- those that count (have a progress), those whose every action will not
-- be done, and the mean of the recommendations' progress rounded to
-- whole per cent (NULL when none counts).
CREATE OR REPLACE VIEW process_progress AS
SELECT r.process_id, count(*)::integer AS recommendations,
    count(r.mean)::integer AS counted,
    (count(*) - count(r.mean))::integer AS wont_recommendations,
    round(avg(r.mean))::integer AS progress
FROM recommendation_progress r
WHERE r.top
GROUP BY r.process_id;
