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

#include "pages.h"
#include "search.h"

#define ROW_COLUMNS \
	"position, recommendation_id, node_id, action_id, rec_number, " \
	"rec_body, node_kind, node_number, node_body, action_body, " \
	"schedule_kind, extract(month FROM schedule_start)::int, " \
	"extract(year FROM schedule_start)::int, " \
	"extract(month FROM schedule_end)::int, " \
	"extract(year FROM schedule_end)::int, schedule_text, status_id, " \
	"status_note, unit_names, info, rec_body_sv, rec_body_en, " \
	"node_body_sv, node_body_en, action_body_sv, action_body_en, " \
	"status_note_sv, status_note_en, info_sv, info_en, unit_ids::text"

enum {
	R_POSITION, R_REC_ID, R_NODE_ID, R_ACTION_ID, R_REC_NUMBER,
	R_REC_BODY, R_NODE_KIND, R_NODE_NUMBER, R_NODE_BODY, R_ACTION_BODY,
	R_SCHED_KIND, R_START_M, R_START_Y, R_END_M, R_END_Y, R_SCHED_TEXT,
	R_STATUS_ID, R_STATUS_NOTE, R_UNITS, R_INFO,
	/* Translations, Swedish then English, of the texts above. */
	R_REC_BODY_SV, R_REC_BODY_EN, R_NODE_BODY_SV, R_NODE_BODY_EN,
	R_ACTION_BODY_SV, R_ACTION_BODY_EN, R_STATUS_NOTE_SV, R_STATUS_NOTE_EN,
	R_INFO_SV, R_INFO_EN, R_UNIT_IDS, R_COUNT
};

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

/* 0, or -1 when the database failed; free the rows either way. */
int	view_rows_select(struct view_rows *, const struct view *);
void	view_rows_free(struct view_rows *);

/*
 * A row's text in lang: its translation in column col_sv (Swedish) or
 * the next one (English), else the Finnish column col; *finnish is set
 * when the Finnish text stands in for a missing translation.
 */
const char	*rows_text(const struct rowset *, int k, int col, int col_sv,
		    enum lang, int *finnish);

#endif
