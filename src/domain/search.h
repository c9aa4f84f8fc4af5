/*
 * Search terms. Text is split into written words: letters and digits,
 * with joiners (. - ' and the Unicode hyphens and apostrophe) between
 * them ("Pol.is", "e-palvelu"). Each word contributes its lowercase form,
 * its base forms (nuorten -> nuori) and the parts of a compound
 * (digiasiointialustan -> digi, asiointi, alusta), from the Voikko
 * morphology; a word with joiners also its parts ("pol", "is") and the
 * whole without joiners ("polis", "epalvelu"). The same analysis of a
 * query gives, per query word (joined: "Pol.is" is "polis"), the terms
 * that any of its readings may have, and its Swedish and English Snowball
 * stems ("sv:tjänst", "en:servic"), which match the stems PostgreSQL
 * stores for the Swedish and English texts (sql/functions/search.sql).
 */
#ifndef TOTEUMA_SEARCH_H
#define TOTEUMA_SEARCH_H

#include <stddef.h>

#define SEARCH_MAX_WORDS	8
#define SEARCH_MAX_WORD		64	/* bytes */
/* Stems carry their language: no word of a text contains ':'. */
#define SEARCH_STEM_SV		"sv:"
#define SEARCH_STEM_EN		"en:"

struct strset {
	char	**items;
	size_t	  count;
	size_t	  cap;
};

struct search_query {
	size_t		nwords;
	char		*words[SEARCH_MAX_WORDS];	/* lowercase */
	struct strset	 terms[SEARCH_MAX_WORDS];
};

/*
 * Loads the Finnish dictionary and the stemmers. Returns -1 with a
 * reason in err.
 */
int	search_init(char *err, size_t errlen);
void	search_fini(void);

/* Adds the terms of text to set (sorted, unique after strset_finish). */
void	search_terms(const char *text, struct strset *set);
/*
 * Analyses a query. Returns the number of words; words beyond
 * SEARCH_MAX_WORDS are ignored.
 */
size_t	search_query_parse(const char *q, struct search_query *);
void	search_query_free(struct search_query *);

void	strset_add(struct strset *, const char *, size_t);
void	strset_finish(struct strset *);
void	strset_free(struct strset *);

#endif
