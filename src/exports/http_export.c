/*
 * Open data: downloads of a table view (/p/SLUG.csv, .xlsx, .json) and
 * the JSON API under /api/v1/, described by /api/v1/openapi.json. Every
 * answer carries the licence and the time of the data, and is cached
 * per data version like the pages.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cache.h"
#include "catalog_cache.h"
#include "db.h"
#include "embedded.h"
#include "export.h"
#include "feed.h"
#include "labels.h"
#include "serve.h"
#include "http_util.h"
#include "progress.h"
#include "rows.h"
#include "url.h"

int	page_export(struct http_request *);
int	page_api(struct http_request *);

enum format { FORMAT_CSV, FORMAT_XLSX, FORMAT_JSON };

static int	api_error(struct http_request *, struct page *, int,
		    const char *, const char *);
static void	open_data_headers(struct http_request *, const char *);
static int	send_json(struct http_request *, const char *, json_t *,
		    const char *);
static int	api_processes(struct http_request *, struct page *,
		    const char *);
static int	api_process(struct http_request *, struct page *,
		    const char *, const char *);
static int	api_action(struct http_request *, struct page *,
		    const char *, const char *);
static int	api_statuses(struct http_request *, const char *);
static int	api_units(struct http_request *, struct page *, const char *);
static json_t	*api_document(struct http_request *, struct page *,
		    const char *, const char *, const char *);
static void	add_licence(json_t *);
static json_t	*response_json(const char *, const char *);
static void	select_error(struct http_request *, struct page *,
		    enum format, int);
static int	export_write(struct buf *, enum format, enum csv_dialect,
		    const struct view_rows *, const struct export_meta *);
static int	json_write(struct buf *, const struct view_rows *,
		    const struct export_meta *);

static const char *const content_types[] = {
	"text/csv; charset=utf-8; header=present",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"application/json; charset=utf-8"
};

/*
 * Errors of the API and the JSON download are JSON too, with the
 * message in the reader's language.
 */
static int
api_error(struct http_request *req, struct page *pg, int status,
    const char *msgid, const char *detail)
{
	json_t	*doc;
	char	*text;

	doc = json_pack("{s:{s:i, s:s, s:s}}", "error", "status", status,
	    "message", T(pg->lang, msgid), "detail", detail ? detail : "");
	text = json_dumps(doc, JSON_COMPACT);
	http_response_header(req, "access-control-allow-origin", "*");
	http_send(req, status, content_types[FORMAT_JSON], text,
	    strlen(text));
	free(text);
	json_decref(doc);
	return KORE_RESULT_OK;
}

/* Open data may be read from any origin; the licence goes with it. */
static void
open_data_headers(struct http_request *req, const char *disposition)
{
	http_response_header(req, "access-control-allow-origin", "*");
	http_response_header(req, "link", "<" EXPORT_LICENCE_URL ">; "
	    "rel=\"license\"");
	if (disposition != NULL)
		http_response_header(req, "content-disposition", disposition);
}

static void
add_licence(json_t *doc)
{
	char	when[32];

	export_time(catalog_get()->changed_at, when, sizeof(when));
	json_object_set_new(doc, "licence", json_pack("{s:s, s:s}", "name",
	    EXPORT_LICENCE, "url", EXPORT_LICENCE_URL));
	json_object_set_new(doc, "data_time", json_string(when));
}

/* Caches the document under key (stealing it) and answers. */
static int
send_json(struct http_request *req, const char *key, json_t *doc,
    const char *disposition)
{
	char	*text;

	text = json_dumps(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (text == NULL)
		abort();
	open_data_headers(req, disposition);
	serve_put(req, NULL, key, content_types[FORMAT_JSON], text,
	    strlen(text));
	free(text);
	return KORE_RESULT_OK;
}

/* The answer when the rows could not be selected (r from view_rows_select). */
static void
select_error(struct http_request *req, struct page *pg, enum format fmt,
    int r)
{
	if (r == VIEW_ROWS_REFUSED)
		(fmt == FORMAT_JSON ? api_error : serve_error)(req, pg, 400,
		    N_("The search asks for too much at once. Use fewer "
		    "words or filters."), "");
	else
		(fmt == FORMAT_JSON ? api_error : serve_error)(req, pg, 503,
		    "Please try again in a moment.", "");
}

/* The rows in fmt into body: 0, or -1 when the workbook failed. */
static int
export_write(struct buf *body, enum format fmt, enum csv_dialect dialect,
    const struct view_rows *vr, const struct export_meta *meta)
{
	const struct catalog	*c = catalog_get();

	switch (fmt) {
	case FORMAT_CSV:
		export_csv(body, &vr->rs, &c->statuses, dialect, meta);
		break;
	case FORMAT_XLSX:
		if (export_xlsx(body, &vr->rs, &c->statuses, meta) == -1) {
			kore_log(LOG_ERR, "xlsx of %s could not be written",
			    meta->view->directory ? "/actions" :
			    meta->view->proc->slug);
			return -1;
		}
		break;
	case FORMAT_JSON:
		return json_write(body, vr, meta);
	}
	return 0;
}

/*
 * The rows as JSON into body, each recommendation with its progress: 0,
 * or -1 when the database failed.
 */
static int
json_write(struct buf *body, const struct view_rows *vr,
    const struct export_meta *meta)
{
	struct export_meta	 m = *meta;
	struct progress_set	 ps;
	struct verdict_set	 vs;
	json_t			*doc;
	char			*text;
	int			 rc = -1;

	progress_init(&ps);
	verdict_set_init(&vs);
	/* Progress and verdict are a process's; the directory has none. */
	m.progress = NULL;
	m.verdict = NULL;
	if (!meta->view->directory) {
		if (progress_load(&ps, meta->view->proc) == -1 ||
		    verdict_set_load(&vs, meta->view->proc) == -1)
			goto out;
		m.progress = &ps;
		m.verdict = &vs;
	}
	doc = export_json(&vr->rs, &catalog_get()->statuses, &m);
	/* A verdict's mean has one decimal: "3.4", not 3.3999999999999999. */
	text = json_dumps(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(6));
	json_decref(doc);
	if (text == NULL)
		abort();
	buf_puts(body, text);
	free(text);
	rc = 0;
out:
	progress_free(&ps);
	verdict_set_free(&vs);
	return rc;
}

int
page_export(struct http_request *req)
{
	struct page		 pg;
	struct view		 view;
	struct view_rows	 vr;
	struct export_meta	 meta;
	struct cache_page	*cp;
	struct buf		 key, body, source, disp;
	enum format		 fmt;
	enum csv_dialect	 dialect = CSV_SPREADSHEET;
	const char		*ext = strrchr(req->path, '.');
	char			*v[VIEW_PARAMS_MAX];
	char			 base[FEED_BASE_MAX];
	int			 selected = 0, r;

	memset(v, 0, sizeof(v));
	buf_init(&key);
	buf_init(&body);
	buf_init(&source);
	buf_init(&disp);
	fmt = strcmp(ext, ".csv") == 0 ? FORMAT_CSV :
	    strcmp(ext, ".xlsx") == 0 ? FORMAT_XLSX : FORMAT_JSON;
	if (view_request(req, &pg, v, &view, PER_ALL, fmt == FORMAT_JSON ?
	    api_error : serve_error) == -1)
		goto out;
	if (v[P_DIALECT] != NULL && strcmp(v[P_DIALECT], "rfc4180") == 0)
		dialect = CSV_RFC4180;
	/* The answer names its source: the key holds the base address. */
	http_base_url(req, base, sizeof(base));
	buf_puts(&key, base);
	view_url_as(&key, &view, ext);
	if (fmt == FORMAT_CSV && dialect == CSV_RFC4180)
		url_param(&key, "dialect", "rfc4180");
	if (fmt != FORMAT_JSON)
		buf_printf(&disp, "attachment; filename=\"%s%s\"",
		    view.directory ? "actions" : view.proc->slug, ext);
	if ((cp = cache_get(buf_cstr(&key), serve_version(view_scope(
	    &view)))) != NULL) {
		open_data_headers(req, disp.len ? buf_cstr(&disp) : NULL);
		http_send_cached(req, cp, serve_changed(view_scope(&view)));
		goto out;
	}
	selected = 1;
	if ((r = view_rows_select(&vr, &view)) != 0) {
		select_error(req, &pg, fmt, r);
		goto out;
	}
	buf_puts(&source, base);
	view_url(&source, &view);
	meta.view = &view;
	meta.source = buf_cstr(&source);
	/* The process's own time: the body is kept while it stays. */
	meta.data_time = serve_changed(view_scope(&view));
	meta.total = vr.total;
	if (export_write(&body, fmt, dialect, &vr, &meta) == -1) {
		serve_error(req, &pg, 503, "Please try again in a moment.", "");
		goto out;
	}
	open_data_headers(req, disp.len ? buf_cstr(&disp) : NULL);
	serve_put(req, view_scope(&view), buf_cstr(&key), content_types[fmt],
	    body.data, body.len);
out:
	if (selected)
		view_rows_free(&vr);
	params_free(v, VIEW_PARAMS_MAX);
	buf_free(&key);
	buf_free(&body);
	buf_free(&source);
	buf_free(&disp);
	page_free(&pg);
	return KORE_RESULT_OK;
}

/*
 * A document that PostgreSQL builds (one row, one column of
 * json_build_object()) from one parameter, or NULL after answering: 404
 * with the message not_found when there is no row, 503 when the
 * database failed.
 */
static json_t *
api_document(struct http_request *req, struct page *pg, const char *query,
    const char *param, const char *not_found)
{
	struct kore_pgsql	 sql;
	json_error_t		 err;
	json_t			*doc = NULL;
	const char		*params[1] = { param };
	int			 status = 404;

	if (db_read(&sql, query, param ? 1 : 0, params) == -1) {
		status = 503;
		goto out;
	}
	if (kore_pgsql_ntuples(&sql) == 1 &&
	    (doc = json_loads(db_text(&sql, 0, "json_build_object"), 0,
	    &err)) == NULL) {
		kore_log(LOG_ERR, "api: %s", err.text);
		status = 503;
	}
out:
	kore_pgsql_cleanup(&sql);
	if (doc == NULL)
		api_error(req, pg, status, status == 404 ? not_found :
		    "Please try again in a moment.", param);
	return doc;
}

/* A reason category as the API gives it: its code and labels, or null. */
#define REASON_CATEGORY_JSON(id) \
	"(SELECT json_build_object('code', c.code, 'label', " \
	"json_build_object('fi', c.label_fi, 'sv', c.label_sv, " \
	"'en', c.label_en)) FROM reason_category c WHERE c.id = " id ")"

static json_t *
response_json(const char *code, const char *reason)
{
	const char	*label = response_label(code ? code : "");

	if (code == NULL)
		return json_null();
	return json_pack("{s:s, s:o, s:s?}", "code", code, "label",
	    export_texts(T(LANG_FI, label), T(LANG_SV, label),
	    T(LANG_EN, label)), "reason", reason);
}

static int
api_processes(struct http_request *req, struct page *pg, const char *key)
{
	const struct catalog		*c = catalog_get();
	const struct cat_process	*p;
	json_t				*list, *counts, *doc;
	char				 url[120];
	size_t				 i, s;

	list = json_array();
	for (i = 0; i < c->nprocs; i++) {
		p = &c->procs[i];
		if (!p->published)
			continue;
		counts = json_array();
		for (s = 0; s < c->statuses.count; s++)
			json_array_append_new(counts, json_pack("{s:s, s:i}",
			    "status", c->statuses.items[s].code, "actions",
			    p->status_counts[s]));
		snprintf(url, sizeof(url), "/p/%s", p->slug);
		json_array_append_new(list, json_pack("{s:s, s:s, s:o, s:o, "
		    "s:i, s:i, s:i, s:o, s:s, s:s}",
		    "slug", p->slug, "kind", p->kind,
		    "year", p->year > 0 ? json_integer(p->year) : json_null(),
		    "title", export_texts(p->title[LANG_FI], p->title[LANG_SV],
			p->title[LANG_EN]),
		    "actions", p->nactions, "final", p->nfinal,
		    "without_status", p->no_status, "by_status", counts,
		    "url", url, "api", ""));
		snprintf(url, sizeof(url), "/api/v1/processes/%s", p->slug);
		json_object_set_new(json_array_get(list,
		    json_array_size(list) - 1), "api", json_string(url));
		json_object_set_new(json_array_get(list,
		    json_array_size(list) - 1), "progress",
		    export_process_progress(p));
	}
	doc = json_object();
	add_licence(doc);
	json_object_set_new(doc, "processes", list);
	(void)pg;
	return send_json(req, key, doc, NULL);
}

#define PROCESS_SQL \
	"SELECT json_build_object(" \
	"'slug', p.slug, 'kind', p.kind, 'year', p.year, " \
	"'title', texts_json(p.title, p.title_sv, p.title_en), " \
	"'question', texts_json(p.question, p.question_sv, p.question_en), " \
	"'description', texts_json(p.description, p.description_sv, " \
	"p.description_en), " \
	"'url', '/p/' || p.slug, " \
	"'progress', (SELECT json_build_object('percent', pp.progress, " \
	"'recommendations', coalesce(pp.recommendations, 0), " \
	"'will_not_be_done', coalesce(pp.wont_recommendations, 0)) " \
	"FROM (SELECT 1) one LEFT JOIN process_progress pp " \
	"ON pp.process_id = p.id), " \
	"'recommendations', coalesce((SELECT json_agg(json_build_object(" \
	"'id', r.id, 'parent_id', r.parent_id, 'kind', r.kind, " \
	"'number', r.number, " \
	"'text', texts_json(r.body, r.body_sv, r.body_en), " \
	"'response', r.response, " \
	"'response_reason', nullif(r.response_reason, ''), " \
	"'reason_category', " \
	REASON_CATEGORY_JSON("r.response_reason_category") \
	", 'action_ids', coalesce((SELECT json_agg(ra.action_id " \
	"ORDER BY ra.position) FROM recommendation_action ra " \
	"JOIN action a ON a.id = ra.action_id AND a.deleted_at IS NULL " \
	"WHERE ra.recommendation_id = r.id), '[]'), " \
	"'progress', CASE WHEN rp.recommendation_id IS NOT NULL " \
	"THEN json_build_object('percent', rp.progress, " \
	"'actions', rp.actions, 'not_reported', rp.unreported, " \
	"'will_not_be_done', rp.wont, 'weighted', rp.weighted) END, " \
	"'verdict', verdict_api(p.id, r.id), " \
	"'url', '/p/' || p.slug || '/r/' || r.id) " \
	"ORDER BY coalesce(t.position, r.position), " \
	"r.parent_id IS NOT NULL, r.position) " \
	"FROM recommendation r LEFT JOIN recommendation t " \
	"ON t.id = r.parent_id LEFT JOIN recommendation_progress rp " \
	"ON rp.process_id = p.id AND rp.recommendation_id = r.id " \
	"WHERE r.process_id = p.id " \
	"AND r.deleted_at IS NULL AND t.deleted_at IS NULL), '[]')) " \
	"FROM process p WHERE p.slug = $1 AND p.published"

static int
api_process(struct http_request *req, struct page *pg, const char *slug,
    const char *key)
{
	const char	*no_process = N_("There is no such process. It may "
			    "have been removed or the address may be "
			    "mistyped.");
	json_t		*doc, *recs, *r, *code, *reason, *resp;
	size_t		 i;

	if (catalog_process(slug) == NULL || !catalog_process(slug)->published)
		return api_error(req, pg, 404, no_process, slug);
	if ((doc = api_document(req, pg, PROCESS_SQL, slug, no_process)) ==
	    NULL)
		return KORE_RESULT_OK;
	/* The response as code, labels and reasons. */
	recs = json_object_get(doc, "recommendations");
	json_array_foreach(recs, i, r) {
		code = json_object_get(r, "response");
		reason = json_object_get(r, "response_reason");
		resp = response_json(json_string_value(code),
		    json_string_value(reason));
		if (json_is_object(resp))
			json_object_set(resp, "reason_category",
			    json_object_get(r, "reason_category"));
		json_object_set_new(r, "response", resp);
		json_object_del(r, "response_reason");
		json_object_del(r, "reason_category");
	}
	add_licence(doc);
	return send_json(req, key, doc, NULL);
}

#define ACTION_SQL \
	"SELECT json_build_object(" \
	"'id', a.id, 'process', p.slug, " \
	"'url', '/p/' || p.slug || '/a/' || a.id, " \
	"'text', texts_json(a.body, a.body_sv, a.body_en), " \
	"'schedule', json_build_object('kind', a.schedule_kind, " \
	"'start', to_char(a.schedule_start, 'YYYY-MM'), " \
	"'end', to_char(a.schedule_end, 'YYYY-MM'), " \
	"'text', nullif(a.schedule_text, '')), " \
	"'actual_start', a.actual_start, 'actual_end', a.actual_end, " \
	"'status', a.status_id, 'progress', action_progress(a.status_id), " \
	"'status_note', texts_json(a.status_note, a.status_note_sv, " \
	"a.status_note_en), " \
	"'info', texts_json(a.info, a.info_sv, a.info_en), " \
	"'evidence', to_json(a.evidence), " \
	"'reason_category', " REASON_CATEGORY_JSON("a.reason_category") ", " \
	"'milestones', coalesce((SELECT json_agg(json_build_object(" \
	"'id', m.id, 'title', texts_json(m.title, m.title_sv, m.title_en), " \
	"'target', to_char(m.target_month, 'YYYY-MM'), 'done', m.done, " \
	"'note', m.note, 'state', m.state)) " \
	"FROM action_milestone_list(a.id) m), '[]'), " \
	"'units', coalesce((SELECT json_agg(json_build_object('id', u.id, " \
	"'name', u.name, 'name_sv', u.name_sv, 'name_en', u.name_en) " \
	"ORDER BY au.position) FROM action_unit au " \
	"JOIN unit u ON u.id = au.unit_id WHERE au.action_id = a.id), " \
	"'[]'), " \
	"'recommendations', coalesce((SELECT json_agg(json_build_object(" \
	"'id', r.id, 'number', r.number, 'weight', ra.weight, " \
	"'url', '/p/' || p.slug || '/r/' || r.id) ORDER BY r.id) " \
	"FROM recommendation_action ra JOIN recommendation r " \
	"ON r.id = ra.recommendation_id AND r.deleted_at IS NULL " \
	"WHERE ra.action_id = a.id), '[]'), " \
	"'created_at', date_trunc('second', a.created_at), " \
	"'updated_at', date_trunc('second', a.updated_at)) " \
	"FROM action a JOIN process p ON p.id = a.process_id " \
	"WHERE a.id = $1 AND a.deleted_at IS NULL AND p.published"

static int
api_action(struct http_request *req, struct page *pg, const char *id,
    const char *key)
{
	json_t	*doc, *st;

	if ((doc = api_document(req, pg, ACTION_SQL, id,
	    N_("There is no such action."))) == NULL)
		return KORE_RESULT_OK;
	st = json_object_get(doc, "status");
	json_object_set_new(doc, "status", export_status(json_is_integer(st) ?
	    status_by_id(&catalog_get()->statuses,
	    (int)json_integer_value(st)) : NULL));
	add_licence(doc);
	return send_json(req, key, doc, NULL);
}

static int
api_statuses(struct http_request *req, const char *key)
{
	const struct status_list	*sl = &catalog_get()->statuses;
	json_t				*list, *doc;
	size_t				 i;

	list = json_array();
	for (i = 0; i < sl->count; i++)
		json_array_append_new(list, export_status(&sl->items[i]));
	doc = json_object();
	add_licence(doc);
	json_object_set_new(doc, "statuses", list);
	return send_json(req, key, doc, NULL);
}

static int
api_units(struct http_request *req, struct page *pg, const char *key)
{
	json_t	*doc;

	/* One aggregate row: only the database can fail. */
	if ((doc = api_document(req, pg, "SELECT json_build_object('units', "
	    "coalesce(json_agg(json_build_object('id', id, 'name', name, "
	    "'name_sv', name_sv, 'name_en', name_en, "
	    "'parent_id', parent_id) ORDER BY name COLLATE \"fi-x-icu\"), "
	    "'[]')) FROM unit", NULL, N_("Please try again in a moment."))) ==
	    NULL)
		return KORE_RESULT_OK;
	add_licence(doc);
	return send_json(req, key, doc, NULL);
}

int
page_api(struct http_request *req)
{
	const struct embedded	*f;
	struct page		 pg;
	struct cache_page	*cp;
	const char		*path = req->path + strlen("/api/v1"), *bad;
	char			*v[1] = { NULL }, key[200], arg[80];
	enum param_error	 e;
	size_t			 n;

	page_init(&pg, LANG_FI);
	if ((e = params_parse(req->query_string, lang_params, 1, v, &bad)) !=
	    PARAM_OK) {
		api_error(req, &pg, 400, params_message(e), bad);
		goto out;
	}
	if (v[0] != NULL)
		lang_from_code(v[0], strlen(v[0]), &pg.lang);
	if (strcmp(path, "/openapi.json") == 0) {
		f = embedded_find(asset_files, "openapi.json");
		http_response_header(req, "access-control-allow-origin", "*");
		http_send(req, 200, "application/json; charset=utf-8",
		    f->data, f->len);
		goto out;
	}
	if (catalog_refresh() == -1) {
		api_error(req, &pg, 503, "Please try again in a moment.", "");
		goto out;
	}
	if (strlen(req->path) >= sizeof(key) - 1) {
		api_error(req, &pg, 404, "There is no page at this address.",
		    "");
		goto out;
	}
	snprintf(key, sizeof(key), "%s", req->path);
	if ((cp = cache_get(key, catalog_get()->version)) != NULL) {
		open_data_headers(req, NULL);
		http_send_cached(req, cp, catalog_get()->changed_at);
		goto out;
	}
	if (strcmp(path, "") == 0 || strcmp(path, "/") == 0) {
		json_t *doc = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}",
		    "openapi", "/api/v1/openapi.json",
		    "processes", "/api/v1/processes",
		    "process", "/api/v1/processes/{slug}",
		    "rows", "/p/{slug}.json",
		    "action", "/api/v1/actions/{id}",
		    "statuses", "/api/v1/statuses");
		json_object_set_new(doc, "units", json_string("/api/v1/units"));
		add_licence(doc);
		send_json(req, key, doc, NULL);
	} else if (strcmp(path, "/processes") == 0)
		api_processes(req, &pg, key);
	else if (strcmp(path, "/statuses") == 0)
		api_statuses(req, key);
	else if (strcmp(path, "/units") == 0)
		api_units(req, &pg, key);
	else if (strncmp(path, "/processes/", 11) == 0 &&
	    (n = strlen(path + 11)) > 0 && n < sizeof(arg) &&
	    strspn(path + 11, "abcdefghijklmnopqrstuvwxyz0123456789-") == n) {
		memcpy(arg, path + 11, n + 1);
		api_process(req, &pg, arg, key);
	} else if (strncmp(path, "/actions/", 9) == 0 &&
	    (n = strlen(path + 9)) > 0 && n <= 18 &&
	    strspn(path + 9, "0123456789") == n && path[9] != '0') {
		memcpy(arg, path + 9, n + 1);
		api_action(req, &pg, arg, key);
	} else
		api_error(req, &pg, 404, "There is no page at this address.",
		    "");
out:
	params_free(v, 1);
	page_free(&pg);
	return KORE_RESULT_OK;
}
