/*
 * The rows of a process's public table (process_row) as a view of it
 * selects them: the columns, and the rows in the view's order with the
 * number of all matches. Shared by the HTML table (pages.c) and the
 * exports (export.c).
 */
#ifndef TOTEUMA_ROWS_H
#define TOTEUMA_ROWS_H

#include <kore/kore.h>
#include <kore/pgsql.h>

#include "search.h"
#include "view.h"

/*
 * Rows to show: a query result, or the rows of a search index's result
 * picked by map (NULL: all, in order).
 */
struct rowset {
	const PGresult	*res;
	const int	*map;
	int		 n;
};

#define RV(rs, k, col) \
	PQgetvalue((rs)->res, (rs)->map ? (rs)->map[k] : (k), (col))
#define RL(rs, k, col) \
	PQgetlength((rs)->res, (rs)->map ? (rs)->map[k] : (k), (col))
#define RNULL(rs, k, col) \
	PQgetisnull((rs)->res, (rs)->map ? (rs)->map[k] : (k), (col))

/* What a view selects; owns its query result until view_rows_free(). */
struct view_rows {
	struct rowset		 rs;
	long			 total;		/* matches on all pages */
	struct kore_pgsql	 sql;
	struct search_query	 sq;
	int			*matches;
	int			*map;
};

/*
 * 0, -1 when the database failed, or VIEW_ROWS_REFUSED when the view
 * would need a statement larger than allowed; free the rows either way.
 */
#define VIEW_ROWS_REFUSED	-2
int	view_rows_select(struct view_rows *, const struct view *);
void	view_rows_free(struct view_rows *);

/*
 * A row's text in lang: its translation in column col_sv (Swedish) or
 * the next one (English), else the Finnish column col; *finnish is set
 * when the Finnish text stands in for a missing translation.
 */
/* All rows of a query result, in its order. */
struct rowset	rowset_of(struct kore_pgsql *);

/* Memory for search indexes per worker; 0 searches in the database. */
void	rows_index_limit(size_t bytes);

const char	*rows_text(const struct rowset *, int k, int col, int col_sv,
		    enum lang, int *finnish);

#endif
