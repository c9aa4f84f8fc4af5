/* The in-memory search index: terms, parts of words, filters, order. */
#include <stdlib.h>

#include "search_index.h"
#include "unit.h"

#define US "\x1f"

static size_t
match(struct search_index *ix, const char *q, int status, long long unit,
    int **pos)
{
	struct search_query	sq;
	struct search_filter	f = { status, unit };
	size_t			n;

	search_query_parse(q, &sq);
	n = search_index_match(ix, &sq, &f, pos);
	search_query_free(&sq);
	return n;
}

/* How many rows q finds without filters. */
static size_t
hits(struct search_index *ix, const char *q)
{
	int	*pos = NULL;
	size_t	 n = match(ix, q, 0, 0, &pos);

	free(pos);
	return n;
}

int
main(void)
{
	struct search_index	*ix;
	int			*pos = NULL;
	char			 err[200];

	CHECK(search_init(err, sizeof(err)) == 0, "dictionary: %s", err);
	ix = search_index_new();
	search_index_add(ix, 4, "{1}",
	    "nuorten" US "nuori" US "tuki" US "keusoteen");
	search_index_add(ix, 5, "{1,2}",
	    "digiasiointialustan" US "digi" US "asiointi" US "alusta" US
	    "hankinta");
	search_index_add(ix, 4, "{}",
	    "ikäihmisten" US "ikäihminen" US "kotihoito" US "koti" US "hoito"
	    US "10" US "2024");
	search_index_finish(ix);
	CHECK_INT(search_index_rows(ix), 3, "three rows");
	CHECK(search_index_bytes(ix) > 0, "the index knows its size");

	CHECK_INT(match(ix, "nuori", 0, 0, &pos), 1, "nuori finds nuorten");
	CHECK_INT(pos[0], 0, "in row 0");
	free(pos);
	CHECK_INT(match(ix, "alusta", 0, 0, &pos), 1,
	    "alusta finds the compound");
	CHECK_INT(pos[0], 1, "in row 1");
	free(pos);
	CHECK_INT(hits(ix, "Keusote"), 1,
	    "an unknown word is found as part of a word");
	CHECK_INT(hits(ix, "ALUST"), 1, "a partial word");
	CHECK_INT(hits(ix, "nuori alusta"), 0, "every word must match");
	CHECK_INT(hits(ix, "ikäihmisten"), 1, "an inflected word with ä");
	CHECK_INT(hits(ix, "10"), 1, "a short word matches whole words only");
	CHECK_INT(hits(ix, "0"), 0, "and not parts of them");
	CHECK_INT(hits(ix, "koti"), 1, "a compound part");
	CHECK_INT(hits(ix, "tuki hankinta kotihoito"), 0,
	    "three words that are never together");
	CHECK_INT(hits(ix, "n"), 0, "a single letter that is no word");
	/* Stems and joined words, as sql/functions/search.sql stores them. */
	search_index_free(ix);
	ix = search_index_new();
	search_index_add(ix, 4, "{}", "tjänster" US "sv:tjänst" US "pol" US
	    "is" US "polis");
	search_index_add(ix, 4, "{}", "community" US "en:communiti" US
	    "epalvelu");
	search_index_finish(ix);
	CHECK_INT(match(ix, "tjänsterna", 0, 0, &pos), 1,
	    "tjänsterna finds tjänster by their stem");
	CHECK_INT(pos[0], 0, "in row 0");
	free(pos);
	CHECK_INT(hits(ix, "communities"), 1, "communities finds community");
	CHECK_INT(hits(ix, "Pol.is"), 1, "Pol.is finds polis");
	CHECK_INT(hits(ix, "e-palvelu"), 1, "e-palvelu finds epalvelu");
	CHECK_INT(hits(ix, "muniti"), 0, "a stem is matched whole only");
	CHECK_INT(hits(ix, "v:t"), 0, "and its language never");
	/* Filters and order. */
	search_index_free(ix);
	ix = search_index_new();
	for (int i = 0; i < 200; i++)
		search_index_add(ix, i % 2 ? 4 : 5, i % 3 ? "{7}" : "{8,9}",
		    "toimenpide");
	search_index_finish(ix);
	CHECK_INT(match(ix, "toimenpide", 0, 0, &pos), 200, "all rows");
	CHECK(pos[0] == 0 && pos[199] == 199, "in position order");
	free(pos);
	CHECK_INT(match(ix, "toimenpide", 4, 0, &pos), 100, "status filter");
	CHECK(pos[0] == 1, "odd rows have status 4");
	free(pos);
	CHECK_INT(match(ix, "toimenpide", 0, 9, &pos), 67, "unit filter");
	free(pos);
	CHECK_INT(match(ix, "toimenpide", 5, 8, &pos), 34, "both filters");
	free(pos);
	/* A row changed after the build: found as it is now. */
	CHECK_INT(search_index_update(ix, 200, 4, "{}", "x"), -1,
	    "no row 200");
	CHECK_INT(search_index_update(ix, 10, 6, "{11}",
	    "lisäresurssi" US "lisä" US "resurssi"), 0, "row 10 changes");
	CHECK_INT(search_index_changed(ix), 1, "one row changed");
	CHECK_INT(match(ix, "toimenpide", 0, 0, &pos), 199,
	    "its old words no longer find it");
	CHECK(pos[9] == 9 && pos[10] == 11, "and the others keep their order");
	free(pos);
	CHECK_INT(match(ix, "resurssi", 0, 0, &pos), 1, "its new words do");
	CHECK_INT(pos[0], 10, "at its place");
	free(pos);
	CHECK_INT(hits(ix, "ISÄRES"), 1, "as part of a word too");
	CHECK_INT(match(ix, "resurssi", 6, 11, &pos), 1,
	    "with its new status and unit");
	free(pos);
	CHECK_INT(match(ix, "resurssi", 5, 0, &pos), 0, "not its old status");
	free(pos);
	CHECK_INT(match(ix, "resurssi", 0, 7, &pos), 0, "nor its old unit");
	free(pos);
	CHECK_INT(match(ix, "toimenpide", 0, 7, &pos), 132,
	    "the unit filter leaves it out of its old unit");
	free(pos);
	CHECK_INT(search_index_update(ix, 10, 5, "{8}", "toimenpide" US
	    "en:measur"), 0, "row 10 changes again");
	CHECK_INT(search_index_changed(ix), 1, "still one row changed");
	CHECK_INT(hits(ix, "resurssi"), 0, "the first change is gone");
	CHECK_INT(match(ix, "toimenpide", 5, 8, &pos), 35,
	    "the second is found with its filters");
	free(pos);
	CHECK_INT(hits(ix, "measures"), 1, "by its stem");
	CHECK_INT(hits(ix, "easur"), 0, "a stem only whole");
	CHECK_INT(search_index_update(ix, 199, 4, "{}", ""), 0,
	    "the last row loses its words");
	CHECK_INT(hits(ix, "toimenpide"), 199, "and is found no more");
	search_index_free(ix);
	search_fini();
	return unit_done();
}
