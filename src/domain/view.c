/* See view.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action_form.h"
#include "process_form.h"
#include "url.h"
#include "view.h"

_Static_assert(VIEW_SQL_PARAMS <= SQLQ_PARAMS_MAX,
    "a view's statement needs more values than struct sqlq holds");

const char *const sort_names[SORT_COUNT] = {
	"recommendation", "action", "schedule", "status", "unit", "info"
};

static const char *const collations[LANG_COUNT] = {
	"\"fi-x-icu\"", "\"sv-x-icu\"", "\"en-x-icu\""
};

/* ORDER BY per column, ascending; "%s" is the page's collation. */
static const char *const sort_sql[SORT_COUNT][2] = {
	{ "position", "position DESC" },
	{ "nullif(action_body, '') COLLATE %s NULLS LAST, position",
	  "nullif(action_body, '') COLLATE %s DESC NULLS LAST, position" },
	{ "coalesce(schedule_end, schedule_start) NULLS LAST, schedule_kind, "
	  "position",
	  "coalesce(schedule_end, schedule_start) DESC NULLS LAST, "
	  "schedule_kind DESC, position" },
	{ "status_position NULLS LAST, position",
	  "status_position DESC NULLS LAST, position" },
	{ "nullif(unit_names, '') COLLATE %s NULLS LAST, position",
	  "nullif(unit_names, '') COLLATE %s DESC NULLS LAST, position" },
	{ "nullif(info, '') COLLATE %s NULLS LAST, position",
	  "nullif(info, '') COLLATE %s DESC NULLS LAST, position" },
};

static int	check_sort(const char *);
static int	check_dir(const char *);
static int	check_per(const char *);
static int	check_since(const char *);
static int	check_dialect(const char *);
static int	check_state(const char *);
static int	check_year(const char *);
static int	check_slug(const char *);
static int	parse_rest(struct view *, char *const *,
		    const struct catalog *, const struct cat_unit *, size_t,
		    int, const char **, const char **);
static void	directory_where(struct sqlq *, const struct view *);
static void	view_where(struct sqlq *, const struct view *,
		    const struct view_search *);
static void	search_words(struct sqlq *, const struct search_query *);

/* The parameters of a table, in the order of P_LANG ... P_STATE. */
#define VIEW_PARAM_SPECS \
	PARAM_LANG, \
	{ "q", VIEW_Q_CHARS, NULL, PARAM_CHARS }, \
	{ "status", 32, param_is_code, 0 }, \
	PARAM_ID("unit"), \
	{ "sort", 20, check_sort, 0 }, \
	{ "dir", 4, check_dir, 0 }, \
	{ "per", 3, check_per, 0 }, \
	{ "page", 7, param_is_digits, 0 }, \
	{ "since", 10, check_since, 0 }, \
	{ "dialect", 12, check_dialect, 0 }, \
	{ "state", 10, check_state, 0 }

const struct param_spec view_params[P_COUNT] = {
	VIEW_PARAM_SPECS
};

const struct param_spec directory_params[P_DIR_COUNT] = {
	VIEW_PARAM_SPECS,
	{ "process", PROCESS_SLUG_MAX, check_slug, 0 },
	{ "year", 4, check_year, 0 },
};

const char *const view_states[VIEW_STATES] = {
	"overdue", "stale", "completed", "not_done"
};

/*
 * The same in the directory; $%d is the array of its processes. The
 * overdue and stale actions are the report's of each of them.
 */
static const char *const directory_state_sql[VIEW_STATES] = {
	" AND action_id IN (SELECT ra.action_id FROM unnest($%d::bigint[]) "
	    "AS dp(id), report_actions(dp.id) ra WHERE ra.overdue)",
	" AND action_id IN (SELECT ra.action_id FROM unnest($%d::bigint[]) "
	    "AS dp(id), report_actions(dp.id) ra WHERE ra.stale)",
	" AND status_id IN (SELECT id FROM status WHERE is_final AND "
	    "progress IS NOT NULL) AND $%d::bigint[] IS NOT NULL",
	" AND status_id IN (SELECT id FROM status WHERE progress IS NULL) "
	    "AND $%d::bigint[] IS NOT NULL",
};

/* The condition of each state on process_row; $%d is the process. */
static const char *const state_sql[VIEW_STATES] = {
	" AND action_id IN (SELECT action_id FROM report_actions($%d) "
	    "WHERE overdue)",
	" AND action_id IN (SELECT action_id FROM report_actions($%d) "
	    "WHERE stale)",
	" AND status_id IN (SELECT id FROM status WHERE is_final AND "
	    "progress IS NOT NULL) AND $%d::bigint IS NOT NULL",
	" AND status_id IN (SELECT id FROM status WHERE progress IS NULL) "
	    "AND $%d::bigint IS NOT NULL",
};

const struct param_spec lang_params[1] = {
	PARAM_LANG,
};

int
check_lang(const char *s)
{
	enum lang	l;

	return lang_from_code(s, strlen(s), &l) == 0;
}

static int
check_sort(const char *s)
{
	return param_index(s, sort_names, SORT_COUNT) != -1;
}

static int
check_dir(const char *s)
{
	return strcmp(s, "asc") == 0 || strcmp(s, "desc") == 0;
}

/* A date, "2025-03-31" (input type=date sends this form). */
static int
check_since(const char *s)
{
	const char	*why;

	return form_date(s, &why) == 0;
}

static int
check_dialect(const char *s)
{
	return strcmp(s, "spreadsheet") == 0 || strcmp(s, "rfc4180") == 0;
}

static int
check_state(const char *s)
{
	return param_index(s, view_states, VIEW_STATES) != -1;
}

/* A process's slug, or none (all processes). */
static int
check_slug(const char *s)
{
	return *s == '\0' || process_slug_valid(s);
}

/* A year as a process has one: four digits. */
static int
check_year(const char *s)
{
	int	y;

	return strlen(s) == 4 && param_int(s, 1000, 9999, &y) == 0;
}

static int
check_per(const char *s)
{
	return strcmp(s, "10") == 0 || strcmp(s, "25") == 0 ||
	    strcmp(s, "50") == 0 || strcmp(s, "100") == 0 ||
	    strcmp(s, "all") == 0;
}

static int
given(const char *s)
{
	return s != NULL && s[0] != '\0';
}

int
view_parse(struct view *view, char *const *v, const struct catalog *c,
    const struct cat_process *proc, enum lang lang, int per_default,
    const char **msgid, const char **detail)
{
	memset(view, 0, sizeof(*view));
	view->lang = lang;
	view->catalog = c;
	view->proc = proc;
	*detail = "";
	return parse_rest(view, v, c, proc->units, proc->nunits, per_default,
	    msgid, detail);
}

int
view_parse_directory(struct view *view, char *const *v,
    const struct catalog *c, enum lang lang, int per_default,
    const char **msgid, const char **detail)
{
	size_t	i;

	memset(view, 0, sizeof(*view));
	view->lang = lang;
	view->catalog = c;
	view->directory = 1;
	*detail = "";
	if (given(v[P_PROCESS])) {
		for (i = 0; i < c->nprocs; i++)
			if (c->procs[i].published &&
			    strcmp(c->procs[i].slug, v[P_PROCESS]) == 0)
				view->proc = &c->procs[i];
		if (view->proc == NULL) {
			*msgid = N_("There is no such process. It may have "
			    "been removed or the address may be mistyped.");
			*detail = v[P_PROCESS];
			return 400;
		}
	}
	/* Four digits (directory_params). */
	if (given(v[P_YEAR]))
		view->year = atoi(v[P_YEAR]);
	return parse_rest(view, v, c, c->units, c->nunits, per_default,
	    msgid, detail);
}

/*
 * The parameters a process's table and the directory share; a unit
 * must be one of units.
 */
static int
parse_rest(struct view *view, char *const *v, const struct catalog *c,
    const struct cat_unit *units, size_t nunits, int per_default,
    const char **msgid, const char **detail)
{
	long long	unit;
	size_t		i;
	int		s;

	view->q = given(v[P_Q]) ? v[P_Q] : NULL;
	if (given(v[P_STATUS]) && (view->status =
	    status_by_code(&c->statuses, v[P_STATUS])) == NULL) {
		*msgid = N_("There is no such status.");
		*detail = v[P_STATUS];
		return 400;
	}
	if (given(v[P_UNIT])) {
		/* At most 18 digits (view_params): no overflow. */
		unit = strtoll(v[P_UNIT], NULL, 10);
		for (i = 0; i < nunits; i++)
			if (units[i].id == unit)
				view->unit = &units[i];
		if (view->unit == NULL) {
			*msgid = view->directory ? N_("There is no responsible "
			    "unit with this number.") : N_("No responsible "
			    "unit with this number has actions in this "
			    "process.");
			*detail = v[P_UNIT];
			return 400;
		}
	}
	view->sort = SORT_RECOMMENDATION;
	if (v[P_SORT] != NULL &&
	    (s = param_index(v[P_SORT], sort_names, SORT_COUNT)) != -1)
		view->sort = (enum sort_col)s;
	view->desc = v[P_DIR] != NULL && strcmp(v[P_DIR], "desc") == 0;
	view->per = per_default;
	if (given(v[P_PER]))
		view->per = strcmp(v[P_PER], "all") == 0 ? PER_ALL :
		    atoi(v[P_PER]);
	view->page = 1;
	if (given(v[P_PAGE])) {
		/* At most 7 digits (view_params). */
		view->page = atol(v[P_PAGE]);
		if (view->page < 1) {
			*msgid = N_("Page numbers start from 1.");
			*detail = v[P_PAGE];
			return 400;
		}
	}
	if (view->per == PER_ALL)
		view->page = 1;
	view->since = given(v[P_SINCE]) ? v[P_SINCE] : NULL;
	view->state = given(v[P_STATE]) ? v[P_STATE] : NULL;
	return 0;
}

int
view_spans(const struct view *v, const struct cat_process *p)
{
	return p->published && (v->proc == NULL || v->proc == p) &&
	    (v->year == 0 || p->year == v->year);
}

void
view_process_ids(struct buf *b, const struct view *v)
{
	const struct catalog	*c = v->catalog;
	size_t			 i;
	int			 n = 0;

	buf_putc(b, '{');
	for (i = 0; i < c->nprocs; i++)
		if (view_spans(v, &c->procs[i]))
			buf_printf(b, "%s%lld", n++ ? "," : "",
			    c->procs[i].id);
	buf_putc(b, '}');
}

void
view_positions(struct buf *b, const int *pos, size_t n)
{
	size_t	i;

	buf_putc(b, '{');
	for (i = 0; i < n; i++)
		buf_printf(b, "%s%d", i ? "," : "", pos[i]);
	buf_putc(b, '}');
}

void
view_ids(struct buf *b, const long long *ids, size_t n)
{
	size_t	i;

	buf_putc(b, '{');
	for (i = 0; i < n; i++)
		buf_printf(b, "%s%lld", i ? "," : "", ids[i]);
	buf_putc(b, '}');
}

/*
 * The search in SQL, when there is no index: per word, one of its terms
 * in search_tsv, or (three bytes or more) the word inside search_text.
 */
static void
search_words(struct sqlq *q, const struct search_query *sq)
{
	struct buf	 b;
	const char	*t;
	size_t		 i, k;

	buf_init(&b);
	for (i = 0; i < sq->nwords; i++) {
		buf_reset(&b);
		for (k = 0; k < sq->terms[i].count; k++) {
			buf_puts(&b, k ? " | '" : "'");
			for (t = sq->terms[i].items[k]; *t != '\0'; t++) {
				if (*t == '\'' || *t == '\\')
					buf_putc(&b, *t);
				buf_putc(&b, *t);
			}
			buf_putc(&b, '\'');
		}
		sqlq_printf(q, " AND (search_tsv @@ $%d::tsquery",
		    sqlq_paramf(q, "%s", buf_cstr(&b)));
		if (strlen(sq->words[i]) >= 3) {
			buf_reset(&b);
			buf_putc(&b, '%');
			for (t = sq->words[i]; *t != '\0'; t++) {
				if (*t == '%' || *t == '_' || *t == '\\')
					buf_putc(&b, '\\');
				buf_putc(&b, *t);
			}
			buf_putc(&b, '%');
			sqlq_printf(q, " OR search_text LIKE $%d",
			    sqlq_paramf(q, "%s", buf_cstr(&b)));
		}
		sqlq_puts(q, ")");
	}
	buf_free(&b);
}

/*
 * The directory's rows: one per action (its first row: an action that
 * answers several recommendations is listed once) of its processes.
 */
static void
directory_where(struct sqlq *q, const struct view *v)
{
	struct buf	b;

	buf_init(&b);
	view_process_ids(&b, v);
	sqlq_printf(q, " WHERE process_id = ANY($%d::bigint[]) "
	    "AND first_of_action", sqlq_paramf(q, "%s", buf_cstr(&b)));
	buf_free(&b);
}

static void
view_where(struct sqlq *q, const struct view *v, const struct view_search *s)
{
	struct buf	b;
	int		p, i;

	if (v->directory) {
		directory_where(q, v);
		p = q->n;
	} else {
		p = sqlq_paramf(q, "%lld", v->proc->id);
		sqlq_printf(q, " WHERE process_id = $%d", p);
	}
	if (v->status != NULL)
		sqlq_printf(q, " AND status_id = $%d",
		    sqlq_paramf(q, "%d", v->status->id));
	if (v->unit != NULL)
		sqlq_printf(q, " AND unit_ids @> ARRAY[$%d::bigint]",
		    sqlq_paramf(q, "%lld", v->unit->id));
	if (v->since != NULL)
		/* Changed since: actions whose public fields changed. */
		sqlq_printf(q, " AND action_id IN (SELECT id FROM action "
		    "WHERE process_id = %s($%d%s) AND updated_at >= $%d::date)",
		    v->directory ? "ANY" : "", p, v->directory ?
		    "::bigint[]" : "", sqlq_param(q, v->since));
	if (v->state != NULL &&
	    (i = param_index(v->state, view_states, VIEW_STATES)) != -1)
		sqlq_printf(q, v->directory ? directory_state_sql[i] :
		    state_sql[i], p);
	if (s->positions != NULL && s->process_ids != NULL) {
		/* The directory: rows of several processes. */
		buf_init(&b);
		view_ids(&b, s->process_ids, s->npositions);
		p = sqlq_paramf(q, "%s", buf_cstr(&b));
		buf_reset(&b);
		view_positions(&b, s->positions, s->npositions);
		sqlq_printf(q, " AND (process_id, position) IN (SELECT * FROM "
		    "unnest($%d::bigint[], $%d::int[]))", p,
		    sqlq_paramf(q, "%s", buf_cstr(&b)));
		buf_free(&b);
	} else if (s->positions != NULL) {
		buf_init(&b);
		view_positions(&b, s->positions, s->npositions);
		sqlq_printf(q, " AND position = ANY($%d::int[])",
		    sqlq_paramf(q, "%s", buf_cstr(&b)));
		buf_free(&b);
	} else if (s->sq != NULL)
		search_words(q, s->sq);
}

int
view_sql(struct sqlq *q, const struct view *v, const struct view_search *s,
    int count)
{
	if (count) {
		/* Rows, the distinct actions among them, and the rows of
		 * recommendations without actions. */
		sqlq_puts(q, "SELECT count(*) AS count, count(DISTINCT "
		    "action_id) AS actions, count(*) FILTER (WHERE action_id "
		    "IS NULL) AS without_actions FROM process_row");
		view_where(q, v, s);
		return q->full ? -1 : 0;
	}
	/* No count(*) OVER (): the page is read in the order's index and
	 * stops after it; the count is the catalogue's or its own query. */
	sqlq_puts(q, v->directory ? "SELECT " ROW_COLUMNS ", process_id "
	    "FROM process_row" : "SELECT " ROW_COLUMNS " FROM process_row");
	view_where(q, v, s);
	sqlq_puts(q, " ORDER BY ");
	if (v->directory && v->sort == SORT_RECOMMENDATION)
		sqlq_puts(q, v->desc ? "process_id DESC, position DESC" :
		    "process_id, position");
	else {
		sqlq_printf(q, sort_sql[v->sort][v->desc],
		    collations[v->lang], collations[v->lang]);
		if (v->directory)
			sqlq_puts(q, v->desc ? ", process_id DESC" :
			    ", process_id");
	}
	if (v->per != PER_ALL) {
		sqlq_printf(q, " LIMIT $%d", sqlq_paramf(q, "%d", v->per));
		sqlq_printf(q, " OFFSET $%d",
		    sqlq_paramf(q, "%ld", (v->page - 1) * v->per));
	}
	return q->full ? -1 : 0;
}

void
view_url(struct buf *b, const struct view *v)
{
	view_url_as(b, v, "");
}

void
view_url_as(struct buf *b, const struct view *v, const char *ext)
{
	char	num[32];

	/* A download from an embed is the site's own. */
	if (v->embed && *ext == '\0')
		buf_puts(b, "/embed");
	if (v->directory)
		buf_printf(b, "/actions%s", ext);
	else
		buf_printf(b, "/p/%s%s", v->proc->slug, ext);
	if (v->lang != LANG_FI)
		url_param(b, "lang", lang_codes[v->lang]);
	if (v->directory) {
		url_param(b, "process", v->proc ? v->proc->slug : NULL);
		if (v->year != 0) {
			snprintf(num, sizeof(num), "%d", v->year);
			url_param(b, "year", num);
		}
	}
	url_param(b, "q", v->q);
	url_param(b, "status", v->status ? v->status->code : NULL);
	if (v->unit != NULL) {
		snprintf(num, sizeof(num), "%lld", v->unit->id);
		url_param(b, "unit", num);
	}
	if (v->sort != SORT_RECOMMENDATION)
		url_param(b, "sort", sort_names[v->sort]);
	if (v->desc)
		url_param(b, "dir", "desc");
	if (v->per != PER_DEFAULT) {
		if (v->per == PER_ALL)
			snprintf(num, sizeof(num), "all");
		else
			snprintf(num, sizeof(num), "%d", v->per);
		url_param(b, "per", num);
	}
	url_param(b, "since", v->since);
	url_param(b, "state", v->state);
	if (v->page > 1) {
		snprintf(num, sizeof(num), "%ld", v->page);
		url_param(b, "page", num);
	}
}
