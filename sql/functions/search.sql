-- What a public row is found by (process_row.search_tsv and
-- search_text), read the way src/domain/search.c reads a text and a
-- query. Defined once here; "toteumactl migrate" re-applies every file
-- of sql/functions after the migrations, so this is the current text.

-- The words of a lowercase text: runs of letters and digits, and each
-- word written with joiners between its parts (. - ' and the Unicode
-- hyphens, en dash and apostrophe: "pol.is", "e-palvelu") also joined
-- ("polis", "epalvelu"), as search_terms() and search_query_parse() read
-- them.
CREATE OR REPLACE FUNCTION search_words(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT array_remove(search_split(t), '') || search_joined(t)
$$;

-- The runs of letters and digits of t (with '' where t starts or ends
-- with something else): the one place that says what a word is. Plain
-- SQL, so that it is inlined where it is called.
CREATE OR REPLACE FUNCTION search_split(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT regexp_split_to_array(t, '[^[:alnum:]]+')
$$;

-- The words of t written with joiners, joined. This function and
-- search_stems() are PL/pgSQL, whose plans a session keeps: an SQL
-- function with a subquery is parsed again at every call from another
-- function (row_search() per row), which took half of a rebuild.
CREATE OR REPLACE FUNCTION search_joined(t text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
	RETURN ARRAY(SELECT regexp_replace(m[1],
	    '[-.''\u00ad\u2010\u2011\u2013\u2019]', '', 'g')
	    FROM regexp_matches(t,
		'[[:alnum:]]+(?:[-.''\u00ad\u2010\u2011\u2013\u2019][[:alnum:]]+)+',
		'g') m);
END $$;

-- The Snowball stems (dict: swedish_stem, english_stem) of the words of
-- the lowercase text t, each after prefix ('sv:', 'en:'): a query word
-- finds the other forms of its stem ("tjänsterna" finds "tjänster").
-- The same stemmers stem the query words in src/domain/search.c.
CREATE OR REPLACE FUNCTION search_stems(dict regdictionary, prefix text,
    t text) RETURNS text[]
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
	IF t = '' THEN
		RETURN '{}';
	END IF;
	RETURN (SELECT coalesce(array_agg(DISTINCT prefix || x.s), '{}')
	    FROM unnest(search_words(t)) w(w),
		unnest(ts_lexize(dict, w.w)) x(s));
END $$;

-- The Swedish and English stems of status s's labels. They are the same
-- in each of its rows: a rebuild makes them once per status
-- (status_stems) and hands them to row_search(), which took a third
-- longer stemming them again in every row.
CREATE OR REPLACE FUNCTION status_stems(s status) RETURNS text[]
LANGUAGE sql STABLE AS $$
	SELECT search_stems('swedish_stem', 'sv:', lower(s.label_sv)) ||
	    search_stems('english_stem', 'en:', lower(s.label_en))
$$;

-- What a public row is found by: the Voikko terms stored with its
-- Finnish texts, every word of its texts in every language as they are
-- (and joined, when written with joiners: search_words() of the text),
-- the Swedish stems of its Swedish texts and the English stems of its
-- English texts (of its status's labels: s_stems, status_stems(s));
-- and its texts with the joined words, for parts of words (LIKE). A
-- row without Swedish or English texts of its own (most) stems nothing.
DROP FUNCTION IF EXISTS row_search(recommendation, recommendation, action,
    status, text, text[]);
CREATE OR REPLACE FUNCTION row_search(top recommendation, node recommendation,
    a action, s status, s_stems text[], unit_names text,
    unit_lexemes text[], OUT tsv tsvector, OUT text text)
LANGUAGE sql STABLE AS $$
	SELECT array_to_tsvector(array_remove(top.lexemes || CASE WHEN
		node.id <> top.id THEN node.lexemes ELSE '{}' END ||
		coalesce(a.lexemes, '{}') || coalesce(unit_lexemes, '{}') ||
		search_split(t.text) || j.j || coalesce(s_stems, '{}') ||
		CASE WHEN btrim(t.sv) <> '' THEN
		    search_stems('swedish_stem', 'sv:', t.sv) ELSE '{}' END ||
		CASE WHEN btrim(t.en) <> '' THEN
		    search_stems('english_stem', 'en:', t.en) ELSE '{}' END,
		'')),
	    concat_ws(' ', t.text, nullif(array_to_string(j.j, ' '), ''))
	FROM (SELECT lower(concat_ws(' ', top.number, top.body,
	    CASE WHEN node.id <> top.id THEN node.number END,
	    CASE WHEN node.id <> top.id THEN node.body END,
	    a.body, a.schedule_text,
	    to_char(a.schedule_start, 'FMMM/YYYY'),
	    to_char(a.schedule_end, 'FMMM/YYYY'),
	    s.label_fi, s.label_sv, s.label_en, a.status_note,
	    unit_names, a.info, top.body_sv, top.body_en,
	    CASE WHEN node.id <> top.id THEN node.body_sv END,
	    CASE WHEN node.id <> top.id THEN node.body_en END,
	    a.body_sv, a.body_en, a.status_note_sv, a.status_note_en,
	    a.info_sv, a.info_en)) AS text,
	    lower(concat_ws(' ', top.body_sv,
	    CASE WHEN node.id <> top.id THEN node.body_sv END,
	    a.body_sv, a.status_note_sv, a.info_sv)) AS sv,
	    lower(concat_ws(' ', top.body_en,
	    CASE WHEN node.id <> top.id THEN node.body_en END,
	    a.body_en, a.status_note_en, a.info_en)) AS en
	    -- OFFSET 0 keeps each subquery a step of its own: pulled up,
	    -- the texts and their joined words were made again at every
	    -- use (three times the work of a row).
	    OFFSET 0) t,
	    LATERAL (SELECT search_joined(t.text) AS j OFFSET 0) j
$$;

-- Rows stored before the search read texts as it does now are rebuilt
-- once: search_format says how they were made (1: before Swedish and
-- English stems and joined words). Raise the number below whenever
-- row_search() finds rows by other terms.
CREATE OR REPLACE FUNCTION search_format_upgrade() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	n integer := 0;
	p bigint;
BEGIN
	IF (SELECT version FROM search_format) >= 2 THEN
		RETURN 0;
	END IF;
	FOR p IN SELECT id FROM process ORDER BY id LOOP
		PERFORM process_rows_rebuild(p);
		n := n + 1;
	END LOOP;
	UPDATE search_format SET version = 2;
	IF n > 0 THEN
		-- Every server's cached pages were found the old way.
		UPDATE data_version SET version = version + 1,
		    changed_at = date_trunc('second', now());
	END IF;
	RETURN n;
END $$;

SELECT search_format_upgrade();
