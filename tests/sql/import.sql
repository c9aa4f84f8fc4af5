-- process_import(): merging by position keeps ids, and the public rows.
BEGIN;
\i tests/sql/harness.sql

SELECT pg_temp.ok(process_import($${"slug": "t-imp", "title": "Imp", "year": 2025,
  "recommendations": [
    {"number": "1", "body": "Nuorten tuki", "lexemes": ["nuori", "tuki"],
     "actions": [], "children": [
       {"kind": "sub", "number": "1.1", "body": "Koulut", "lexemes": [],
        "actions": [{"body": "Kuraattorit", "schedule_kind": "months",
          "schedule_start": "2025-01-01", "schedule_end": "2025-12-01",
          "schedule_text": "", "status": "in_progress", "status_note": "",
          "info": "", "units": ["Koulut", "Perhe"]}]}]},
    {"number": "2", "body": "Toinen", "lexemes": [], "actions": [],
     "children": []}],
  "action_lexemes": [["kuraattori"]],
  "unit_lexemes": {"Koulut": ["koulu"], "Perhe": ["perhe"]}}$$::jsonb) > 0, 'a new process is imported');

SELECT pg_temp.ok(count(*) = 2, 'two table rows: one action, one '
    'recommendation without actions')
FROM process_row pr JOIN process p ON p.id = pr.process_id
WHERE p.slug = 't-imp';
SELECT pg_temp.ok(unit_names = 'Koulut; Perhe' AND
    search_tsv @@ 'nuori'::tsquery AND search_tsv @@ 'perhe'::tsquery AND
    search_text LIKE '%kuraattorit%',
    'a row carries its units and the search terms of everything above it')
FROM process_row pr JOIN process p ON p.id = pr.process_id
WHERE p.slug = 't-imp' AND action_id IS NOT NULL;

SELECT pg_temp.ok(search_tsv @@ 'kuraattori'::tsquery,
    'in one document too, an action is found by its own search terms')
FROM process_row pr JOIN process p ON p.id = pr.process_id
WHERE p.slug = 't-imp' AND action_id IS NOT NULL;
CREATE TEMPORARY TABLE ids AS SELECT a.id FROM action a JOIN process p
    ON p.id = a.process_id WHERE p.slug = 't-imp';
SELECT pg_temp.ok(process_import($${"slug": "t-imp", "title": null,
  "recommendations": [
    {"number": "1", "body": "Nuorten tuki", "lexemes": [], "actions": [],
     "children": [
       {"kind": "sub", "number": "1.1", "body": "Koulut", "lexemes": [],
        "actions": [{"body": "Kuraattorit ja psykologit",
          "schedule_kind": "continuous", "schedule_start": null,
          "schedule_end": null, "schedule_text": "", "status": "done",
          "status_note": "Valmis", "info": "", "units": ["Perhe"]}]}]}],
  "action_lexemes": [[]], "unit_lexemes": {"Perhe": ["perhe"]}}$$::jsonb)
    > 0, 'a changed file is merged');
SELECT pg_temp.ok(a.body = 'Kuraattorit ja psykologit' AND
    a.schedule_kind = 'continuous', 'a re-import updates the action in place')
FROM action a JOIN ids USING (id);
SELECT pg_temp.ok(r.deleted_at IS NOT NULL,
    'a recommendation the file no longer has is deleted softly')
FROM recommendation r JOIN process p ON p.id = r.process_id
WHERE p.slug = 't-imp' AND r.number = '2';
SELECT pg_temp.ok(count(*) = 1, 'its rows leave the public table')
FROM process_row pr JOIN process p ON p.id = pr.process_id
WHERE p.slug = 't-imp';
SELECT pg_temp.ok(count(*) = 1, 'the history shows the status change')
FROM history h JOIN ids ON ids.id = h.row_id
WHERE h.table_name = 'action' AND h.before->>'status_id' IS DISTINCT FROM
    h.after->>'status_id' AND h.operation = 'UPDATE';
SELECT pg_temp.throws($$SELECT process_import('{"slug": "t-imp2",
    "title": "x", "recommendations": [{"number": "1", "body": "x",
    "lexemes": [], "children": [], "actions": [{"body": "x",
    "schedule_kind": "none", "schedule_start": null, "schedule_end": null,
    "schedule_text": "", "status": "nonexistent", "status_note": "",
    "info": "", "units": []}]}], "action_lexemes": [[]],
    "unit_lexemes": {}}')$$,
    'P0002', 'an unknown status code stops the import');
-- toteumactl's two halves: the file staged without the actions' search
-- terms, then the terms in the file's order with those of the units.
SELECT pg_temp.ok(process_import_stage($${"slug": "t-apart", "title": "A",
  "published": true, "recommendations": [
    {"number": "1", "body": "Eka", "lexemes": ["eka"], "children": [],
     "actions": [
       {"body": "Yksi", "schedule_kind": "none", "schedule_start": null,
        "schedule_end": null, "schedule_text": "", "status": "done",
        "status_note": "", "info": "", "units": ["Apartyksikkö"]},
       {"body": "Kaksi", "schedule_kind": "none", "schedule_start": null,
        "schedule_end": null, "schedule_text": "", "status": "done",
        "status_note": "", "info": "", "units": []}]}]}$$::jsonb) > 0 AND
    process_import_finish($${"slug": "t-apart",
      "action_lexemes": [["yksi"], ["kaksi"]],
      "unit_lexemes": {"Apartyksikkö": ["apart"]}}$$::jsonb) > 0,
    'a file staged apart from its search terms is merged');
SELECT pg_temp.ok(array_agg(a.lexemes ORDER BY ra.position) =
    ARRAY[ARRAY['yksi'], ARRAY['kaksi']],
    'each action has its own terms, in the order of the file')
FROM action a JOIN recommendation_action ra ON ra.action_id = a.id
JOIN process p ON p.id = a.process_id WHERE p.slug = 't-apart';
SELECT pg_temp.ok(lexemes = '{apart}', 'a new unit has its terms')
FROM unit WHERE name = 'Apartyksikkö';
SELECT pg_temp.ok(count(*) = 1, 'the rows are found by an action''s and '
    'a unit''s terms')
FROM process_row pr JOIN process p ON p.id = pr.process_id
WHERE p.slug = 't-apart' AND search_tsv @@ 'yksi & apart'::tsquery;
SELECT pg_temp.ok(process_import_stage($${"slug": "t-apart2", "title": "B",
  "recommendations": [{"number": "1", "body": "Toka", "lexemes": [],
    "children": [], "actions": [{"body": "Yksi", "schedule_kind": "none",
      "schedule_start": null, "schedule_end": null, "schedule_text": "",
      "status": "done", "status_note": "", "info": "", "units": []}]}]}$$)
    > 0, 'a second file is staged');
SELECT pg_temp.throws($$SELECT process_import_finish('{"slug": "t-apart",
    "action_lexemes": [["yksi"]], "unit_lexemes": {}}')$$, '22023',
    'terms for another process than the one staged are refused');
SELECT pg_temp.throws($$SELECT process_import_finish('{"slug": "t-apart2",
    "action_lexemes": [["yksi"], ["kaksi"]], "unit_lexemes": {}}')$$,
    '22023', 'terms for more actions than were staged are refused');
-- The terms of the actions in the file's order: a recommendation's own
-- actions, then those of its sub-recommendations, then the next
-- recommendation's; again when a stored action changes.
CREATE FUNCTION pg_temp.import_apart(doc jsonb, terms jsonb) RETURNS integer
LANGUAGE sql AS $f$
	SELECT process_import_stage(doc) + process_import_finish(terms)
$f$;
-- An action of the file of these tests, and the file: recommendation 1
-- with actions A1 and a2 and sub-recommendation 1.1 with C1, then
-- recommendation 2 with B1.
CREATE FUNCTION pg_temp.order_action(body text) RETURNS jsonb
LANGUAGE sql AS $f$
	SELECT jsonb_build_object('body', body, 'schedule_kind', 'none',
	    'schedule_start', NULL, 'schedule_end', NULL, 'schedule_text', '',
	    'status', 'done', 'status_note', '', 'info', '',
	    'units', '[]'::jsonb)
$f$;
CREATE FUNCTION pg_temp.order_doc(a2 text) RETURNS jsonb
LANGUAGE sql AS $f$
	SELECT jsonb_build_object('slug', 't-order', 'title', 'O',
	    'recommendations', jsonb_build_array(
		jsonb_build_object('number', '1', 'body', 'Yksi',
		    'lexemes', '[]'::jsonb, 'actions', jsonb_build_array(
			pg_temp.order_action('A1'), pg_temp.order_action(a2)),
		    'children', jsonb_build_array(jsonb_build_object(
			'kind', 'sub', 'number', '1.1', 'body', 'Ala',
			'lexemes', '[]'::jsonb, 'actions',
			jsonb_build_array(pg_temp.order_action('C1'))))),
		jsonb_build_object('number', '2', 'body', 'Kaksi',
		    'lexemes', '[]'::jsonb, 'children', '[]'::jsonb,
		    'actions', jsonb_build_array(pg_temp.order_action('B1')))))
$f$;
SELECT pg_temp.ok(pg_temp.import_apart(pg_temp.order_doc('A2'),
    '{"slug": "t-order", "action_lexemes": [["a1"], ["a2"], ["c1"], ["b1"]],
    "unit_lexemes": {}}') > 0,
    'a file with sub-recommendations is imported in two halves');
SELECT pg_temp.ok(bool_and(a.lexemes = ARRAY[lower(a.body)]) AND count(*) = 4,
    'each action has the terms given at its place in the file')
FROM action a JOIN process p ON p.id = a.process_id WHERE p.slug = 't-order';
CREATE TEMPORARY TABLE order_ids AS SELECT a.id, a.body FROM action a
JOIN process p ON p.id = a.process_id WHERE p.slug = 't-order';
SELECT pg_temp.ok(pg_temp.import_apart(pg_temp.order_doc('A2B'),
    '{"slug": "t-order", "action_lexemes": [["a1"], ["a2b"], ["c1"], ["b1"]],
    "unit_lexemes": {}}') > 0,
    'a changed file is merged in two halves');
SELECT pg_temp.ok(a.lexemes = '{a2b}' AND a.body = 'A2B',
    'a stored action that changed keeps its id and takes its new terms')
FROM action a JOIN order_ids o ON o.id = a.id WHERE o.body = 'A2';
ROLLBACK;
