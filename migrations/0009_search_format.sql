-- How the public rows' search terms were made (search_format_upgrade()
-- in sql/functions/search.sql rebuilds them when row_search() changes):
-- 1, Finnish terms and the words as written; 2, also the Swedish and
-- English stems and the words written with joiners, joined.
CREATE TABLE search_format (
	id	boolean PRIMARY KEY DEFAULT true CHECK (id),
	version	integer NOT NULL
);
INSERT INTO search_format (version) VALUES (1);
