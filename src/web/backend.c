/* See backend.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "backend.h"
#include "fields.h"
#include "catalog_cache.h"
#include "db.h"
#include "multipart.h"
#include "netaddr.h"
#include "process_form.h"
#include "tmpl.h"

#define REFUSED_FIELDS_MAX	64	/* fields a refused form shows back */

/* The language, and the notices a redirect after a save asks for. */
enum { Q_LANG, Q_SAVED, Q_REMOVED, Q_CONFIRMED, Q_PASSWORD, Q_OPENED,
    Q_CLOSED, Q_IMPORTED, Q_ADDED, Q_PENDING, Q_COUNT };

static int	backend_second_factor(struct http_request *,
		    struct backend *);
static int	form_forged(struct http_request *, struct backend *);
static void	page_id_vars(struct tmpl_vars *, const struct backend_page *);
static void	page_show(struct http_request *, struct backend_page *,
		    const char *, struct tmpl_vars *);
static size_t	refused_fields(struct backend *, struct html *);
static void	refused_page(struct http_request *, struct backend *, int,
		    const char *, const char *);

static const struct param_spec query_params[Q_COUNT] = {
	PARAM_LANG,
	PARAM_FLAG("saved"),
	PARAM_FLAG("removed"),
	PARAM_FLAG("confirmed"),
	PARAM_FLAG("password_changed"),
	PARAM_FLAG("opened"),
	PARAM_FLAG("closed"),
	{ "imported", PROCESS_SLUG_MAX, NULL, 0 },	/* the slug imported */
	PARAM_ID("added"),	/* the id of what was added */
	PARAM_FLAG("pending"),
};
static const unsigned query_notices[Q_COUNT] = {
	0, BACKEND_SAVED, BACKEND_REMOVED, BACKEND_CONFIRMED,
	BACKEND_PASSWORD, BACKEND_OPENED, BACKEND_CLOSED, BACKEND_IMPORTED,
	BACKEND_ADDED, BACKEND_PENDING
};
static const struct param_spec csrf_param[] = {
	PARAM_CSRF,
};

static int
read_body(struct http_request *req, struct buf *b, size_t max)
{
	char	chunk[8192];
	ssize_t	n;

	for (;;) {
		if ((n = http_body_read(req, chunk, sizeof(chunk))) == -1)
			return -1;
		if (n == 0)
			break;
		if (b->len + (size_t)n > max)
			return -1;
		buf_append(b, chunk, (size_t)n);
	}
	buf_cstr(b);
	return 0;
}

int
backend_read_form(struct http_request *req, struct buf *b)
{
	if (read_body(req, b, PARAMS_MAX_FORM) == -1)
		return -1;
	return memchr(b->data, '\0', b->len) == NULL ? 0 : -1;
}

int
backend_begin(struct http_request *req, struct backend *b)
{
	char		*v[Q_COUNT], *c[1] = { NULL };
	char		 boundary[MULTIPART_MAX_BOUNDARY + 1];
	const char	*bad, *ct;
	enum lang	 lang = LANG_FI;
	int		 i;

	memset(b, 0, sizeof(*b));
	buf_init(&b->body);
	/*
	 * Staff see their own changes at once, whichever worker answers:
	 * the catalogue is checked against the database on every staff
	 * request (public pages check it at most once a second).
	 */
	catalog_invalidate();
	if (params_parse(req->query_string, query_params, Q_COUNT, v, &bad) ==
	    PARAM_OK) {
		if (v[Q_LANG] != NULL)
			lang_from_code(v[Q_LANG], strlen(v[Q_LANG]), &lang);
		for (i = Q_LANG + 1; i < Q_COUNT; i++)
			if (v[i] != NULL && v[i][0] != '\0')
				b->notices |= query_notices[i];
		if (v[Q_ADDED] != NULL)
			b->added = strtoll(v[Q_ADDED], NULL, 10);
		if (v[Q_REMOVED] != NULL && strcmp(v[Q_REMOVED], "2") == 0)
			b->notices ^= BACKEND_REMOVED | BACKEND_REMOVED_REC;
		params_free(v, Q_COUNT);
	}
	page_init(&b->pg, lang);
	b->session = session_get(req, &b->st);
	if (b->session == SESSION_OK) {
		snprintf(b->pg.staff, sizeof(b->pg.staff), "%s", b->st.email);
		snprintf(b->pg.csrf, sizeof(b->pg.csrf), "%s", b->st.csrf);
		b->pg.staff_admin = b->st.is_admin;
	}
	if (req->method != HTTP_METHOD_POST)
		return 0;
	if (!http_same_origin(req)) {
		backend_error(req, b, 403, N_("This form did not come from "
		    "this site. Nothing was changed."));
		return -1;
	}
	if (http_request_header(req, "content-type", &ct) &&
	    multipart_boundary(ct, boundary, sizeof(boundary)) == 0) {
		/* A file upload: its handler reads the parts. */
		b->multipart = 1;
		if (read_body(req, &b->body, BACKEND_MAX_UPLOAD) == 0)
			return 0;
		backend_error(req, b, 413,
		    N_("The file is larger than 12 MB."));
		return -1;
	}
	if (backend_read_form(req, &b->body) == -1) {
		backend_error(req, b, 413, N_("The form is too large or "
		    "contains characters that are not allowed. Go back to "
		    "the form: your text is still there."));
		return -1;
	}
	if (params_parse_form(buf_cstr(&b->body), csrf_param, 1, c, &bad) ==
	    PARAM_OK)
		b->csrf = c[0];
	return 0;
}

void
backend_end(struct backend *b)
{
	if (b->body.data != NULL)
		sodium_memzero(b->body.data, b->body.len);
	buf_free(&b->body);
	free(b->csrf);
	b->csrf = NULL;
	page_free(&b->pg);
}

int
backend_open(struct http_request *req, struct backend *b, int needs)
{
	if (backend_begin(req, b) == -1)
		return -1;
	if ((needs & BACKEND_NEED_ADMIN) && backend_need_admin(req, b) == -1)
		return -1;
	if ((needs & BACKEND_NEED_SESSION) &&
	    backend_need_session(req, b) == -1)
		return -1;
	if ((needs & BACKEND_NEED_CATALOG) &&
	    backend_need_catalog(req, b) == -1)
		return -1;
	return 0;
}

int
backend_need_session(struct http_request *req, struct backend *b)
{
	char	url[80];

	if (b->session == SESSION_OK)
		return 0;
	if (b->session == SESSION_ERROR) {
		backend_unavailable(req, b);
		return -1;
	}
	if (b->session == SESSION_PARTIAL)
		return backend_second_factor(req, b);
	if (req->method == HTTP_METHOD_POST) {
		if (b->session != SESSION_EXPIRED) {
			backend_refused(req, b, 401, N_("You are not signed "
			    "in, so this was not saved."));
			return -1;
		}
		session_clear_cookie(req);
		refused_page(req, b, 401, N_("Your session has ended, so this "
		    "was not saved. Sign in again in a new tab or window, then "
		    "copy your text below back into the form."), N_("Your "
		    "session has ended, so this was not saved. Sign in again "
		    "in a new tab or window, then send it again."));
		return -1;
	}
	if (b->session == SESSION_EXPIRED)
		session_clear_cookie(req);
	snprintf(url, sizeof(url), "/login%s%s", lang_query(b->pg.lang),
	    b->session == SESSION_EXPIRED ? (b->pg.lang == LANG_FI ?
	    "?expired=1" : "&expired=1") : "");
	backend_redirect(req, url);
	return -1;
}

/*
 * A session whose password was right and whose second factor is still
 * to come opens no page but the step it is at: a GET goes there, a POST
 * is refused. -1 after answering.
 */
static int
backend_second_factor(struct http_request *req, struct backend *b)
{
	char	url[80];

	if (req->method == HTTP_METHOD_POST) {
		backend_refused(req, b, 401, N_("Signing in is not finished, "
		    "so this was not saved. Give the code of your "
		    "authenticator app first."));
		return -1;
	}
	snprintf(url, sizeof(url), "%s%s", b->st.stage == SESSION_NEEDS_CODE ?
	    "/login/code" : "/b/account/totp", lang_query(b->pg.lang));
	backend_redirect(req, url);
	return -1;
}

int
backend_need_admin(struct http_request *req, struct backend *b)
{
	if (backend_need_session(req, b) == -1)
		return -1;
	if (b->st.is_admin)
		return 0;
	backend_denied(req, b, BACKEND_ADMINS_ONLY);
	return -1;
}

int
backend_need_catalog(struct http_request *req, struct backend *b)
{
	if (catalog_refresh() == 0)
		return 0;
	backend_unavailable(req, b);
	return -1;
}

void
backend_title(struct backend *b, const char *msgid, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	page_titlev(&b->pg, msgid, fmt, ap);
	va_end(ap);
}

void
backend_form_vars(struct tmpl_vars *tv, const struct backend *b,
    const char *error)
{
	tv_text(tv, "error", error ? T(b->pg.lang, error) : "");
	tv_text(tv, "csrf", b->st.csrf);
	tv_text(tv, "lang_query", lang_query(b->pg.lang));
}

void
backend_show(struct http_request *req, struct backend *b,
    const char *tplname, struct tmpl_vars *tv, int status)
{
	tmpl_render(&b->pg.content, tpl(tplname), tv, b->pg.lang);
	page_send(req, &b->pg, status);
}

/*
 * A page that shows what its path names (backend_page_id): its "id"
 * ("new" for a new one) and "new".
 */
static void
page_id_vars(struct tmpl_vars *tv, const struct backend_page *p)
{
	if (p->tid[0] == '\0')
		return;
	tv_text(tv, "id", p->id == 0 ? "new" : p->tid);
	if (p->id == 0)
		tv_text(tv, "new", "1");
}

/* Sends the form page with its message, CSRF token and heading. */
static void
page_show(struct http_request *req, struct backend_page *p,
    const char *tplname, struct tmpl_vars *tv)
{
	backend_form_vars(tv, &p->b, p->error);
	tv_text(tv, "heading", buf_cstr(&p->b.pg.title));
	backend_show(req, &p->b, tplname, tv, p->status);
}

int
backend_form_page(struct http_request *req, const struct backend_form_page *p)
{
	struct backend_page	*page;
	struct tmpl_vars	 tv;

	tv_init(&tv);
	page = xcalloc(1, p->size);
	page->status = 200;
	if (backend_open(req, &page->b, p->needs) == 0 &&
	    (p->load == NULL || p->load(req, page) == 0) &&
	    (req->method != HTTP_METHOD_POST || p->post == NULL ||
	    p->post(req, page) == 0)) {
		page_id_vars(&tv, page);
		if (p->render(req, page, &tv) == 0)
			page_show(req, page, p->tplname, &tv);
	}
	backend_end(&page->b);
	if (p->free != NULL)
		p->free(page);
	if (page->form != NULL)
		form_free(page->form);
	kore_pgsql_cleanup(&page->row);
	free(page);
	tv_free(&tv);
	return KORE_RESULT_OK;
}

int
backend_page_read(struct http_request *req, struct backend_page *p,
    struct form *f, const struct form_field *fields, int n)
{
	p->form = f;
	if (backend_form_read(req, &p->b, f, fields, n) == -1)
		return -1;
	p->status = 422;
	return 0;
}

int
backend_page_read_cur(struct http_request *req, struct backend_page *p,
    struct form *f, const struct form_field *fields, int n,
    const char **cur, int fixed)
{
	int	i;

	if (backend_page_read(req, p, f, fields, n) == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (i != fixed || p->id == 0)
			cur[i] = f->v[i];
	return 0;
}

int
backend_page_again(struct backend_page *p, const char *msgid)
{
	p->error = msgid;
	return 0;
}

int
backend_page_unsaved(struct backend_page *p, const char *code,
    const struct backend_refusal *refusals)
{
	return backend_page_again(p, backend_save_error(code, refusals,
	    &p->status));
}

void
backend_page_id(struct http_request *req, struct backend_page *p,
    const char *prefix)
{
	p->id = backend_path_id(req->path, prefix, p->tid, sizeof(p->tid));
	p->prefix = prefix;
}

int
backend_page_load(struct http_request *req, struct backend_page *p,
    const struct backend_record *r, const char **cur)
{
	int	i;

	backend_page_id(req, p, r->prefix);
	for (i = 0; i < r->n; i++)
		cur[i] = "";
	if (p->id == 0)
		return 0;
	if (backend_query_one(req, &p->b, &p->row, r->query, p->tid,
	    r->missing) == -1)
		return -1;
	for (i = 0; i < r->columns; i++)
		cur[i] = db_text(&p->row, 0, r->fields[i].name);
	return 0;
}

void
backend_page_title(struct backend_page *p, const char *msgid_new,
    const char *msgid_edit)
{
	backend_title(&p->b, p->id == 0 ? msgid_new : msgid_edit, "%s%s",
	    p->prefix, p->id == 0 ? "new" : p->tid);
}

void
backend_list(struct http_request *req, struct backend *b,
    struct tmpl_vars *tv, const char *name, const char *msgid,
    const char *path, backend_row_fn fill, const char *query)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 rv;
	struct html		 rows;
	char			 row[64];
	int			 i;

	tv_init(&rv);
	html_init(&rows);
	snprintf(row, sizeof(row), "%s.row", name);
	if (db_query(&sql, query, 0, NULL) == -1) {
		backend_unavailable(req, b);
		goto out;
	}
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		tv_reset(&rv);
		fill(&rv, &sql, i, b->pg.lang);
		tv_text(&rv, "csrf", b->st.csrf);
		tv_text(&rv, "lang_query", lang_query(b->pg.lang));
		tmpl_render(&rows, tpl(row), &rv, b->pg.lang);
	}
	tv_html(tv, "rows", &rows);
	tv_text(tv, "empty", kore_pgsql_ntuples(&sql) == 0 ? "1" : "");
	tv_text(tv, "saved", (b->notices & BACKEND_SAVED) ? "1" : "");
	tv_text(tv, "lang_query", lang_query(b->pg.lang));
	backend_title(b, msgid, "%s", path);
	backend_show(req, b, name, tv, 200);
out:
	kore_pgsql_cleanup(&sql);
	html_free(&rows);
	tv_free(&rv);
}

void
backend_action_vars(struct tmpl_vars *tv, const char *id, const char *body,
    enum lang lang)
{
	tv_textf(tv, "url", "/b/a/%s%s", id, lang_query(lang));
	tv_text(tv, "body", *body != '\0' ? body :
	    T(lang, "(action without a description)"));
}

void
backend_option(struct html *out, const char *value, const char *label,
    int selected, enum lang lang)
{
	struct tmpl_vars	ov;

	tv_init(&ov);
	tv_text(&ov, "value", value);
	tv_text(&ov, "label", label);
	tv_text(&ov, "selected", selected ? "1" : "");
	tmpl_render(out, tpl("fragments.option"), &ov, lang);
	tv_free(&ov);
}

void
backend_error(struct http_request *req, struct backend *b, int status,
    const char *msgid)
{
	serve_error(req, &b->pg, status, msgid, "");
}

int
backend_query_one(struct http_request *req, struct backend *b,
    struct kore_pgsql *sql, const char *query, const char *id,
    const char *missing)
{
	const char	*params[1] = { id };

	return backend_query_row(req, b, sql, query, 1, params, missing);
}

int
backend_query_row(struct http_request *req, struct backend *b,
    struct kore_pgsql *sql, const char *query, int n,
    const char *const *params, const char *missing)
{
	if (db_query(sql, query, n, params) == -1) {
		backend_unavailable(req, b);
		return -1;
	}
	if (kore_pgsql_ntuples(sql) != 1) {
		backend_error(req, b, 404, missing);
		return -1;
	}
	return 0;
}

int
backend_change(struct http_request *req, const struct backend *b,
    struct kore_pgsql *sql, const char *query, int n,
    const char *const *args, char *code, size_t len)
{
	char		 uid[32], ip[NETADDR_TEXT];
	const char	*params[BACKEND_CHANGE_ARGS + 2];
	int		 i, rc;

	if (n < 0 || n > BACKEND_CHANGE_ARGS)
		abort();
	snprintf(uid, sizeof(uid), "%lld", b->st.id);
	client_ip(req, ip, sizeof(ip));
	params[0] = uid;
	for (i = 0; i < n; i++)
		params[i + 1] = args[i];
	params[n + 1] = ip;
	if (sql == NULL)
		return db_change(query, n + 2, params, code, len);
	if ((rc = db_write(sql, query, n + 2, params)) == 0)
		code[0] = '\0';
	else
		db_sqlstate(sql, code, len);
	return rc;
}

/* The row of refusals that names code, or the last (sqlstate NULL). */
static const struct backend_refusal *
refusal_row(const char *code, const struct backend_refusal *r)
{
	for (; r->sqlstate != NULL; r++)
		if (code != NULL && strcmp(code, r->sqlstate) == 0)
			break;
	return r;
}

const char *
backend_save_error(const char *code,
    const struct backend_refusal *refusals, int *status)
{
	const struct backend_refusal	*r;

	if (refusals != NULL && code != NULL) {
		r = refusal_row(code, refusals);
		if (r->how == BACKEND_FORM_AGAIN && r->msgid != NULL) {
			if (r->status != 0)
				*status = r->status;
			return r->msgid;
		}
	}
	*status = 503;
	return BACKEND_SAVE_FAILED;
}

int
backend_save_refused(struct http_request *req, struct backend *b,
    const char *code, const struct backend_refusal *refusals,
    const char **msgid, int *status)
{
	const struct backend_refusal	*r = refusal_row(code, refusals);

	if (r->how != BACKEND_FORM_AGAIN || r->msgid == NULL) {
		backend_refusal(req, b, code, refusals);
		return -1;
	}
	*msgid = r->msgid;
	if (r->status != 0)
		*status = r->status;
	return 0;
}

const struct backend_refusal backend_admin_refusals[] = {
	{ "P0002", 404, N_("It has been removed meanwhile. Nothing was "
	    "saved."), BACKEND_REFUSE },
	{ "42501", 403, BACKEND_ADMINS_ONLY, BACKEND_REFUSE },
	{ NULL, 503, BACKEND_NOTHING_SAVED, BACKEND_REFUSE }
};

void
backend_refusal(struct http_request *req, struct backend *b,
    const char *code, const struct backend_refusal *refusals)
{
	const struct backend_refusal	*r = refusal_row(code, refusals);

	if (r->msgid == NULL) {
		/* BACKEND_AS_ADMIN: the rest as an admin's change. */
		backend_refusal(req, b, code, backend_admin_refusals);
		return;
	}
	if (r->how == BACKEND_ERROR_PAGE)
		backend_error(req, b, r->status, r->msgid);
	else if (r->how == BACKEND_DENY)
		backend_denied(req, b, r->msgid);
	else
		/* A refusal, or a form that is not shown again here. */
		backend_refused(req, b, r->status != 0 ? r->status : 422,
		    r->msgid);
}

int
backend_change_answer(struct http_request *req, struct backend *b,
    const char *query, int n, const char *const *args,
    const struct backend_refusal *refusals, const char *what,
    const char *fmt, ...)
{
	char	code[8], path[128];
	va_list	ap;

	if (backend_change(req, b, NULL, query, n, args, code,
	    sizeof(code)) == 0) {
		va_start(ap, fmt);
		vsnprintf(path, sizeof(path), fmt, ap);
		va_end(ap);
		backend_redirect_with(req, b, what, "%s", path);
		return 0;
	}
	backend_refusal(req, b, code, refusals);
	return -1;
}

int
backend_button(struct http_request *req, int needs,
    const struct param_spec *specs, size_t n, backend_button_fn post)
{
	struct backend	 b;
	char		*v[BACKEND_BUTTON_FIELDS] = { NULL };

	if (n > BACKEND_BUTTON_FIELDS)
		abort();
	if (backend_open(req, &b, needs) == 0 &&
	    backend_form(req, &b, specs, n, v) == 0)
		post(req, &b, v);
	backend_end(&b);
	params_free(v, n);
	return KORE_RESULT_OK;
}

void
backend_redirect(struct http_request *req, const char *url)
{

	http_response_header(req, "location", url);
	http_send(req, 303, "text/plain; charset=utf-8", "", 0);
}

/*
 * What the refused form sent, each field but secrets, into fields;
 * the number of fields listed.
 */
static size_t
refused_fields(struct backend *b, struct html *fields)
{
	struct tmpl_vars	 fv;
	char			*names[REFUSED_FIELDS_MAX];
	char			*values[REFUSED_FIELDS_MAX];
	size_t			 n, i, listed = 0;

	tv_init(&fv);
	n = b->body.len && !b->multipart ? params_list(buf_cstr(&b->body),
	    names, values, REFUSED_FIELDS_MAX) : 0;
	for (i = 0; i < n; i++) {
		if (values[i][0] != '\0' && strcmp(names[i], "csrf") != 0 &&
		    strcmp(names[i], "revision") != 0 &&
		    strstr(names[i], "password") == NULL &&
		    strcmp(names[i], "current") != 0 &&
		    strcmp(names[i], "new") != 0 &&
		    strcmp(names[i], "confirm") != 0) {
			tv_reset(&fv);
			tv_text(&fv, "name", names[i]);
			tv_text(&fv, "value", values[i]);
			tmpl_render(fields, tpl("refused.field"), &fv,
			    b->pg.lang);
			listed++;
		}
		sodium_memzero(values[i], strlen(values[i]));
		free(names[i]);
		free(values[i]);
	}
	tv_free(&fv);
	return listed;
}

/*
 * The refusal page: msgid, or unsent when the form sent no text to
 * list below it.
 */
static void
refused_page(struct http_request *req, struct backend *b, int status,
    const char *msgid, const char *unsent)
{
	struct tmpl_vars	 tv;
	struct html		 fields;

	tv_init(&tv);
	html_init(&fields);
	if (refused_fields(b, &fields) == 0)
		msgid = unsent;
	tv_textf(&tv, "status", "%d", status);
	tv_text(&tv, "message", T(b->pg.lang, msgid));
	tv_html(&tv, "fields", &fields);
	tv_text(&tv, "signed_in", b->session == SESSION_OK ? "1" : "");
	tv_text(&tv, "lang_query", lang_query(b->pg.lang));
	page_set_title(&b->pg, "%s", T(b->pg.lang,
	    page_error_heading(status, req->method == HTTP_METHOD_POST)));
	tv_text(&tv, "heading", buf_cstr(&b->pg.title));
	b->pg.status = status;
	html_free(&b->pg.content);
	html_init(&b->pg.content);
	backend_show(req, b, "refused", &tv, status);
	tv_free(&tv);
	html_free(&fields);
}

void
backend_refused(struct http_request *req, struct backend *b, int status,
    const char *msgid)
{
	refused_page(req, b, status, msgid, msgid);
}

int
backend_form(struct http_request *req, struct backend *b,
    const struct param_spec *specs, size_t n, char **v)
{
	const char	*bad;
	size_t		 i;

	if (params_parse_form(buf_cstr(&b->body), specs, n, v, &bad) !=
	    PARAM_OK) {
		backend_bad_form(req, b);
		return -1;
	}
	for (i = 0; i < n; i++)
		if (v[i] == NULL)
			v[i] = xstrdup("");
	return form_forged(req, b);
}

int
backend_form_read(struct http_request *req, struct backend *b,
    struct form *f, const struct form_field *fields, int n)
{
	const char	*bad;

	if (form_parse(f, fields, n, buf_cstr(&b->body), &bad) != PARAM_OK) {
		backend_bad_form(req, b);
		return -1;
	}
	return form_forged(req, b);
}

void
backend_form_summary(struct tmpl_vars *tv, struct html *errors,
    const struct form *f, const struct form_summary *s, enum lang lang)
{
	struct tmpl_vars	 ov;
	struct html		 msg;
	const char		*name, *var;
	int			 i;

	tv_init(&ov);
	for (i = 0; i < f->n; i++) {
		if (f->err[i] == NULL)
			continue;
		name = f->fields[i].name;
		html_init(&msg);
		field_message(&msg, name, f->v[i], f->err[i], lang);
		var = s->vars != NULL && s->vars[i] != NULL ? s->vars[i] :
		    f->fields[i].err_var;
		if (var != NULL)
			tv_html(tv, var, &msg);
		tv_reset(&ov);
		tv_textf(&ov, "href", "#%s", s->anchors != NULL &&
		    s->anchors[i] != NULL ? s->anchors[i] : name);
		tv_text(&ov, "label", s->labels != NULL &&
		    s->labels[i] != NULL ? T(lang, s->labels[i]) : "");
		tv_html(&ov, "message", &msg);
		tmpl_render(errors, tpl("fragments.error_item"), &ov, lang);
		html_free(&msg);
	}
	tv_free(&ov);
}

void
backend_form_errors(struct tmpl_vars *tv, struct html *errors,
    const struct form *f, enum lang lang)
{
	static const struct form_summary	s = { NULL, NULL, NULL };

	backend_form_summary(tv, errors, f, &s, lang);
}

void
backend_bad_form(struct http_request *req, struct backend *b)
{
	backend_refused(req, b, 400, N_("A field of the form is too long or "
	    "contains characters that are not allowed. Nothing was saved."));
}

/* 0, or -1 after refusing a form whose CSRF token is not the session's. */
static int
form_forged(struct http_request *req, struct backend *b)
{
	if (session_csrf_ok(&b->st, b->csrf))
		return 0;
	backend_forged(req, b);
	return -1;
}

void
backend_denied(struct http_request *req, struct backend *b,
    const char *msgid)
{
	audit(req, &b->st, NULL, "denied", req->path, NULL);
	backend_refused(req, b, 403, msgid);
}

void
backend_admins_only(struct http_request *req, struct backend *b)
{
	backend_refused(req, b, 403, BACKEND_ADMINS_ONLY);
}

void
backend_forged(struct http_request *req, struct backend *b)
{
	audit(req, &b->st, NULL, "forged", req->path, NULL);
	backend_refused(req, b, 403, N_("This form did not come from this "
	    "site, or it was opened in another session. Nothing was saved."));
}

void
backend_unavailable(struct http_request *req, struct backend *b)
{
	backend_refused(req, b, 503, N_("Please try again in a moment."));
}

void
backend_redirect_with(struct http_request *req, const struct backend *b,
    const char *what, const char *fmt, ...)
{
	char	path[128], url[256];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	if (what == NULL)
		snprintf(url, sizeof(url), "%s%s", path,
		    lang_query(b->pg.lang));
	else
		snprintf(url, sizeof(url), "%s%s%s%s", path,
		    lang_query(b->pg.lang), b->pg.lang == LANG_FI ? "?" : "&",
		    what);
	backend_redirect(req, url);
}

long long
backend_path_id(const char *path, const char *prefix, char *text,
    size_t len)
{
	long long	id;

	if (strcmp(path + strlen(prefix), "new") == 0)
		id = 0;
	else if ((id = strtoll(path + strlen(prefix), NULL, 10)) <= 0)
		id = -1;
	snprintf(text, len, "%lld", id);
	return id;
}
