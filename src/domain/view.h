/*
 * A table view: what /p/SLUG and its downloads show, read from the
 * query's parameters once into typed values, and the statement that
 * selects its rows. Pure: no HTTP and no database connection, so the
 * whole way from a query string to the SQL and its values can be
 * tested and fuzzed alone.
 */
#ifndef TOTEUMA_VIEW_H
#define TOTEUMA_VIEW_H

#include <stddef.h>

#include "catalog.h"
#include "i18n.h"
#include "params.h"
#include "search.h"
#include "sqlq.h"

enum sort_col {
	SORT_RECOMMENDATION,
	SORT_ACTION,
	SORT_SCHEDULE,
	SORT_STATUS,
	SORT_UNIT,
	SORT_INFO,
	SORT_COUNT
};

extern const char *const sort_names[SORT_COUNT];

#define VIEW_Q_CHARS	200	/* a search as typed */
#define PER_DEFAULT	25
#define PER_ALL		0

/*
 * What a table page shows: everything that is in its URL. A process's
 * table (/p/SLUG) has proc; the directory (/actions) lists the actions
 * of every published process, or of proc only when ?process= names one,
 * and of the processes of year when it is set.
 */
struct view {
	enum lang			 lang;
	int				 directory;
	int				 embed;		/* under /embed */
	const struct catalog		*catalog;
	const struct cat_process	*proc;		/* directory: or NULL */
	int				 year;		/* directory: 0 all */
	const char			*q;		/* NULL: no search */
	const struct status		*status;	/* NULL: all */
	const struct cat_unit		*unit;		/* NULL: all */
	enum sort_col			 sort;
	int				 desc;
	int				 per;		/* PER_ALL: all */
	long				 page;		/* from 1 */
	const char			*since;		/* YYYY-MM-DD or NULL */
	const char			*state;		/* view_states, NULL */
};

/*
 * The ?state= values: overdue and stale as the council's report counts
 * them (report_actions()), completed (a final status with progress) and
 * not_done (a status without progress: will not be done).
 */
#define VIEW_STATES	4
extern const char *const view_states[VIEW_STATES];

/*
 * The table's query parameters, by index; the directory's are the same
 * and two more (P_DIR_COUNT in all). An array for either holds
 * VIEW_PARAMS_MAX values.
 */
enum { P_LANG, P_Q, P_STATUS, P_UNIT, P_SORT, P_DIR, P_PER, P_PAGE,
    P_SINCE, P_DIALECT, P_STATE, P_COUNT };
enum { P_PROCESS = P_COUNT, P_YEAR, P_DIR_COUNT };
#define VIEW_PARAMS_MAX	P_DIR_COUNT
extern const struct param_spec view_params[P_COUNT];
extern const struct param_spec directory_params[P_DIR_COUNT];

/* A valid ?lang= value, and the table of a query that has only it. */
int	check_lang(const char *);
#define PARAM_LANG	{ "lang", 2, check_lang, 0 }
extern const struct param_spec lang_params[1];

/*
 * The view of proc that the checked parameter values v (view_params)
 * ask for; per_default is PER_DEFAULT for the page, PER_ALL for a
 * download. Returns 0, or 400 with *msgid (what is wrong, for the
 * reader) and *detail (the value at fault). v must outlive the view.
 */
int	view_parse(struct view *, char *const *v, const struct catalog *,
	    const struct cat_process *proc, enum lang, int per_default,
	    const char **msgid, const char **detail);

/*
 * The directory's view that the checked values v (directory_params)
 * ask for: as view_parse, with the process filter (?process=, a
 * published process's slug: 400 otherwise) and the year.
 */
int	view_parse_directory(struct view *, char *const *v,
	    const struct catalog *, enum lang, int per_default,
	    const char **msgid, const char **detail);

/*
 * The columns of process_row a table shows, read by name (rows.h,
 * struct row_cols).
 */
#define ROW_COLUMNS \
	"position, recommendation_id, node_id, action_id, rec_number, " \
	"rec_body, node_kind, node_number, node_body, action_body, " \
	"schedule_kind, " \
	"extract(month FROM schedule_start)::int AS start_month, " \
	"extract(year FROM schedule_start)::int AS start_year, " \
	"extract(month FROM schedule_end)::int AS end_month, " \
	"extract(year FROM schedule_end)::int AS end_year, schedule_text, " \
	"status_id, status_note, unit_names, info, rec_body_sv, rec_body_en, " \
	"node_body_sv, node_body_en, action_body_sv, action_body_en, " \
	"status_note_sv, status_note_en, info_sv, info_en, " \
	"unit_ids::text AS unit_ids"

/*
 * The most values a view's statement has: the process, status, unit,
 * since and the matches of a search index, two per search word, and the
 * page's limit and offset. The statement's array is sized from it.
 */
#define VIEW_SQL_PARAMS		(5 + 2 * SEARCH_MAX_WORDS + 2)

/*
 * Whether a directory view spans process p: published, and the one or
 * of the year the view is filtered to, if any.
 */
int	view_spans(const struct view *, const struct cat_process *p);
/* The processes a directory view spans, as an array literal "{1,4}". */
void	view_process_ids(struct buf *, const struct view *);

/*
 * How the rows are found: in SQL by the words of sq (may be NULL or
 * empty), or among the positions an in-memory index matched.
 */
struct view_search {
	const struct search_query	*sq;
	const int			*positions;	/* NULL: sq */
	size_t				 npositions;
	/* The directory's: the process of each position. */
	const long long			*process_ids;
};

/*
 * The statement selecting the view's page of rows (ROW_COLUMNS, and in
 * the directory process_id) into q, or with count set the number of
 * matches ("count", "actions", "without_actions") only. Returns 0, or
 * -1 when it would need more values than a statement may have (nothing
 * is written past the bound).
 */
int	view_sql(struct sqlq *q, const struct view *,
	    const struct view_search *, int count);

/* The canonical URL of a view, also its cache key. */
void	view_url(struct buf *, const struct view *);
/* The same for a download of the view: ext is ".csv", ".json", ... */
void	view_url_as(struct buf *, const struct view *, const char *ext);

/* "{1,5,9}": positions as a PostgreSQL array literal. */
void	view_positions(struct buf *, const int *, size_t);
/* The same for process ids. */
void	view_ids(struct buf *, const long long *, size_t);

#endif
