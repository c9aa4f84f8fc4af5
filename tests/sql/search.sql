-- row_search(): what a public row is found by, in every language, and
-- the rebuild of rows stored the old way (search_format_upgrade()).
BEGIN;
\i tests/sql/harness.sql

SELECT pg_temp.ok(process_import($${"slug": "t-search", "title": "Haku",
  "year": 2025, "recommendations": [
    {"number": "1", "body": "Nuorten palvelut", "lexemes": ["nuori"],
     "actions": [{"body": "Kokeillaan Pol.is ja e-palvelu",
       "schedule_kind": "continuous", "schedule_start": null,
       "schedule_end": null, "schedule_text": "", "status": "in_progress",
       "status_note": "", "info": "", "units": []}],
     "children": []}], "action_lexemes": [[]],
  "unit_lexemes": {}}$$::jsonb) > 0, 'a process is imported');
UPDATE action SET body_sv = 'Ungdomarnas e-tjänsterna och Pol.is',
    body_en = 'Services for communities'
WHERE process_id = (SELECT id FROM process WHERE slug = 't-search');
SELECT pg_temp.ok(process_rows_rebuild(id) = 1, 'its row is rebuilt')
FROM process WHERE slug = 't-search';

CREATE TEMPORARY TABLE r AS SELECT search_tsv, search_text
FROM process_row pr JOIN process p ON p.id = pr.process_id
WHERE p.slug = 't-search';

SELECT pg_temp.ok(search_tsv @@
    '''sv:tjänst'' & ''sv:ungdom'' & ''sv:etjänst''',
    'Swedish texts give their Swedish stems') FROM r;
SELECT pg_temp.ok(search_tsv @@ '''en:servic'' & ''en:communiti''',
    'English texts give their English stems') FROM r;
SELECT pg_temp.ok(NOT search_tsv @@ '''sv:och''' AND
    NOT search_tsv @@ '''sv:nuort''' AND NOT search_tsv @@ '''en:kokeillaan''',
    'no stems of stop words, nor of the texts in other languages') FROM r;
SELECT pg_temp.ok(search_tsv @@ 'polis & pol & is & epalvelu & e & palvelu',
    'a word with inner punctuation is there joined and in parts') FROM r;
SELECT pg_temp.ok(search_text LIKE '%pol.is%' AND search_text LIKE '%polis%'
    AND search_text LIKE '%epalvelu%' AND search_text LIKE '%etjänsterna%',
    'the text for parts of words has the joined words too') FROM r;
SELECT pg_temp.ok(search_words('digi‐palvelu 2023–2024 don’t x- -y .z.')
    = '{digi,palvelu,2023,2024,don,t,x,y,z,digipalvelu,20232024,dont}',
    'Unicode hyphens, the en dash and the apostrophe join; ' ||
    'punctuation at the ends of a word does not');

-- Rows stored before this way of searching are rebuilt once.
UPDATE process_row SET search_tsv = '', search_text = ''
WHERE process_id = (SELECT id FROM process WHERE slug = 't-search');
UPDATE search_format SET version = 1;
SELECT pg_temp.ok(search_format_upgrade() >= 1,
    'an old search format rebuilds every process');
SELECT pg_temp.ok(search_tsv @@ '''sv:tjänst'' & polis',
    'with the present terms')
FROM process_row pr JOIN process p ON p.id = pr.process_id
WHERE p.slug = 't-search';
SELECT pg_temp.ok(search_format_upgrade() = 0, 'and only once');

ROLLBACK;
