/*
 * Rendering of the reports and snapshot pages; see report.h. The SQL of
 * what a report counts lives in the database (report_actions(),
 * report_changes() and snapshot_create() in sql/functions/reports.sql);
 * every value reaches the page through the template engine's escaping.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mem.h"
#include "db.h"
#include "catalog_cache.h"
#include "date.h"
#include "http_util.h"
#include "report.h"
#include "rows.h"
#include "tmpl.h"
#include "url.h"
#include "verdict.h"

/* At most this many actions a list of a process's report shows. */
#define LIST_MAX	100

/* The variables of list_more(). */
static const char *const more_overdue[2] = {
	"overdue_more", "overdue_more_url"
};
static const char *const more_stale[2] = { "stale_more", "stale_more_url" };
static const char *const more_actions[2] = {
	"actions_more", "actions_more_url"
};

/* At most this many changes are listed (the counts cover them all). */
#define CHANGES_MAX	1000

/* Chart geometry, in the SVG's own units. */
#define CHART_WIDTH	640
#define CHART_ROW	40
#define CHART_HEAD	28
#define CHART_BAR	16
#define CHART_BAR_MAX	520
#define CHART_DEFAULT	"#0b4f9c"

static const char *const response_codes[] = {
	"accepted", "partly", "not_accepted", "under_consideration", ""
};
#define NRESPONSES	(sizeof(response_codes) / sizeof(response_codes[0]))

/* The scope of a report: one process, or every published one. */
#define SCOPE_ACTIONS	"report_actions($1::bigint)"
/* The schedule of row r in words; parameter $n says "Continuous". */
#define SCHEDULE_WORDS(r, n) \
	"action_schedule_words(" r ".schedule_kind, " r ".schedule_start, " \
	r ".schedule_end, " r ".schedule_text, $" n ")"

/*
 * A unit's names as unit, unit_sv and unit_en (see db_text_lang()), and
 * the order of its name in the language whose code is parameter $n.
 */
#define UNIT_NAMES(u) \
	"coalesce(" u ".name, '') AS unit, coalesce(" u ".name_sv, '') " \
	"AS unit_sv, coalesce(" u ".name_en, '') AS unit_en"
#define UNIT_ORDER(u, n) \
	"in_lang($" n ", " u ".name, " u ".name_sv, " u ".name_en) " \
	"COLLATE \"fi-x-icu\""

/* The columns of report_actions() that a list of actions shows. */
struct action_cols {
	struct row_text		body;
	int			slug, id, schedule, status, units, updated;
};

/*
 * Actions by unit and status as they are gathered from the result: a
 * column per status (the last for none), the columns that occur, one
 * unit's counts, the chart's bars and the table's rows.
 */
struct unit_table {
	const struct catalog	*c;
	struct kore_pgsql	*sql;
	int			 id, status, count;	/* result's */
	int			 ncols;
	int			*used, *counts;
	struct chart_bar	*bars;
	int			 nbars;
	struct tmpl_vars	 rv;
	struct html		 cells, rows;
};

static int	snapshot_head(struct tmpl_vars *, struct page *,
		    const struct cat_process *, const char *const *);
static void	snapshot_heading(struct tmpl_vars *, struct kore_pgsql *, int,
		    struct page *, const char *, const char *, const char *,
		    const char *);
static void	snapshot_status(struct tmpl_vars *, const char *, int,
		    const char *, enum lang);
static int	snapshot_row(struct tmpl_vars *, struct kore_pgsql *, int,
		    struct page *, const struct cat_process *);
static int	snapshot_rows(struct tmpl_vars *, struct page *,
		    const struct cat_process *, const char *const *);
static void	status_html(struct html *, const char *, enum lang);
static void	process_cell(struct tmpl_vars *, const char *, enum lang);
static void	action_cols(struct action_cols *, struct kore_pgsql *);
static void	action_vars(struct tmpl_vars *, struct kore_pgsql *, int,
		    const struct action_cols *, const char *, enum lang, int *);
static const char	*unit_status(const struct catalog *, int, enum lang);
static void	unit_heads(struct unit_table *, struct html *, enum lang);
static int	unit_row(struct unit_table *, int, enum lang);
static void	bar_rows(struct html *, const char *, const struct chart_bar *,
		    const int *, int, enum lang);
static int	render_counts(struct tmpl_vars *, const char *, enum lang);
static int	render_units(struct tmpl_vars *, const char *, enum lang);
static int	render_responses(struct tmpl_vars *, const char *, enum lang);
static void	reason_row(struct tmpl_vars *, struct kore_pgsql *, int,
		    enum lang, const void *);
static int	render_reasons(struct tmpl_vars *, const char *, enum lang);
static void	progress_row(struct tmpl_vars *, struct kore_pgsql *, int,
		    enum lang, const void *);
static int	render_progress(struct tmpl_vars *,
		    const struct cat_process *, enum lang);
static void	verdict_cell(struct tmpl_vars *, struct kore_pgsql *, int,
		    const char *, const char *, enum lang);
static void	verdict_row(struct tmpl_vars *, struct kore_pgsql *, int,
		    enum lang, const void *);
static int	rows_var(struct tmpl_vars *, const char *, const char *,
		    db_row_fill, const void *, enum lang, const char *, int,
		    const char *const *);
static int	process_rows(struct tmpl_vars *, const char *, const char *,
		    db_row_fill, const void *, const struct cat_process *,
		    enum lang, const char *);
static int	render_verdict(struct tmpl_vars *,
		    const struct cat_process *, enum lang);
static int	render_lists(struct tmpl_vars *, const char *, enum lang,
		    int *);
static int	change_counts(struct tmpl_vars *, const char *const *);
static int	stale_days(struct tmpl_vars *);
static int	render_changes(struct tmpl_vars *, const char *,
		    const char *, const char *, enum lang, int *);
static void	list_more(struct tmpl_vars *, const char *const *, int,
		    struct kore_pgsql *, const char *, enum lang);
static void	summary_row(struct html *, struct kore_pgsql *, int,
		    enum lang);
static int	render_summary(struct tmpl_vars *, const char *, enum lang);
static int	render_all_actions(struct tmpl_vars *, const char *, enum lang,
		    int *);
static int	render_snapshot_list(struct tmpl_vars *,
		    const struct cat_process *, enum lang);
static int	render_rounds(struct tmpl_vars *, const char *, enum lang);
static void	print_source(struct tmpl_vars *, const struct page *);
static int	status_col(const struct catalog *, int);
static const char	*scope(const char *);
static int	resolve_range(const char *, const struct report_range *,
		    char *, char *);

/*
 * What a printed page says of itself: its absolute address (the
 * canonical one, TOTEUMA_BASE_URL) in the page's language and the day
 * it was made (the pages are cached per day).
 */
static void
print_source(struct tmpl_vars *tv, const struct page *pg)
{
	char		day[11];

	date_day_finland(time(NULL), day);
	tv_textf(tv, "source", "%s%.*s%s%s", http_base_primary(),
	    (int)pg->path.len, (const char *)pg->path.data,
	    pg->lang == LANG_FI ? "" : memchr(pg->path.data, '?',
	    pg->path.len) != NULL ? "&lang=" : "?lang=",
	    pg->lang == LANG_FI ? "" : lang_codes[pg->lang]);
	tv_date(tv, "printed", day);
	tv_text(tv, "licence_url", "https://creativecommons.org/licenses/"
	    "by/4.0/");
}

/* The column of a status id in the unit table: the last for none. */
static int
status_col(const struct catalog *c, int id)
{
	int	k;

	for (k = 0; k < (int)c->statuses.count &&
	    c->statuses.items[k].id != id; k++)
		;
	return k;
}

/* The parameter of a report's scope: NULL (every process) for "". */
static const char *
scope(const char *pid)
{
	return *pid != '\0' ? pid : NULL;
}

/* A status label as the public table shows it ("" id: no status). */
static void
status_html(struct html *h, const char *id, enum lang lang)
{
	const struct status	*st = NULL;

	if (*id != '\0')
		st = status_by_id(&catalog_get()->statuses, atoi(id));
	page_status(h, st, lang, 1);
}

/* The process column of the report of every process. */
static void
process_cell(struct tmpl_vars *v, const char *slug, enum lang lang)
{
	const struct cat_process	*p;
	int				 fi = 0;

	if ((p = catalog_process(slug)) == NULL)
		return;
	tv_text(v, "process", cat_text(p->title, lang, &fi));
	tv_text(v, "process_lang", lang_attr(lang, fi));
}

/* The columns action_vars reads, found once for every row. */
static void
action_cols(struct action_cols *ac, struct kore_pgsql *sql)
{
	result_text_cols(&ac->body, sql, "action_body");
	ac->slug = db_col(sql, "slug");
	ac->id = db_col(sql, "action_id");
	ac->schedule = db_col(sql, "schedule");
	ac->status = db_col(sql, "status");
	ac->units = db_col(sql, "unit_ids");
	ac->updated = db_col(sql, "updated");
}

/*
 * An action of a report's list: its text, link, schedule, status,
 * units, last update and, in the report of every process, its process.
 */
static void
action_vars(struct tmpl_vars *rv, struct kore_pgsql *sql, int i,
    const struct action_cols *ac, const char *pid, enum lang lang,
    int *finnish)
{
	struct html	 status;
	const char	*text, *slug = kore_pgsql_getvalue(sql, i, ac->slug);
	int		 fi;

	text = result_text(sql, i, &ac->body, lang, &fi);
	*finnish |= fi;
	tv_text(rv, "action", *text != '\0' ? text :
	    T(lang, "(action without a description)"));
	tv_text(rv, "action_lang", lang_attr(lang, fi));
	tv_textf(rv, "url", "/p/%s/a/%s%s", slug,
	    kore_pgsql_getvalue(sql, i, ac->id), lang_query(lang));
	tv_text(rv, "schedule", kore_pgsql_getvalue(sql, i, ac->schedule));
	html_init(&status);
	status_html(&status, kore_pgsql_getvalue(sql, i, ac->status), lang);
	tv_html(rv, "status", &status);
	html_free(&status);
	html_init(&status);
	page_units(&status, kore_pgsql_getvalue(sql, i, ac->units), lang,
	    0);
	tv_html(rv, "units", &status);
	html_free(&status);
	tv_date(rv, "updated", kore_pgsql_getvalue(sql, i, ac->updated));
	tv_text(rv, "all", *pid == '\0' ? "1" : "");
	process_cell(rv, slug, lang);
}

void
report_chart(struct html *out, const char *name, const struct chart_bar *bars,
    int n)
{
	struct tmpl_vars	tv, bv;
	struct html		items;
	int			i, max = 1, y, h = 8, w;

	tv_init(&tv);
	tv_init(&bv);
	html_init(&items);
	for (i = 0; i < n; i++) {
		if (!bars[i].heading && bars[i].value > max)
			max = bars[i].value;
		h += bars[i].heading ? CHART_HEAD : CHART_ROW;
	}
	for (i = 0, y = 4; i < n; i++) {
		tv_reset(&bv);
		tv_text(&bv, "label", bars[i].label);
		if (bars[i].heading) {
			tv_textf(&bv, "y", "%d", y + 20);
			tmpl_render(&items, tpl("report.chart_group"), &bv,
			    LANG_FI);
			y += CHART_HEAD;
			continue;
		}
		w = bars[i].value * CHART_BAR_MAX / max;
		if (w < 1)
			w = 1;
		tv_textf(&bv, "label_y", "%d", y + 14);
		tv_textf(&bv, "bar_y", "%d", y + 19);
		tv_textf(&bv, "bar_w", "%d", w);
		tv_textf(&bv, "bar_h", "%d", CHART_BAR);
		tv_text(&bv, "colour", bars[i].colour != NULL ?
		    bars[i].colour : CHART_DEFAULT);
		tv_textf(&bv, "value_x", "%d", w + 6);
		tv_textf(&bv, "value_y", "%d", y + 32);
		tv_textf(&bv, "value", "%d", bars[i].value);
		tmpl_render(&items, tpl("report.chart_bar"), &bv, LANG_FI);
		y += CHART_ROW;
	}
	tv_text(&tv, "name", name);
	tv_textf(&tv, "width", "%d", CHART_WIDTH);
	tv_textf(&tv, "height", "%d", h);
	tv_html(&tv, "bars", &items);
	tmpl_render(out, tpl("report.chart"), &tv, LANG_FI);
	html_free(&items);
	tv_free(&bv);
	tv_free(&tv);
}

/*
 * A row of a count table per bar, rendered by tplname: its label and
 * count, and subs[k] beside it when subs is given.
 */
static void
bar_rows(struct html *rows, const char *tplname, const struct chart_bar *bars,
    const int *subs, int n, enum lang lang)
{
	struct tmpl_vars	rv;
	int			k;

	tv_init(&rv);
	for (k = 0; k < n; k++) {
		tv_reset(&rv);
		tv_text(&rv, "label", bars[k].label);
		tv_textf(&rv, "count", "%d", bars[k].value);
		if (subs != NULL)
			tv_textf(&rv, "subs", "%d", subs[k]);
		tmpl_render(rows, tpl(tplname), &rv, lang);
	}
	tv_free(&rv);
}

/* Actions by status: the chart and the rows of its table. */
static int
render_counts(struct tmpl_vars *tv, const char *pid, enum lang lang)
{
	const struct catalog	*c = catalog_get();
	struct kore_pgsql	 sql;
	struct html		 rows, chart;
	struct chart_bar	*bars;
	const char		*params[1] = { scope(pid) };
	int			*counts, none = 0, total = 0, i, k, n = 0;
	int			 done = 0, wont = 0;
	int			 rc = -1;

	html_init(&rows);
	html_init(&chart);
	counts = xcalloc(c->statuses.count + 1, sizeof(*counts));
	bars = xcalloc(c->statuses.count + 1, sizeof(*bars));
	if (db_read(&sql, "SELECT coalesce(status_id, 0) AS status_id, "
	    "count(*) AS count FROM " SCOPE_ACTIONS " GROUP BY 1", 1,
	    params) == -1)
		goto out;
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		int	id = atoi(db_text(&sql, i, "status_id"));
		int	cnt = atoi(db_text(&sql, i, "count"));

		total += cnt;
		for (k = 0; k < (int)c->statuses.count &&
		    c->statuses.items[k].id != id; k++)
			;
		if (k < (int)c->statuses.count)
			counts[k] = cnt;
		else
			none += cnt;
	}
	for (k = 0; k < (int)c->statuses.count; k++) {
		if (c->statuses.items[k].progress < 0)
			wont += counts[k];
		else if (c->statuses.items[k].is_final)
			done += counts[k];
		bars[n].label = c->statuses.items[k].label[lang];
		bars[n].value = counts[k];
		bars[n].colour = c->statuses.items[k].colour;
		n++;
	}
	if (none > 0) {
		bars[n].label = T(lang, "No status");
		bars[n].value = none;
		n++;
	}
	bar_rows(&rows, "report.count", bars, NULL, n, lang);
	report_chart(&chart, T(lang, "Number of actions by status"), bars, n);
	tv_html(tv, "status_rows", &rows);
	tv_html(tv, "status_chart", &chart);
	tv_textf(tv, "total", "%d", total);
	tv_textf(tv, "done", "%d", done);
	tv_textf(tv, "counted", "%d", total - wont);
	tv_text(tv, "wont", "");
	if (wont > 0)
		tv_textf(tv, "wont", "%d", wont);
	tv_textf(tv, "statuses_url", "/statuses%s", lang_query(lang));
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	free(counts);
	free(bars);
	html_free(&rows);
	html_free(&chart);
	return rc;
}

/*
 * A row of the progress table: a top-level recommendation of the
 * process (arg NULL) or, in the report of every process, a process.
 */
static void
progress_row(struct tmpl_vars *rv, struct kore_pgsql *sql, int i,
    enum lang lang, const void *arg)
{
	const char			*slug = arg != NULL ? arg :
					    db_text(sql, i, "slug");
	const struct cat_process	*p;
	struct html			 bar;
	struct buf			 b;
	int				 fi;

	html_init(&bar);
	buf_init(&b);
	if (arg != NULL) {
		if (*db_text(sql, i, "number") != '\0')
			buf_printf(&b, "%s. ", db_text(sql, i, "number"));
		buf_puts(&b, db_text_lang(sql, i, "body", lang, &fi));
		tv_text(rv, "name", buf_cstr(&b));
		tv_text(rv, "name_lang", lang_attr(lang, fi));
		tv_textf(rv, "url", "/p/%s/r/%s%s", slug,
		    db_text(sql, i, "id"), lang_query(lang));
		tv_text(rv, "count_label", T(lang, "Actions"));
	} else {
		fi = 0;
		if ((p = catalog_process(slug)) != NULL)
			tv_text(rv, "name", cat_text(p->title, lang, &fi));
		tv_text(rv, "name_lang", lang_attr(lang, fi));
		tv_textf(rv, "url", "/p/%s%s", slug, lang_query(lang));
		tv_text(rv, "count_label", T(lang, "Recommendations"));
	}
	page_progress(&bar, atoi(db_text(sql, i, "progress")), lang);
	tv_html(rv, "bar", &bar);
	db_vars(rv, sql, i, "count", "wont", (char *)NULL);
	html_free(&bar);
	buf_free(&b);
}

/* The label of column k of the unit table: a status, or none. */
static const char *
unit_status(const struct catalog *c, int k, enum lang lang)
{
	return k < (int)c->statuses.count ? c->statuses.items[k].label[lang] :
	    T(lang, "No status");
}

/* Marks the statuses that occur, and a heading for each into heads. */
static void
unit_heads(struct unit_table *t, struct html *heads, enum lang lang)
{
	int	i, k;

	for (i = 0; i < kore_pgsql_ntuples(t->sql); i++)
		t->used[status_col(t->c, atoi(kore_pgsql_getvalue(t->sql, i,
		    t->status)))] = 1;
	for (k = 0; k < t->ncols; k++) {
		if (!t->used[k])
			continue;
		tv_reset(&t->rv);
		tv_text(&t->rv, "label", unit_status(t->c, k, lang));
		tmpl_render(heads, tpl("report.th"), &t->rv, lang);
	}
}

/*
 * The unit of result row i: its row of the table and its group of bars.
 * Returns the first row of the next unit.
 */
static int
unit_row(struct unit_table *t, int i, enum lang lang)
{
	struct kore_pgsql	*sql = t->sql;
	const char		*id = kore_pgsql_getvalue(sql, i, t->id), *unit;
	int			 j, k, fi, named, total = 0;

	memset(t->counts, 0, (size_t)t->ncols * sizeof(*t->counts));
	for (j = i; j < kore_pgsql_ntuples(sql) &&
	    strcmp(kore_pgsql_getvalue(sql, j, t->id), id) == 0; j++) {
		k = status_col(t->c, atoi(kore_pgsql_getvalue(sql, j,
		    t->status)));
		t->counts[k] = atoi(kore_pgsql_getvalue(sql, j, t->count));
		total += t->counts[k];
	}
	unit = db_text_lang(sql, i, "unit", lang, &fi);
	if (!(named = *unit != '\0'))
		unit = T(lang, "No responsible unit given");
	t->bars[t->nbars].label = unit;
	t->bars[t->nbars].heading = 1;
	t->nbars++;
	html_free(&t->cells);
	html_init(&t->cells);
	for (k = 0; k < t->ncols; k++) {
		if (!t->used[k])
			continue;
		tv_reset(&t->rv);
		tv_text(&t->rv, "label", unit_status(t->c, k, lang));
		tv_textf(&t->rv, "count", "%d", t->counts[k]);
		tmpl_render(&t->cells, tpl("report.cell"), &t->rv, lang);
		if (t->counts[k] == 0)
			continue;
		t->bars[t->nbars].label = unit_status(t->c, k, lang);
		t->bars[t->nbars].value = t->counts[k];
		t->bars[t->nbars].colour = k < (int)t->c->statuses.count ?
		    t->c->statuses.items[k].colour : NULL;
		t->nbars++;
	}
	tv_reset(&t->rv);
	tv_text(&t->rv, "unit", unit);
	tv_text(&t->rv, "unit_lang", lang_attr(lang, named && fi));
	tv_html(&t->rv, "cells", &t->cells);
	tv_textf(&t->rv, "total", "%d", total);
	tmpl_render(&t->rows, tpl("report.unit"), &t->rv, lang);
	return j;
}

/*
 * Actions by unit and status: a table with a column per status that
 * occurs, and a chart with a group of bars per unit.
 */
static int
render_units(struct tmpl_vars *tv, const char *pid, enum lang lang)
{
	struct unit_table	 t;
	struct kore_pgsql	 sql;
	struct html		 heads, chart;
	const char		*params[2] = { scope(pid), lang_codes[lang] };
	int			 i, rc = -1;

	memset(&t, 0, sizeof(t));
	t.c = catalog_get();
	t.sql = &sql;
	t.ncols = (int)t.c->statuses.count + 1;
	tv_init(&t.rv);
	html_init(&heads);
	html_init(&t.rows);
	html_init(&t.cells);
	html_init(&chart);
	t.used = xcalloc((size_t)t.ncols, sizeof(*t.used));
	t.counts = xcalloc((size_t)t.ncols, sizeof(*t.counts));
	if (db_read(&sql, "SELECT coalesce(u.id, 0) AS unit_id, "
	    UNIT_NAMES("u") ", coalesce(ra.status_id, 0) AS status_id, "
	    "count(*) AS count FROM " SCOPE_ACTIONS " ra "
	    "LEFT JOIN LATERAL unnest(ra.unit_ids) x(id) ON true "
	    "LEFT JOIN unit u ON u.id = x.id GROUP BY u.id, "
	    "coalesce(ra.status_id, 0) ORDER BY " UNIT_ORDER("u", "2")
	    " NULLS LAST, 1", 2, params) == -1)
		goto out;
	t.id = db_col(&sql, "unit_id");
	t.status = db_col(&sql, "status_id");
	t.count = db_col(&sql, "count");
	unit_heads(&t, &heads, lang);
	t.bars = xcalloc((size_t)kore_pgsql_ntuples(&sql) * 2 + 1,
	    sizeof(*t.bars));
	for (i = 0; i < kore_pgsql_ntuples(&sql); )
		i = unit_row(&t, i, lang);
	report_chart(&chart, T(lang, "Number of actions by responsible unit "
	    "and status"), t.bars, t.nbars);
	tv_html(tv, "unit_heads", &heads);
	tv_html(tv, "unit_rows", &t.rows);
	tv_html(tv, "unit_chart", &chart);
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	free(t.used);
	free(t.counts);
	free(t.bars);
	html_free(&heads);
	html_free(&t.rows);
	html_free(&t.cells);
	html_free(&chart);
	tv_free(&t.rv);
	return rc;
}

/*
 * One scale of a row of the panel's verdict: the mean and the answers
 * ("3,4 / 5 (answers: 7)"), or only the answers below the threshold,
 * into the variable scale; how many gave each rating ("1: 0 · 2: 1 ·
 * ...") into dist_var. The columns are SCALE_answers, SCALE_mean and
 * dist_var.
 */
static void
verdict_cell(struct tmpl_vars *rv, struct kore_pgsql *sql, int i,
    const char *scale, const char *dist_var, enum lang lang)
{
	struct buf	b;
	char		answers[32], mean[32], *dot;

	snprintf(answers, sizeof(answers), "%s_answers", scale);
	snprintf(mean, sizeof(mean), "%s_mean", scale);
	buf_init(&b);
	if (*db_text(sql, i, answers) == '\0')
		buf_puts(&b, "–");
	else if (*db_text(sql, i, mean) == '\0')
		buf_printf(&b, "%s (%s)", T(lang, N_("too few answers")),
		    db_text(sql, i, answers));
	else {
		buf_printf(&b, "%s / 5 (%s)", db_text(sql, i, mean),
		    db_text(sql, i, answers));
		/* Finnish and Swedish write a decimal comma. */
		if (lang != LANG_EN && (dot = strchr(buf_cstr(&b), '.')) !=
		    NULL)
			*dot = ',';
	}
	tv_text(rv, scale, buf_cstr(&b));
	tv_text(rv, dist_var, db_text(sql, i, dist_var));
	buf_free(&b);
}

/*
 * A row of the panel's verdict: a recommendation of the process whose
 * slug is arg, or (arg NULL, the report of every process) a process
 * with how many of its recommendations count; the means, answers and
 * distributions.
 */
static void
verdict_row(struct tmpl_vars *rv, struct kore_pgsql *sql, int i,
    enum lang lang, const void *arg)
{
	const struct cat_process	*p;
	struct buf			 b;
	int				 fi = 0;

	buf_init(&b);
	if (arg != NULL) {
		if (*db_text(sql, i, "number") != '\0')
			buf_printf(&b, "%s. ", db_text(sql, i, "number"));
		buf_puts(&b, db_text_lang(sql, i, "body", lang, &fi));
		tv_textf(rv, "url", "/p/%s/r/%s%s", (const char *)arg,
		    db_text(sql, i, "id"), lang_query(lang));
	} else {
		if ((p = catalog_process(db_text(sql, i, "slug"))) != NULL)
			buf_puts(&b, cat_text(p->title, lang, &fi));
		tv_textf(rv, "url", "/p/%s/report%s", db_text(sql, i,
		    "slug"), lang_query(lang));
		tv_text(rv, "recs", db_text(sql, i, "recs"));
	}
	tv_text(rv, "name", buf_cstr(&b));
	tv_text(rv, "name_lang", lang_attr(lang, fi));
	verdict_cell(rv, sql, i, "response", "response_dist", lang);
	verdict_cell(rv, sql, i, "progress", "progress_dist", lang);
	buf_free(&b);
}

/*
 * The rows of query (with n params), each rendered by tplname with what
 * fill (given arg) puts in, into tv as var: 0, or -1 when the database
 * failed.
 */
static int
rows_var(struct tmpl_vars *tv, const char *var, const char *tplname,
    db_row_fill fill, const void *arg, enum lang lang, const char *query,
    int n, const char *const *params)
{
	struct html	rows;
	int		r;

	html_init(&rows);
	r = db_render_rows(db_read, &rows, tpl(tplname), lang, fill, arg,
	    query, n, params);
	if (r != -1)
		tv_html(tv, var, &rows);
	html_free(&rows);
	return r == -1 ? -1 : 0;
}

/* rows_var of a query whose one parameter, $1, is the id of proc. */
static int
process_rows(struct tmpl_vars *tv, const char *var, const char *tplname,
    db_row_fill fill, const void *arg, const struct cat_process *proc,
    enum lang lang, const char *query)
{
	const char	*params[1];
	char		 pid[32];

	snprintf(pid, sizeof(pid), "%lld", proc->id);
	params[0] = pid;
	return rows_var(tv, var, tplname, fill, arg, lang, query, 1, params);
}

/* How many gave each rating, as text, from columns PREFIX.n1..n5. */
#define VERDICT_DIST(t) \
	"format('1: %s · 2: %s · 3: %s · 4: %s · 5: %s', " \
	t ".n1, " t ".n2, " t ".n3, " t ".n4, " t ".n5)"

/*
 * The panel's verdict of a process's recommendations that have ratings
 * (verdict_aggregate: means and distributions only from three answers
 * on), or (proc NULL) of every published process that has some, from
 * its recommendations that show theirs (verdict_process_summary): 0, or
 * -1 when the database failed.
 */
static int
render_verdict(struct tmpl_vars *tv, const struct cat_process *proc,
    enum lang lang)
{
	tv_textf(tv, "min", "%d", VERDICT_MIN_ANSWERS);
	if (proc != NULL)
		return process_rows(tv, "verdict_rows", "report.verdict_row",
		    verdict_row, proc->slug, proc, lang, "SELECT r.id, "
		    "r.number, r.body, r.body_sv, r.body_en, "
		    "a.answers AS response_answers, a.mean AS response_mean, "
		    "CASE WHEN a.shown THEN " VERDICT_DIST("a") " END "
		    "AS response_dist, b.answers AS progress_answers, "
		    "b.mean AS progress_mean, CASE WHEN b.shown THEN "
		    VERDICT_DIST("b") " END AS progress_dist "
		    "FROM recommendation r "
		    "LEFT JOIN recommendation t ON t.id = r.parent_id "
		    "LEFT JOIN verdict_aggregate($1) a "
		    "ON a.recommendation_id = r.id AND a.scale = 'response' "
		    "LEFT JOIN verdict_aggregate($1) b "
		    "ON b.recommendation_id = r.id AND b.scale = 'progress' "
		    "WHERE r.process_id = $1 AND r.deleted_at IS NULL AND "
		    "(a.answers IS NOT NULL OR b.answers IS NOT NULL) "
		    "ORDER BY coalesce(t.position, r.position), "
		    "r.parent_id IS NOT NULL, r.position");
	return rows_var(tv, "verdict_rows", "report.verdict_process_row",
	    verdict_row, NULL, lang, "SELECT pc.slug, "
	    "greatest(a.recommendations, b.recommendations) AS recs, "
	    "a.answers AS response_answers, a.mean AS response_mean, "
	    "CASE WHEN a.answers IS NOT NULL THEN " VERDICT_DIST("a") " END "
	    "AS response_dist, "
	    "b.answers AS progress_answers, b.mean AS progress_mean, "
	    "CASE WHEN b.answers IS NOT NULL THEN " VERDICT_DIST("b") " END "
	    "AS progress_dist FROM process pc "
	    "LEFT JOIN LATERAL verdict_process_summary(pc.id) a "
	    "ON a.scale = 'response' "
	    "LEFT JOIN LATERAL verdict_process_summary(pc.id) b "
	    "ON b.scale = 'progress' "
	    "WHERE pc.published AND (a.answers IS NOT NULL OR "
	    "b.answers IS NOT NULL) "
	    "ORDER BY pc.year DESC NULLS LAST, pc.id", 0, NULL);
}

/*
 * Progress: of the process proc and each of its top-level
 * recommendations, or (proc NULL) of every published process.
 */
static int
render_progress(struct tmpl_vars *tv, const struct cat_process *proc,
    enum lang lang)
{
	struct html	 bar;
	int		 r;

	html_init(&bar);
	if (proc != NULL) {
		if (proc->nrecs > 0)
			page_progress(&bar, proc->progress, lang);
		r = process_rows(tv, "progress_rows", "report.progress_row",
		    progress_row, proc->slug, proc, lang, "SELECT r.id, "
		    "r.number, r.body, r.body_sv, r.body_en, "
		    "coalesce(rp.progress, -1) AS progress, "
		    "rp.actions AS count, rp.wont "
		    "FROM recommendation r JOIN recommendation_progress rp "
		    "ON rp.process_id = r.process_id "
		    "AND rp.recommendation_id = r.id WHERE r.process_id = $1 "
		    "AND r.parent_id IS NULL AND r.deleted_at IS NULL "
		    "ORDER BY r.position");
	} else
		r = rows_var(tv, "progress_rows", "report.progress_row",
		    progress_row, NULL, lang, "SELECT pc.slug, "
		    "coalesce(pp.progress, -1) AS progress, "
		    "pp.recommendations AS count, "
		    "pp.wont_recommendations AS wont FROM process pc "
		    "JOIN process_progress pp ON pp.process_id = pc.id "
		    "WHERE pc.published "
		    "ORDER BY pc.year DESC NULLS LAST, pc.id", 0, NULL);
	tv_html(tv, "process_progress", &bar);
	tv_textf(tv, "progress_url", "/statuses%s#progress",
	    lang_query(lang));
	html_free(&bar);
	return r;
}

/* A reason's category of the reasons' table, and its counts. */
static void
reason_row(struct tmpl_vars *rv, struct kore_pgsql *sql, int i,
    enum lang lang, const void *arg)
{
	static const char *const label[LANG_COUNT] = {
		"label_fi", "label_sv", "label_en"
	};
	const char	*l = db_text(sql, i, label[lang]);

	tv_text(rv, "label", *l != '\0' ? l : T(lang, "No reason given"));
	tv_text(rv, "count", db_text(sql, i, "recommendations"));
	tv_text(rv, "subs", db_text(sql, i, "actions"));
	(void)arg;
}

/*
 * Why recommendations are not accepted in full and actions will not be
 * done, by the reason's category (report_reasons()).
 */
static int
render_reasons(struct tmpl_vars *tv, const char *pid, enum lang lang)
{
	const char	*params[1] = { scope(pid) };

	return rows_var(tv, "reason_rows", "report.reason", reason_row, NULL,
	    lang, "SELECT coalesce(label_fi, '') AS label_fi, "
	    "coalesce(label_sv, '') AS label_sv, coalesce(label_en, '') "
	    "AS label_en, recommendations, actions "
	    "FROM report_reasons($1::bigint)", 1, params);
}

/*
 * The county's responses counted apart for recommendations and for
 * sub-recommendations (the chart shows the recommendations).
 */
static int
render_responses(struct tmpl_vars *tv, const char *pid, enum lang lang)
{
	struct kore_pgsql	 sql;
	struct html		 rows, chart;
	struct chart_bar	 bars[NRESPONSES];
	int			 subs[NRESPONSES];
	const char		*params[1] = { scope(pid) };
	size_t			 k;
	int			 i, total = 0, sub_total = 0, rc = -1;

	html_init(&rows);
	html_init(&chart);
	memset(bars, 0, sizeof(bars));
	memset(subs, 0, sizeof(subs));
	if (db_read(&sql, "SELECT coalesce(r.response, '') AS response, "
	    "count(*) FILTER (WHERE r.kind = 'recommendation') AS count, "
	    "count(*) FILTER (WHERE r.kind = 'sub') AS subs "
	    "FROM recommendation r JOIN process pc ON pc.id = r.process_id "
	    "WHERE r.deleted_at IS NULL AND r.kind <> 'specification' AND "
	    "(r.process_id = $1::bigint OR ($1::bigint IS NULL AND "
	    "pc.published)) GROUP BY 1", 1, params) == -1)
		goto out;
	for (k = 0; k < NRESPONSES; k++)
		bars[k].label = T(lang, response_label(response_codes[k]));
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++)
		for (k = 0; k < NRESPONSES; k++)
			if (strcmp(response_codes[k],
			    db_text(&sql, i, "response")) == 0) {
				bars[k].value = atoi(db_text(&sql, i,
				    "count"));
				subs[k] = atoi(db_text(&sql, i, "subs"));
				total += bars[k].value;
				sub_total += subs[k];
			}
	bar_rows(&rows, "report.response", bars, subs, (int)NRESPONSES, lang);
	report_chart(&chart, T(lang, "Number of recommendations (without "
	    "sub-recommendations) by the county's response"), bars,
	    (int)NRESPONSES);
	tv_html(tv, "response_rows", &rows);
	tv_html(tv, "response_chart", &chart);
	tv_textf(tv, "responses_total", "%d", total);
	tv_textf(tv, "responses_subs", "%d", sub_total);
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	html_free(&rows);
	html_free(&chart);
	return rc;
}

/*
 * When a list of n actions (rows of sql, with their process's slug)
 * shows only LIST_MAX: how many more (names[0]) and the address of the
 * table that has them all (names[1], with query).
 */
static void
list_more(struct tmpl_vars *tv, const char *const *names, int n,
    struct kore_pgsql *sql, const char *query, enum lang lang)
{
	if (n <= LIST_MAX)
		return;
	tv_textf(tv, names[0], "%d", n - LIST_MAX);
	tv_textf(tv, names[1], "/p/%s?%s%s%s", db_text(sql, 0, "slug"), query,
	    lang != LANG_FI ? "&lang=" : "", lang != LANG_FI ?
	    lang_codes[lang] : "");
}

/*
 * After how many days without an update an action is stale (the
 * setting), into tv as stale_days: 0, or -1.
 */
static int
stale_days(struct tmpl_vars *tv)
{
	struct kore_pgsql	sql;
	int			rc = -1;

	if (db_read(&sql, "SELECT stale_days FROM setting", 0, NULL) == 0 &&
	    kore_pgsql_ntuples(&sql) == 1) {
		db_vars(tv, &sql, 0, "stale_days", (char *)NULL);
		rc = 0;
	}
	kore_pgsql_cleanup(&sql);
	return rc;
}

/* Overdue and stale actions. */
static int
render_lists(struct tmpl_vars *tv, const char *pid, enum lang lang,
    int *finnish)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 rv;
	struct html		 overdue, stale;
	struct action_cols	 ac;
	const char		*params[2];
	int			 i, col_overdue, col_stale, no = 0, ns = 0;
	int			 rc = -1;

	tv_init(&rv);
	html_init(&overdue);
	html_init(&stale);
	params[0] = scope(pid);
	params[1] = T(lang, "Continuous");
	if (db_read(&sql, "SELECT pc.slug, ra.action_id, ra.action_body, "
	    "ra.action_body_sv, ra.action_body_en, " SCHEDULE_WORDS("ra", "2")
	    " AS schedule, coalesce(ra.status_id::text, '') AS status, "
	    "ra.unit_ids::text AS unit_ids, ra.updated_on AS updated, "
	    "ra.overdue, ra.stale "
	    "FROM " SCOPE_ACTIONS " ra JOIN process pc ON pc.id = "
	    "ra.process_id WHERE ra.overdue OR ra.stale "
	    "ORDER BY pc.year DESC NULLS LAST, pc.id, ra.row_position", 2,
	    params) == -1)
		goto out;
	action_cols(&ac, &sql);
	col_overdue = db_col(&sql, "overdue");
	col_stale = db_col(&sql, "stale");
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		tv_reset(&rv);
		action_vars(&rv, &sql, i, &ac, pid, lang, finnish);
		if (kore_pgsql_getvalue(&sql, i, col_overdue)[0] == 't' &&
		    no++ < LIST_MAX)
			tmpl_render(&overdue, tpl("report.overdue"), &rv,
			    lang);
		if (kore_pgsql_getvalue(&sql, i, col_stale)[0] == 't' &&
		    ns++ < LIST_MAX)
			tmpl_render(&stale, tpl("report.stale"), &rv, lang);
	}
	list_more(tv, more_overdue, no, &sql, "state=overdue", lang);
	list_more(tv, more_stale, ns, &sql, "state=stale", lang);
	tv_html(tv, "overdue_rows", &overdue);
	tv_html(tv, "stale_rows", &stale);
	tv_textf(tv, "overdue_count", "%d", no);
	tv_textf(tv, "stale_count", "%d", ns);
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	/* Without it, the lists still stand. */
	if (rc == 0)
		(void)stale_days(tv);
	html_free(&overdue);
	html_free(&stale);
	tv_free(&rv);
	return rc;
}

/* The net changes of the period counted (params: render_changes'). */
static int
change_counts(struct tmpl_vars *tv, const char *const *params)
{
	struct kore_pgsql	 sql;
	int			 rc = -1;

	if (db_read(&sql, "SELECT count(DISTINCT action_id) AS "
	    "changed_actions, count(DISTINCT action_id) FILTER (WHERE "
	    "field = 'status') AS status_changed, "
	    "count(DISTINCT action_id) FILTER (WHERE field = 'status' AND "
	    "coalesce((SELECT is_final FROM status WHERE id::text = after), "
	    "false) AND NOT coalesce((SELECT is_final FROM status WHERE "
	    "id::text = before), false)) AS became_final "
	    "FROM report_net_changes($1::bigint, $2::date, $3::date, $4)", 4,
	    params) == -1 || kore_pgsql_ntuples(&sql) != 1)
		goto out;
	db_vars(tv, &sql, 0, "changed_actions", "status_changed",
	    "became_final", (char *)NULL);
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	return rc;
}

/* What changed in the period: the counts and the list. */
static int
render_changes(struct tmpl_vars *tv, const char *pid, const char *from,
    const char *to, enum lang lang, int *finnish)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 rv;
	struct html		 rows;
	struct row_text		 body;
	const char		*params[5], *text;
	char			 max[16];
	int			 i, fi, col_date, col_slug, col_id, col_field;
	int			 col_before, col_after, col_saves, rc = -1;

	tv_init(&rv);
	html_init(&rows);
	params[0] = scope(pid);
	params[1] = from;
	params[2] = to;
	params[3] = T(lang, "Continuous");
	if (change_counts(tv, params) == -1)
		goto out;
	snprintf(max, sizeof(max), "%d", CHANGES_MAX + 1);
	params[4] = max;
	if (db_read(&sql, "SELECT c.last_on, pc.slug, c.action_id, "
	    "c.field, coalesce(c.before, '') AS before, coalesce(c.after, '') "
	    "AS after, c.saves, a.body, a.body_sv, a.body_en FROM "
	    "report_net_changes($1::bigint, $2::date, $3::date, $4) c "
	    "JOIN action a ON a.id = c.action_id JOIN process pc ON "
	    "pc.id = c.process_id LIMIT $5::int", 5, params) == -1)
		goto out;
	result_text_cols(&body, &sql, "body");
	col_date = db_col(&sql, "last_on");
	col_saves = db_col(&sql, "saves");
	col_slug = db_col(&sql, "slug");
	col_id = db_col(&sql, "action_id");
	col_field = db_col(&sql, "field");
	col_before = db_col(&sql, "before");
	col_after = db_col(&sql, "after");
	for (i = 0; i < kore_pgsql_ntuples(&sql) && i < CHANGES_MAX; i++) {
		tv_reset(&rv);
		tv_date(&rv, "date", kore_pgsql_getvalue(&sql, i, col_date));
		if (atoi(kore_pgsql_getvalue(&sql, i, col_saves)) > 1)
			tv_text(&rv, "saves",
			    kore_pgsql_getvalue(&sql, i, col_saves));
		text = result_text(&sql, i, &body, lang, &fi);
		*finnish |= fi;
		tv_text(&rv, "action", *text != '\0' ? text :
		    T(lang, "(action without a description)"));
		tv_text(&rv, "action_lang", lang_attr(lang, fi));
		tv_textf(&rv, "url", "/p/%s/a/%s%s",
		    kore_pgsql_getvalue(&sql, i, col_slug),
		    kore_pgsql_getvalue(&sql, i, col_id), lang_query(lang));
		history_change_vars(&rv, &catalog_get()->statuses,
		    kore_pgsql_getvalue(&sql, i, col_field),
		    kore_pgsql_getvalue(&sql, i, col_before),
		    kore_pgsql_getvalue(&sql, i, col_after), lang);
		tmpl_render(&rows, tpl("report.change"), &rv, lang);
	}
	tv_html(tv, "change_rows", &rows);
	tv_text(tv, "changes_cut", kore_pgsql_ntuples(&sql) > CHANGES_MAX ?
	    "1" : "");
	tv_textf(tv, "changes_max", "%d", CHANGES_MAX);
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	html_free(&rows);
	tv_free(&rv);
	return rc;
}

/* The columns of the summary: a state of view.h, or "" for all. */
static const char *const summary_states[] = {
	"overdue", "stale", "completed", "not_done", ""
};
static const char *const summary_labels[] = {
	N_("Overdue"), N_("Not updated for a long time"), N_("Completed"),
	N_("Will not be done"), N_("Total")
};
#define SUMMARY_COLS	(sizeof(summary_states) / sizeof(summary_states[0]))

/*
 * A row of the summary: the process (and unit), and each count linked
 * to the process's table filtered to what it counts.
 */
static void
summary_row(struct html *out, struct kore_pgsql *sql, int i, enum lang lang)
{
	struct tmpl_vars	 rv;
	struct html		 cells;
	struct buf		 u;
	const char		*slug = db_text(sql, i, "slug");
	const char		*unit = db_text(sql, i, "unit_id"), *name;
	const char		*cols[SUMMARY_COLS] = { "overdue", "stale",
				    "completed", "not_done", "total" };
	size_t			 k;
	int			 fi;

	tv_init(&rv);
	html_init(&cells);
	buf_init(&u);
	for (k = 0; k < SUMMARY_COLS; k++) {
		tv_reset(&rv);
		tv_text(&rv, "label", T(lang, summary_labels[k]));
		tv_text(&rv, "count", db_text(sql, i, cols[k]));
		buf_reset(&u);
		buf_printf(&u, "/p/%s", slug);
		url_param(&u, "lang", lang != LANG_FI ? lang_codes[lang] :
		    NULL);
		url_param(&u, "state", *summary_states[k] != '\0' ?
		    summary_states[k] : NULL);
		url_param(&u, "unit", *unit != '\0' ? unit : NULL);
		if (strcmp(db_text(sql, i, cols[k]), "0") != 0 &&
		    (*unit != '\0' || !db_true(sql, i, "by_unit")))
			tv_text(&rv, "url", buf_cstr(&u));
		tmpl_render(&cells, tpl("report.summary_cell"), &rv, lang);
	}
	tv_reset(&rv);
	process_cell(&rv, slug, lang);
	tv_textf(&rv, "process_url", "/p/%s%s", slug, lang_query(lang));
	if (db_true(sql, i, "by_unit")) {
		name = db_text_lang(sql, i, "unit", lang, &fi);
		tv_text(&rv, "unit", *unit != '\0' ? name :
		    T(lang, "No responsible unit given"));
		tv_text(&rv, "unit_lang", lang_attr(lang, *unit != '\0' &&
		    fi));
	}
	tv_html(&rv, "cells", &cells);
	tmpl_render(out, tpl("report.summary"), &rv, lang);
	buf_free(&u);
	html_free(&cells);
	tv_free(&rv);
}

#define SUMMARY_COUNTS \
	"count(*) FILTER (WHERE ra.overdue) AS overdue, " \
	"count(*) FILTER (WHERE ra.stale) AS stale, " \
	"count(*) FILTER (WHERE s.is_final AND s.progress IS NOT NULL) " \
	"AS completed, count(*) FILTER (WHERE s.id IS NOT NULL AND " \
	"s.progress IS NULL) AS not_done, count(*) AS total "

/*
 * The report of every process: its counts by process and by process
 * and unit, each linked to the table, in place of lists of actions.
 */
static int
render_summary(struct tmpl_vars *tv, const char *pid, enum lang lang)
{
	struct kore_pgsql	 sql;
	struct html		 procs, units;
	const char		*params[2] = { scope(pid), lang_codes[lang] };
	int			 i, rc = -1;

	html_init(&procs);
	html_init(&units);
	if (db_read(&sql, "SELECT pc.slug, '' AS unit_id, '' AS unit, "
	    "'' AS unit_sv, '' AS unit_en, false AS by_unit, "
	    SUMMARY_COUNTS "FROM " SCOPE_ACTIONS " ra "
	    "JOIN process pc ON pc.id = ra.process_id LEFT JOIN status s "
	    "ON s.id = ra.status_id GROUP BY pc.id, pc.slug, pc.year "
	    "ORDER BY pc.year DESC NULLS LAST, pc.id", 1, params) == -1)
		goto out;
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++)
		summary_row(&procs, &sql, i, lang);
	kore_pgsql_cleanup(&sql);
	if (db_read(&sql, "SELECT pc.slug, coalesce(u.id::text, '') AS "
	    "unit_id, " UNIT_NAMES("u") ", true AS by_unit, "
	    SUMMARY_COUNTS "FROM " SCOPE_ACTIONS " ra "
	    "JOIN process pc ON pc.id = ra.process_id LEFT JOIN status s "
	    "ON s.id = ra.status_id LEFT JOIN LATERAL unnest(ra.unit_ids) "
	    "x(id) ON true LEFT JOIN unit u ON u.id = x.id "
	    "GROUP BY pc.id, pc.slug, pc.year, u.id "
	    "ORDER BY pc.year DESC NULLS LAST, pc.id, "
	    UNIT_ORDER("u", "2") " NULLS LAST", 2, params) == -1)
		goto out;
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++)
		summary_row(&units, &sql, i, lang);
	kore_pgsql_cleanup(&sql);
	if (stale_days(tv) == -1)
		goto out;
	tv_html(tv, "summary_rows", &procs);
	tv_html(tv, "summary_unit_rows", &units);
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	html_free(&procs);
	html_free(&units);
	return rc;
}

/* Every action, grouped by status: the long table of a printed report. */
static int
render_all_actions(struct tmpl_vars *tv, const char *pid, enum lang lang,
    int *finnish)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 rv;
	struct html		 rows;
	struct buf		 rec;
	struct action_cols	 ac;
	struct row_text		 rec_body;
	const char		*params[2];
	int			 i, fi, col_number, rc = -1;

	tv_init(&rv);
	html_init(&rows);
	buf_init(&rec);
	params[0] = scope(pid);
	params[1] = T(lang, "Continuous");
	if (db_read(&sql, "SELECT pc.slug, ra.action_id, ra.action_body, "
	    "ra.action_body_sv, ra.action_body_en, ra.rec_number, "
	    "ra.rec_body, ra.rec_body_sv, ra.rec_body_en, "
	    SCHEDULE_WORDS("ra", "2") " AS schedule, "
	    "coalesce(ra.status_id::text, '') AS status, "
	    "ra.unit_ids::text AS unit_ids, ra.updated_on AS updated "
	    "FROM " SCOPE_ACTIONS " ra JOIN process pc ON pc.id = "
	    "ra.process_id ORDER BY ra.status_position NULLS LAST, "
	    "pc.year DESC NULLS LAST, pc.id, ra.row_position", 2, params) == -1)
		goto out;
	action_cols(&ac, &sql);
	result_text_cols(&rec_body, &sql, "rec_body");
	col_number = db_col(&sql, "rec_number");
	list_more(tv, more_actions, kore_pgsql_ntuples(&sql), &sql,
	    "sort=status&per=all", lang);
	for (i = 0; i < kore_pgsql_ntuples(&sql) && i < LIST_MAX; i++) {
		tv_reset(&rv);
		action_vars(&rv, &sql, i, &ac, pid, lang, finnish);
		buf_reset(&rec);
		if (kore_pgsql_getvalue(&sql, i, col_number)[0] != '\0')
			buf_printf(&rec, "%s. ",
			    kore_pgsql_getvalue(&sql, i, col_number));
		buf_puts(&rec, result_text(&sql, i, &rec_body, lang, &fi));
		*finnish |= fi;
		tv_text(&rv, "rec", buf_cstr(&rec));
		tv_text(&rv, "rec_lang", lang_attr(lang, fi));
		tmpl_render(&rows, tpl("report.action"), &rv, lang);
	}
	tv_html(tv, "action_rows", &rows);
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	html_free(&rows);
	buf_free(&rec);
	tv_free(&rv);
	return rc;
}

void
report_snapshot_vars(struct tmpl_vars *rv, struct kore_pgsql *sql, int row,
    const char *slug, enum lang lang)
{
	tv_textf(rv, "url", "/p/%s/s/%s%s", slug, db_text(sql, row, "id"),
	    lang_query(lang));
	db_vars(rv, sql, row, "as_of", "label", (char *)NULL);
}

/* A snapshot of the process arg (a struct cat_process) in its list. */
static void
snapshot_link(struct tmpl_vars *rv, struct kore_pgsql *sql, int i,
    enum lang lang, const void *arg)
{
	const struct cat_process	*proc = arg;

	report_snapshot_vars(rv, sql, i, proc->slug, lang);
}

static int
render_snapshot_list(struct tmpl_vars *tv, const struct cat_process *proc,
    enum lang lang)
{
	return process_rows(tv, "snapshots", "report.snapshot", snapshot_link,
	    proc, proc, lang, "SELECT s.id, s.as_of, s.label FROM snapshot s "
	    "WHERE s.process_id = $1 ORDER BY s.as_of DESC, s.id DESC");
}

/*
 * The latest reporting rounds of the process pid (of every published
 * one when pid is "") that have a public report, into tv as rounds.
 */
static int
render_rounds(struct tmpl_vars *tv, const char *pid, enum lang lang)
{
	struct html	 list;
	int		 n;

	html_init(&list);
	n = page_public_rounds(&list, scope(pid), 0, 20, lang);
	if (n != -1)
		tv_html(tv, "rounds", &list);
	html_free(&list);
	return n == -1 ? -1 : 0;
}

/*
 * The period: to (default today), from (default the day after the
 * latest snapshot of the process, or 365 days before to). Returns 0,
 * RENDER_BAD_RANGE when it ends before it starts, or -1.
 */
static int
resolve_range(const char *pid, const struct report_range *r, char *from,
    char *to)
{
	struct kore_pgsql	 sql;
	const char		*params[3];
	int			 rc = -1;

	params[0] = r->from[0] != '\0' ? r->from : NULL;
	params[1] = pid[0] != '\0' ? pid : NULL;
	params[2] = r->to[0] != '\0' ? r->to : r->today;
	if (db_read(&sql, "SELECT to_char(f, 'YYYY-MM-DD') AS from_day, "
	    "to_char(t, 'YYYY-MM-DD') AS to_day, f <= t AS in_order "
	    "FROM (SELECT $3::date AS t, "
	    "coalesce($1::date, (SELECT least(max(as_of) + 1, $3::date) "
	    "FROM snapshot WHERE process_id = $2::bigint HAVING count(*) > 0), "
	    "$3::date - 365) AS f) x", 3, params) == -1 ||
	    kore_pgsql_ntuples(&sql) != 1)
		goto out;
	snprintf(from, 11, "%s", db_text(&sql, 0, "from_day"));
	snprintf(to, 11, "%s", db_text(&sql, 0, "to_day"));
	rc = db_true(&sql, 0, "in_order") ? 0 : RENDER_BAD_RANGE;
out:
	kore_pgsql_cleanup(&sql);
	return rc;
}

int
render_report(struct page *pg, const struct cat_process *proc,
    const struct report_range *range)
{
	struct tmpl_vars	 tv;
	char			 pid[32], from[11], to[11];
	int			 fi = 0, rc = RENDER_FAILED, r;

	tv_init(&tv);
	pid[0] = '\0';
	if (proc != NULL)
		snprintf(pid, sizeof(pid), "%lld", proc->id);
	if ((r = resolve_range(pid, range, from, to)) != 0) {
		rc = r == RENDER_BAD_RANGE ? RENDER_BAD_RANGE : RENDER_FAILED;
		goto out;
	}
	tv_textf(&tv, "home", "/%s", lang_query(pg->lang));
	if (proc != NULL) {
		tv_text(&tv, "title", cat_text(proc->title, pg->lang, &fi));
		tv_text(&tv, "title_lang", lang_attr(pg->lang, fi));
		pg->finnish |= fi;
		tv_textf(&tv, "process_url", "/p/%s%s", proc->slug,
		    lang_query(pg->lang));
		tv_textf(&tv, "form_action", "/p/%s/report", proc->slug);
		page_set_title(pg, "%s: %s", T(pg->lang, "Report"),
		    cat_text(proc->title, pg->lang, &fi));
		if (render_snapshot_list(&tv, proc, pg->lang) == -1)
			goto out;
	} else {
		tv_text(&tv, "form_action", "/report");
		tv_text(&tv, "all", "1");
		page_set_title(pg, "%s",
		    T(pg->lang, "Report on all published processes"));
	}
	tv_text(&tv, "lang_code", pg->lang == LANG_FI ? "" :
	    lang_codes[pg->lang]);
	tv_date(&tv, "today", range->today);
	tv_date(&tv, "from", from);
	tv_date(&tv, "to", to);
	tv_text(&tv, "from_value", from);
	tv_text(&tv, "to_value", to);
	if (render_rounds(&tv, pid, pg->lang) == -1 ||
	    render_counts(&tv, pid, pg->lang) == -1 ||
	    render_units(&tv, pid, pg->lang) == -1 ||
	    render_responses(&tv, pid, pg->lang) == -1 ||
	    render_reasons(&tv, pid, pg->lang) == -1 ||
	    render_progress(&tv, proc, pg->lang) == -1 ||
	    render_verdict(&tv, proc, pg->lang) == -1 ||
	    render_changes(&tv, pid, from, to, pg->lang, &pg->finnish) == -1)
		goto out;
	if (proc == NULL ? render_summary(&tv, pid, pg->lang) == -1 :
	    render_lists(&tv, pid, pg->lang, &pg->finnish) == -1 ||
	    render_all_actions(&tv, pid, pg->lang, &pg->finnish) == -1)
		goto out;
	buf_reset(&pg->path);
	if (proc != NULL)
		buf_printf(&pg->path, "/p/%s/report", proc->slug);
	else
		buf_puts(&pg->path, "/report");
	if (range->from[0] != '\0' || range->to[0] != '\0')
		buf_printf(&pg->path, "?from=%s&to=%s", from, to);
	print_source(&tv, pg);
	tmpl_render(&pg->content, tpl("report"), &tv, pg->lang);
	rc = RENDER_OK;
out:
	tv_free(&tv);
	return rc;
}

/*
 * The snapshot's day and label into tv and the page's title; -1 when
 * the database failed, RENDER_NOT_FOUND when there is no such snapshot.
 */
static int
snapshot_head(struct tmpl_vars *tv, struct page *pg,
    const struct cat_process *proc, const char *const *params)
{
	struct kore_pgsql	 sql;
	struct buf		 day;
	int			 fi, rc = RENDER_FAILED;

	kore_pgsql_init(&sql);
	if (db_read(&sql, "SELECT as_of, label FROM"
	    " snapshot WHERE process_id = $1 AND id = $2", 2,
	    params) == -1)
		goto out;
	if (kore_pgsql_ntuples(&sql) != 1) {
		rc = RENDER_NOT_FOUND;
		goto out;
	}
	db_vars(tv, &sql, 0, "as_of", "label", (char *)NULL);
	buf_init(&day);
	date_format(&day, db_text(&sql, 0, "as_of"),
	    strlen(db_text(&sql, 0, "as_of")), pg->lang);
	page_set_title(pg, "%s – %s", buf_cstr(&day), cat_text(proc->title,
	    pg->lang, &fi));
	buf_free(&day);
	rc = RENDER_OK;
out:
	kore_pgsql_cleanup(&sql);
	return rc;
}

/*
 * "NUMBER. TEXT" of a (sub-)recommendation, in the page's language,
 * into var, and its lang attribute into lang_var.
 */
static void
snapshot_heading(struct tmpl_vars *rv, struct kore_pgsql *sql, int row,
    struct page *pg, const char *number, const char *body, const char *var,
    const char *lang_var)
{
	struct buf	 b;
	int		 fi;

	buf_init(&b);
	if (db_text(sql, row, number)[0] != '\0')
		buf_printf(&b, "%s. ", db_text(sql, row, number));
	buf_puts(&b, db_text_lang(sql, row, body, pg->lang, &fi));
	pg->finnish |= fi;
	tv_text(rv, var, buf_cstr(&b));
	tv_text(rv, lang_var, lang_attr(pg->lang, fi));
	buf_free(&b);
}

/* A status as then or now: nothing for a row with no action. */
static void
snapshot_status(struct tmpl_vars *rv, const char *var, int show,
    const char *id, enum lang lang)
{
	struct html	status;

	html_init(&status);
	if (show)
		status_html(&status, id, lang);
	tv_html(rv, var, &status);
	html_free(&status);
}

/*
 * One row then and now into rv: 'a' added, 'r' removed, 'c' changed,
 * or 0 for the same.
 */
static int
snapshot_row(struct tmpl_vars *rv, struct kore_pgsql *sql, int i,
    struct page *pg, const struct cat_process *proc)
{
	const char	*text, *then, *now;
	int		 fi, added, removed, action;

	snapshot_heading(rv, sql, i, pg, "rec_number", "rec_body", "rec",
	    "rec_lang");
	if (db_true(sql, i, "is_node"))
		snapshot_heading(rv, sql, i, pg, "node_number", "node_body",
		    "node", "node_lang");
	added = db_true(sql, i, "added");
	removed = db_true(sql, i, "removed");
	action = db_text(sql, i, "action_id")[0] != '\0';
	if (action) {
		text = db_text_lang(sql, i, "action_body", pg->lang, &fi);
		pg->finnish |= fi;
		tv_text(rv, "has_action", "1");
		tv_text(rv, "action", *text != '\0' ? text :
		    T(pg->lang, "(action without a description)"));
		tv_text(rv, "action_lang", lang_attr(pg->lang, fi));
		if (!removed)
			tv_textf(rv, "url", "/p/%s/a/%s%s", proc->slug,
			    db_text(sql, i, "action_id"), lang_query(pg->lang));
	}
	then = db_text(sql, i, "schedule_then");
	now = db_text(sql, i, "schedule_now");
	tv_text(rv, "schedule_then", added ? "" : then);
	if (!added && !removed && strcmp(then, now) != 0) {
		tv_text(rv, "schedule_changed", "1");
		tv_text(rv, "schedule_now", now[0] != '\0' ? now :
		    T(pg->lang, "(empty)"));
	}
	snapshot_status(rv, "status_then", !added && action,
	    db_text(sql, i, "status_then"), pg->lang);
	snapshot_status(rv, "status_now", !removed && action,
	    db_text(sql, i, "status_now"), pg->lang);
	if (added)
		return 'a';
	if (removed)
		return 'r';
	return db_true(sql, i, "changed") ? 'c' : 0;
}

/*
 * Rows then and now side by side: the same action under the same
 * (sub-)recommendation is the same row.
 */
#define SNAPSHOT_ROWS_SQL \
	"WITH t AS (SELECT * FROM snapshot_row WHERE " \
	"snapshot_id = $2), n AS (SELECT * FROM process_row WHERE " \
	"process_id = $1) SELECT " \
	"coalesce(n.rec_number, t.rec_number) AS rec_number, " \
	"coalesce(n.rec_body, t.rec_body) AS rec_body, " \
	"coalesce(n.rec_body_sv, t.rec_body_sv) AS rec_body_sv, " \
	"coalesce(n.rec_body_en, t.rec_body_en) AS rec_body_en, " \
	"coalesce(n.node_number, t.node_number) AS node_number, " \
	"coalesce(n.node_body, t.node_body) AS node_body, " \
	"coalesce(n.node_body_sv, t.node_body_sv) AS node_body_sv, " \
	"coalesce(n.node_body_en, t.node_body_en) AS node_body_en, " \
	"coalesce(n.action_id, t.action_id) AS action_id, " \
	"coalesce(n.action_body, t.action_body, '') AS action_body, " \
	"coalesce(n.action_body_sv, t.action_body_sv, '') AS action_body_sv, " \
	"coalesce(n.action_body_en, t.action_body_en, '') AS action_body_en, " \
	SCHEDULE_WORDS("t", "3") " AS schedule_then, " \
	SCHEDULE_WORDS("n", "3") " AS schedule_now, " \
	"coalesce(t.status_id::text, '') AS status_then, " \
	"coalesce(n.status_id::text, '') AS status_now, " \
	"t.snapshot_id IS NULL AS added, n.process_id IS NULL AS removed, " \
	"(t.action_body, t.schedule_kind, t.schedule_start, " \
	"t.schedule_end, t.schedule_text, t.status_id, t.status_note, " \
	"t.unit_names, t.info) IS DISTINCT FROM (n.action_body, " \
	"n.schedule_kind, n.schedule_start, n.schedule_end, " \
	"n.schedule_text, n.status_id, n.status_note, n.unit_names, " \
	"n.info) AS changed, " \
	"n.node_id IS DISTINCT FROM n.recommendation_id OR " \
	"t.node_id IS DISTINCT FROM t.recommendation_id AS is_node " \
	"FROM t FULL JOIN n ON n.node_id = t.node_id AND " \
	"coalesce(n.action_id, 0) = coalesce(t.action_id, 0) " \
	"ORDER BY coalesce(n.position, t.position), n.position IS NULL"

/* The rows into tv, with how many were added, removed and changed. */
static int
snapshot_rows(struct tmpl_vars *tv, struct page *pg,
    const struct cat_process *proc, const char *const *params)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 rv;
	struct html		 rows;
	int			 i, n[3] = { 0, 0, 0 }, rc = -1;

	kore_pgsql_init(&sql);
	tv_init(&rv);
	html_init(&rows);
	if (db_read(&sql, SNAPSHOT_ROWS_SQL, 3, params) == -1)
		goto out;
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		tv_reset(&rv);
		switch (snapshot_row(&rv, &sql, i, pg, proc)) {
		case 'a':
			tv_text(&rv, "marker", T(pg->lang, "Added since"));
			tv_text(&rv, "change_class", "row-added");
			n[0]++;
			break;
		case 'r':
			tv_text(&rv, "marker", T(pg->lang, "Removed since"));
			tv_text(&rv, "change_class", "row-removed");
			n[1]++;
			break;
		case 'c':
			tv_text(&rv, "marker", T(pg->lang, "Changed"));
			tv_text(&rv, "change_class", "row-changed");
			n[2]++;
			break;
		}
		tmpl_render(&rows, tpl("snapshot.row"), &rv, pg->lang);
	}
	tv_html(tv, "rows", &rows);
	tv_textf(tv, "changed", "%d", n[2]);
	tv_textf(tv, "added", "%d", n[0]);
	tv_textf(tv, "removed", "%d", n[1]);
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	tv_free(&rv);
	html_free(&rows);
	return rc;
}

int
render_snapshot(struct page *pg, const struct cat_process *proc,
    long long id)
{
	struct tmpl_vars	 tv;
	const char		*params[3];
	char			 pid[32], sid[32];
	int			 fi = 0, rc;

	tv_init(&tv);
	snprintf(pid, sizeof(pid), "%lld", proc->id);
	snprintf(sid, sizeof(sid), "%lld", id);
	params[0] = pid;
	params[1] = sid;
	params[2] = T(pg->lang, "Continuous");
	if ((rc = snapshot_head(&tv, pg, proc, params)) != RENDER_OK)
		goto out;
	rc = RENDER_FAILED;
	if (snapshot_rows(&tv, pg, proc, params) == -1)
		goto out;
	tv_text(&tv, "title", cat_text(proc->title, pg->lang, &fi));
	tv_text(&tv, "title_lang", lang_attr(pg->lang, fi));
	pg->finnish |= fi;
	tv_textf(&tv, "home", "/%s", lang_query(pg->lang));
	tv_textf(&tv, "process_url", "/p/%s%s", proc->slug,
	    lang_query(pg->lang));
	tv_textf(&tv, "report_url", "/p/%s/report%s", proc->slug,
	    lang_query(pg->lang));
	buf_reset(&pg->path);
	buf_printf(&pg->path, "/p/%s/s/%lld", proc->slug, id);
	print_source(&tv, pg);
	tmpl_render(&pg->content, tpl("snapshot"), &tv, pg->lang);
	rc = RENDER_OK;
out:
	tv_free(&tv);
	return rc;
}
