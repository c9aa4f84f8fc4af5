/*
 * The participation team's pages for what a public-sector site must
 * have: the county's name, contact details and logo, the facts and
 * texts of the accessibility statement and the privacy notice
 * (/b/site, /b/site/logo, /b/site/text/PAGE), and residents' feedback
 * on accessibility with the 14 days the law gives to answer it
 * (/b/feedback). Admins only; the SQL functions (sql/functions/site.sql)
 * check the role again and write the audit log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "admin.h"
#include "backend.h"
#include "fields.h"
#include "catalog_cache.h"
#include "db.h"
#include "site_cache.h"
#include "http_util.h"
#include "mem.h"
#include "multipart.h"
#include "site_form.h"
#include "tmpl.h"

int	page_admin_site(struct http_request *);
int	page_admin_site_logo(struct http_request *);
int	page_admin_site_text(struct http_request *);
int	page_admin_feedback(struct http_request *);
int	page_admin_feedback_item(struct http_request *);

static int	site_post(struct http_request *, struct backend *,
		    struct site_form *, const char **, int *);
static void	site_render(struct http_request *, struct backend *,
		    struct kore_pgsql *, const struct form *, const char *,
		    int);
static const char *logo_check(const struct mp_part *, int, const char **);
static void	embed_snippets(struct tmpl_vars *);

/*
 * /b/site: the county's details and the statement's facts. GET shows
 * the form; POST saves it with site_save() or shows it again with what
 * is wrong (422; nothing saved).
 */
int
page_admin_site(struct http_request *req)
{
	struct backend		 b;
	struct site_form	 f;
	struct kore_pgsql	 sql;
	const char		*error = NULL;
	int			 status = 200;

	memset(&b, 0, sizeof(b));
	memset(&f, 0, sizeof(f));
	kore_pgsql_init(&sql);
	if (backend_begin(req, &b) == -1)
		goto done;
	if (backend_need_admin(req, &b) == -1)
		goto out;
	if (req->method == HTTP_METHOD_POST &&
	    site_post(req, &b, &f, &error, &status) == -1)
		goto out;		/* answered */
	if (db_query(&sql, "SELECT " SITE_COLUMNS_SQL ", "
	    "array_to_string(embed_origins, E'\\n') AS embed_origins, "
	    "(SELECT count(*) FROM accessibility_feedback WHERE "
	    "answered_at IS NULL) AS open_feedback FROM site", 0, NULL) == -1 ||
	    kore_pgsql_ntuples(&sql) != 1) {
		backend_unavailable(req, &b);
		goto out;
	}
	site_render(req, &b, &sql, &f.form, error, status);
out:
	backend_end(&b);
done:
	form_free(&f.form);
	kore_pgsql_cleanup(&sql);
	return KORE_RESULT_OK;
}

/* -1 after answering; 0 with *error set when the form is shown again. */
static int
site_post(struct http_request *req, struct backend *b, struct site_form *f,
    const char **error, int *status)
{
	json_t	*doc;
	char	*text, code[8];
	const char *args[1];
	int	 i, r;

	if (backend_form_read(req, b, &f->form, site_fields, SIF_COUNT) == -1)
		return -1;
	*status = 422;
	if (site_form_check(f) > 0) {
		*error = f->error;
		return 0;
	}
	doc = json_object();
	for (i = 0; i < SIF_CSRF; i++)
		json_object_set_new(doc, site_fields[i].name,
		    json_string(f->form.v[i]));
	text = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	args[0] = text;
	r = backend_change(req, b, NULL, "SELECT site_save($1, $2::jsonb, $3)",
	    1, args, code, sizeof(code));
	free(text);
	if (r == 0) {
		backend_redirect_with(req, b, "saved=1", "/b/site");
		return -1;
	}
	*error = backend_save_error(code, NULL, status);
	return 0;
}

/*
 * What a county's web editor copies into its own page: an iframe of the
 * directory, and of the first published process, at the public address.
 */
static void
embed_snippets(struct tmpl_vars *tv)
{
	const struct catalog	*c = catalog_get();
	const char		*base = http_base_primary();
	size_t			 i;

	tv_textf(tv, "embed_directory", "<iframe src=\"%s/embed/actions\" "
	    "title=\"Toteuma\" width=\"100%%\" height=\"800\" "
	    "loading=\"lazy\"></iframe>", base);
	for (i = 0; i < c->nprocs; i++)
		if (c->procs[i].published) {
			tv_textf(tv, "embed_process", "<iframe "
			    "src=\"%s/embed/p/%s\" title=\"Toteuma\" "
			    "width=\"100%%\" height=\"800\" "
			    "loading=\"lazy\"></iframe>",
			    base, c->procs[i].slug);
			tv_text(tv, "embed_slug", c->procs[i].slug);
			break;
		}
}

/* The form with the stored values, or with what was sent (f). */
static void
site_render(struct http_request *req, struct backend *b,
    struct kore_pgsql *sql, const struct form *f, const char *error,
    int status)
{
	static const struct field_view	county[] = {
		FIELD_VIEWS_FI_SV_EN(SIF_NAME, N_("Name in Finnish"),
		    N_("Name in Swedish"), N_("Name in English"), 0),
		{ .field = SIF_ADDRESS, .label = N_("Postal address") },
		{ .field = SIF_PHONE, .label = N_("Phone"), .type = "tel" },
		{ .field = SIF_EMAIL, .label = N_("E-mail"), .type = "email" },
		{ .field = SIF_WEBSITE, .label = N_("Website"), .type = "url" },
	};
	static const struct field_view	dates[] = {
		{ .field = SIF_STATEMENT_DATE, .label = N_("Date of the "
		    "statement (year-month-day)"), .required = 1 },
		{ .field = SIF_ASSESSED_DATE, .label = N_("Date of the last "
		    "assessment (year-month-day)"), .required = 1 },
	};
	struct tmpl_vars		 tv;
	const char			*c, *cur[SIF_COUNT];
	int				 i;

	tv_init(&tv);
	for (i = 0; i < SIF_CSRF; i++)
		cur[i] = f->n > 0 ? f->v[i] :
		    db_text(sql, 0, site_fields[i].name);
	cur[SIF_CSRF] = "";
	fields_html(&tv, "county_fields", site_fields, FIELD_VIEWS(county), cur,
	    f, b->pg.lang);
	fields_html(&tv, "date_fields", site_fields, FIELD_VIEWS(dates), cur, f,
	    b->pg.lang);
	tv_text(&tv, "embed_origins", cur[SIF_EMBED_ORIGINS]);
	if (f->n > 0 && f->err[SIF_EMBED_ORIGINS] != NULL)
		tv_text(&tv, "err_embed_origins",
		    T(b->pg.lang, f->err[SIF_EMBED_ORIGINS]));
	if (f->n > 0 && f->err[SIF_COMPLIANCE] != NULL)
		tv_text(&tv, "err_compliance",
		    T(b->pg.lang, f->err[SIF_COMPLIANCE]));
	c = f->n > 0 ? f->v[SIF_COMPLIANCE] : db_text(sql, 0, "compliance");
	tv_text(&tv, "c_full", strcmp(c, "full") == 0 ? "1" : "");
	tv_text(&tv, "c_partial", strcmp(c, "partial") == 0 ? "1" : "");
	tv_text(&tv, "c_none", strcmp(c, "none") == 0 ? "1" : "");
	tv_text(&tv, "logo_type", db_text(sql, 0, "logo_type"));
	tv_text(&tv, "open_feedback", db_text(sql, 0, "open_feedback"));
	embed_snippets(&tv);
	backend_form_vars(&tv, b, error);
	tv_text(&tv, "saved", error == NULL && (b->notices & BACKEND_SAVED) ?
	    "1" : "");
	backend_title(b, N_("Site and statements"), "/b/site");
	backend_show(req, b, "admin_site", &tv, error != NULL ? status : 200);
	tv_free(&tv);
}

/*
 * The logo's part of an upload: NULL with its type when it is a PNG,
 * JPEG or SVG image of at most SITE_LOGO_MAX bytes; else a msgid.
 */
static const char *
logo_check(const struct mp_part *file, int remove, const char **type)
{
	*type = NULL;
	if (remove)
		return NULL;
	if (file == NULL || file->len == 0)
		return N_("Choose an image file for the logo.");
	if (file->len > SITE_LOGO_MAX)
		return N_("The logo may be at most 256 kB.");
	if ((*type = site_logo_type((const unsigned char *)file->data,
	    file->len)) == NULL)
		return N_("The logo must be a PNG, JPEG or SVG image.");
	return NULL;
}

/* /b/site/logo: a new logo (multipart upload) or none ("remove"). */
int
page_admin_site_logo(struct http_request *req)
{
	struct backend		 b;
	struct mp_part		 parts[4];
	char			 boundary[MULTIPART_MAX_BOUNDARY + 1], code[8];
	char			*b64 = NULL, csrf[65];
	const struct mp_part	*p, *file = NULL;
	const char		*ct, *type, *msg, *args[2];
	size_t			 b64len;
	int			 n;

	memset(&b, 0, sizeof(b));
	if (backend_begin(req, &b) == -1)
		goto done;
	if (backend_need_admin(req, &b) == -1)
		goto out;
	if (!b.multipart || !http_request_header(req, "content-type", &ct) ||
	    multipart_boundary(ct, boundary, sizeof(boundary)) == -1 ||
	    (n = multipart_parse(b.body.data, b.body.len, boundary, parts,
	    4)) == -1) {
		backend_error(req, &b, 400, N_("The upload could not be read. "
		    "Choose the file again and send the form."));
		goto out;
	}
	csrf[0] = '\0';
	if ((p = multipart_get(parts, n, "csrf")) != NULL && p->len < 65)
		snprintf(csrf, sizeof(csrf), "%.*s", (int)p->len, p->data);
	if (!session_csrf_ok(&b.st, csrf)) {
		backend_forged(req, &b);
		goto out;
	}
	file = multipart_get(parts, n, "logo");
	if ((msg = logo_check(file, multipart_get(parts, n, "remove") != NULL,
	    &type)) != NULL) {
		backend_error(req, &b, 400, msg);
		goto out;
	}
	if (type != NULL) {
		b64len = sodium_base64_encoded_len(file->len,
		    sodium_base64_VARIANT_ORIGINAL);
		b64 = xmalloc(b64len);
		sodium_bin2base64(b64, b64len,
		    (const unsigned char *)file->data, file->len,
		    sodium_base64_VARIANT_ORIGINAL);
	}
	args[0] = type;
	args[1] = b64;
	if (backend_change(req, &b, NULL, "SELECT site_logo_save($1, $2, $3, "
	    "$4)", 2, args, code, sizeof(code)) == 0)
		backend_redirect_with(req, &b, "saved=1", "/b/site");
	else
		backend_error(req, &b, 503, backend_save_error(code, NULL, &n));
out:
	backend_end(&b);
done:
	free(b64);
	return KORE_RESULT_OK;
}

/* The page of /b/site/text/PAGE: "accessibility" or "privacy". */
static const char *
text_page(const char *path)
{
	return strcmp(path, "/b/site/text/privacy") == 0 ? "privacy" :
	    "accessibility";
}

static int	text_post(struct http_request *, struct backend *,
		    struct form *, const char *, const char **, int *);
static void	text_render(struct http_request *, struct backend *,
		    const struct form *, const char *, const char *, int);

/*
 * /b/site/text/PAGE: the statement's own text in each language. GET
 * shows it; POST saves it with site_text_save() or shows it again.
 */
int
page_admin_site_text(struct http_request *req)
{
	struct backend	 b;
	struct form	 f;
	const char	*page = text_page(req->path), *error = NULL;
	int		 status = 200;

	memset(&b, 0, sizeof(b));
	memset(&f, 0, sizeof(f));
	if (backend_begin(req, &b) == -1)
		goto done;
	if (backend_need_admin(req, &b) == -1)
		goto out;
	if (req->method == HTTP_METHOD_POST &&
	    text_post(req, &b, &f, page, &error, &status) == -1)
		goto out;
	text_render(req, &b, &f, page, error, status);
out:
	backend_end(&b);
done:
	form_free(&f);
	return KORE_RESULT_OK;
}

static int
text_post(struct http_request *req, struct backend *b, struct form *f,
    const char *page, const char **error, int *status)
{
	json_t		*doc;
	char		*text, code[8];
	const char	*args[2];
	int		 r;

	if (backend_form_read(req, b, f, site_text_fields, STF_COUNT) == -1)
		return -1;
	*status = 422;
	if (f->nerr > 0) {
		*error = form_first_error(f, NULL);
		return 0;
	}
	doc = json_pack("{s:s, s:s, s:s}", "fi", f->v[STF_FI], "sv",
	    f->v[STF_SV], "en", f->v[STF_EN]);
	text = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	args[0] = page;
	args[1] = text;
	r = backend_change(req, b, NULL, "SELECT site_text_save($1, $2, "
	    "$3::jsonb, $4)", 2, args, code, sizeof(code));
	free(text);
	if (r == 0) {
		backend_redirect_with(req, b, "saved=1", "/b/site/text/%s",
		    page);
		return -1;
	}
	*error = backend_save_error(code, NULL, status);
	return 0;
}

static void
text_render(struct http_request *req, struct backend *b,
    const struct form *f, const char *page, const char *error, int status)
{
	static const char *const	codes[STF_CSRF] = { "fi", "sv", "en" };
	static const struct field_view	texts[] = {
		{ .field = STF_FI, .label = N_("In Finnish"), .lang = "fi",
		    .rows = 16, .hint_id = "text-hint" },
		{ .field = STF_SV, .label = N_("In Swedish"), .lang = "sv",
		    .rows = 16, .hint_id = "text-hint" },
		{ .field = STF_EN, .label = N_("In English"), .lang = "en",
		    .rows = 16, .hint_id = "text-hint" },
	};
	struct kore_pgsql		sql;
	struct tmpl_vars		tv;
	const char			*params[1] = { page };
	const char			*cur[STF_COUNT] = { NULL };
	int				i, j;

	tv_init(&tv);
	kore_pgsql_init(&sql);
	if (f->n == 0 && db_query(&sql, "SELECT lang, body FROM site_text "
	    "WHERE page = $1", 1, params) == -1) {
		backend_unavailable(req, b);
		goto out;
	}
	for (i = 0; i < STF_CSRF; i++) {
		if (f->n > 0)
			cur[i] = f->v[i];
		else
			for (j = 0; j < kore_pgsql_ntuples(&sql); j++)
				if (strcmp(db_text(&sql, j, "lang"),
				    codes[i]) == 0)
					cur[i] = db_text(&sql, j, "body");
	}
	fields_html(&tv, "text_fields", site_text_fields, FIELD_VIEWS(texts),
	    cur, f, b->pg.lang);
	tv_text(&tv, "privacy", strcmp(page, "privacy") == 0 ? "1" : "");
	tv_text(&tv, "page", page);
	backend_form_vars(&tv, b, error);
	tv_text(&tv, "saved", error == NULL && (b->notices & BACKEND_SAVED) ?
	    "1" : "");
	backend_title(b, strcmp(page, "privacy") == 0 ? N_("Privacy notice") :
	    N_("Accessibility statement"), "/b/site/text/%s", page);
	backend_show(req, b, "admin_site_text", &tv, error != NULL ? status :
	    200);
out:
	kore_pgsql_cleanup(&sql);
	tv_free(&tv);
}

/* A row of the feedback list. */
static void
feedback_row(struct tmpl_vars *tv, struct kore_pgsql *sql, int i,
    enum lang lang)
{
	const char	*left = db_text(sql, i, "days_left");

	db_vars(tv, sql, i, "id", "name", "email", "message", "fb_lang",
	    (char *)NULL);
	tv_date(tv, "received", db_text(sql, i, "received"));
	tv_date(tv, "answered", db_text(sql, i, "answered"));
	tv_text(tv, "days_left", left);
	tv_text(tv, "overdue", *left == '-' ? "1" : "");
	tv_text(tv, "days_over", *left == '-' ? left + 1 : "");
}

/* /b/feedback: feedback on accessibility, unanswered first. */
int
page_admin_feedback(struct http_request *req)
{
	struct backend		 b;
	struct tmpl_vars	 tv;

	memset(&b, 0, sizeof(b));
	tv_init(&tv);
	if (backend_open(req, &b, BACKEND_NEED_ADMIN) == -1)
		goto out;
	backend_list(req, &b, &tv, "admin_feedback",
	    N_("Feedback on accessibility"), "/b/feedback", feedback_row,
	    "SELECT id, name, email, message, lang AS fb_lang, "
	    "to_char(received_at AT TIME ZONE 'Europe/Helsinki', "
	    "'YYYY-MM-DD HH24:MI') AS received, "
	    "coalesce(to_char(answered_at AT TIME ZONE 'Europe/Helsinki', "
	    "'YYYY-MM-DD'), '') AS answered, "
	    "(14 - ((now() AT TIME ZONE 'Europe/Helsinki')::date - "
	    "(received_at AT TIME ZONE 'Europe/Helsinki')::date)) AS days_left "
	    "FROM accessibility_feedback ORDER BY answered_at IS NOT NULL, "
	    "received_at DESC LIMIT 500");
out:
	backend_end(&b);
	tv_free(&tv);
	return KORE_RESULT_OK;
}

enum { FA_CSRF, FA_ANSWERED, FA_COUNT };
static const struct param_spec answer_form[FA_COUNT] = {
	PARAM_CSRF,
	PARAM_FLAG("answered"),
};

BACKEND_BUTTON_DEFINE(page_admin_feedback_item, BACKEND_NEED_ADMIN,
    answer_form, FA_COUNT, feedback_answer_post);

/* /b/feedback/ID: marks it answered (answered=1) or not (0). */
static void
feedback_answer_post(struct http_request *req, struct backend *b, char **v)
{
	static const struct backend_refusal	refusals[] = {
		{ "P0002", 404, N_("There is no such feedback."),
		    BACKEND_ERROR_PAGE },
		BACKEND_AS_ADMIN
	};
	char		 id[24];
	const char	*args[2];

	if (strcmp(v[FA_ANSWERED], "0") != 0 &&
	    strcmp(v[FA_ANSWERED], "1") != 0) {
		backend_bad_form(req, b);
		return;
	}
	backend_path_id(req->path, "/b/feedback/", id, sizeof(id));
	args[0] = id;
	args[1] = strcmp(v[FA_ANSWERED], "0") == 0 ? "false" : "true";
	(void)backend_change_answer(req, b, "SELECT feedback_answer($1, $2, "
	    "$3::boolean, $4)", 2, args, refusals, "saved=1", "/b/feedback");
}
