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

/* A text column and its translations: where each is in a result. */
struct row_text {
	int	fi, sv, en;
};

/*
 * Where each column of ROW_COLUMNS is in a result, found by name once
 * per result (rows_cols), so that no code counts columns.
 */
struct row_cols {
	int		position, rec_id, node_id, action_id, rec_number;
	int		node_kind, node_number, sched_kind, start_month;
	int		start_year, end_month, end_year, sched_text;
	int		status_id, units, unit_ids;
	int		process_id;	/* the directory's; else -1 */
	struct row_text	rec_body, node_body, action_body, status_note, info;
};

/*
 * Rows to show: a query result, or the rows of a search index's result
 * picked by map (NULL: all, in order), and where its columns are.
 */
struct rowset {
	const PGresult	*res;
	const int	*map;
	int		 n;
	struct row_cols	 col;
};

/* Row k's value and length in the column of field f of struct row_cols. */
#define ROWSET_ROW(rs, k)	((rs)->map ? (rs)->map[k] : (k))
#define RV(rs, k, f)	PQgetvalue((rs)->res, ROWSET_ROW(rs, k), (rs)->col.f)
#define RL(rs, k, f)	PQgetlength((rs)->res, ROWSET_ROW(rs, k), (rs)->col.f)

/* What a view selects; owns its query result until view_rows_free(). */
struct view_rows {
	struct rowset		 rs;
	long			 total;		/* matches on all pages */
	long			 actions;	/* distinct actions in them */
	long			 without_actions; /* rows with no action */
	struct kore_pgsql	 sql;
	struct search_query	 sq;
	int			*matches;
	int			*map;
	long long		*ids;		/* the directory's */
};

/*
 * 0, -1 when the database failed, or VIEW_ROWS_REFUSED when the view
 * would need a statement larger than allowed; free the rows either way.
 */
#define VIEW_ROWS_REFUSED	-2
int	view_rows_select(struct view_rows *, const struct view *);
void	view_rows_free(struct view_rows *);

/*
 * All rows of a query result, in its order. A column of ROW_COLUMNS the
 * statement lacks is a mistake in the code: it is logged ("statement
 * has no column") and the rowset is empty.
 */
struct rowset	rowset_of(struct kore_pgsql *);
/* The columns of ROW_COLUMNS in res, by name: 0, or -1 as above. */
int		rows_cols(struct row_cols *, const PGresult *res);

/*
 * The process of row k: in the directory, the row's own from the
 * catalogue; in a process's table (or when it is not in the catalogue),
 * proc.
 */
const struct cat_process *rows_process(const struct rowset *, int k,
	    const struct cat_process *proc);

/* Memory for search indexes per worker; 0 searches in the database. */
void	rows_index_limit(size_t bytes);

/*
 * Row k's text t in lang: its translation, else the Finnish text;
 * *finnish is set when the Finnish text stands in for a missing
 * translation.
 */
const char	*rows_text(const struct rowset *, int k,
		    const struct row_text *t, enum lang, int *finnish);
/* Where the columns name, name_sv and name_en are in sql's result. */
void		 result_text_cols(struct row_text *, struct kore_pgsql *,
		    const char *name);
/* The same as rows_text() for row of a query's result. */
const char	*result_text(struct kore_pgsql *, int row,
		    const struct row_text *t, enum lang, int *finnish);

#endif
