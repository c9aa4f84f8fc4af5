/*
 * Finnish-aware search terms. Text is split into words; each word
 * contributes its lowercase form, its base forms (nuorten -> nuori) and
 * the parts of a compound (digiasiointialustan -> digi, asiointi,
 * alusta), from the Voikko morphology. The same analysis of a query
 * gives, per query word, the terms that any of its readings may have.
 */
#ifndef TOTEUMA_SEARCH_H
#define TOTEUMA_SEARCH_H

#include <stddef.h>

#define SEARCH_MAX_WORDS	8
#define SEARCH_MAX_WORD		64	/* bytes */

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

/* Loads the Finnish dictionary. Returns -1 with a reason in err. */
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
