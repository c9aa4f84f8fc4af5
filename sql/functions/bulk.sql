-- Bulk updates of "My actions": one change applied to several actions
-- in one transaction, each through action_save() (history, progress,
-- feeds, mail, rounds and review follow as for one save) or, to
-- confirm them as up to date, round_confirm().
-- Defined once here; "toteumactl migrate" re-applies every file of
-- sql/functions after the migrations, so this is the current text.

-- u's change of the actions p_ids, each based on the revision at the
-- same place in p_revisions (what the list showed). p_change holds what
-- to change, each optional: status (a code) with reason_category (why
-- it will not be done, or null), status_note (the Finnish note; its
-- Swedish and English translations are emptied), schedule_kind with
-- schedule_start, schedule_end and schedule_text (as action_save()
-- takes them), and confirm (true: confirm each as up to date in every
-- open round of its process; only when nothing else changes, since a
-- save answers the rounds itself). p_lexemes holds at the same places
-- the new search terms of each action (an array of texts), or null to
-- keep them. Raises
--   22023 when the arrays differ in length or an id is given twice,
--   42501 when u may not edit one of the actions (nothing is changed),
-- and otherwise returns each action with its title (body) and what
-- happened to it: saved, pending (waits for review), confirmed, moved
-- (changed or removed since its revision: left as it is), check (needs
-- a look before it is confirmed: round_confirm_reasons) or no_round
-- (no open round asks for it).
CREATE OR REPLACE FUNCTION action_bulk_save(u bigint, p_ids bigint[],
    p_revisions integer[], p_change jsonb, p_lexemes jsonb, ip text)
RETURNS TABLE (r_action bigint, r_outcome text, r_body text)
LANGUAGE plpgsql AS $$
DECLARE
	i	integer;
	cur	action;
	doc	jsonb;
	rnd	bigint;
	rounds	bigint[];
	fields	boolean := p_change ?| ARRAY['status', 'status_note',
	    'schedule_kind'];
BEGIN
	IF cardinality(p_ids) IS DISTINCT FROM cardinality(p_revisions) OR
	    (SELECT count(DISTINCT x) FROM unnest(p_ids) x) <>
	    cardinality(p_ids) THEN
		RAISE EXCEPTION 'each action once, with its revision'
		    USING ERRCODE = '22023';
	END IF;
	-- Every action first: one that u may not edit refuses them all.
	FOR i IN 1 .. coalesce(cardinality(p_ids), 0) LOOP
		IF EXISTS (SELECT 1 FROM action WHERE id = p_ids[i]) AND
		    NOT user_may_edit_action(u, p_ids[i]) OR
		    NOT EXISTS (SELECT 1 FROM action WHERE id = p_ids[i]) THEN
			RAISE EXCEPTION 'user % may not edit action %', u,
			    p_ids[i] USING ERRCODE = '42501';
		END IF;
	END LOOP;
	-- Locked in the order of their ids, so that two bulk saves of the
	-- same actions wait for each other instead of deadlocking.
	PERFORM 1 FROM action WHERE id = ANY (p_ids) ORDER BY id FOR UPDATE;
	FOR i IN 1 .. coalesce(cardinality(p_ids), 0) LOOP
		SELECT * INTO cur FROM action WHERE id = p_ids[i];
		r_action := cur.id;
		r_body := cur.body;
		IF cur.deleted_at IS NOT NULL OR
		    cur.revision <> p_revisions[i] THEN
			r_outcome := 'moved';
			RETURN NEXT;
			CONTINUE;
		END IF;
		IF fields THEN
			doc := action_doc(cur);
			IF p_change ? 'status' THEN
				doc := doc || jsonb_build_object('status',
				    p_change->'status', 'reason_category',
				    p_change->'reason_category');
			END IF;
			IF p_change ? 'status_note' THEN
				doc := doc || jsonb_build_object('status_note',
				    p_change->'status_note', 'status_note_sv',
				    '', 'status_note_en', '');
			END IF;
			IF p_change ? 'schedule_kind' THEN
				doc := doc || jsonb_build_object(
				    'schedule_kind', p_change->'schedule_kind',
				    'schedule_start',
				    p_change->'schedule_start',
				    'schedule_end', p_change->'schedule_end',
				    'schedule_text',
				    p_change->'schedule_text');
			END IF;
			IF jsonb_typeof(p_lexemes->(i - 1)) = 'array' THEN
				doc := doc || jsonb_build_object('lexemes',
				    p_lexemes->(i - 1));
			END IF;
			r_outcome := CASE WHEN action_save(u, cur.id,
			    cur.revision, doc, ip) = 0 THEN 'pending'
			    ELSE 'saved' END;
			RETURN NEXT;
			CONTINUE;
		END IF;
		IF coalesce((p_change->>'confirm')::boolean, false) THEN
			rounds := ARRAY(SELECT rd.id FROM round rd
			    JOIN round_process rp ON rp.round_id = rd.id
			    WHERE rp.process_id = cur.process_id
				AND rd.closed_at IS NULL ORDER BY rd.id);
			IF cardinality(rounds) = 0 THEN
				r_outcome := 'no_round';
			ELSIF cardinality(round_confirm_reasons(cur.id)) > 0
			    THEN
				r_outcome := 'check';
			ELSE
				FOREACH rnd IN ARRAY rounds LOOP
					PERFORM round_confirm(u, rnd, cur.id,
					    false, ip);
				END LOOP;
				r_outcome := 'confirmed';
			END IF;
			RETURN NEXT;
		END IF;
	END LOOP;
END $$;
