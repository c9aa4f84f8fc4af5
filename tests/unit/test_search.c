/* Search terms: Voikko, the Snowball stems, words with joiners. */
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
	CHECK(has(&s, "move") && has(&s, "tsemppari") && has(&s, "pol") &&
	    has(&s, "is") && !has(&s, "movetsemppari"),
	    "punctuation separates words");
	CHECK(has(&s, "polis") && !has(&s, "pol.is"),
	    "a word with an inner dot is also there joined, not as written");
	terms("e-palvelujen", &s);
	CHECK(has(&s, "e") && has(&s, "palvelu") && has(&s, "epalvelujen") &&
	    has(&s, "epalvelu") && !has(&s, "e-palvelu") && !has(&s, "-"),
	    "e-palvelujen -> its parts, joined, and its base form joined");
	terms("digi\u2010palveluiden", &s);
	CHECK(has(&s, "digi") && has(&s, "palvelu") &&
	    has(&s, "digipalveluiden") && has(&s, "digipalvelu"),
	    "a Unicode hyphen joins; the joined word gets its base form");
	terms("don\u2019t 2023\u20132024 \u201cx\u201d", &s);
	CHECK(has(&s, "dont") && has(&s, "20232024") && has(&s, "x") &&
	    has(&s, "2023") && !has(&s, "\u201cx\u201d"),
	    "the apostrophe and the en dash join, quotation marks do not");
	terms("-a. .b- c--d e..f", &s);
	CHECK(has(&s, "a") && has(&s, "b") && has(&s, "c") && has(&s, "d") &&
	    has(&s, "e") && has(&s, "f") && s.count == 6,
	    "joiners at the ends or two together join nothing");
	terms("\xff\xfepol.\xc3is", &s);
	CHECK(has(&s, "pol"), "invalid UTF-8 separates words");
	strset_free(&s);

	CHECK_INT(search_query_parse("Pol.is e-palvelu", &q), 2,
	    "a query word with joiners is one word");
	CHECK_STR(q.words[0], "polis", "joined");
	CHECK(has(&q.terms[0], "polis") && !has(&q.terms[0], "pol"),
	    "matching the joined word, not its parts");
	CHECK(has(&q.terms[1], "epalvelu"), "e-palvelu: %s",
	    q.terms[1].count ? q.terms[1].items[0] : "");
	search_query_free(&q);
	CHECK_INT(search_query_parse("tjänsterna ungdomarnas communities", &q),
	    3, "three words");
	CHECK(has(&q.terms[0], "sv:tjänst") && has(&q.terms[1], "sv:ungdom") &&
	    has(&q.terms[2], "en:communiti"),
	    "query words get their Swedish and English stems");
	search_query_free(&q);
	CHECK_INT(search_query_parse("- ... '", &q), 0,
	    "punctuation alone is no word");
	search_query_free(&q);

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
