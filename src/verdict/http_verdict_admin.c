/*
 * /b/p/ID/verdict: an admin's page of a process's panel verdict. It
 * issues invitation links (a number of them, or one for each address
 * given, each mailed through the outbox), shows the new links once as
 * a list to print, revokes links, opens and closes the verdict round,
 * and moderates the comments (seen: public; hidden with a reason).
 * Every change is an SQL function of sql/functions/verdict.sql that
 * checks the admin again and writes the audit row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "backend.h"
#include "db.h"
#include "fields.h"
#include "mem.h"
#include "process_form.h"
#include "rows.h"
#include "tmpl.h"
#include "verdict_form.h"
#include "verdict_page.h"

struct verdict_admin {
	struct backend			 b;
	char				 pid[24];
	char				 title[PROCESS_TITLE_BYTES];
	struct verdict_admin_form	 f;
	int				 posted;
	const char			*error;	/* msgid of a refusal */
	int				 status;
	struct html			 issued; /* the new links, once */
};

/* What each refusal of the database says, and how. */
static const struct backend_refusal verdict_codes[] = {
	{ "P0002", 404, N_("It has been removed meanwhile. Nothing was "
	    "saved."), BACKEND_REFUSE },
	{ "42501", 403, BACKEND_ADMINS_ONLY, BACKEND_REFUSE },
	BACKEND_AGAIN("TV003", N_("The last day must be today or later, "
	    "within a year.")),
	BACKEND_AGAIN("TV004", N_("A verdict round of this process is open "
	    "already.")),
	BACKEND_AGAIN("22023", N_("Say why the comment is hidden.")),
	{ NULL, 503, BACKEND_NOTHING_SAVED, BACKEND_REFUSE }
};

static int	admin_load(struct http_request *, struct verdict_admin *);
static int	admin_post(struct http_request *, struct verdict_admin *);
static int	admin_issue(struct http_request *, struct verdict_admin *);
static void	issued_rows(struct http_request *, struct verdict_admin *,
		    struct kore_pgsql *,
		    char (*)[AUTH_TOKEN_LEN + 1], const char *);
static int	admin_change(struct http_request *, struct verdict_admin *);
static void	admin_render(struct http_request *, struct verdict_admin *);
static void	link_row(struct tmpl_vars *, struct kore_pgsql *, int,
		    enum lang, const void *);
static void	comment_row(struct tmpl_vars *, struct kore_pgsql *, int,
		    enum lang, const void *);
static int	admin_round(struct tmpl_vars *, struct verdict_admin *);

int
page_admin_verdict(struct http_request *req)
{
	struct verdict_admin	va;

	memset(&va, 0, sizeof(va));
	html_init(&va.issued);
	va.status = 200;
	if (backend_open(req, &va.b, BACKEND_NEED_ADMIN) == -1)
		goto out;
	(void)backend_path_id(req->path, "/b/p/", va.pid, sizeof(va.pid));
	if (admin_load(req, &va) == -1)
		goto out;
	if (req->method == HTTP_METHOD_POST && admin_post(req, &va) == -1)
		goto out;
	admin_render(req, &va);
out:
	verdict_admin_form_free(&va.f);
	html_free(&va.issued);
	backend_end(&va.b);
	return KORE_RESULT_OK;
}

/* The process's title; -1 after answering 404 or 503. */
static int
admin_load(struct http_request *req, struct verdict_admin *va)
{
	struct kore_pgsql	 sql;
	struct row_text		 title;
	int			 fi, rc = -1;

	kore_pgsql_init(&sql);
	if (backend_query_one(req, &va->b, &sql, "SELECT title, title_sv, "
	    "title_en FROM process WHERE id = $1", va->pid, N_("There is no "
	    "such process. It may have been removed or the address may be "
	    "mistyped.")) == -1)
		goto out;
	result_text_cols(&title, &sql, "title");
	snprintf(va->title, sizeof(va->title), "%s", result_text(&sql, 0,
	    &title, va->b.pg.lang, &fi));
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	return rc;
}

/*
 * The form of a POST, checked and carried out: -1 after answering (a
 * redirect or a refusal), 0 to show the page (with the new links, or
 * the form's messages).
 */
static int
admin_post(struct http_request *req, struct verdict_admin *va)
{
	int	nerr;

	if (backend_form_read(req, &va->b, &va->f.form, verdict_admin_fields,
	    VA_COUNT) == -1)
		return -1;
	va->posted = 1;
	if ((nerr = verdict_admin_form_check(&va->f)) == -1) {
		backend_bad_form(req, &va->b);
		return -1;
	}
	if (nerr > 0) {
		va->status = 422;
		return 0;
	}
	if (va->f.op == VOP_ISSUE)
		return admin_issue(req, va);
	return admin_change(req, va);
}

/*
 * New links: a token each (libsodium), their hashes and, for the
 * addresses given, the tokens to mail, in one verdict_links_issue().
 * The links are shown once, as a list to print. -1 after answering a
 * refusal, 0 to show the page.
 */
static int
admin_issue(struct http_request *req, struct verdict_admin *va)
{
	struct kore_pgsql	 sql;
	char			(*tokens)[AUTH_TOKEN_LEN + 1], *docs;
	char			 hash[AUTH_TOKEN_HASH_LEN + 1], code[8];
	const char		*args[2];
	enum lang		 ml = LANG_FI;
	json_t			*doc, *links;
	int			 i, rc = 0;

	kore_pgsql_init(&sql);
	lang_from_code(va->f.form.v[VA_LANG], strlen(va->f.form.v[VA_LANG]),
	    &ml);
	tokens = xcalloc((size_t)va->f.links, sizeof(*tokens));
	links = json_array();
	for (i = 0; i < va->f.links; i++) {
		auth_token_new(tokens[i]);
		auth_token_hash(tokens[i], hash);
		json_array_append_new(links, i < va->f.nemails ? json_pack(
		    "{s:s, s:s, s:s}", "hash", hash, "token", tokens[i],
		    "email", va->f.emails[i]) : json_pack("{s:s}", "hash",
		    hash));
	}
	doc = json_pack("{s:s, s:o}", "lang", lang_codes[ml], "links", links);
	docs = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	args[0] = va->pid;
	args[1] = docs;
	if (backend_change(req, &va->b, &sql, "SELECT verdict_links_issue($1, "
	    "$2, $3::jsonb, $4) AS number", 2, args, code, sizeof(code)) ==
	    -1) {
		backend_refusal(req, &va->b, code, verdict_codes);
		rc = -1;
	} else
		issued_rows(req, va, &sql, tokens, lang_codes[ml]);
	sodium_memzero(docs, strlen(docs));
	free(docs);
	sodium_memzero(tokens, (size_t)va->f.links * sizeof(*tokens));
	free(tokens);
	kore_pgsql_cleanup(&sql);
	return rc;
}

/* The new links of sql's numbers (in the order of tokens), to print. */
static void
issued_rows(struct http_request *req, struct verdict_admin *va,
    struct kore_pgsql *sql, char (*tokens)[AUTH_TOKEN_LEN + 1],
    const char *lang)
{
	struct tmpl_vars	tv;
	char			base[256];
	int			i;

	tv_init(&tv);
	http_base_url(req, base, sizeof(base));
	for (i = 0; i < kore_pgsql_ntuples(sql) && i < va->f.links; i++) {
		tv_reset(&tv);
		tv_text(&tv, "number", db_text(sql, i, "number"));
		tv_textf(&tv, "url", "%s/verdict/%s%s%s", base, tokens[i],
		    strcmp(lang, "fi") == 0 ? "" : "?lang=",
		    strcmp(lang, "fi") == 0 ? "" : lang);
		tv_text(&tv, "mailed", i < va->f.nemails ? "1" : "");
		tmpl_render(&va->issued, tpl("admin_verdict.issued"), &tv,
		    va->b.pg.lang);
	}
	tv_free(&tv);
}

/* A change other than issuing: -1 after answering (303 or a refusal). */
static int
admin_change(struct http_request *req, struct verdict_admin *va)
{
	static const char *const ops[VOP_COUNT] = { "issue", "revoke", "open",
	    "close", "seen", "hide", "show" };
	const struct form	*f = &va->f.form;
	const char		*args[4], *q;
	char			 code[8], comment[24];
	int			 n = 1;

	snprintf(comment, sizeof(comment), "%lld", va->f.comment);
	args[0] = va->pid;
	switch (va->f.op) {
	case VOP_REVOKE:
		q = "SELECT verdict_link_revoke($1, $2, $3::integer, $4)";
		args[n++] = f->v[VA_NUMBER];
		break;
	case VOP_OPEN:
		q = "SELECT verdict_round_open($1, $2, $3::date, $4)";
		args[n++] = f->v[VA_CLOSES];
		break;
	case VOP_CLOSE:
		q = "SELECT verdict_round_close($1, $2, $3)";
		break;
	default:
		q = "SELECT verdict_comment_review($1, $2, $3, $4, $5, $6)";
		args[n++] = comment;
		args[n++] = ops[va->f.op];
		args[n++] = f->v[VA_REASON];
		break;
	}
	if (backend_change(req, &va->b, NULL, q, n, args, code,
	    sizeof(code)) == 0) {
		backend_redirect_with(req, &va->b, "saved=1",
		    "/b/p/%s/verdict", va->pid);
		return -1;
	}
	va->status = 422;
	return backend_save_refused(req, &va->b, code, verdict_codes,
	    &va->error, &va->status);
}

/* A link of the process: its number, when made, whether revoked. */
static void
link_row(struct tmpl_vars *rv, struct kore_pgsql *sql, int row,
    enum lang lang, const void *arg)
{
	const struct verdict_admin	*va = arg;

	db_vars(rv, sql, row, "number", "created_at", "revoked",
	    (char *)NULL);
	tv_text(rv, "csrf", va->b.st.csrf);
	tv_text(rv, "pid", va->pid);
	tv_text(rv, "lang_query", lang_query(lang));
}

/* A comment to moderate, with its state and the buttons that fit it. */
static void
comment_row(struct tmpl_vars *rv, struct kore_pgsql *sql, int row,
    enum lang lang, const void *arg)
{
	const struct verdict_admin	*va = arg;

	db_vars(rv, sql, row, "id", "number", "comment", "seen", "hidden",
	    "hidden_reason", "updated_at", (char *)NULL);
	tv_text(rv, "csrf", va->b.st.csrf);
	tv_text(rv, "pid", va->pid);
	tv_text(rv, "lang_query", lang_query(lang));
}

/* The open round (or the last one) into tv: 0, or -1 on a failure. */
static int
admin_round(struct tmpl_vars *tv, struct verdict_admin *va)
{
	struct kore_pgsql	 sql;
	const char		*params[1] = { va->pid };
	int			 rc = -1;

	if (db_query(&sql, "SELECT closes_on, closed_at IS NULL AND "
	    "closes_on >= helsinki_today() AS open, "
	    "(SELECT count(*) FROM verdict_link l WHERE l.process_id = $1 "
	    "AND l.revoked_at IS NULL) AS live_links, "
	    "(SELECT count(DISTINCT v.link_id) FROM verdict v JOIN "
	    "verdict_link l ON l.id = v.link_id AND l.revoked_at IS NULL "
	    "WHERE v.process_id = $1) AS answered "
	    "FROM (SELECT NULL) x LEFT JOIN LATERAL (SELECT closes_on, "
	    "closed_at FROM verdict_round WHERE process_id = $1 "
	    "ORDER BY id DESC LIMIT 1) r ON true", 1, params) == 0 &&
	    kore_pgsql_ntuples(&sql) == 1) {
		db_vars(tv, &sql, 0, "open", "live_links", "answered",
		    (char *)NULL);
		if (*db_text(&sql, 0, "closes_on") != '\0')
			tv_date(tv, "closes_on", db_text(&sql, 0,
			    "closes_on"));
		rc = 0;
	}
	kore_pgsql_cleanup(&sql);
	return rc;
}

/* The page: the round, new links, the links and the comments. */
static void
admin_render(struct http_request *req, struct verdict_admin *va)
{
	static const struct field_view	 round[] = {
		{ .field = VA_CLOSES, .label = N_("Last day of the round"),
		    .type = "date", .required = 1 },
	};
	static const struct field_view	 issue[] = {
		{ .field = VA_COUNT_LINKS,
		    .label = N_("Number of links to print"),
		    FIELD_NUMBER(VERDICT_LINKS_MAX) },
		{ .field = VA_EMAILS, .label = N_("Or e-mail addresses, one a "
		    "line: each gets its own link"), .hint = N_("The "
		    "addresses are not kept with the links: each is only in "
		    "the mail queue, which is cleared 90 days after "
		    "sending."), .rows = 4 },
	};
	struct tmpl_vars	 tv;
	struct html		 links, comments, errors;
	const char		*params[1] = { va->pid };
	const struct form	*f = va->posted ? &va->f.form : NULL;
	const char *const	*v = f != NULL ? (const char *const *)f->v :
				    NULL;
	enum lang		 lang = va->b.pg.lang;

	tv_init(&tv);
	html_init(&links);
	html_init(&comments);
	html_init(&errors);
	if (admin_round(&tv, va) == -1 || db_render_rows(db_query, &links,
	    tpl("admin_verdict.link"), lang, link_row, va, "SELECT number, "
	    "created_at, revoked_at IS NOT NULL AS revoked FROM verdict_link "
	    "WHERE process_id = $1 ORDER BY number", 1, params) == -1 ||
	    db_render_rows(db_query, &comments, tpl("admin_verdict.comment"),
	    lang, comment_row, va, "SELECT v.id, r.number, v.comment, "
	    "v.seen_at IS NOT NULL AS seen, v.hidden_at IS NOT NULL AS "
	    "hidden, v.hidden_reason, v.updated_at FROM verdict v "
	    "JOIN recommendation r ON r.id = v.recommendation_id "
	    "JOIN verdict_link l ON l.id = v.link_id AND l.revoked_at IS NULL "
	    "WHERE v.process_id = $1 AND v.comment <> '' "
	    "ORDER BY v.seen_at IS NOT NULL, r.position, v.id", 1,
	    params) == -1) {
		backend_unavailable(req, &va->b);
		goto out;
	}
	if (va->posted)
		backend_form_errors(&tv, &errors, &va->f.form, lang);
	tv_html(&tv, "errors", &errors);
	tv_html(&tv, "links", &links);
	tv_html(&tv, "comments", &comments);
	tv_html(&tv, "issued", &va->issued);
	tv_text(&tv, "error", va->error != NULL ? T(lang, va->error) : "");
	tv_text(&tv, "saved", va->b.notices & BACKEND_SAVED ? "1" : "");
	tv_text(&tv, "title", va->title);
	tv_text(&tv, "pid", va->pid);
	tv_text(&tv, "csrf", va->b.st.csrf);
	tv_text(&tv, "lang_query", lang_query(lang));
	fields_html(&tv, "round_fields", verdict_admin_fields,
	    FIELD_VIEWS(round), v, f, lang);
	fields_html(&tv, "issue_fields", verdict_admin_fields,
	    FIELD_VIEWS(issue), v, f, lang);
	backend_title(&va->b, N_("The panel's verdict"), "/b/p/%s/verdict",
	    va->pid);
	backend_show(req, &va->b, "admin_verdict", &tv, va->status);
out:
	html_free(&errors);
	html_free(&comments);
	html_free(&links);
	tv_free(&tv);
}
