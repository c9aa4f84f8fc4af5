/*
 * Downloads of a public table; see export.h. The rows come from
 * view_rows_select(), so a download holds what the same query shows on
 * the page, in the order it shows them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "mem.h"
#include "csv.h"
#include "catalog_cache.h"
#include "export.h"
#include "schedule.h"
#include "table.h"

static void	rows_table(const struct rowset *, const struct status_list *,
		    struct table *);
static void	row_schedule(const struct rowset *, int, struct schedule *);
static void	footer_text(struct buf *, const struct export_meta *,
		    enum lang);
static char	*dup_or_null(const char *);
static json_t	*month_or_null(int, int);
static json_t	*row_json(const struct rowset *, int,
		    const struct status_list *, const struct export_meta *);
static json_t	*rec_progress(const struct progress_set *, const char *);
static json_t	*rec_verdict(const struct verdict_set *, const char *);
static json_t	*verdict_scale(const struct verdict_dist *);
static int	slurp(const char *, struct buf *);
static json_t	*process_json(const struct cat_process *);
static json_t	*json_string_or_null(const char *);
static void	xlsx_row(lxw_worksheet *, const struct rowset *, int,
		    const struct status_list *, enum lang, lxw_format *,
		    struct buf *);
static void	xlsx_about(lxw_workbook *, lxw_format *, lxw_format *,
		    const char *, const char *, const struct export_meta *);
static json_t	*action_units(const struct rowset *, int,
		    const struct cat_process *);
static json_t	*action_json(const struct rowset *, int,
		    const struct status_list *, const struct cat_process *);

/* Column headers of the workbook, in the reader's language. */
static const char *const xlsx_headers[TABLE_COLUMNS] = {
	N_("Recommendation"), N_("Specification"), N_("Action"),
	N_("Schedule"), N_("Status"), N_("Responsible"),
	N_("Additional information")
};

/* Column widths, in characters. */
static const double xlsx_widths[TABLE_COLUMNS] = { 40, 40, 60, 20, 40, 30, 60 };

void
export_time(time_t t, char *out, size_t len)
{
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* A copy of text, NULL when it is empty. */
static char *
dup_or_null(const char *text)
{
	return *text == '\0' ? NULL : xstrdup(text);
}

static void
row_schedule(const struct rowset *rs, int k, struct schedule *s)
{
	const char	*kind = RV(rs, k, sched_kind);

	memset(s, 0, sizeof(*s));
	if (schedule_kind_from_name(kind, &s->kind) == -1)
		s->kind = SCHEDULE_NONE;
	s->start_month = atoi(RV(rs, k, start_month));
	s->start_year = atoi(RV(rs, k, start_year));
	s->end_month = atoi(RV(rs, k, end_month));
	s->end_year = atoi(RV(rs, k, end_year));
}

/*
 * The rows as a table in the published layout: consecutive rows of one
 * recommendation (and of one sub-recommendation) share it, so that the
 * unfiltered table is written exactly as the import reads it.
 */
static void
rows_table(const struct rowset *rs, const struct status_list *sl,
    struct table *t)
{
	struct table_node		*rec = NULL, *node = NULL;
	struct table_action		*a;
	const struct status		*st;
	const char			*prev_rec = NULL, *prev_node = NULL;
	const char			*units, *p, *e;
	struct buf			 name;
	int				 k;

	memset(t, 0, sizeof(*t));
	buf_init(&name);
	for (k = 0; k < rs->n; k++) {
		if (rec == NULL || strcmp(prev_rec, RV(rs, k, rec_id)) != 0) {
			rec = table_add_rec(t);
			rec->number = dup_or_null(RV(rs, k, rec_number));
			rec->body = xstrdup(RV(rs, k, rec_body.fi));
			node = rec;
			prev_node = RV(rs, k, rec_id);
		}
		prev_rec = RV(rs, k, rec_id);
		if (strcmp(prev_node, RV(rs, k, node_id)) != 0) {
			node = table_add_child(rec);
			node->kind = strcmp(RV(rs, k, node_kind), "sub") == 0 ?
			    NODE_SUB : NODE_SPECIFICATION;
			node->number = dup_or_null(RV(rs, k, node_number));
			node->body = xstrdup(RV(rs, k, node_body.fi));
			prev_node = RV(rs, k, node_id);
		}
		if (RL(rs, k, action_id) == 0)
			continue;
		a = table_add_action(node);
		a->body = xstrdup(RV(rs, k, action_body.fi));
		row_schedule(rs, k, &a->schedule);
		a->schedule_text = xstrdup(RV(rs, k, sched_text));
		st = RL(rs, k, status_id) > 0 ? status_by_id(sl,
		    atoi(RV(rs, k, status_id))) : NULL;
		a->status = st != NULL ? (int)(st - sl->items) : -1;
		a->status_note = xstrdup(RV(rs, k, status_note.fi));
		a->info = xstrdup(RV(rs, k, info.fi));
		/* The names as the table writes them: "A; B". */
		units = RV(rs, k, units);
		for (p = units; *p != '\0'; p = *e ? e + 2 : e) {
			if ((e = strstr(p, "; ")) == NULL)
				e = p + strlen(p);
			buf_reset(&name);
			buf_append(&name, p, (size_t)(e - p));
			table_action_add_unit(a, buf_cstr(&name));
		}
	}
	buf_free(&name);
}

/* The last row's cell: licence, time of the data, source. */
static void
footer_text(struct buf *b, const struct export_meta *m, enum lang lang)
{
	char	when[32];

	export_time(m->data_time, when, sizeof(when));
	buf_printf(b, "%s(%s). %s: %s. %s: %s", TABLE_FOOTER_MARK,
	    EXPORT_LICENCE_URL, T(lang, N_("Data as of")), when,
	    T(lang, N_("Source")), m->source);
}

void
export_csv(struct buf *out, const struct rowset *rs,
    const struct status_list *sl, enum csv_dialect dialect,
    const struct export_meta *m)
{
	struct table	 t;
	struct buf	 foot;
	char		 delim = dialect == CSV_SPREADSHEET ? ';' : ',';

	if (dialect == CSV_SPREADSHEET)
		buf_puts(out, "\xef\xbb\xbf");
	rows_table(rs, sl, &t);
	table_write(&t, sl, delim, out);
	table_free(&t);
	/* An empty row, then the licence in the first cell alone. */
	buf_init(&foot);
	footer_text(&foot, m, m->view->lang);
	buf_printf(out, "%c%c%c%c%c%c\r\n", delim, delim, delim, delim, delim,
	    delim);
	csv_write_field(out, buf_cstr(&foot), delim);
	buf_printf(out, "%c%c%c%c%c%c\r\n", delim, delim, delim, delim, delim,
	    delim);
	buf_free(&foot);
}

static int
slurp(const char *path, struct buf *out)
{
	FILE	*f;
	char	 chunk[16384];
	size_t	 n;
	int	 rc;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(out, chunk, n);
	rc = ferror(f) ? -1 : 0;
	fclose(f);
	return rc;
}

/* Row k of the rows in the workbook's row k + 1. */
static void
xlsx_row(lxw_worksheet *ws, const struct rowset *rs, int k,
    const struct status_list *sl, enum lang lang, lxw_format *wrap,
    struct buf *cell)
{
	lxw_row_t		 r = (lxw_row_t)k + 1;
	const struct status	*st;
	struct schedule		 sched;
	const char		*text;
	int			 fi;

	buf_reset(cell);
	if (RL(rs, k, rec_number) > 0)
		buf_printf(cell, "%s. ", RV(rs, k, rec_number));
	buf_puts(cell, rows_text(rs, k, &rs->col.rec_body, lang, &fi));
	worksheet_write_string(ws, r, 0, buf_cstr(cell), wrap);
	if (strcmp(RV(rs, k, node_id), RV(rs, k, rec_id)) != 0) {
		buf_reset(cell);
		if (RL(rs, k, node_number) > 0)
			buf_printf(cell, "%s. ", RV(rs, k, node_number));
		buf_puts(cell, rows_text(rs, k, &rs->col.node_body, lang,
		    &fi));
		worksheet_write_string(ws, r, 1, buf_cstr(cell), wrap);
	}
	if (RL(rs, k, action_id) == 0)
		return;
	worksheet_write_string(ws, r, 2, rows_text(rs, k,
	    &rs->col.action_body, lang, &fi), wrap);
	buf_reset(cell);
	row_schedule(rs, k, &sched);
	if (sched.kind == SCHEDULE_CONTINUOUS)
		buf_puts(cell, T(lang, N_("Continuous")));
	else
		schedule_format(&sched, RV(rs, k, sched_text), cell);
	worksheet_write_string(ws, r, 3, buf_cstr(cell), wrap);
	buf_reset(cell);
	st = RL(rs, k, status_id) > 0 ? status_by_id(sl,
	    atoi(RV(rs, k, status_id))) : NULL;
	if (st != NULL)
		buf_puts(cell, st->label[lang]);
	text = rows_text(rs, k, &rs->col.status_note, lang, &fi);
	if (st != NULL && *text != '\0')
		buf_puts(cell, ". ");
	buf_puts(cell, text);
	worksheet_write_string(ws, r, 4, buf_cstr(cell), wrap);
	worksheet_write_string(ws, r, 5, RV(rs, k, units), wrap);
	worksheet_write_string(ws, r, 6, rows_text(rs, k, &rs->col.info, lang,
	    &fi), wrap);
}

/* The second sheet: title, source, licence, time of the data, rows. */
static void
xlsx_about(lxw_workbook *wb, lxw_format *head, lxw_format *wrap,
    const char *title, const char *when, const struct export_meta *m)
{
	enum lang	 lang = m->view->lang;
	lxw_worksheet	*about;
	char		 count[32];
	int		 c;

	about = workbook_add_worksheet(wb, T(lang, N_("About")));
	worksheet_set_column(about, 0, 0, 24, NULL);
	worksheet_set_column(about, 1, 1, 80, wrap);
	snprintf(count, sizeof(count), "%ld", m->total);
	{
		const char *rows[][2] = {
			{ N_("Title"), title },
			{ N_("Source"), m->source },
			{ N_("Licence"),
			    EXPORT_LICENCE " " EXPORT_LICENCE_URL },
			{ N_("Data as of"), when },
			{ N_("Rows"), count },
		};
		for (c = 0; c < (int)(sizeof(rows) / sizeof(rows[0])); c++) {
			worksheet_write_string(about, (lxw_row_t)c, 0,
			    T(lang, rows[c][0]), head);
			worksheet_write_string(about, (lxw_row_t)c, 1,
			    rows[c][1], wrap);
		}
	}
}

int
export_xlsx(struct buf *out, const struct rowset *rs,
    const struct status_list *sl, const struct export_meta *m)
{
	enum lang			 lang = m->view->lang;
	lxw_workbook			*wb;
	lxw_worksheet			*ws;
	lxw_format			*head, *wrap;
	lxw_doc_properties		 props;
	struct buf			 cell, title, comment;
	char				 path[256], when[32];
	const char			*tmp;
	int				 fd, k, c, fi, rc = -1;

	buf_init(&cell);
	buf_init(&title);
	buf_init(&comment);
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	snprintf(path, sizeof(path), "%s/toteuma-xlsx-XXXXXX", tmp);
	if ((fd = mkstemp(path)) == -1) {
		fprintf(stderr, "xlsx: %s: %s\n", path, strerror(errno));
		goto done;
	}
	close(fd);

	wb = workbook_new(path);
	if (wb == NULL)
		goto out;
	fi = 0;
	buf_puts(&title, m->view->directory ? T(lang, "Actions of every "
	    "process") : cat_text(m->view->proc->title, lang, &fi));
	export_time(m->data_time, when, sizeof(when));
	footer_text(&comment, m, lang);
	memset(&props, 0, sizeof(props));
	props.title = (char *)buf_cstr(&title);
	props.comments = (char *)buf_cstr(&comment);
	props.hyperlink_base = (char *)m->source;
	/* The same data makes the same file, and so the same ETag. */
	props.created = m->data_time;
	workbook_set_properties(wb, &props);

	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_text_wrap(head);
	wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

	ws = workbook_add_worksheet(wb, T(lang, N_("Actions")));
	for (c = 0; c < TABLE_COLUMNS; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		    xlsx_widths[c], wrap);
		/* Strings, never formulas: a cell starting "=" stays text. */
		worksheet_write_string(ws, 0, (lxw_col_t)c,
		    T(lang, xlsx_headers[c]), head);
	}
	for (k = 0; k < rs->n; k++)
		xlsx_row(ws, rs, k, sl, lang, wrap, &cell);
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)rs->n, TABLE_COLUMNS - 1);
	worksheet_repeat_rows(ws, 0, 0);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);	/* A4 */

	xlsx_about(wb, head, wrap, buf_cstr(&title), when, m);
	if (workbook_close(wb) != LXW_NO_ERROR)
		goto out;
	if (slurp(path, out) == -1)
		goto out;
	rc = 0;
out:
	unlink(path);
done:
	buf_free(&cell);
	buf_free(&title);
	buf_free(&comment);
	return rc;
}

json_t *
export_texts(const char *fi, const char *sv, const char *en)
{
	return json_pack("{s:s, s:s?, s:s?}", "fi", fi,
	    "sv", sv != NULL && *sv != '\0' ? sv : NULL,
	    "en", en != NULL && *en != '\0' ? en : NULL);
}

json_t *
export_status(const struct status *st)
{
	if (st == NULL)
		return json_null();
	return json_pack("{s:s, s:b, s:o, s:o}", "code", st->code, "final",
	    st->is_final, "label", export_texts(st->label[LANG_FI],
	    st->label[LANG_SV], st->label[LANG_EN]), "progress",
	    st->progress >= 0 ? json_integer(st->progress) : json_null());
}

json_t *
export_process_progress(const struct cat_process *p)
{
	return json_pack("{s:o, s:i, s:i}", "percent", p->progress >= 0 ?
	    json_integer(p->progress) : json_null(), "recommendations",
	    p->nrecs, "will_not_be_done", p->nrecs_wont);
}

/* Recommendation id's progress, or json null when it has none. */
static json_t *
rec_progress(const struct progress_set *ps, const char *id)
{
	struct progress	p;

	if (ps == NULL || progress_find(ps, id, &p) == -1)
		return json_null();
	return json_pack("{s:o, s:i, s:i, s:i, s:b}", "percent",
	    p.percent >= 0 ? json_integer(p.percent) : json_null(),
	    "actions", p.actions, "not_reported", p.unreported,
	    "will_not_be_done", p.wont, "weighted", p.weighted);
}

/* One scale of a verdict as the API gives it, or json null: nobody. */
static json_t *
verdict_scale(const struct verdict_dist *d)
{
	if (d->answers == 0)
		return json_null();
	if (!d->shown)
		return json_pack("{s:i, s:n, s:n}", "answers", d->answers,
		    "distribution", "mean");
	return json_pack("{s:i, s:[i, i, i, i, i], s:f}", "answers",
	    d->answers, "distribution", d->n[0], d->n[1], d->n[2], d->n[3],
	    d->n[4], "mean", strtod(d->mean, NULL));
}

/*
 * Recommendation id's verdict (distribution and count, no comments), or
 * json null when nobody rated it or there is no verdict set.
 */
static json_t *
rec_verdict(const struct verdict_set *vs, const char *id)
{
	struct verdict_summary	s;

	if (vs == NULL || verdict_set_find(vs, strtoll(id, NULL, 10), &s) ==
	    -1)
		return json_null();
	return json_pack("{s:i, s:o, s:o}", "min_answers",
	    VERDICT_MIN_ANSWERS, "response",
	    verdict_scale(&s.scale[VERDICT_RESPONSE]), "progress",
	    verdict_scale(&s.scale[VERDICT_PROGRESS]));
}

static json_t *
month_or_null(int year, int month)
{
	char	s[32];

	if (year <= 0 || month <= 0)
		return json_null();
	snprintf(s, sizeof(s), "%04d-%02d", year, month);
	return json_string(s);
}

/* The units of row k's action: "{3,7}", the ids in the table's order. */
static json_t *
action_units(const struct rowset *rs, int k, const struct cat_process *proc)
{
	const struct cat_unit	*u;
	json_t			*units;
	const char		*p;
	char			*end;
	long long		 id;

	units = json_array();
	for (p = RV(rs, k, unit_ids); *p != '\0'; p = end) {
		if (*p == '{' || *p == ',' || *p == '}') {
			end = (char *)p + 1;
			continue;
		}
		id = strtoll(p, &end, 10);
		if (end == p)
			break;
		if ((u = catalog_unit(proc, id)) != NULL)
			json_array_append_new(units, json_pack("{s:I, s:s, "
			    "s:s, s:s}", "id", (json_int_t)u->id, "name",
			    u->name, "name_sv", u->label[LANG_SV], "name_en",
			    u->label[LANG_EN]));
	}
	return units;
}

/* Row k's action as the JSON export has it. */
static json_t *
action_json(const struct rowset *rs, int k, const struct status_list *sl,
    const struct cat_process *proc)
{
	struct schedule	 sched;
	char		 url[160];

	row_schedule(rs, k, &sched);
	snprintf(url, sizeof(url), "/p/%s/a/%s", proc->slug,
	    RV(rs, k, action_id));
	return json_pack("{s:I, s:s, s:o, s:{s:s, s:o, s:o, s:s?}, s:o, "
	    "s:o, s:o, s:o}",
	    "id", (json_int_t)atoll(RV(rs, k, action_id)),
	    "url", url,
	    "text", export_texts(RV(rs, k, action_body.fi),
		RV(rs, k, action_body.sv), RV(rs, k, action_body.en)),
	    "schedule",
	    "kind", schedule_kind_name(sched.kind),
	    "start", month_or_null(sched.start_year, sched.start_month),
	    "end", month_or_null(sched.end_year, sched.end_month),
	    "text", sched.kind == SCHEDULE_TEXT ? RV(rs, k, sched_text) :
		NULL,
	    "status", export_status(RL(rs, k, status_id) > 0 ?
		status_by_id(sl, atoi(RV(rs, k, status_id))) : NULL),
	    "status_note", export_texts(RV(rs, k, status_note.fi),
		RV(rs, k, status_note.sv), RV(rs, k, status_note.en)),
	    "units", action_units(rs, k, proc),
	    "info", export_texts(RV(rs, k, info.fi), RV(rs, k, info.sv),
		RV(rs, k, info.en)));
}

static json_t *
row_json(const struct rowset *rs, int k, const struct status_list *sl,
    const struct export_meta *m)
{
	const struct view		*v = m->view;
	const struct cat_process	*proc = rows_process(rs, k, v->proc);
	json_t				*row, *node = json_null(), *action;
	char				 url[160];

	row = json_pack("{s:i, s:{s:I, s:s?, s:o, s:s}}",
	    "position", atoi(RV(rs, k, position)),
	    "recommendation",
	    "id", (json_int_t)atoll(RV(rs, k, rec_id)),
	    "number", RL(rs, k, rec_number) ? RV(rs, k, rec_number) : NULL,
	    "text", export_texts(RV(rs, k, rec_body.fi),
		RV(rs, k, rec_body.sv), RV(rs, k, rec_body.en)),
	    "url", "");
	snprintf(url, sizeof(url), "/p/%s/r/%s", proc->slug,
	    RV(rs, k, rec_id));
	json_object_set_new(json_object_get(row, "recommendation"), "url",
	    json_string(url));
	json_object_set_new(json_object_get(row, "recommendation"),
	    "progress", rec_progress(m->progress, RV(rs, k, rec_id)));
	json_object_set_new(json_object_get(row, "recommendation"),
	    "verdict", rec_verdict(m->verdict, RV(rs, k, rec_id)));
	if (strcmp(RV(rs, k, node_id), RV(rs, k, rec_id)) != 0) {
		snprintf(url, sizeof(url), "/p/%s/r/%s", proc->slug,
		    RV(rs, k, node_id));
		node = json_pack("{s:I, s:s, s:s?, s:o, s:s}",
		    "id", (json_int_t)atoll(RV(rs, k, node_id)),
		    "kind", RV(rs, k, node_kind),
		    "number", RL(rs, k, node_number) ?
		    RV(rs, k, node_number) : NULL,
		    "text", export_texts(RV(rs, k, node_body.fi),
			RV(rs, k, node_body.sv), RV(rs, k, node_body.en)),
		    "url", url);
	}
	json_object_set_new(row, "specification", node);
	if (v->directory)
		json_object_set_new(row, "process", json_pack("{s:s, s:o, "
		    "s:s+}", "slug", proc->slug, "title", export_texts(
		    proc->title[LANG_FI], proc->title[LANG_SV],
		    proc->title[LANG_EN]), "url", "/p/", proc->slug));
	if (RL(rs, k, action_id) == 0) {
		json_object_set_new(row, "action", json_null());
		return row;
	}
	action = action_json(rs, k, sl, proc);
	json_object_set_new(row, "action", action);
	return row;
}

json_t *
export_json(const struct rowset *rs, const struct status_list *sl,
    const struct export_meta *m)
{
	const struct view	*v = m->view;
	json_t			*doc, *rows, *query;
	char			 when[32];
	int			 k;

	export_time(m->data_time, when, sizeof(when));
	rows = json_array();
	for (k = 0; k < rs->n; k++)
		json_array_append_new(rows, row_json(rs, k, sl, m));
	query = json_pack("{s:s?, s:s?, s:s, s:s, s:o, s:I, s:s?}",
	    "q", v->q,
	    "status", v->status ? v->status->code : NULL,
	    "sort", sort_names[v->sort],
	    "dir", v->desc ? "desc" : "asc",
	    "per", v->per == PER_ALL ? json_string("all") :
		json_integer(v->per),
	    "page", (json_int_t)v->page,
	    "since", v->since);
	json_object_set_new(query, "state", v->state ? json_string(v->state) :
	    json_null());
	json_object_set_new(query, "unit", v->unit ? json_integer(
	    (json_int_t)v->unit->id) : json_null());
	if (v->directory) {
		json_object_set_new(query, "process", json_string_or_null(
		    v->proc ? v->proc->slug : NULL));
		json_object_set_new(query, "year", v->year ? json_integer(
		    v->year) : json_null());
	}
	doc = json_pack("{s:{s:s, s:s}, s:s, s:s, s:o, s:o, s:I, s:o}",
	    "licence", "name", EXPORT_LICENCE, "url", EXPORT_LICENCE_URL,
	    "data_time", when,
	    "source", m->source,
	    /* The directory's rows each name their process. */
	    "process", v->directory ? json_null() : process_json(v->proc),
	    "query", query,
	    "total", (json_int_t)m->total,
	    "rows", rows);
	return doc;
}

/* The process of a table's download: slug, title, url and progress. */
static json_t *
process_json(const struct cat_process *p)
{
	return json_pack("{s:s, s:o, s:s+, s:o}", "slug", p->slug,
	    "title", export_texts(p->title[LANG_FI], p->title[LANG_SV],
		p->title[LANG_EN]), "url", "/p/", p->slug,
	    "progress", export_process_progress(p));
}

static json_t *
json_string_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}
