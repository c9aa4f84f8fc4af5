-- Parts of words are found in PostgreSQL (search_text LIKE '%word%')
-- only where a worker's search index does not serve: a search with
-- "changed since" or a state, or across more processes than a worker
-- keeps indexes of.  A GIN index of trigrams gave every row some three
-- hundred index entries, a sixth of the import of 10,000 actions and
-- its cost again at every save; a GiST index keeps one signature a row
-- (2,048 bits, so a row's few hundred trigrams leave most of it clear),
-- and answers such a search within about twice the time (docs/benchmark.md).
DROP INDEX process_row_trgm;
CREATE INDEX process_row_trgm ON process_row
    USING gist (search_text gist_trgm_ops (siglen = 256));
