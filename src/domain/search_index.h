/*
 * A worker's in-memory inverted index of a process's public rows, built
 * from process_row.search_tsv (the Voikko terms, the words of each
 * row and the Swedish and English stems) the first time the process is
 * searched in a data version. A search then costs a few bitmap
 * operations instead of a scan in the database, and only the rows of
 * the page are fetched.
 */
#ifndef TOTEUMA_SEARCH_INDEX_H
#define TOTEUMA_SEARCH_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "search.h"

struct search_index;

struct search_filter {
	int		status_id;	/* 0: any */
	long long	unit_id;	/* 0: any */
};

/*
 * Builds an index from rows given in position order (0, 1, ...). terms
 * holds the row's terms separated by '\x1f' (process_row.search_tsv:
 * the Voikko terms and every word of the row); units "{1,2}".
 */
struct search_index *search_index_new(void);
void	search_index_add(struct search_index *, int status_id,
	    const char *units, const char *terms);
void	search_index_finish(struct search_index *);
void	search_index_free(struct search_index *);
size_t	search_index_bytes(const struct search_index *);
size_t	search_index_rows(const struct search_index *);

/*
 * Row row (0-based) as it is now, after the index was finished: its
 * status, units and terms as search_index_add() takes them. 0, or -1
 * when there is no such row (the index must then be rebuilt).
 */
int	search_index_update(struct search_index *, size_t row, int status_id,
	    const char *units, const char *terms);
/* How many rows changed since the index was built. */
size_t	search_index_changed(const struct search_index *);

/*
 * The positions of the rows where every query word matches (one of its
 * terms exactly, or, for words of three or more bytes, as part of a
 * word; a stem only whole), in position order. Returns the count;
 * *out is malloc'd.
 */
size_t	search_index_match(const struct search_index *,
	    const struct search_query *, const struct search_filter *,
	    int **out);

#endif
