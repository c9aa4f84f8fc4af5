/* See admin.h. */
#include <libpq-fe.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "db.h"
#include "tmpl.h"

static void	list_rows(struct html *, struct kore_pgsql *,
		    const struct admin_list *, enum lang);
static void	action_row(struct tmpl_vars *, struct kore_pgsql *, int,
		    enum lang, const void *);

void
admin_refused(struct http_request *req, struct backend *b, const char *code)
{
	backend_refusal(req, b, code, backend_admin_refusals);
}

int
admin_save_doc(struct http_request *req, struct backend_page *p,
    const char *query, json_t *doc, const char *then,
    const struct backend_refusal *codes)
{
	const char	*args[2];
	char		*docs, code[8];
	int		 rc;

	docs = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	args[0] = p->id != 0 ? p->tid : NULL;
	args[1] = docs;
	rc = backend_change(req, &p->b, NULL, query, 2, args, code,
	    sizeof(code));
	free(docs);
	if (rc == 0) {
		backend_redirect_with(req, &p->b, "saved=1", "%s", then);
		return -1;
	}
	return backend_save_refused(req, &p->b, code, codes, &p->error,
	    &p->status);
}

int
admin_page_change(struct http_request *req, struct backend_page *p,
    const char *query, int n, const char *const *args, const char *then,
    char *code)
{
	if (backend_change(req, &p->b, NULL, query, n, args, code, 8) == 0) {
		backend_redirect_with(req, &p->b, "saved=1", "%s%s", then,
		    p->tid);
		return -1;
	}
	if (strcmp(code, "42501") == 0 || strcmp(code, "P0002") == 0) {
		admin_refused(req, &p->b, code);
		return -1;
	}
	return 0;
}

/* The notices a list page can tell of, and their template variables. */
static const struct {
	unsigned	 flag;
	const char	*var;
} list_notices[] = {
	{ BACKEND_SAVED, "saved" },
	{ BACKEND_REMOVED, "removed" },
	{ BACKEND_IMPORTED, "imported" },
};

/* The rows of sql, each through l->row into the block l->tpl.row. */
static void
list_rows(struct html *rows, struct kore_pgsql *sql,
    const struct admin_list *l, enum lang lang)
{
	struct tmpl_vars	rv;
	char			block[64];
	int			i;

	snprintf(block, sizeof(block), "%s.row", l->tpl);
	tv_init(&rv);
	for (i = 0; i < kore_pgsql_ntuples(sql); i++) {
		tv_reset(&rv);
		tv_textf(&rv, "url", "%s%s%s", l->url, db_text(sql, i, "id"),
		    lang_query(lang));
		l->row(&rv, sql, i, lang);
		tv_text(&rv, "content_lang", lang_attr(lang, 1));
		tmpl_render(rows, tpl(block), &rv, lang);
	}
	tv_free(&rv);
}

int
admin_list_page(struct http_request *req, const struct admin_list *l)
{
	struct kore_pgsql	 sql;
	struct backend		 b;
	struct tmpl_vars	 tv;
	struct html		 rows;
	size_t			 k;

	kore_pgsql_init(&sql);
	tv_init(&tv);
	html_init(&rows);
	if (backend_open(req, &b, BACKEND_NEED_ADMIN) == -1)
		goto out;
	if (db_query(&sql, l->query, 0, NULL) == -1) {
		backend_unavailable(req, &b);
		goto out;
	}
	list_rows(&rows, &sql, l, b.pg.lang);
	tv_html(&tv, "rows", &rows);
	for (k = 0; k < sizeof(list_notices) / sizeof(list_notices[0]); k++)
		if (l->notices & list_notices[k].flag)
			tv_text(&tv, list_notices[k].var,
			    (b.notices & list_notices[k].flag) ? "1" : "");
	tv_text(&tv, "lang_query", lang_query(b.pg.lang));
	backend_title(&b, l->title, "%s", l->path);
	backend_show(req, &b, l->tpl, &tv, 200);
out:
	backend_end(&b);
	kore_pgsql_cleanup(&sql);
	tv_free(&tv);
	html_free(&rows);
	return KORE_RESULT_OK;
}

/*
 * The actions of a process ($1 a process) or of a recommendation (one
 * that answers $1), in the order of the public table. $2 the language,
 * $3 "continuous" in it.
 */
#define ACTION_LIST_SQL(where) \
	"SELECT a.id, a.body, coalesce(in_lang($2, s.label_fi, s.label_sv, " \
	"s.label_en), '') AS status, " \
	"action_schedule_words(a.schedule_kind, a.schedule_start, " \
	"a.schedule_end, a.schedule_text, $3) AS schedule, " \
	"a.updated_at::date AS updated, " \
	"action_unit_names(a.id) AS units, " \
	"coalesce((SELECT string_agg(coalesce(r.number, CASE WHEN " \
	"length(r.body) > 40 THEN regexp_replace(left(r.body, 40), " \
	"'\\s+\\S*$', '') || '…' ELSE r.body END), ', ' " \
	"ORDER BY t.position, r.parent_id NULLS FIRST, r.position) " \
	"FROM recommendation_action ra " \
	"JOIN recommendation r ON r.id = ra.recommendation_id " \
	"JOIN recommendation t ON t.id = coalesce(r.parent_id, r.id) " \
	"WHERE ra.action_id = a.id AND r.deleted_at IS NULL), '') AS recs " \
	"FROM action a LEFT JOIN status s ON s.id = a.status_id " \
	"WHERE a.deleted_at IS NULL AND " where " ORDER BY (SELECT " \
	"min(ARRAY[t.position, CASE WHEN r.parent_id IS NULL THEN -1 " \
	"ELSE r.position END, ra.position]) FROM recommendation_action ra " \
	"JOIN recommendation r ON r.id = ra.recommendation_id " \
	"JOIN recommendation t ON t.id = coalesce(r.parent_id, r.id) " \
	"WHERE ra.action_id = a.id) NULLS LAST, a.id"

/* An action of the list, row i of sql (arg: of_process). */
static void
action_row(struct tmpl_vars *rv, struct kore_pgsql *sql, int i,
    enum lang lang, const void *arg)
{
	const int	*of_process = arg;

	backend_action_vars(rv, db_text(sql, i, "id"), db_text(sql, i, "body"),
	    lang);
	db_vars(rv, sql, i, "schedule", "updated", "units", "recs",
	    (char *)NULL);
	tv_text(rv, "status", *db_text(sql, i, "status") != '\0' ?
	    db_text(sql, i, "status") : T(lang, "Not given"));
	tv_text(rv, "with_recs", *of_process ? "1" : "");
	tv_text(rv, "content_lang", lang_attr(lang, 1));
}

int
admin_action_list(struct tmpl_vars *tv, const struct backend *b,
    int of_process, const char *id)
{
	struct tmpl_vars	 rv;
	struct html		 rows, table;
	const char		*params[3];
	enum lang		 lang = b->pg.lang;
	int			 n, rc = -1;

	tv_init(&rv);
	html_init(&rows);
	html_init(&table);
	params[0] = id;
	params[1] = lang_codes[lang];
	params[2] = T(lang, "Continuous");
	if ((n = db_render_rows(db_query, &rows,
	    tpl("admin_process.action_row"), lang, action_row, &of_process,
	    of_process ? ACTION_LIST_SQL("a.process_id = $1") :
	    ACTION_LIST_SQL("EXISTS (SELECT 1 FROM recommendation_action x "
	    "WHERE x.action_id = a.id AND x.recommendation_id = $1)"), 3,
	    params)) == -1)
		goto out;
	tv_html(&rv, "rows", &rows);
	tv_textf(&rv, "count", "%d", n);
	tv_text(&rv, "with_recs", of_process ? "1" : "");
	tmpl_render(&table, tpl("admin_process.actions"), &rv, lang);
	tv_html(tv, "actions", &table);
	rc = 0;
out:
	tv_free(&rv);
	html_free(&rows);
	html_free(&table);
	return rc;
}
