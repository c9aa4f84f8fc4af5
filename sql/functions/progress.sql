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

-- One row per recommendation, sub-recommendation and specification that
-- has rows in the public table: top (a top-level recommendation), its
-- distinct actions, those without a status, those that will not be
-- done, whether any counted action has a weight other than 1 (weighted),
-- the unrounded weighted mean (NULL: nothing counts) and the mean
-- rounded to whole per cent.
CREATE OR REPLACE VIEW recommendation_progress AS
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
