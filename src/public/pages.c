/*
 * Rendering of the public pages; see pages.h. The rows of a table come
 * from rows.c; every value reaches the page through the template
 * engine's escaping.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "mem.h"
#include "db.h"
#include "catalog_cache.h"
#include "date.h"
#include "milestones.h"
#include "pages.h"
#include "page_verdict.h"
#include "progress.h"
#include "rows.h"
#include "schedule.h"
#include "search.h"
#include "search_index.h"
#include "tmpl.h"
#include "url.h"
#include "utf8.h"
#include "verdict.h"

/* Where a new view of the table starts reading: its result count. */
#define RESULTS_ANCHOR	"#results"
/* The most characters a text (a title, a search) adds to a page's title. */
#define TITLE_PART_CHARS	100

static const char *const sort_labels[SORT_COUNT] = {
	N_("Recommendation"), N_("Action"), N_("Schedule"), N_("Status"),
	N_("Responsible"), N_("Additional information")
};

/*
 * What rendering a table's rows needs, and the scratch space each row
 * reuses.
 */
struct rows_out {
	const struct rowset		*rs;
	const struct cat_process	*proc;		/* the row's */
	const struct cat_process	*table;		/* NULL: directory */
	int				 embed;
	enum lang			 lang;
	const char			*content_lang;
	int				*finnish;
	const struct progress_set	*progress;	/* or NULL */
	const struct verdict_set	*verdict;	/* or NULL */
	struct tmpl_vars		 v;
	struct html			 cell, status, units, bar;
	struct buf			 label, sched;
};

static void	rec_label(struct buf *, const char *, const char *);
static void	item_title(struct tmpl_vars *, struct page *,
		    const struct cat_process *, const char *);
static void	item_end(struct tmpl_vars *, struct page *,
		    const struct cat_process *, char, long long, const char *);
static const char	*text_cell(struct tmpl_vars *, struct html *,
			    const struct rowset *, int,
			    const struct row_text *, enum lang, int *,
			    const char *, const char *);
static void	schedule_text(struct buf *, const struct rowset *, int,
		    enum lang);
static void	status_cell(struct html *, const struct rowset *, int,
		    enum lang, int *);
static void	row_rec(struct rows_out *, int, const char *, int);
static void	row_node(struct rows_out *, int, const char *);
static void	row_action(struct rows_out *, int);
static void	render_row(struct rows_out *, struct html *, int,
		    const char *, int);
static void	render_rows(struct html *, const struct rowset *,
		    const struct cat_process *, enum lang, int,
		    const struct progress_set *, const struct verdict_set *,
		    int, int *);
static void	view_vars(struct tmpl_vars *, const struct view *,
		    const struct view_rows *, long);
static void	directory_texts(struct tmpl_vars *, struct page *,
		    const struct view *);
static void	filter_units(struct tmpl_vars *, const struct view *);
static void	filter_processes(struct tmpl_vars *, const struct view *);
static int	process_table(struct html *, const struct view *,
		    const struct rowset *, int *);
static void	results_link(struct tmpl_vars *, struct buf *, struct view *,
		    long);
static void	render_pager(struct html *, const struct view *, long, long);
static void	filter_option(struct html *, struct tmpl_vars *, const char *,
		    const char *, int, enum lang);
static int	render_history(struct html *, char, long long, enum lang);
static void	render_filters(struct tmpl_vars *, const struct view *);
static void	process_heads(struct html *, const struct view *);
static void	view_title(struct page *, const struct view *, const char *);
static void	process_texts(struct tmpl_vars *, struct page *,
		    const struct view *);
static void	process_links(struct tmpl_vars *, struct page *,
		    const struct view *);
static void	index_summary(struct html *, const struct cat_process *,
		    enum lang);
static void	index_process(struct html *, const struct cat_process *,
		    struct page *, struct html *);
static int	rec_head(struct tmpl_vars *, struct page *,
		    const struct cat_process *, const char *const *);
static int	rec_children(struct html *, struct page *,
		    const struct cat_process *, const char *const *);
static void	rec_comment(struct tmpl_vars *, struct kore_pgsql *, int,
		    enum lang, const void *);
static int	rec_verdict(struct tmpl_vars *, struct page *,
		    const struct cat_process *, const char *const *);
static int	rec_progress(struct tmpl_vars *, struct page *,
		    const struct cat_process *, const char *const *);
static void	action_main(struct tmpl_vars *, struct page *,
		    const struct cat_process *, const struct rowset *,
		    struct html *);
static void	action_evidence(struct html *, const char *, enum lang);
static void	action_reason(struct tmpl_vars *, const char *, enum lang);
/* A reason category's label in each language, as the queries name it. */
static const char *const reason_columns[LANG_COUNT] = {
	"reason_fi", "reason_sv", "reason_en"
};
static void	action_recs(struct html *, struct page *,
		    const struct cat_process *, const struct rowset *);

static void
rec_label(struct buf *b, const char *number, const char *body)
{
	if (number != NULL && *number != '\0')
		buf_printf(b, "%s. ", number);
	buf_puts(b, body);
}

static void
schedule_text(struct buf *b, const struct rowset *rs, int row, enum lang lang)
{
	struct schedule	 sc;
	const char	*kind = RV(rs, row, sched_kind);

	memset(&sc, 0, sizeof(sc));
	if (schedule_kind_from_name(kind, &sc.kind) == -1)
		return;
	if (sc.kind == SCHEDULE_CONTINUOUS) {
		buf_puts(b, T(lang, "Continuous"));
		return;
	}
	sc.start_month = atoi(RV(rs, row, start_month));
	sc.start_year = atoi(RV(rs, row, start_year));
	sc.end_month = atoi(RV(rs, row, end_month));
	sc.end_year = atoi(RV(rs, row, end_year));
	schedule_format(&sc, RV(rs, row, sched_text), b);
}

static void
status_cell(struct html *h, const struct rowset *rs, int row, enum lang lang,
    int *finnish)
{
	const struct catalog	*c = catalog_get();
	const struct status	*st = NULL;
	const char		*note;
	int			 fi;

	if (RL(rs, row, status_id) > 0)
		st = status_by_id(&c->statuses,
		    atoi(RV(rs, row, status_id)));
	if (st != NULL)
		page_status(h, st, lang, 0);
	note = rows_text(rs, row, &rs->col.status_note, lang, &fi);
	*finnish |= fi;
	if (*note != '\0')
		page_note(h, note, st != NULL, fi, lang);
}

/* The recommendation cell of a group's first row, spanning span rows. */
static void
row_rec(struct rows_out *o, int k, const char *rec_id, int span)
{
	const struct rowset	*rs = o->rs;
	struct progress		 p;
	struct verdict_summary	 vs;
	const char		*text;
	int			 fi;

	buf_reset(&o->label);
	text = rows_text(rs, k, &rs->col.rec_body, o->lang, &fi);
	*o->finnish |= fi;
	rec_label(&o->label,
	    RL(rs, k, rec_number) ? RV(rs, k, rec_number) : NULL, text);
	tv_text(&o->v, "rec", buf_cstr(&o->label));
	tv_text(&o->v, "rec_lang", lang_attr(o->lang, fi));
	tv_textf(&o->v, "rec_url", "/p/%s/r/%s%s", o->proc->slug, rec_id,
	    lang_query(o->lang));
	tv_textf(&o->v, "rowspan", "%d", span);
	tv_text(&o->v, "first", "1");
	if (o->table == NULL) {
		fi = 0;
		tv_text(&o->v, "process", cat_text(o->proc->title, o->lang,
		    &fi));
		tv_text(&o->v, "process_lang", lang_attr(o->lang, fi));
		*o->finnish |= fi;
		tv_textf(&o->v, "process_url", "/p/%s%s", o->proc->slug,
		    lang_query(o->lang));
	}
	html_free(&o->bar);
	html_init(&o->bar);
	if (o->progress != NULL && progress_find(o->progress, rec_id,
	    &p) == 0)
		page_progress(&o->bar, p.percent, o->lang);
	if (o->verdict != NULL && verdict_set_find(o->verdict,
	    strtoll(rec_id, NULL, 10), &vs) == 0)
		page_verdict_short(&o->bar, &vs, o->lang);
	tv_html(&o->v, "progress", &o->bar);
}

/* The sub-recommendation or specification a row's action answers. */
static void
row_node(struct rows_out *o, int k, const char *rec_id)
{
	const struct rowset	*rs = o->rs;
	const char		*text;
	int			 fi;

	if (strcmp(RV(rs, k, node_id), rec_id) == 0)
		return;
	buf_reset(&o->label);
	text = rows_text(rs, k, &rs->col.node_body, o->lang, &fi);
	*o->finnish |= fi;
	rec_label(&o->label, RL(rs, k, node_number) ? RV(rs, k, node_number) :
	    NULL, text);
	tv_text(&o->v, "node", buf_cstr(&o->label));
	tv_text(&o->v, "node_sub", strcmp(RV(rs, k, node_kind), "sub") == 0 ?
	    "1" : "");
	tv_text(&o->v, "node_lang", lang_attr(o->lang, fi));
	tv_textf(&o->v, "node_url", "/p/%s/r/%s%s", o->proc->slug,
	    RV(rs, k, node_id), lang_query(o->lang));
}

/*
 * The text of column t of row k, its lines kept, into cell (emptied
 * first) and the template variables var and lang_var (the language it
 * is in); *finnish is set when it is Finnish in place of the reader's.
 */
static const char *
text_cell(struct tmpl_vars *tv, struct html *cell, const struct rowset *rs,
    int k, const struct row_text *t, enum lang lang, int *finnish,
    const char *var, const char *lang_var)
{
	const char	*text;
	int		 fi;

	html_free(cell);
	html_init(cell);
	text = rows_text(rs, k, t, lang, &fi);
	*finnish |= fi;
	html_text_lines(cell, text);
	tv_html(tv, var, cell);
	tv_text(tv, lang_var, lang_attr(lang, fi));
	return text;
}

static void
row_action(struct rows_out *o, int k)
{
	const struct rowset	*rs = o->rs;

	if (RL(rs, k, action_id) <= 0)
		return;
	text_cell(&o->v, &o->cell, rs, k, &rs->col.action_body, o->lang,
	    o->finnish, "action", "action_lang");
	tv_textf(&o->v, "action_url", "/p/%s/a/%s%s", o->proc->slug,
	    RV(rs, k, action_id), lang_query(o->lang));
	tv_text(&o->v, "has_action", "1");
}

/*
 * Row k of the table into group; span is the number of rows its
 * recommendation cell spans, 0 when the row has none.
 */
static void
render_row(struct rows_out *o, struct html *group, int k, const char *rec_id,
    int span)
{
	const struct rowset	*rs = o->rs;

	tv_reset(&o->v);
	o->proc = rows_process(rs, k, o->table);
	tv_text(&o->v, "content_lang", o->content_lang);
	tv_text(&o->v, "embed", o->embed ? "1" : "");
	if (span > 0)
		row_rec(o, k, rec_id, span);
	row_node(o, k, rec_id);
	row_action(o, k);
	buf_reset(&o->sched);
	schedule_text(&o->sched, rs, k, o->lang);
	tv_text(&o->v, "schedule", buf_cstr(&o->sched));
	html_free(&o->status);
	html_init(&o->status);
	status_cell(&o->status, rs, k, o->lang, o->finnish);
	tv_html(&o->v, "status", &o->status);
	html_free(&o->units);
	html_init(&o->units);
	page_units(&o->units, RV(rs, k, unit_ids), o->lang, 0);
	tv_html(&o->v, "units", &o->units);
	text_cell(&o->v, &o->cell, rs, k, &rs->col.info, o->lang, o->finnish,
	    "info", "info_lang");
	tmpl_render(group, tpl("process.row"), &o->v, o->lang);
}

/*
 * The table body: rows of the same recommendation form one group whose
 * header cell spans them, when grouped is set (the recommendation
 * order); otherwise every row names its recommendation. With progress
 * (the recommendations' progress), the recommendation cell is shown and
 * says how far it has got; without, there is no such cell, except in
 * the directory (proc NULL), where it names the process too. In an
 * embed, links open the full site in a new window.
 */
static void
render_rows(struct html *out, const struct rowset *rs,
    const struct cat_process *proc, enum lang lang, int grouped,
    const struct progress_set *progress, const struct verdict_set *verdict,
    int embed, int *finnish)
{
	int			 show_rec = progress != NULL || proc == NULL;
	struct rows_out		 o;
	struct tmpl_vars	 g;
	struct html		 group;
	int			 i, n = rs->n, j;
	const char		*rec_id;

	o.rs = rs;
	o.proc = o.table = proc;
	o.embed = embed;
	o.lang = lang;
	o.content_lang = lang_attr(lang, 1);
	o.finnish = finnish;
	o.progress = progress;
	o.verdict = verdict;
	tv_init(&o.v);
	html_init(&o.cell);
	html_init(&o.status);
	html_init(&o.units);
	html_init(&o.bar);
	buf_init(&o.label);
	buf_init(&o.sched);
	tv_init(&g);
	html_init(&group);
	for (i = 0; i < n; i = j) {
		rec_id = RV(rs, i, rec_id);
		for (j = i + 1; grouped && j < n && strcmp(rec_id,
		    RV(rs, j, rec_id)) == 0; j++)
			;
		if (!grouped)
			j = i + 1;
		/* A recommendation's rows are one <tbody>. */
		html_free(&group);
		html_init(&group);
		for (int k = i; k < j; k++)
			render_row(&o, &group, k, rec_id,
			    k == i && show_rec ? j - i : 0);
		tv_reset(&g);
		tv_html(&g, "rows", &group);
		tmpl_render(out, tpl("process.group"), &g, lang);
	}
	buf_free(&o.label);
	buf_free(&o.sched);
	html_free(&o.cell);
	html_free(&o.status);
	html_free(&o.units);
	html_free(&o.bar);
	html_free(&group);
	tv_free(&o.v);
	tv_free(&g);
}

/*
 * tv emptied, with the address of page of view w at its results as
 * "url" (u is scratch; w's page becomes page).
 */
static void
results_link(struct tmpl_vars *tv, struct buf *u, struct view *w, long page)
{
	w->page = page;
	buf_reset(u);
	view_url(u, w);
	buf_puts(u, RESULTS_ANCHOR);
	tv_reset(tv);
	tv_text(tv, "url", buf_cstr(u));
}

/* Page links: first, last, and two either side of the current one. */
static void
render_pager(struct html *out, const struct view *v, long pages, long total)
{
	struct tmpl_vars	 tv;
	struct view		 w = *v;
	struct html		 items;
	struct buf		 u;
	long			 p;
	int			 gap = 0;

	if (pages <= 1)
		return;
	tv_init(&tv);
	html_init(&items);
	buf_init(&u);
	if (v->page > 1) {
		results_link(&tv, &u, &w, v->page - 1);
		tmpl_render(&items, tpl("process.prev"), &tv, v->lang);
	}
	for (p = 1; p <= pages; p++) {
		if (p != 1 && p != pages && (p < v->page - 2 ||
		    p > v->page + 2)) {
			if (!gap) {
				tv_reset(&tv);
				tmpl_render(&items, tpl("process.gap"), &tv,
				    v->lang);
			}
			gap = 1;
			continue;
		}
		gap = 0;
		results_link(&tv, &u, &w, p);
		tv_textf(&tv, "n", "%ld", p);
		tv_textf(&tv, "pages", "%ld", pages);
		tv_text(&tv, "current", p == v->page ? "1" : "");
		tmpl_render(&items, tpl("process.page"), &tv, v->lang);
	}
	if (v->page < pages) {
		results_link(&tv, &u, &w, v->page + 1);
		tmpl_render(&items, tpl("process.next"), &tv, v->lang);
	}
	tv_reset(&tv);
	tv_html(&tv, "items", &items);
	tmpl_render(out, tpl("process.pager"), &tv, v->lang);
	(void)total;
	html_free(&items);
	buf_free(&u);
	tv_free(&tv);
}

/* An option of a filter's list into opts (o is scratch). */
static void
filter_option(struct html *opts, struct tmpl_vars *o, const char *value,
    const char *label, int selected, enum lang lang)
{
	tv_reset(o);
	tv_text(o, "value", value);
	tv_text(o, "label", label);
	tv_text(o, "selected", selected ? "1" : "");
	tmpl_render(opts, tpl("fragments.option"), o, lang);
}

static void
render_filters(struct tmpl_vars *tv, const struct view *v)
{
	const struct catalog	*c = catalog_get();
	struct tmpl_vars	 o;
	struct html		 opts;
	size_t			 i;
	char			 value[16];
	static const int	 pers[] = { 10, 25, 50, 100, PER_ALL };

	tv_init(&o);
	html_init(&opts);
	for (i = 0; i < c->statuses.count; i++)
		filter_option(&opts, &o, c->statuses.items[i].code,
		    c->statuses.items[i].label[v->lang],
		    v->status == &c->statuses.items[i], v->lang);
	tv_html(tv, "status_options", &opts);
	html_free(&opts);
	filter_units(tv, v);
	if (v->directory)
		filter_processes(tv, v);
	html_init(&opts);
	for (i = 0; i < VIEW_STATES; i++)
		filter_option(&opts, &o, view_states[i], T(v->lang,
		    view_state_label(view_states[i])), v->state != NULL &&
		    strcmp(v->state, view_states[i]) == 0, v->lang);
	tv_html(tv, "state_options", &opts);
	html_free(&opts);
	html_init(&opts);
	for (i = 0; i < sizeof(pers) / sizeof(pers[0]); i++) {
		snprintf(value, sizeof(value), "%d", pers[i]);
		filter_option(&opts, &o, pers[i] == PER_ALL ? "all" : value,
		    pers[i] == PER_ALL ? T(v->lang, "all") : value,
		    v->per == pers[i], v->lang);
	}
	tv_html(tv, "per_options", &opts);
	html_free(&opts);
	tv_free(&o);
}

/*
 * The units to filter by: those with actions in the process, or in the
 * directory every unit.
 */
static void
filter_units(struct tmpl_vars *tv, const struct view *v)
{
	const struct cat_unit	*units = v->directory ?
	    v->catalog->units : v->proc->units;
	size_t			 n = v->directory ? v->catalog->nunits :
	    v->proc->nunits, i;
	struct tmpl_vars	 o;
	struct html		 opts;
	char			 value[32];
	int			 fi;

	tv_init(&o);
	html_init(&opts);
	for (i = 0; i < n; i++) {
		snprintf(value, sizeof(value), "%lld", units[i].id);
		fi = 0;
		filter_option(&opts, &o, value, cat_text(units[i].label,
		    v->lang, &fi), v->unit == &units[i], v->lang);
	}
	tv_html(tv, "unit_options", &opts);
	html_free(&opts);
	tv_free(&o);
}

/* The directory's process and year filters: the published processes. */
static void
filter_processes(struct tmpl_vars *tv, const struct view *v)
{
	const struct catalog	*c = v->catalog;
	struct tmpl_vars	 o;
	struct html		 procs, years;
	size_t			 i, k;
	char			 value[16];
	int			 fi;

	tv_init(&o);
	html_init(&procs);
	html_init(&years);
	for (i = 0; i < c->nprocs; i++) {
		if (!c->procs[i].published)
			continue;
		fi = 0;
		filter_option(&procs, &o, c->procs[i].slug,
		    cat_text(c->procs[i].title, v->lang, &fi),
		    v->proc == &c->procs[i], v->lang);
		/* Each year once, at its first process. */
		for (k = 0; k < i && (!c->procs[k].published ||
		    c->procs[k].year != c->procs[i].year); k++)
			;
		if (k < i || c->procs[i].year <= 0)
			continue;
		snprintf(value, sizeof(value), "%d", c->procs[i].year);
		filter_option(&years, &o, value, value,
		    v->year == c->procs[i].year, v->lang);
	}
	tv_html(tv, "process_options", &procs);
	tv_html(tv, "year_options", &years);
	html_free(&procs);
	html_free(&years);
	tv_free(&o);
}

/* Column headers: a link that sorts, aria-sort on the sorted one. */
static void
process_heads(struct html *heads, const struct view *v)
{
	struct tmpl_vars	 hv;
	struct buf		 u;
	struct view		 w;
	int			 col;

	tv_init(&hv);
	buf_init(&u);
	for (col = 0; col < SORT_COUNT; col++) {
		w = *v;
		w.sort = (enum sort_col)col;
		w.desc = (int)v->sort == col ? !v->desc : 0;
		results_link(&hv, &u, &w, 1);
		tv_text(&hv, "label", T(v->lang, sort_labels[col]));
		tv_text(&hv, "sorted", (int)v->sort == col ? (v->desc ?
		    "descending" : "ascending") : "");
		tv_text(&hv, "next_desc", w.desc ? "1" : "");
		tmpl_render(heads, tpl("process.th"), &hv, v->lang);
	}
	buf_free(&u);
	tv_free(&hv);
}

/*
 * The page's title: the process's, then what the view shows of it, so
 * that a tab, a bookmark and the history tell views apart ("Paneeli –
 * Hae ”nuori”, Käynnissä, Sivu 2").
 */
static void
view_title(struct page *pg, const struct view *v, const char *text)
{
	struct buf	*t = &pg->title;
	int		 fi;
	const char	*sep = " – ";

	buf_reset(t);
	buf_puts(t, text);
	if (v->directory && v->proc != NULL) {
		fi = 0;
		buf_puts(t, sep);
		utf8_put_short(t, cat_text(v->proc->title, v->lang, &fi),
		    TITLE_PART_CHARS);
		sep = ", ";
	}
	if (v->year != 0) {
		buf_printf(t, "%s%d", sep, v->year);
		sep = ", ";
	}
	if (v->q != NULL) {
		buf_printf(t, "%s%s ”", sep, T(v->lang, "Search"));
		utf8_put_short(t, v->q, TITLE_PART_CHARS);
		buf_puts(t, "”");
		sep = ", ";
	}
	if (v->status != NULL) {
		buf_printf(t, "%s%s", sep, v->status->label[v->lang]);
		sep = ", ";
	}
	if (v->unit != NULL) {
		fi = 0;
		buf_puts(t, sep);
		utf8_put_short(t, cat_text(v->unit->label, v->lang, &fi),
		    TITLE_PART_CHARS);
		sep = ", ";
	}
	if (v->since != NULL) {
		buf_printf(t, "%s%s ", sep, T(v->lang, "Changed since"));
		date_format(t, v->since, strlen(v->since), v->lang);
		sep = ", ";
	}
	if (v->state != NULL) {
		buf_printf(t, "%s%s", sep, T(v->lang, view_state_label(
		    v->state)));
		sep = ", ";
	}
	if (v->page > 1)
		buf_printf(t, "%s%s %ld", sep, T(v->lang, "Page"), v->page);
}

/* The process's title, question and description, and the page's title. */
static void
process_texts(struct tmpl_vars *tv, struct page *pg, const struct view *v)
{
	const struct cat_process	*proc = v->proc;
	struct view			 w;
	const char			*text;
	int				 fi;

	fi = 0;
	text = cat_text(proc->title, v->lang, &fi);
	view_title(pg, v, text);
	buf_reset(&pg->path);
	w = *v;
	w.lang = LANG_FI;
	w.embed = 0;
	view_url(&pg->path, &w);

	tv_text(tv, "title", text);
	tv_text(tv, "title_lang", lang_attr(v->lang, fi));
	tv_textf(tv, "report_url", "/p/%s/report%s", proc->slug,
	    lang_query(v->lang));
	pg->finnish |= fi;
	fi = 0;
	tv_text(tv, "question", cat_text(proc->question, v->lang, &fi));
	tv_text(tv, "question_lang", lang_attr(v->lang, fi));
	pg->finnish |= fi;
	fi = 0;
	tv_text(tv, "description", cat_text(proc->description, v->lang,
	    &fi));
	tv_text(tv, "description_lang", lang_attr(v->lang, fi));
	pg->finnish |= fi;
	page_describe(pg, *cat_text(proc->description, v->lang, &fi) != '\0' ?
	    cat_text(proc->description, v->lang, &fi) :
	    cat_text(proc->question, v->lang, &fi));
}

/* The directory's title and the page's. */
static void
directory_texts(struct tmpl_vars *tv, struct page *pg, const struct view *v)
{
	struct view	w;

	view_title(pg, v, T(v->lang, "Actions of every process"));
	buf_reset(&pg->path);
	w = *v;
	w.lang = LANG_FI;
	w.embed = 0;
	view_url(&pg->path, &w);
	tv_text(tv, "title", T(v->lang, "Actions of every process"));
	tv_text(tv, "directory", "1");
	page_describe(pg, T(v->lang, "Every action that answers residents' "
	    "recommendations, in every published process: search, filter "
	    "and download them."));
}

/* The first page, the downloads, the filters cleared, home and feed. */
static void
process_links(struct tmpl_vars *tv, struct page *pg, const struct view *v)
{
	const struct cat_process	*proc = v->proc;
	struct buf			 u;
	struct view			 w;

	buf_init(&u);
	tv_text(tv, "embed", v->embed ? "1" : "");
	w = *v;
	w.page = 1;
	view_url(&u, &w);
	tv_text(tv, "first_url", buf_cstr(&u));
	/* Downloads: every row the search and filters select. */
	w.per = PER_ALL;
	buf_reset(&u);
	view_url_as(&u, &w, ".csv");
	tv_text(tv, "csv_url", buf_cstr(&u));
	url_param(&u, "dialect", "rfc4180");
	tv_text(tv, "csv_rfc_url", buf_cstr(&u));
	buf_reset(&u);
	view_url_as(&u, &w, ".xlsx");
	tv_text(tv, "xlsx_url", buf_cstr(&u));
	buf_reset(&u);
	view_url_as(&u, &w, ".json");
	tv_text(tv, "json_url", buf_cstr(&u));
	/* The form's action and the view without filters: in an embed,
	 * the embed's own. */
	w = *v;
	w.embed = 0;
	w.page = 1;
	buf_reset(&u);
	view_url(&u, &w);
	tv_text(tv, "full_url", buf_cstr(&u));
	memset(&w, 0, sizeof(w));
	w.directory = v->directory;
	w.embed = v->embed;
	w.proc = v->directory ? NULL : proc;
	w.per = PER_DEFAULT;
	buf_reset(&u);
	view_url(&u, &w);
	tv_text(tv, "form_action", buf_cstr(&u));
	tv_textf(tv, "clear_url", "%s%s", buf_cstr(&u), lang_query(v->lang));
	tv_textf(tv, "home", "/%s", lang_query(v->lang));
	if (v->directory) {
		snprintf(pg->feed, sizeof(pg->feed), "/feed.atom%s",
		    lang_query(v->lang));
		tv_text(tv, "feed", pg->feed);
		buf_free(&u);
		return;
	}
	snprintf(pg->feed, sizeof(pg->feed), "/p/%s/feed.atom%s",
	    proc->slug, lang_query(v->lang));
	tv_text(tv, "feed", pg->feed);
	tv_textf(tv, "follow", "/follow?process=%s%s", proc->slug,
	    lang_param(v->lang));
	buf_free(&u);
}

/*
 * The reporting rounds of process v->proc that are open or closed
 * within 90 days and have a public report, into tv as rounds.
 */
static int
process_rounds(struct tmpl_vars *tv, const struct view *v)
{
	struct html	 out;
	char		 pid[32];
	int		 n;

	html_init(&out);
	snprintf(pid, sizeof(pid), "%lld", (long long)v->proc->id);
	n = page_public_rounds(&out, pid, 90, 5, v->lang);
	tv_html(tv, "rounds", &out);
	html_free(&out);
	return n;
}

/*
 * The table's rows, each recommendation with its progress: 0, or -1
 * when the database failed.
 */
static int
process_table(struct html *rows, const struct view *v,
    const struct rowset *rs, int *finnish)
{
	struct progress_set	 ps;
	struct verdict_set	 vs;
	int			 rc;

	if (v->directory) {
		/* Progress is a process's; the directory names them. */
		render_rows(rows, rs, NULL, v->lang, v->sort ==
		    SORT_RECOMMENDATION, NULL, NULL, v->embed, finnish);
		return 0;
	}
	progress_init(&ps);
	verdict_set_init(&vs);
	if ((rc = progress_load(&ps, v->proc)) == 0 &&
	    (rc = verdict_set_load(&vs, v->proc)) == 0)
		render_rows(rows, rs, v->proc, v->lang,
		    v->sort == SORT_RECOMMENDATION, &ps, &vs, v->embed,
		    finnish);
	verdict_set_free(&vs);
	progress_free(&ps);
	return rc;
}

/* What the table's template says about the view and its rows. */
static void
view_vars(struct tmpl_vars *tv, const struct view *v,
    const struct view_rows *vr, long pages)
{
	long	from, to;

	tv_text(tv, "content_lang", lang_attr(v->lang, 1));
	tv_text(tv, "lang_code", v->lang == LANG_FI ? "" :
	    lang_codes[v->lang]);
	tv_text(tv, "q", v->q ? v->q : "");
	tv_text(tv, "sort", v->sort == SORT_RECOMMENDATION ? "" :
	    sort_names[v->sort]);
	tv_text(tv, "dir", v->desc ? "desc" : "");
	render_filters(tv, v);
	tv_textf(tv, "total", "%ld", vr->total);
	/* What the rows are, counted as the reports count: actions. */
	tv_textf(tv, "actions", "%ld", vr->actions);
	tv_text(tv, "without_actions", "");
	if (vr->without_actions > 0)
		tv_textf(tv, "without_actions", "%ld", vr->without_actions);
	from = v->per == PER_ALL ? 1 : (v->page - 1) * v->per + 1;
	to = from + vr->rs.n - 1;
	tv_textf(tv, "from", "%ld", from);
	tv_textf(tv, "to", "%ld", to);
	tv_textf(tv, "page", "%ld", v->page);
	tv_textf(tv, "pages", "%ld", pages);
	tv_text(tv, "has_rows", vr->rs.n > 0 ? "1" : "");
	tv_text(tv, "filtered", v->q || v->status || v->unit || v->since ||
	    v->state || (v->directory && (v->proc || v->year)) ? "1" : "");
	tv_text(tv, "since", v->since ? v->since : "");
	tv_text(tv, "past_end", vr->rs.n == 0 && vr->total > 0 ? "1" : "");
	tv_text(tv, "sort_label", T(v->lang, sort_labels[v->sort]));
	tv_text(tv, "sort_dir", T(v->lang, v->desc ? N_("descending") :
	    N_("ascending")));
}

int
render_process(struct page *pg, const struct view *v)
{
	struct view_rows		 vr;
	struct tmpl_vars		 tv;
	struct html			 rows, heads, pager;
	long				 pages;
	int				 rc = RENDER_FAILED, r;

	tv_init(&tv);
	html_init(&rows);
	html_init(&heads);
	html_init(&pager);
	if ((r = view_rows_select(&vr, v)) != 0) {
		if (r == VIEW_ROWS_REFUSED)
			rc = RENDER_REFUSED;
		goto out;
	}
	if (process_table(&rows, v, &vr.rs, &pg->finnish) == -1)
		goto out;
	process_heads(&heads, v);
	pages = v->per == PER_ALL ? 1 : (vr.total + v->per - 1) / v->per;
	render_pager(&pager, v, pages, vr.total);

	if (v->directory)
		directory_texts(&tv, pg, v);
	else
		process_texts(&tv, pg, v);
	view_vars(&tv, v, &vr, pages);
	tv_html(&tv, "heads", &heads);
	tv_html(&tv, "rows", &rows);
	tv_html(&tv, "pager", &pager);
	process_links(&tv, pg, v);
	if (!v->directory && process_rounds(&tv, v) == -1)
		goto out;
	tmpl_render(&pg->content, tpl("process"), &tv, v->lang);
	rc = RENDER_OK;
out:
	view_rows_free(&vr);
	tv_free(&tv);
	html_free(&rows);
	html_free(&heads);
	html_free(&pager);
	return rc;
}

/* How many of a process's actions have each status, as links. */
static void
index_summary(struct html *summary, const struct cat_process *p,
    enum lang lang)
{
	const struct catalog	*c = catalog_get();
	struct tmpl_vars	 sv;
	size_t			 s;

	tv_init(&sv);
	for (s = 0; s < c->statuses.count; s++) {
		if (p->status_counts[s] == 0)
			continue;
		tv_reset(&sv);
		tv_text(&sv, "label", c->statuses.items[s].label[lang]);
		tv_textf(&sv, "count", "%d", p->status_counts[s]);
		tv_textf(&sv, "position", "%d",
		    c->statuses.items[s].position);
		tv_textf(&sv, "code", "%s", c->statuses.items[s].code);
		tv_text(&sv, "final", c->statuses.items[s].is_final ?
		    "1" : "");
		tv_textf(&sv, "url", "/p/%s?%s%sstatus=%s", p->slug,
		    lang == LANG_FI ? "" : "lang=",
		    lang == LANG_FI ? "" : (lang == LANG_SV ? "sv&" : "en&"),
		    c->statuses.items[s].code);
		tmpl_render(summary, tpl("index.status"), &sv, lang);
	}
	if (p->no_status > 0) {
		tv_reset(&sv);
		tv_text(&sv, "label", T(lang, "No status"));
		tv_textf(&sv, "count", "%d", p->no_status);
		tv_text(&sv, "position", "0");
		tmpl_render(summary, tpl("index.status"), &sv, lang);
	}
	tv_free(&sv);
}

/* A published process in the front page's list. */
static void
index_process(struct html *list, const struct cat_process *p,
    struct page *pg, struct html *summary)
{
	struct tmpl_vars	 pv;
	struct html		 bar;
	int			 fi;

	tv_init(&pv);
	html_init(&bar);
	fi = 0;
	tv_text(&pv, "title", cat_text(p->title, pg->lang, &fi));
	tv_text(&pv, "title_lang", lang_attr(pg->lang, fi));
	pg->finnish |= fi;
	tv_textf(&pv, "url", "/p/%s%s", p->slug, lang_query(pg->lang));
	tv_text(&pv, "kind", T(pg->lang, kind_label(p->kind)));
	if (p->year > 0)
		tv_textf(&pv, "year", "%d", p->year);
	fi = 0;
	tv_text(&pv, "question", cat_text(p->question, pg->lang, &fi));
	tv_text(&pv, "question_lang", lang_attr(pg->lang, fi));
	pg->finnish |= fi;
	tv_text(&pv, "content_lang", lang_attr(pg->lang, 1));
	tv_textf(&pv, "actions", "%d", p->nacts);
	tv_textf(&pv, "done", "%d", p->ndone);
	if (p->nwont > 0)
		tv_textf(&pv, "wont", "%d", p->nwont);
	if (p->nrecs > 0)
		page_progress(&bar, p->progress, pg->lang);
	tv_html(&pv, "progress", &bar);
	tv_textf(&pv, "statuses_url", "/statuses%s", lang_query(pg->lang));
	tv_html(&pv, "summary", summary);
	tmpl_render(list, tpl("index.process"), &pv, pg->lang);
	html_free(&bar);
	tv_free(&pv);
}

int
render_index(struct page *pg)
{
	const struct catalog		*c = catalog_get();
	struct tmpl_vars		 tv;
	struct html			 list, summary;
	size_t				 i;
	int				 shown = 0;

	tv_init(&tv);
	html_init(&list);
	for (i = 0; i < c->nprocs; i++) {
		if (!c->procs[i].published)
			continue;
		shown++;
		html_init(&summary);
		index_summary(&summary, &c->procs[i], pg->lang);
		index_process(&list, &c->procs[i], pg, &summary);
		html_free(&summary);
	}
	tv_html(&tv, "processes", &list);
	tv_text(&tv, "empty", shown == 0 ? "1" : "");
	page_set_title(pg, "%s",
	    T(pg->lang, "Residents' recommendations and what became of them"));
	buf_reset(&pg->path);
	buf_puts(&pg->path, "/");
	snprintf(pg->feed, sizeof(pg->feed), "/feed.atom%s",
	    lang_query(pg->lang));
	tv_text(&tv, "feed", pg->feed);
	tv_textf(&tv, "directory_url", "/actions%s", lang_query(pg->lang));
	tmpl_render(&pg->content, tpl("index"), &tv, pg->lang);
	html_free(&list);
	tv_free(&tv);
	return RENDER_OK;
}

/*
 * The recommendation params[1] of process params[0], its parent and the
 * response: RENDER_OK, RENDER_NOT_FOUND or RENDER_FAILED.
 */
static int
rec_head(struct tmpl_vars *tv, struct page *pg,
    const struct cat_process *proc, const char *const *params)
{
	struct kore_pgsql	 sql;
	struct row_text		 body, parent;
	struct html		 reason;
	struct buf		 b;
	const char		*kind;
	int			 fi, rc = RENDER_FAILED;

	html_init(&reason);
	buf_init(&b);
	if (db_read(&sql, "SELECT r.kind, r.number, r.body, r.body_sv, "
	    "r.body_en, p.id AS parent_id, p.number AS parent_number, "
	    "p.body AS parent_body, p.body_sv AS parent_body_sv, "
	    "p.body_en AS parent_body_en, "
	    "coalesce(r.response, '') AS response, r.response_reason, "
	    "coalesce(c.label_fi, '') AS reason_fi, "
	    "coalesce(c.label_sv, '') AS reason_sv, "
	    "coalesce(c.label_en, '') AS reason_en "
	    "FROM recommendation r LEFT JOIN recommendation p ON "
	    "p.id = r.parent_id LEFT JOIN reason_category c ON "
	    "c.id = r.response_reason_category WHERE r.process_id = $1 AND "
	    "r.id = $2 AND r.deleted_at IS NULL", 2, params) == -1)
		goto out;
	if (kore_pgsql_ntuples(&sql) != 1) {
		rc = RENDER_NOT_FOUND;
		goto out;
	}
	result_text_cols(&body, &sql, "body");
	result_text_cols(&parent, &sql, "parent_body");
	kind = db_text(&sql, 0, "kind");
	rec_label(&b, db_text(&sql, 0, "number"),
	    result_text(&sql, 0, &body, pg->lang, &fi));
	pg->finnish |= fi;
	tv_text(tv, "rec", buf_cstr(&b));
	tv_text(tv, "rec_lang", lang_attr(pg->lang, fi));
	item_title(tv, pg, proc, buf_cstr(&b));
	tv_text(tv, "kind", T(pg->lang, strcmp(kind, "recommendation") == 0 ?
	    N_("Recommendation") : (strcmp(kind, "sub") == 0 ?
	    N_("Sub-recommendation") : N_("Specification"))));
	if (*db_text(&sql, 0, "parent_id") != '\0') {
		buf_reset(&b);
		rec_label(&b, db_text(&sql, 0, "parent_number"),
		    result_text(&sql, 0, &parent, pg->lang, &fi));
		pg->finnish |= fi;
		tv_text(tv, "parent", buf_cstr(&b));
		tv_text(tv, "parent_lang", lang_attr(pg->lang, fi));
		tv_textf(tv, "parent_url", "/p/%s/r/%s%s", proc->slug,
		    db_text(&sql, 0, "parent_id"), lang_query(pg->lang));
	}
	if (*db_text(&sql, 0, "response") != '\0')
		tv_text(tv, "response", T(pg->lang, response_label(
		    db_text(&sql, 0, "response"))));
	tv_text(tv, "response_code", db_text(&sql, 0, "response"));
	tv_text(tv, "reason_category", db_text(&sql, 0,
	    reason_columns[pg->lang]));
	html_text_lines(&reason, db_text(&sql, 0, "response_reason"));
	tv_html(tv, "reason", &reason);
	if (*db_text(&sql, 0, "response_reason") != '\0')
		pg->finnish |= pg->lang != LANG_FI;
	/* Recommendations and numbered sub-recommendations are answered. */
	tv_text(tv, "answerable", strcmp(kind, "specification") != 0 ?
	    "1" : "");
	rc = RENDER_OK;
out:
	kore_pgsql_cleanup(&sql);
	html_free(&reason);
	buf_free(&b);
	return rc;
}

/*
 * How far recommendation params[1] of process proc has got, into tv:
 * 0, or -1 when the database failed.
 */
static int
rec_progress(struct tmpl_vars *tv, struct page *pg,
    const struct cat_process *proc, const char *const *params)
{
	struct progress_set	 ps;
	struct progress		 p;
	struct html		 bar;

	progress_init(&ps);
	html_init(&bar);
	if (progress_load(&ps, proc) == -1) {
		progress_free(&ps);
		return -1;
	}
	if (progress_find(&ps, params[1], &p) == 0) {
		page_progress(&bar, p.percent, pg->lang);
		tv_html(tv, "progress", &bar);
		if (p.actions > 0)
			tv_textf(tv, "progress_actions", "%d", p.actions);
		tv_text(tv, "progress_weighted", p.weighted ? "1" : "");
		if (p.unreported > 0)
			tv_textf(tv, "progress_unreported", "%d",
			    p.unreported);
		if (p.wont > 0)
			tv_textf(tv, "progress_wont", "%d", p.wont);
		tv_textf(tv, "statuses_url", "/statuses%s#progress",
		    lang_query(pg->lang));
	}
	html_free(&bar);
	progress_free(&ps);
	return 0;
}

/*
 * The panel's verdict on recommendation params[1] of process proc, and
 * the comments an admin let through, into tv: 0, or -1 when the
 * database failed.
 */
static int
rec_verdict(struct tmpl_vars *tv, struct page *pg,
    const struct cat_process *proc, const char *const *params)
{
	struct verdict_set	 vs;
	struct verdict_summary	 s;
	struct html		 out, comments;
	int			 rc = -1, n;

	verdict_set_init(&vs);
	html_init(&out);
	html_init(&comments);
	if (verdict_set_load(&vs, proc) == -1 ||
	    (n = db_render_rows(db_read, &comments,
	    tpl("fragments.verdict_comment"), pg->lang, rec_comment, NULL,
	    VERDICT_SQL_COMMENTS, 2, params)) == -1)
		goto out;
	if (verdict_set_find(&vs, strtoll(params[1], NULL, 10), &s) == 0 ||
	    n > 0) {
		page_verdict(&out, &s, &comments, VERDICT_MIN_ANSWERS,
		    pg->lang);
		tv_html(tv, "verdict", &out);
	}
	rc = 0;
out:
	html_free(&comments);
	html_free(&out);
	verdict_set_free(&vs);
	return rc;
}

/* A comment of the panel: its text, in the language it was written. */
static void
rec_comment(struct tmpl_vars *rv, struct kore_pgsql *sql, int row,
    enum lang lang, const void *arg)
{
	db_vars(rv, sql, row, "comment", (char *)NULL);
}

/* Links to the recommendation's children: 0, or -1 on a failure. */
static int
rec_children(struct html *children, struct page *pg,
    const struct cat_process *proc, const char *const *params)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 cv;
	struct row_text		 body;
	struct buf		 b;
	int			 i, id, number, fi;

	if (db_read(&sql, "SELECT id, number, body, body_sv, body_en FROM "
	    "recommendation WHERE process_id = $1 AND parent_id = $2 AND "
	    "deleted_at IS NULL ORDER BY position", 2, params) == -1) {
		kore_pgsql_cleanup(&sql);
		return -1;
	}
	tv_init(&cv);
	buf_init(&b);
	id = db_col(&sql, "id");
	number = db_col(&sql, "number");
	result_text_cols(&body, &sql, "body");
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		buf_reset(&b);
		rec_label(&b, kore_pgsql_getvalue(&sql, i, number),
		    result_text(&sql, i, &body, pg->lang, &fi));
		pg->finnish |= fi;
		tv_reset(&cv);
		tv_text(&cv, "label", buf_cstr(&b));
		tv_text(&cv, "content_lang", lang_attr(pg->lang, fi));
		tv_textf(&cv, "url", "/p/%s/r/%s%s", proc->slug,
		    kore_pgsql_getvalue(&sql, i, id), lang_query(pg->lang));
		tmpl_render(children, tpl("recommendation.child"), &cv,
		    pg->lang);
	}
	buf_free(&b);
	tv_free(&cv);
	kore_pgsql_cleanup(&sql);
	return 0;
}

int
render_recommendation(struct page *pg, const struct cat_process *proc,
    long long id)
{
	struct kore_pgsql	 rows;
	struct tmpl_vars	 tv;
	struct html		 children, table, history;
	struct rowset		 rs;
	const char		*params[2];
	char			 pid[32], rid[32];
	int			 rc;

	tv_init(&tv);
	html_init(&children);
	html_init(&table);
	html_init(&history);
	kore_pgsql_init(&rows);
	snprintf(pid, sizeof(pid), "%lld", proc->id);
	snprintf(rid, sizeof(rid), "%lld", id);
	params[0] = pid;
	params[1] = rid;
	if ((rc = rec_head(&tv, pg, proc, params)) != RENDER_OK)
		goto out;
	rc = RENDER_FAILED;
	if (rec_children(&children, pg, proc, params) == -1 ||
	    rec_progress(&tv, pg, proc, params) == -1 ||
	    rec_verdict(&tv, pg, proc, params) == -1 ||
	    render_history(&history, 'r', id, pg->lang) == -1)
		goto out;
	tv_html(&tv, "children", &children);
	tv_html(&tv, "history", &history);

	if (db_read(&rows, "SELECT " ROW_COLUMNS " FROM process_row WHERE "
	    "process_id = $1 AND (node_id = $2 OR recommendation_id = $2) "
	    "ORDER BY position", 2, params) == -1)
		goto out;
	rs = rowset_of(&rows);
	render_rows(&table, &rs, proc, pg->lang, 0, NULL, NULL, 0,
	    &pg->finnish);
	tv_html(&tv, "rows", &table);
	tv_textf(&tv, "count", "%d", kore_pgsql_ntuples(&rows));
	tv_text(&tv, "has_rows", kore_pgsql_ntuples(&rows) ? "1" : "");
	item_end(&tv, pg, proc, 'r', id, "recommendation");
	rc = RENDER_OK;
out:
	kore_pgsql_cleanup(&rows);
	tv_free(&tv);
	html_free(&children);
	html_free(&table);
	html_free(&history);
	return rc;
}

/*
 * The process's title in the reader's language (process, process_lang)
 * and the title of the page of one of its items: what – the process,
 * each shortened to TITLE_PART_CHARS.
 */
static void
item_title(struct tmpl_vars *tv, struct page *pg,
    const struct cat_process *proc, const char *what)
{
	const char	*ptitle;
	int		 fi = 0;

	ptitle = cat_text(proc->title, pg->lang, &fi);
	pg->finnish |= fi;
	tv_text(tv, "process", ptitle);
	tv_text(tv, "process_lang", lang_attr(pg->lang, fi));
	buf_reset(&pg->title);
	utf8_put_short(&pg->title, what, TITLE_PART_CHARS);
	buf_puts(&pg->title, " – ");
	utf8_put_short(&pg->title, ptitle, TITLE_PART_CHARS);
}

/*
 * What a recommendation's (kind 'r') and an action's ('a') page end
 * with: the link back to the process, the page's path, the template.
 */
static void
item_end(struct tmpl_vars *tv, struct page *pg,
    const struct cat_process *proc, char kind, long long id,
    const char *tplname)
{
	tv_textf(tv, "process_url", "/p/%s%s", proc->slug,
	    lang_query(pg->lang));
	if (kind == 'a')
		tv_textf(tv, "follow", "/follow?action=%lld%s", id,
		    lang_param(pg->lang));
	tv_text(tv, "content_lang", lang_attr(pg->lang, 1));
	buf_reset(&pg->path);
	buf_printf(&pg->path, "/p/%s/%c/%lld", proc->slug, kind, id);
	tmpl_render(&pg->content, tpl(tplname), tv, pg->lang);
}

#define HISTORY_COLUMNS \
	"SELECT changed_on, field, coalesce(before, '') AS before, " \
	"coalesce(after, '') AS after, coalesce(correction, '') AS correction "

/*
 * The changes of the public fields of an action (kind 'a') or of the
 * county's response to a recommendation ('r'), newest first.
 */
static int
render_history(struct html *out, char kind, long long id, enum lang lang)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 tv;
	const char		*params[3];
	char			 aid[32];
	int			 i, date, field, before, after, rc;

	snprintf(aid, sizeof(aid), "%lld", id);
	params[0] = aid;
	if (kind == 'a') {
		params[1] = T(lang, "Continuous");
		params[2] = lang_codes[lang];
		rc = db_read(&sql, HISTORY_COLUMNS
		    "FROM action_public_history($1, $2, $3)", 3, params);
	} else {
		params[1] = lang_codes[lang];
		rc = db_read(&sql, HISTORY_COLUMNS
		    "FROM recommendation_public_history($1, $2)", 2, params);
	}
	if (rc == -1) {
		kore_pgsql_cleanup(&sql);
		return -1;
	}
	date = db_col(&sql, "changed_on");
	field = db_col(&sql, "field");
	before = db_col(&sql, "before");
	after = db_col(&sql, "after");
	tv_init(&tv);
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		tv_reset(&tv);
		tv_date(&tv, "date", kore_pgsql_getvalue(&sql, i, date));
		history_change_vars(&tv, &catalog_get()->statuses,
		    kore_pgsql_getvalue(&sql, i, field),
		    kore_pgsql_getvalue(&sql, i, before),
		    kore_pgsql_getvalue(&sql, i, after), lang);
		tv_text(&tv, "correction", db_text(&sql, i, "correction"));
		tmpl_render(out, tpl("action.change"), &tv, lang);
	}
	tv_free(&tv);
	kore_pgsql_cleanup(&sql);
	return 0;
}

/* The action's text, schedule, status, units and information. */
static void
action_main(struct tmpl_vars *tv, struct page *pg,
    const struct cat_process *proc, const struct rowset *rs,
    struct html *parts)
{
	struct html	*body = &parts[0], *status = &parts[1];
	struct html	*info = &parts[2], units;
	struct buf	 b;
	const char	*text;

	buf_init(&b);
	text = text_cell(tv, body, rs, 0, &rs->col.action_body, pg->lang,
	    &pg->finnish, "action", "action_lang");
	tv_text(tv, "has_body", *text != '\0' ? "1" : "");
	page_describe(pg, text);
	item_title(tv, pg, proc, *text != '\0' ? text : T(pg->lang,
	    "Action"));
	schedule_text(&b, rs, 0, pg->lang);
	tv_text(tv, "schedule", buf_cstr(&b));
	status_cell(status, rs, 0, pg->lang, &pg->finnish);
	tv_html(tv, "status", status);
	html_init(&units);
	page_units(&units, RV(rs, 0, unit_ids), pg->lang, 1);
	tv_html(tv, "units", &units);
	html_free(&units);
	text_cell(tv, info, rs, 0, &rs->col.info, pg->lang, &pg->finnish,
	    "info", "info_lang");
	buf_free(&b);
}

/* Why the action will not be done: its reason's category (JSON), if any. */
static void
action_reason(struct tmpl_vars *tv, const char *doc, enum lang lang)
{
	static const char *const keys[LANG_COUNT] = {
		"label_fi", "label_sv", "label_en"
	};
	json_t	*c;

	tv_text(tv, "reason_category", "");
	if (*doc == '\0' || (c = json_loads(doc, 0, NULL)) == NULL)
		return;
	if (json_is_string(json_object_get(c, keys[lang])))
		tv_text(tv, "reason_category", json_string_value(
		    json_object_get(c, keys[lang])));
	json_decref(c);
}

/* Links to the evidence, one address a line. */
static void
action_evidence(struct html *evidence, const char *lines, enum lang lang)
{
	struct tmpl_vars	 lv;
	char			*links, *line, *save = NULL;

	/* Checked as http(s) addresses when they were saved. */
	tv_init(&lv);
	links = xstrdup(lines);
	for (line = strtok_r(links, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		tv_reset(&lv);
		tv_text(&lv, "url", line);
		tmpl_render(evidence, tpl("action.link"), &lv, lang);
	}
	free(links);
	tv_free(&lv);
}

/* The recommendations the action answers: one per row. */
static void
action_recs(struct html *recs, struct page *pg,
    const struct cat_process *proc, const struct rowset *rs)
{
	struct tmpl_vars	 cv;
	struct buf		 b;
	int			 i, fi;

	tv_init(&cv);
	buf_init(&b);
	for (i = 0; i < rs->n; i++) {
		buf_reset(&b);
		rec_label(&b, RL(rs, i, rec_number) ? RV(rs, i, rec_number) :
		    NULL, rows_text(rs, i, &rs->col.rec_body, pg->lang, &fi));
		pg->finnish |= fi;
		tv_reset(&cv);
		tv_text(&cv, "label", buf_cstr(&b));
		tv_text(&cv, "content_lang", lang_attr(pg->lang, fi));
		tv_textf(&cv, "url", "/p/%s/r/%s%s", proc->slug,
		    RV(rs, i, rec_id), lang_query(pg->lang));
		if (strcmp(RV(rs, i, node_id), RV(rs, i, rec_id)) != 0) {
			buf_reset(&b);
			rec_label(&b, RL(rs, i, node_number) ?
			    RV(rs, i, node_number) : NULL, rows_text(rs, i,
			    &rs->col.node_body, pg->lang, &fi));
			pg->finnish |= fi;
			tv_text(&cv, "node", buf_cstr(&b));
			tv_text(&cv, "node_lang", lang_attr(pg->lang, fi));
			tv_textf(&cv, "node_url", "/p/%s/r/%s%s",
			    proc->slug, RV(rs, i, node_id),
			    lang_query(pg->lang));
		}
		tmpl_render(recs, tpl("action.rec"), &cv, pg->lang);
	}
	buf_free(&b);
	tv_free(&cv);
}

int
render_action(struct page *pg, const struct cat_process *proc, long long id)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 tv;
	struct html		 parts[3], recs, history, evidence, milestones;
	struct rowset		 rs;
	const char		*params[2];
	char			 pid[32], aid[32];
	int			 i, rc = RENDER_FAILED;

	tv_init(&tv);
	for (i = 0; i < 3; i++)
		html_init(&parts[i]);
	html_init(&recs);
	html_init(&history);
	html_init(&evidence);
	html_init(&milestones);
	snprintf(pid, sizeof(pid), "%lld", proc->id);
	snprintf(aid, sizeof(aid), "%lld", id);
	params[0] = pid;
	params[1] = aid;
	/* One row of the public table carries everything shown. */
	if (db_read(&sql, "SELECT " ROW_COLUMNS ", "
	    "to_char((SELECT updated_at FROM action WHERE id = $2), "
	    "'YYYY-MM-DD') AS updated, "
	    "(SELECT array_to_string(evidence, E'\\n') "
	    "FROM action WHERE id = $2) AS evidence, "
	    "(SELECT row_to_json(c) FROM action a JOIN reason_category c "
	    "ON c.id = a.reason_category WHERE a.id = $2) AS reason "
	    "FROM process_row WHERE process_id = $1 AND "
	    "action_id = $2 ORDER BY position", 2, params) == -1)
		goto out;
	rs = rowset_of(&sql);
	if (rs.n == 0) {
		rc = kore_pgsql_ntuples(&sql) == 0 ? RENDER_NOT_FOUND :
		    RENDER_FAILED;
		goto out;
	}
	action_main(&tv, pg, proc, &rs, parts);
	tv_date(&tv, "updated", db_text(&sql, 0, "updated"));
	action_evidence(&evidence, db_text(&sql, 0, "evidence"), pg->lang);
	action_reason(&tv, db_text(&sql, 0, "reason"), pg->lang);
	tv_html(&tv, "evidence", &evidence);
	action_recs(&recs, pg, proc, &rs);
	tv_html(&tv, "recs", &recs);
	kore_pgsql_cleanup(&sql);
	if (render_history(&history, 'a', id, pg->lang) == -1 ||
	    milestones_render(&milestones, "action.milestone", aid, 0,
	    pg->lang) == -1)
		goto out;
	tv_html(&tv, "history", &history);
	tv_html(&tv, "milestones", &milestones);
	item_end(&tv, pg, proc, 'a', id, "action");
	rc = RENDER_OK;
out:
	kore_pgsql_cleanup(&sql);
	tv_free(&tv);
	for (i = 0; i < 3; i++)
		html_free(&parts[i]);
	html_free(&recs);
	html_free(&history);
	html_free(&evidence);
	html_free(&milestones);
	return rc;
}
