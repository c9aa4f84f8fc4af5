/*
 * Rendering of the public pages; see pages.h. The rows of a table come
 * from rows.c; every value reaches the page through the template
 * engine's escaping.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "db.h"
#include "catalog_cache.h"
#include "pages.h"
#include "rows.h"
#include "schedule.h"
#include "search.h"
#include "search_index.h"
#include "tmpl.h"
#include "url.h"

static const char *const sort_labels[SORT_COUNT] = {
	N_("Recommendation"), N_("Action"), N_("Schedule"), N_("Status"),
	N_("Responsible"), N_("Additional information")
};

static const char	*text_lang(enum lang, int);
static const char	*sql_text(struct kore_pgsql *, int, int, enum lang,
			    int *);
static void	rec_label(struct buf *, const char *, const char *);
static void	schedule_text(struct buf *, const struct rowset *, int,
		    enum lang);
static void	status_cell(struct html *, const struct rowset *, int,
		    enum lang, int *);
static void	render_rows(struct html *, const struct rowset *,
		    const struct cat_process *, enum lang, int, int, int *);
static void	render_pager(struct html *, const struct view *, long, long);
static int	render_history(struct html *, long long, enum lang);
static void	render_filters(struct tmpl_vars *, const struct view *);

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
	const char	*kind = RV(rs, row, R_SCHED_KIND);

	memset(&sc, 0, sizeof(sc));
	if (schedule_kind_from_name(kind, &sc.kind) == -1)
		return;
	if (sc.kind == SCHEDULE_CONTINUOUS) {
		buf_puts(b, T(lang, "Continuous"));
		return;
	}
	sc.start_month = atoi(RV(rs, row, R_START_M));
	sc.start_year = atoi(RV(rs, row, R_START_Y));
	sc.end_month = atoi(RV(rs, row, R_END_M));
	sc.end_year = atoi(RV(rs, row, R_END_Y));
	schedule_format(&sc, RV(rs, row, R_SCHED_TEXT), b);
}

static void
status_cell(struct html *h, const struct rowset *rs, int row, enum lang lang,
    int *finnish)
{
	const struct catalog	*c = catalog_get();
	const struct status	*st = NULL;
	const char		*note;
	int			 fi;

	if (RL(rs, row, R_STATUS_ID) > 0)
		st = status_by_id(&c->statuses,
		    atoi(RV(rs, row, R_STATUS_ID)));
	if (st != NULL)
		page_status(h, st, lang, 0);
	note = rows_text(rs, row, R_STATUS_NOTE, R_STATUS_NOTE_SV, lang, &fi);
	*finnish |= fi;
	if (*note != '\0')
		page_note(h, note, st != NULL, fi, lang);
}

/*
 * The table body: rows of the same recommendation form one group whose
 * header cell spans them, when grouped is set (the recommendation
 * order); otherwise every row names its recommendation.
 */
static void
render_rows(struct html *out, const struct rowset *rs,
    const struct cat_process *proc, enum lang lang, int grouped,
    int show_rec, int *finnish)
{
	struct tmpl_vars	 v, g;
	struct html		 cell, status, group;
	struct buf		 b, sched;
	int			 i, n = rs->n, j, span;
	const char		*rec_id, *content_lang, *text;
	int			 fi;

	tv_init(&v);
	tv_init(&g);
	html_init(&group);
	html_init(&cell);
	html_init(&status);
	buf_init(&b);
	buf_init(&sched);
	content_lang = lang == LANG_FI ? "" : "fi";
	for (i = 0; i < n; i = j) {
		rec_id = RV(rs, i, R_REC_ID);
		for (j = i + 1; grouped && j < n && strcmp(rec_id,
		    RV(rs, j, R_REC_ID)) == 0; j++)
			;
		if (!grouped)
			j = i + 1;
		span = j - i;
		/* A recommendation's rows are one <tbody>. */
		html_free(&group);
		html_init(&group);
		for (int k = i; k < j; k++) {
			tv_reset(&v);
			tv_text(&v, "content_lang", content_lang);
			if (k == i && show_rec) {
				buf_reset(&b);
				text = rows_text(rs, k, R_REC_BODY,
				    R_REC_BODY_SV, lang, &fi);
				*finnish |= fi;
				rec_label(&b, RL(rs, k,
				    R_REC_NUMBER) ? RV(rs, k,
				    R_REC_NUMBER) : NULL, text);
				tv_text(&v, "rec", buf_cstr(&b));
				tv_text(&v, "rec_lang", text_lang(lang, fi));
				tv_textf(&v, "rec_url", "/p/%s/r/%s%s",
				    proc->slug, rec_id,
				    lang_query(lang));
				tv_textf(&v, "rowspan", "%d", span);
				tv_text(&v, "first", "1");
			}
			if (strcmp(RV(rs, k, R_NODE_ID),
			    rec_id) != 0) {
				buf_reset(&b);
				text = rows_text(rs, k, R_NODE_BODY,
				    R_NODE_BODY_SV, lang, &fi);
				*finnish |= fi;
				rec_label(&b, RL(rs, k,
				    R_NODE_NUMBER) ? RV(rs,
				    k, R_NODE_NUMBER) : NULL, text);
				tv_text(&v, "node", buf_cstr(&b));
				tv_text(&v, "node_lang", text_lang(lang, fi));
				tv_textf(&v, "node_url", "/p/%s/r/%s%s",
				    proc->slug,
				    RV(rs, k, R_NODE_ID),
				    lang_query(lang));
			}
			if (RL(rs, k, R_ACTION_ID) > 0) {
				html_free(&cell);
				html_init(&cell);
				text = rows_text(rs, k, R_ACTION_BODY,
				    R_ACTION_BODY_SV, lang, &fi);
				*finnish |= fi;
				html_text_lines(&cell, text);
				tv_html(&v, "action", &cell);
				tv_text(&v, "action_lang", text_lang(lang, fi));
				tv_textf(&v, "action_url", "/p/%s/a/%s%s",
				    proc->slug,
				    RV(rs, k, R_ACTION_ID),
				    lang_query(lang));
				tv_text(&v, "has_action", "1");
			}
			buf_reset(&sched);
			schedule_text(&sched, rs, k, lang);
			tv_text(&v, "schedule", buf_cstr(&sched));
			html_free(&status);
			html_init(&status);
			status_cell(&status, rs, k, lang, finnish);
			tv_html(&v, "status", &status);
			tv_text(&v, "units", RV(rs, k,
			    R_UNITS));
			html_free(&cell);
			html_init(&cell);
			text = rows_text(rs, k, R_INFO, R_INFO_SV, lang, &fi);
			*finnish |= fi;
			html_text_lines(&cell, text);
			tv_html(&v, "info", &cell);
			tv_text(&v, "info_lang", text_lang(lang, fi));
			tmpl_render(&group, tpl("process.row"), &v, lang);
		}
		tv_reset(&g);
		tv_html(&g, "rows", &group);
		tmpl_render(out, tpl("process.group"), &g, lang);
	}
	buf_free(&b);
	buf_free(&sched);
	html_free(&cell);
	html_free(&status);
	html_free(&group);
	tv_free(&v);
	tv_free(&g);
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
		w.page = v->page - 1;
		buf_reset(&u);
		view_url(&u, &w);
		tv_reset(&tv);
		tv_text(&tv, "url", buf_cstr(&u));
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
		w.page = p;
		buf_reset(&u);
		view_url(&u, &w);
		tv_reset(&tv);
		tv_text(&tv, "url", buf_cstr(&u));
		tv_textf(&tv, "n", "%ld", p);
		tv_textf(&tv, "pages", "%ld", pages);
		tv_text(&tv, "current", p == v->page ? "1" : "");
		tmpl_render(&items, tpl("process.page"), &tv, v->lang);
	}
	if (v->page < pages) {
		w.page = v->page + 1;
		buf_reset(&u);
		view_url(&u, &w);
		tv_reset(&tv);
		tv_text(&tv, "url", buf_cstr(&u));
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

static void
render_filters(struct tmpl_vars *tv, const struct view *v)
{
	const struct catalog	*c = catalog_get();
	struct tmpl_vars	 o;
	struct html		 opts;
	size_t			 i;
	static const int	 pers[] = { 10, 25, 50, 100, PER_ALL };

	tv_init(&o);
	html_init(&opts);
	for (i = 0; i < c->statuses.count; i++) {
		tv_reset(&o);
		tv_text(&o, "value", c->statuses.items[i].code);
		tv_text(&o, "label", c->statuses.items[i].label[v->lang]);
		tv_text(&o, "selected", v->status == &c->statuses.items[i] ?
		    "1" : "");
		tmpl_render(&opts, tpl("process.option"), &o, v->lang);
	}
	tv_html(tv, "status_options", &opts);
	html_free(&opts);
	html_init(&opts);
	for (i = 0; i < v->proc->nunits; i++) {
		tv_reset(&o);
		tv_textf(&o, "value", "%lld", v->proc->units[i].id);
		tv_text(&o, "label", v->proc->units[i].name);
		tv_text(&o, "selected", v->unit == &v->proc->units[i] ?
		    "1" : "");
		tmpl_render(&opts, tpl("process.option"), &o, v->lang);
	}
	tv_html(tv, "unit_options", &opts);
	html_free(&opts);
	html_init(&opts);
	for (i = 0; i < sizeof(pers) / sizeof(pers[0]); i++) {
		tv_reset(&o);
		if (pers[i] == PER_ALL) {
			tv_text(&o, "value", "all");
			tv_text(&o, "label", T(v->lang, "all"));
		} else {
			tv_textf(&o, "value", "%d", pers[i]);
			tv_textf(&o, "label", "%d", pers[i]);
		}
		tv_text(&o, "selected", v->per == pers[i] ? "1" : "");
		tmpl_render(&opts, tpl("process.option"), &o, v->lang);
	}
	tv_html(tv, "per_options", &opts);
	html_free(&opts);
	tv_free(&o);
}

int
render_process(struct page *pg, const struct view *v)
{
	const struct cat_process	*proc = v->proc;
	struct view_rows		 vr;
	struct tmpl_vars		 tv, hv;
	struct html			 rows, heads, pager;
	struct buf			 u;
	struct view			 w;
	long				 total, pages, from, to;
	int				 col, rc = RENDER_FAILED, ntuples, fi;
	const char			*text;

	tv_init(&tv);
	tv_init(&hv);
	html_init(&rows);
	html_init(&heads);
	html_init(&pager);
	buf_init(&u);
	if ((col = view_rows_select(&vr, v)) != 0) {
		if (col == VIEW_ROWS_REFUSED)
			rc = RENDER_REFUSED;
		goto out;
	}
	total = vr.total;
	ntuples = vr.rs.n;
	render_rows(&rows, &vr.rs, proc, v->lang,
	    v->sort == SORT_RECOMMENDATION, 1, &pg->finnish);

	/* Column headers: a link that sorts, aria-sort on the sorted one. */
	for (col = 0; col < SORT_COUNT; col++) {
		w = *v;
		w.page = 1;
		w.sort = (enum sort_col)col;
		w.desc = (int)v->sort == col ? !v->desc : 0;
		buf_reset(&u);
		view_url(&u, &w);
		tv_reset(&hv);
		tv_text(&hv, "url", buf_cstr(&u));
		tv_text(&hv, "label", T(v->lang, sort_labels[col]));
		tv_text(&hv, "sorted", (int)v->sort == col ? (v->desc ?
		    "descending" : "ascending") : "");
		tv_text(&hv, "next_desc", w.desc ? "1" : "");
		tmpl_render(&heads, tpl("process.th"), &hv, v->lang);
	}

	pages = v->per == PER_ALL ? 1 : (total + v->per - 1) / v->per;
	render_pager(&pager, v, pages, total);

	fi = 0;
	text = cat_text(proc->title, v->lang, &fi);
	snprintf(pg->title, sizeof(pg->title), "%s", text);
	buf_reset(&pg->path);
	w = *v;
	w.lang = LANG_FI;
	view_url(&pg->path, &w);

	tv_text(&tv, "title", text);
	tv_text(&tv, "title_lang", text_lang(v->lang, fi));
	pg->finnish |= fi;
	fi = 0;
	tv_text(&tv, "question", cat_text(proc->question, v->lang, &fi));
	tv_text(&tv, "question_lang", text_lang(v->lang, fi));
	pg->finnish |= fi;
	fi = 0;
	tv_text(&tv, "description", cat_text(proc->description, v->lang,
	    &fi));
	tv_text(&tv, "description_lang", text_lang(v->lang, fi));
	pg->finnish |= fi;
	tv_text(&tv, "content_lang", v->lang == LANG_FI ? "" : "fi");
	tv_textf(&tv, "form_action", "/p/%s", proc->slug);
	tv_text(&tv, "lang_code", v->lang == LANG_FI ? "" :
	    lang_codes[v->lang]);
	tv_text(&tv, "q", v->q ? v->q : "");
	tv_text(&tv, "sort", v->sort == SORT_RECOMMENDATION ? "" :
	    sort_names[v->sort]);
	tv_text(&tv, "dir", v->desc ? "desc" : "");
	render_filters(&tv, v);
	tv_html(&tv, "heads", &heads);
	tv_html(&tv, "rows", &rows);
	tv_html(&tv, "pager", &pager);
	tv_textf(&tv, "total", "%ld", total);
	from = v->per == PER_ALL ? 1 : (v->page - 1) * v->per + 1;
	to = from + ntuples - 1;
	tv_textf(&tv, "from", "%ld", from);
	tv_textf(&tv, "to", "%ld", to);
	tv_textf(&tv, "page", "%ld", v->page);
	tv_textf(&tv, "pages", "%ld", pages);
	tv_text(&tv, "has_rows", ntuples > 0 ? "1" : "");
	tv_text(&tv, "filtered", v->q || v->status || v->unit || v->since ?
	    "1" : "");
	tv_text(&tv, "since", v->since ? v->since : "");
	tv_text(&tv, "past_end", ntuples == 0 && total > 0 ? "1" : "");
	tv_text(&tv, "sort_label", T(v->lang, sort_labels[v->sort]));
	tv_text(&tv, "sort_dir", T(v->lang, v->desc ? N_("descending") :
	    N_("ascending")));
	w = *v;
	w.page = 1;
	buf_reset(&u);
	view_url(&u, &w);
	tv_text(&tv, "first_url", buf_cstr(&u));
	/* Downloads: every row the search and filters select. */
	w.per = PER_ALL;
	buf_reset(&u);
	view_url_as(&u, &w, ".csv");
	tv_text(&tv, "csv_url", buf_cstr(&u));
	url_param(&u, "dialect", "rfc4180");
	tv_text(&tv, "csv_rfc_url", buf_cstr(&u));
	buf_reset(&u);
	view_url_as(&u, &w, ".xlsx");
	tv_text(&tv, "xlsx_url", buf_cstr(&u));
	buf_reset(&u);
	view_url_as(&u, &w, ".json");
	tv_text(&tv, "json_url", buf_cstr(&u));
	tv_textf(&tv, "clear_url", "/p/%s%s", proc->slug,
	    lang_query(v->lang));
	tv_textf(&tv, "home", "/%s", lang_query(v->lang));
	snprintf(pg->feed, sizeof(pg->feed), "/p/%s/feed.atom%s",
	    proc->slug, lang_query(v->lang));
	tv_text(&tv, "feed", pg->feed);
	tmpl_render(&pg->content, tpl("process"), &tv, v->lang);
	rc = RENDER_OK;
out:
	view_rows_free(&vr);
	tv_free(&tv);
	tv_free(&hv);
	html_free(&rows);
	html_free(&heads);
	html_free(&pager);
	buf_free(&u);
	return rc;
}

int
render_index(struct page *pg)
{
	const struct catalog		*c = catalog_get();
	const struct cat_process	*p;
	struct tmpl_vars		 tv, pv, sv;
	struct html			 list, summary;
	size_t				 i, s;
	int				 shown = 0, fi;

	tv_init(&tv);
	tv_init(&pv);
	tv_init(&sv);
	html_init(&list);
	html_init(&summary);
	for (i = 0; i < c->nprocs; i++) {
		p = &c->procs[i];
		if (!p->published)
			continue;
		shown++;
		html_free(&summary);
		html_init(&summary);
		for (s = 0; s < c->statuses.count; s++) {
			if (p->status_counts[s] == 0)
				continue;
			tv_reset(&sv);
			tv_text(&sv, "label",
			    c->statuses.items[s].label[pg->lang]);
			tv_textf(&sv, "count", "%d", p->status_counts[s]);
			tv_textf(&sv, "position", "%d",
			    c->statuses.items[s].position);
			tv_textf(&sv, "code", "%s", c->statuses.items[s].code);
			tv_text(&sv, "final", c->statuses.items[s].is_final ?
			    "1" : "");
			tv_textf(&sv, "url", "/p/%s?%s%sstatus=%s", p->slug,
			    pg->lang == LANG_FI ? "" : "lang=",
			    pg->lang == LANG_FI ? "" :
			    (pg->lang == LANG_SV ? "sv&" : "en&"),
			    c->statuses.items[s].code);
			tmpl_render(&summary, tpl("index.status"), &sv,
			    pg->lang);
		}
		if (p->no_status > 0) {
			tv_reset(&sv);
			tv_text(&sv, "label", T(pg->lang, "No status"));
			tv_textf(&sv, "count", "%d", p->no_status);
			tv_text(&sv, "position", "0");
			tmpl_render(&summary, tpl("index.status"), &sv,
			    pg->lang);
		}
		tv_reset(&pv);
		fi = 0;
		tv_text(&pv, "title", cat_text(p->title, pg->lang, &fi));
		tv_text(&pv, "title_lang", text_lang(pg->lang, fi));
		pg->finnish |= fi;
		tv_textf(&pv, "url", "/p/%s%s", p->slug,
		    lang_query(pg->lang));
		tv_text(&pv, "kind", T(pg->lang, kind_label(p->kind)));
		if (p->year > 0)
			tv_textf(&pv, "year", "%d", p->year);
		fi = 0;
		tv_text(&pv, "question", cat_text(p->question, pg->lang, &fi));
		tv_text(&pv, "question_lang", text_lang(pg->lang, fi));
		pg->finnish |= fi;
		tv_text(&pv, "content_lang", pg->lang == LANG_FI ? "" : "fi");
		tv_textf(&pv, "rows", "%d", p->nrows);
		tv_textf(&pv, "final", "%d", p->nfinal);
		tv_html(&pv, "summary", &summary);
		tmpl_render(&list, tpl("index.process"), &pv, pg->lang);
	}
	tv_html(&tv, "processes", &list);
	tv_text(&tv, "empty", shown == 0 ? "1" : "");
	snprintf(pg->title, sizeof(pg->title), "%s",
	    T(pg->lang, "Residents' recommendations and what became of them"));
	buf_reset(&pg->path);
	buf_puts(&pg->path, "/");
	snprintf(pg->feed, sizeof(pg->feed), "/feed.atom%s",
	    lang_query(pg->lang));
	tv_text(&tv, "feed", pg->feed);
	tmpl_render(&pg->content, tpl("index"), &tv, pg->lang);
	html_free(&list);
	html_free(&summary);
	tv_free(&tv);
	tv_free(&pv);
	tv_free(&sv);
	return RENDER_OK;
}

int
render_recommendation(struct page *pg, const struct cat_process *proc,
    long long id)
{
	struct kore_pgsql	 sql, rows;
	struct tmpl_vars	 tv, cv;
	struct html		 children, table, reason;
	struct rowset		 rs;
	struct buf		 b;
	const char		*params[2];
	char			 pid[32], rid[32];
	const char		*ptitle;
	int			 i, fi, rc = RENDER_FAILED;

	tv_init(&tv);
	tv_init(&cv);
	html_init(&children);
	html_init(&table);
	html_init(&reason);
	buf_init(&b);
	kore_pgsql_init(&rows);
	snprintf(pid, sizeof(pid), "%lld", proc->id);
	snprintf(rid, sizeof(rid), "%lld", id);
	params[0] = pid;
	params[1] = rid;
	if (db_query(&sql, "SELECT r.kind, r.number, r.body, p.id, p.number, "
	    "p.body, coalesce(r.response, ''), r.response_reason, "
	    "r.body, r.body_sv, r.body_en, p.body, p.body_sv, p.body_en "
	    "FROM recommendation r LEFT JOIN recommendation p ON "
	    "p.id = r.parent_id WHERE r.process_id = $1 AND r.id = $2 AND "
	    "r.deleted_at IS NULL", 2, params) == -1)
		goto out;
	if (kore_pgsql_ntuples(&sql) != 1) {
		rc = RENDER_NOT_FOUND;
		goto out;
	}
	rec_label(&b, kore_pgsql_getlength(&sql, 0, 1) ?
	    kore_pgsql_getvalue(&sql, 0, 1) : NULL,
	    sql_text(&sql, 0, 8, pg->lang, &fi));
	pg->finnish |= fi;
	tv_text(&tv, "rec", buf_cstr(&b));
	tv_text(&tv, "rec_lang", text_lang(pg->lang, fi));
	fi = 0;
	ptitle = cat_text(proc->title, pg->lang, &fi);
	pg->finnish |= fi;
	tv_text(&tv, "process", ptitle);
	tv_text(&tv, "process_lang", text_lang(pg->lang, fi));
	snprintf(pg->title, sizeof(pg->title), "%.200s – %.190s",
	    buf_cstr(&b), ptitle);
	tv_text(&tv, "kind", T(pg->lang, strcmp(kore_pgsql_getvalue(&sql, 0,
	    0), "recommendation") == 0 ? N_("Recommendation") :
	    (strcmp(kore_pgsql_getvalue(&sql, 0, 0), "sub") == 0 ?
	    N_("Sub-recommendation") : N_("Specification"))));
	if (kore_pgsql_getlength(&sql, 0, 3) > 0) {
		buf_reset(&b);
		rec_label(&b, kore_pgsql_getlength(&sql, 0, 4) ?
		    kore_pgsql_getvalue(&sql, 0, 4) : NULL,
		    sql_text(&sql, 0, 11, pg->lang, &fi));
		pg->finnish |= fi;
		tv_text(&tv, "parent", buf_cstr(&b));
		tv_text(&tv, "parent_lang", text_lang(pg->lang, fi));
		tv_textf(&tv, "parent_url", "/p/%s/r/%s%s", proc->slug,
		    kore_pgsql_getvalue(&sql, 0, 3),
		    lang_query(pg->lang));
	}
	if (kore_pgsql_getlength(&sql, 0, 6) > 0)
		tv_text(&tv, "response", T(pg->lang, response_label(
		    kore_pgsql_getvalue(&sql, 0, 6))));
	tv_text(&tv, "response_code", kore_pgsql_getvalue(&sql, 0, 6));
	html_text_lines(&reason, kore_pgsql_getvalue(&sql, 0, 7));
	tv_html(&tv, "reason", &reason);
	if (kore_pgsql_getlength(&sql, 0, 7) > 0)
		pg->finnish |= pg->lang != LANG_FI;
	/* Recommendations and numbered sub-recommendations are answered. */
	tv_text(&tv, "answerable", strcmp(kore_pgsql_getvalue(&sql, 0, 0),
	    "specification") != 0 ? "1" : "");
	kore_pgsql_cleanup(&sql);

	if (db_query(&sql, "SELECT id, number, body, body_sv, body_en FROM "
	    "recommendation WHERE process_id = $1 AND parent_id = $2 AND "
	    "deleted_at IS NULL ORDER BY position", 2, params) == -1)
		goto out;
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		buf_reset(&b);
		rec_label(&b, kore_pgsql_getlength(&sql, i, 1) ?
		    kore_pgsql_getvalue(&sql, i, 1) : NULL,
		    sql_text(&sql, i, 2, pg->lang, &fi));
		pg->finnish |= fi;
		tv_reset(&cv);
		tv_text(&cv, "label", buf_cstr(&b));
		tv_text(&cv, "content_lang", text_lang(pg->lang, fi));
		tv_textf(&cv, "url", "/p/%s/r/%s%s", proc->slug,
		    kore_pgsql_getvalue(&sql, i, 0),
		    lang_query(pg->lang));
		tmpl_render(&children, tpl("recommendation.child"), &cv,
		    pg->lang);
	}
	tv_html(&tv, "children", &children);

	if (db_query(&rows, "SELECT " ROW_COLUMNS " FROM process_row WHERE "
	    "process_id = $1 AND (node_id = $2 OR recommendation_id = $2) "
	    "ORDER BY position", 2, params) == -1)
		goto out;
	rs = rowset_of(&rows);
	render_rows(&table, &rs, proc, pg->lang, 0, 0, &pg->finnish);
	tv_html(&tv, "rows", &table);
	tv_textf(&tv, "count", "%d", kore_pgsql_ntuples(&rows));
	tv_text(&tv, "has_rows", kore_pgsql_ntuples(&rows) ? "1" : "");
	tv_textf(&tv, "process_url", "/p/%s%s", proc->slug,
	    lang_query(pg->lang));
	tv_text(&tv, "content_lang", pg->lang == LANG_FI ? "" : "fi");
	buf_reset(&pg->path);
	buf_printf(&pg->path, "/p/%s/r/%lld", proc->slug, id);
	tmpl_render(&pg->content, tpl("recommendation"), &tv, pg->lang);
	rc = RENDER_OK;
out:
	kore_pgsql_cleanup(&sql);
	kore_pgsql_cleanup(&rows);
	tv_free(&tv);
	tv_free(&cv);
	html_free(&children);
	html_free(&table);
	html_free(&reason);
	buf_free(&b);
	return rc;
}

/* The changes of an action's public fields, newest first. */
static int
render_history(struct html *out, long long id, enum lang lang)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 tv;
	const char		*params[2];
	char			 aid[32];
	int			 i;

	snprintf(aid, sizeof(aid), "%lld", id);
	params[0] = aid;
	params[1] = T(lang, "Continuous");
	if (db_query(&sql, "SELECT changed_on, field, coalesce(before, ''), "
	    "coalesce(after, '') FROM action_public_history($1, $2)", 2,
	    params) == -1) {
		kore_pgsql_cleanup(&sql);
		return -1;
	}
	tv_init(&tv);
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		tv_reset(&tv);
		tv_text(&tv, "date", kore_pgsql_getvalue(&sql, i, 0));
		history_change_vars(&tv, &catalog_get()->statuses,
		    kore_pgsql_getvalue(&sql, i, 1),
		    kore_pgsql_getvalue(&sql, i, 2),
		    kore_pgsql_getvalue(&sql, i, 3), lang);
		tmpl_render(out, tpl("action.change"), &tv, lang);
	}
	tv_free(&tv);
	kore_pgsql_cleanup(&sql);
	return 0;
}

int
render_action(struct page *pg, const struct cat_process *proc, long long id)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 tv, cv;
	struct html		 recs, body, status, info, history, evidence;
	struct rowset		 rs;
	struct buf		 b;
	const char		*params[2];
	char			 pid[32], aid[32];
	const char		*text, *ptitle;
	int			 i, fi, rc = RENDER_FAILED;

	tv_init(&tv);
	tv_init(&cv);
	html_init(&recs);
	html_init(&body);
	html_init(&status);
	html_init(&info);
	html_init(&history);
	html_init(&evidence);
	buf_init(&b);
	snprintf(pid, sizeof(pid), "%lld", proc->id);
	snprintf(aid, sizeof(aid), "%lld", id);
	params[0] = pid;
	params[1] = aid;
	/* One row of the public table carries everything shown. */
	if (db_query(&sql, "SELECT " ROW_COLUMNS ", "
	    "to_char((SELECT updated_at FROM action WHERE id = $2), "
	    "'YYYY-MM-DD'), (SELECT array_to_string(evidence, E'\\n') "
	    "FROM action WHERE id = $2) "
	    "FROM process_row WHERE process_id = $1 AND "
	    "action_id = $2 ORDER BY position", 2, params) == -1)
		goto out;
	if (kore_pgsql_ntuples(&sql) == 0) {
		rc = RENDER_NOT_FOUND;
		goto out;
	}
	rs = rowset_of(&sql);
	text = rows_text(&rs, 0, R_ACTION_BODY, R_ACTION_BODY_SV, pg->lang,
	    &fi);
	pg->finnish |= fi;
	html_text_lines(&body, text);
	tv_html(&tv, "action", &body);
	tv_text(&tv, "action_lang", text_lang(pg->lang, fi));
	tv_text(&tv, "has_body", *text != '\0' ? "1" : "");
	fi = 0;
	ptitle = cat_text(proc->title, pg->lang, &fi);
	pg->finnish |= fi;
	tv_text(&tv, "process", ptitle);
	tv_text(&tv, "process_lang", text_lang(pg->lang, fi));
	snprintf(pg->title, sizeof(pg->title), "%.200s – %.190s",
	    *text != '\0' ? text : T(pg->lang, "Action"), ptitle);
	schedule_text(&b, &rs, 0, pg->lang);
	tv_text(&tv, "schedule", buf_cstr(&b));
	status_cell(&status, &rs, 0, pg->lang, &pg->finnish);
	tv_html(&tv, "status", &status);
	tv_text(&tv, "units", kore_pgsql_getvalue(&sql, 0, R_UNITS));
	text = rows_text(&rs, 0, R_INFO, R_INFO_SV, pg->lang, &fi);
	pg->finnish |= fi;
	html_text_lines(&info, text);
	tv_html(&tv, "info", &info);
	tv_text(&tv, "info_lang", text_lang(pg->lang, fi));
	tv_text(&tv, "updated", kore_pgsql_getvalue(&sql, 0, R_COUNT));
	{
		struct tmpl_vars	lv;
		char			*links, *line, *save = NULL;

		/* Checked as http(s) addresses when they were saved. */
		tv_init(&lv);
		links = xstrdup(kore_pgsql_getvalue(&sql, 0,
		    R_COUNT + 1));
		for (line = strtok_r(links, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save)) {
			tv_reset(&lv);
			tv_text(&lv, "url", line);
			tmpl_render(&evidence, tpl("action.link"), &lv,
			    pg->lang);
		}
		free(links);
		tv_free(&lv);
		tv_html(&tv, "evidence", &evidence);
	}
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		buf_reset(&b);
		rec_label(&b, kore_pgsql_getlength(&sql, i, R_REC_NUMBER) ?
		    kore_pgsql_getvalue(&sql, i, R_REC_NUMBER) : NULL,
		    rows_text(&rs, i, R_REC_BODY, R_REC_BODY_SV, pg->lang,
		    &fi));
		pg->finnish |= fi;
		tv_reset(&cv);
		tv_text(&cv, "label", buf_cstr(&b));
		tv_text(&cv, "content_lang", text_lang(pg->lang, fi));
		tv_textf(&cv, "url", "/p/%s/r/%s%s", proc->slug,
		    kore_pgsql_getvalue(&sql, i, R_REC_ID),
		    lang_query(pg->lang));
		if (strcmp(kore_pgsql_getvalue(&sql, i, R_NODE_ID),
		    kore_pgsql_getvalue(&sql, i, R_REC_ID)) != 0) {
			buf_reset(&b);
			rec_label(&b, kore_pgsql_getlength(&sql, i,
			    R_NODE_NUMBER) ? kore_pgsql_getvalue(&sql, i,
			    R_NODE_NUMBER) : NULL, rows_text(&rs, i,
			    R_NODE_BODY, R_NODE_BODY_SV, pg->lang, &fi));
			pg->finnish |= fi;
			tv_text(&cv, "node", buf_cstr(&b));
			tv_text(&cv, "node_lang", text_lang(pg->lang, fi));
			tv_textf(&cv, "node_url", "/p/%s/r/%s%s",
			    proc->slug, kore_pgsql_getvalue(&sql, i,
			    R_NODE_ID), lang_query(pg->lang));
		}
		tmpl_render(&recs, tpl("action.rec"), &cv, pg->lang);
	}
	tv_html(&tv, "recs", &recs);
	kore_pgsql_cleanup(&sql);
	if (render_history(&history, id, pg->lang) == -1)
		goto out;
	tv_html(&tv, "history", &history);
	tv_textf(&tv, "process_url", "/p/%s%s", proc->slug,
	    lang_query(pg->lang));
	tv_text(&tv, "content_lang", pg->lang == LANG_FI ? "" : "fi");
	buf_reset(&pg->path);
	buf_printf(&pg->path, "/p/%s/a/%lld", proc->slug, id);
	tmpl_render(&pg->content, tpl("action"), &tv, pg->lang);
	rc = RENDER_OK;
out:
	kore_pgsql_cleanup(&sql);
	tv_free(&tv);
	tv_free(&cv);
	html_free(&recs);
	html_free(&body);
	html_free(&status);
	html_free(&info);
	html_free(&history);
	html_free(&evidence);
	buf_free(&b);
	return rc;
}

/*
 * A text in lang from a query's columns col (Finnish), col + 1 (Swedish)
 * and col + 2 (English); *finnish as cat_text() sets it.
 */
static const char *
sql_text(struct kore_pgsql *sql, int row, int col, enum lang lang,
    int *finnish)
{
	char	*texts[LANG_COUNT];
	int	 l;

	for (l = 0; l < LANG_COUNT; l++)
		texts[l] = kore_pgsql_getvalue(sql, row, col + l);
	*finnish = 0;
	return cat_text(texts, lang, finnish);
}

/* The lang attribute of a text: "fi" when Finnish stands in for lang. */
static const char *
text_lang(enum lang lang, int finnish)
{
	return lang != LANG_FI && finnish ? "fi" : "";
}

