/* Finnish search terms from Voikko. */
#include <stdlib.h>

#include "search.h"
#include "unit.h"

static int
has(const struct strset *s, const char *t)
{
	size_t	i;

	for (i = 0; i < s->count; i++)
		if (strcmp(s->items[i], t) == 0)
			return 1;
	return 0;
}

static void
terms(const char *text, struct strset *s)
{
	strset_free(s);
	search_terms(text, s);
	strset_finish(s);
}

int
main(void)
{
	struct strset		s = { NULL, 0, 0 };
	struct search_query	q;
	char			err[200];

	CHECK(search_init(err, sizeof(err)) == 0,
	    "the Finnish dictionary loads: %s", err);
	terms("nuorten", &s);
	CHECK(has(&s, "nuori") && has(&s, "nuorten"),
	    "nuorten -> nuori (and the word itself)");
	terms("psykiatristen", &s);
	CHECK(has(&s, "psykiatrinen"), "psykiatristen -> psykiatrinen");
	terms("Digiasiointialustan", &s);
	CHECK(has(&s, "digi") && has(&s, "asiointi") && has(&s, "alusta") &&
	    has(&s, "digiasiointialusta"),
	    "Digiasiointialustan -> digi, asiointi, alusta and the whole");
	terms("käyttöohjeet", &s);
	CHECK(has(&s, "käyttö") && has(&s, "ohje"),
	    "käyttöohjeet -> käyttö, ohje");
	terms("toimenpiteet", &s);
	CHECK(has(&s, "toimenpide") && !has(&s, "toimen=pide"),
	    "toimenpiteet -> toimenpide, without Voikko's boundary marks");
	terms("järjestöjen", &s);
	CHECK(has(&s, "järjestö"), "järjestöjen -> järjestö");
	terms("Keusoteen", &s);
	CHECK(s.count == 1 && has(&s, "keusoteen"),
	    "an unknown word is only itself, lowercased");
	terms("MOVE!-Tsemppari, Pol.is", &s);
	CHECK(has(&s, "move") && has(&s, "pol") && has(&s, "is"),
	    "punctuation separates words");
	strset_free(&s);

	CHECK_INT(search_query_parse("Nuori nuori psykiatristen", &q), 2,
	    "a repeated query word counts once");
	CHECK(has(&q.terms[0], "nuori") && has(&q.terms[1], "psykiatrinen"),
	    "query words get their base forms");
	CHECK_STR(q.words[0], "nuori", "query words are lowercased");
	search_query_free(&q);
	CHECK_INT(search_query_parse("a b c d e f g h i j k", &q),
	    SEARCH_MAX_WORDS, "at most SEARCH_MAX_WORDS words are used");
	search_query_free(&q);
	CHECK_INT(search_query_parse("' OR 1=1; -- <script>", &q), 3,
	    "SQL and HTML metacharacters are not words");
	search_query_free(&q);
	search_fini();
	return unit_done();
}
