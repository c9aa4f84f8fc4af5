/*
 * /verdict/TOKEN: a member of a process's panel rates each
 * recommendation's response and progress (1-5) with a short comment,
 * and may change them later with the same link. The token is the only
 * key: it is kept in the database as its SHA-256 (verdict_link_of),
 * never logged (http_util.c), and no Referer carries it away. A POST
 * must come from this site and carry the form's token, which is also
 * in a cookie of this path (as /follow does without a session). Two
 * browsers with the same link may both save: the last save of a
 * recommendation wins. Outside an open round the ratings are shown
 * read-only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "catalog_cache.h"
#include "db.h"
#include "labels.h"
#include "process_form.h"
#include "rows.h"
#include "serve.h"
#include "session.h"
#include "tmpl.h"
#include "verdict_form.h"
#include "verdict_page.h"

#define VERDICT_COOKIE	"toteuma_verdict"

/* The link of a request: its token, hash and what it opens. */
struct member {
	char	token[AUTH_TOKEN_LEN + 1];
	char	hash[AUTH_TOKEN_HASH_LEN + 1];
	char	link[24];		/* verdict_link.id */
	char	process[24];
	char	title[PROCESS_TITLE_BYTES];	/* the process's, in the page's
						   language */
	char	closes[16];		/* the open round's last day, or "" */
};

enum { VQ_LANG, VQ_SAVED, VQ_COUNT };
static const struct param_spec verdict_query[VQ_COUNT] = {
	PARAM_LANG,
	PARAM_FLAG("saved"),
};

/* A recommendation's answer of the form or the database. */
struct answer {
	const char	*response, *progress, *comment;
	const char	*err_rating, *err_comment;
};

static int	member_load(struct http_request *, struct member *, enum lang);
static void	member_gone(struct http_request *, struct page *);
static void	member_show(struct http_request *, struct page *,
		    const struct member *, const struct verdict_form *, int,
		    const char *, int);
static int	member_recs(struct html *, struct page *,
		    const struct member *, const struct verdict_form *);
static void	rec_render(struct html *, struct page *, struct kore_pgsql *,
		    int, const struct answer *, int);
static void	scale_radios(struct tmpl_vars *, const char *, const char *,
		    const char *, const char *, enum lang);
static void	member_post(struct http_request *, struct page *,
		    struct member *);
static int	member_csrf(struct http_request *, const char *);

/*
 * The link of the request's path into m: 1, 0 when it is not a live
 * link (unknown, revoked, not a token), -1 when the database failed.
 */
static int
member_load(struct http_request *req, struct member *m, enum lang lang)
{
	struct kore_pgsql	 sql;
	const char		*t = req->path + strlen("/verdict/");
	const char		*params[2] = { m->hash, lang_codes[lang] };
	int			 rc = -1;

	memset(m, 0, sizeof(*m));
	if (strncmp(req->path, "/verdict/", 9) != 0 || !auth_token_valid(t))
		return 0;
	snprintf(m->token, sizeof(m->token), "%s", t);
	auth_token_hash(m->token, m->hash);
	if (db_query(&sql, "SELECT l.id, l.process_id, in_lang($2, p.title, "
	    "p.title_sv, p.title_en) AS title, coalesce((verdict_round_open_of("
	    "l.process_id)).closes_on::text, '') AS closes "
	    "FROM verdict_link_of($1) l JOIN process p ON p.id = l.process_id "
	    "WHERE l.id IS NOT NULL", 2, params) == 0) {
		rc = kore_pgsql_ntuples(&sql) == 1;
		if (rc == 1) {
			snprintf(m->link, sizeof(m->link), "%s",
			    db_text(&sql, 0, "id"));
			snprintf(m->process, sizeof(m->process), "%s",
			    db_text(&sql, 0, "process_id"));
			snprintf(m->title, sizeof(m->title), "%s",
			    db_text(&sql, 0, "title"));
			snprintf(m->closes, sizeof(m->closes), "%s",
			    db_text(&sql, 0, "closes"));
		}
	}
	kore_pgsql_cleanup(&sql);
	return rc;
}

/* 404: the link is not one that works; nothing is changed. */
static void
member_gone(struct http_request *req, struct page *pg)
{
	serve_error(req, pg, 404, N_("This rating link does not work: it is "
	    "mistyped or has been revoked. Ask the participation team for a "
	    "new one."), "");
}

/*
 * The radio buttons of one scale of recommendation id, value checked,
 * into tv's variable var.
 */
static void
scale_radios(struct tmpl_vars *tv, const char *var, const char *scale,
    const char *id, const char *value, enum lang lang)
{
	static const char *const labels[5] = { N_("very poor"), N_("poor"),
	    N_("fair"), N_("good"), N_("very good") };
	struct tmpl_vars	rv;
	struct html		radios;
	int			i;

	tv_init(&rv);
	html_init(&radios);
	for (i = 0; i <= 5; i++) {
		tv_reset(&rv);
		tv_text(&rv, "scale", scale);
		tv_text(&rv, "id", id);
		if (i == 0)
			tv_text(&rv, "value", "");
		else
			tv_textf(&rv, "value", "%d", i);
		tv_textf(&rv, "n", "%d", i);
		tv_text(&rv, "label", i == 0 ? T(lang, N_("No rating")) :
		    T(lang, labels[i - 1]));
		tv_text(&rv, "checked", (i == 0 && *value == '\0') ||
		    (i > 0 && atoi(value) == i) ? "1" : "");
		tmpl_render(&radios, tpl("verdict.radio"), &rv, lang);
	}
	tv_html(tv, var, &radios);
	html_free(&radios);
	tv_free(&rv);
}

/* Recommendation row of sql with answer a, editable when open. */
static void
rec_render(struct html *out, struct page *pg, struct kore_pgsql *sql,
    int row, const struct answer *a, int open)
{
	static const char *const labels[5] = { N_("very poor"), N_("poor"),
	    N_("fair"), N_("good"), N_("very good") };
	struct tmpl_vars	 tv;
	struct row_text		 body;
	const char		*id = db_text(sql, row, "id"), *resp;
	int			 fi, r, p;

	r = atoi(a->response);
	p = atoi(a->progress);
	tv_init(&tv);
	result_text_cols(&body, sql, "body");
	tv_text(&tv, "id", id);
	tv_text(&tv, "number", db_text(sql, row, "number"));
	tv_text(&tv, "body", result_text(sql, row, &body, pg->lang, &fi));
	tv_text(&tv, "body_lang", lang_attr(pg->lang, fi));
	pg->finnish |= fi;
	resp = db_text(sql, row, "response");
	tv_text(&tv, "response", *resp ? T(pg->lang, response_label(resp)) :
	    T(pg->lang, N_("Not answered yet")));
	tv_text(&tv, "comment", a->comment);
	tv_text(&tv, "err_rating", a->err_rating ? T(pg->lang,
	    a->err_rating) : "");
	tv_text(&tv, "err_comment", a->err_comment ? T(pg->lang,
	    a->err_comment) : "");
	tv_text(&tv, "open", open ? "1" : "");
	if (open) {
		scale_radios(&tv, "response_radios", "response", id,
		    a->response, pg->lang);
		scale_radios(&tv, "progress_radios", "progress", id,
		    a->progress, pg->lang);
	} else {
		tv_textf(&tv, "rated_response", "%s", r >= 1 && r <= 5 ?
		    T(pg->lang, labels[r - 1]) : T(pg->lang, N_("No rating")));
		tv_textf(&tv, "rated_progress", "%s", p >= 1 && p <= 5 ?
		    T(pg->lang, labels[p - 1]) : T(pg->lang, N_("No rating")));
		if (r >= 1 && r <= 5)
			tv_textf(&tv, "response_n", "%d", r);
		if (p >= 1 && p <= 5)
			tv_textf(&tv, "progress_n", "%d", p);
	}
	tmpl_render(out, tpl("verdict.rec"), &tv, pg->lang);
	tv_free(&tv);
}

/*
 * The recommendations of m's process with this link's answers (or
 * those of vf, a form sent back) into out: 0, or -1 when the database
 * failed.
 */
static int
member_recs(struct html *out, struct page *pg, const struct member *m,
    const struct verdict_form *vf)
{
	struct kore_pgsql		 sql;
	const struct verdict_item	*it;
	struct answer			 a;
	const char			*params[2] = { m->link, m->process };
	char				 r[4], p[4];
	int				 i;

	if (db_query(&sql, "SELECT r.id, r.number, r.body, r.body_sv, "
	    "r.body_en, coalesce(r.response, '') AS response, "
	    "coalesce(v.response::text, '') AS rating_response, "
	    "coalesce(v.progress::text, '') AS rating_progress, "
	    "coalesce(v.comment, '') AS comment FROM recommendation r "
	    "LEFT JOIN recommendation pr ON pr.id = r.parent_id "
	    "LEFT JOIN verdict v ON v.recommendation_id = r.id "
	    "AND v.link_id = $1 WHERE r.process_id = $2 AND "
	    "r.deleted_at IS NULL AND r.kind <> 'specification' "
	    "ORDER BY coalesce(pr.position, r.position), "
	    "r.parent_id IS NOT NULL, r.position", 2, params) == -1) {
		kore_pgsql_cleanup(&sql);
		return -1;
	}
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		memset(&a, 0, sizeof(a));
		it = vf != NULL ? verdict_form_item(vf, strtoll(db_text(&sql,
		    i, "id"), NULL, 10)) : NULL;
		if (it != NULL) {
			snprintf(r, sizeof(r), "%.0d", it->response);
			snprintf(p, sizeof(p), "%.0d", it->progress);
			a.response = r;
			a.progress = p;
			a.comment = it->comment;
			a.err_rating = it->err_rating;
			a.err_comment = it->err_comment;
		} else {
			a.response = db_text(&sql, i, "rating_response");
			a.progress = db_text(&sql, i, "rating_progress");
			a.comment = db_text(&sql, i, "comment");
		}
		rec_render(out, pg, &sql, i, &a, m->closes[0] != '\0');
	}
	kore_pgsql_cleanup(&sql);
	return 0;
}

/*
 * The page of link m (with vf's values and messages when a form comes
 * back), a message (msgid or NULL) and whether a save just happened.
 */
static void
member_show(struct http_request *req, struct page *pg, const struct member *m,
    const struct verdict_form *vf, int status, const char *msgid, int saved)
{
	struct tmpl_vars	 tv;
	struct html		 recs;
	char			 csrf[AUTH_TOKEN_LEN + 1], cookie[160];
	const char		*h;

	tv_init(&tv);
	html_init(&recs);
	buf_reset(&pg->path);
	buf_printf(&pg->path, "/verdict/%s", m->token);
	if (member_recs(&recs, pg, m, vf) == -1) {
		serve_error(req, pg, 503, N_("Please try again in a "
		    "moment."), "");
		goto out;
	}
	if (m->closes[0] != '\0') {
		/* One token per browser: its other tabs keep working. */
		if (!http_request_header(req, "cookie", &h) ||
		    auth_cookie_get(h, VERDICT_COOKIE, csrf, sizeof(csrf)) ==
		    -1 || !auth_token_valid(csrf)) {
			auth_token_new(csrf);
			snprintf(cookie, sizeof(cookie), VERDICT_COOKIE "=%s; "
			    "Path=/verdict; HttpOnly; SameSite=Strict%s",
			    csrf, cookie_secure(req));
			http_response_header(req, "set-cookie", cookie);
		}
		tv_text(&tv, "csrf", csrf);
		tv_date(&tv, "closes", m->closes);
	}
	tv_text(&tv, "open", m->closes[0] != '\0' ? "1" : "");
	tv_text(&tv, "title", m->title);
	tv_text(&tv, "token", m->token);
	tv_text(&tv, "lang_query", lang_query(pg->lang));
	tv_text(&tv, "saved", saved ? "1" : "");
	tv_text(&tv, "error", msgid != NULL ? T(pg->lang, msgid) : "");
	tv_html(&tv, "recs", &recs);
	page_set_title(pg, "%s", T(pg->lang,
	    N_("The panel's verdict")));
	tmpl_render(&pg->content, tpl("verdict"), &tv, pg->lang);
	page_send(req, pg, status);
out:
	html_free(&recs);
	tv_free(&tv);
}

/*
 * Whether a POST came from this site with the form's token. A page
 * sent with "Referrer-Policy: no-referrer" makes the browser post with
 * "Origin: null": that is taken, since the token must still match the
 * cookie, which SameSite=Strict keeps from other sites' posts.
 */
static int
member_csrf(struct http_request *req, const char *csrf)
{
	char		 cookie[AUTH_TOKEN_LEN + 1];
	const char	*h, *origin;

	return (http_same_origin(req) || (http_request_header(req, "origin",
	    &origin) && strcmp(origin, "null") == 0)) && csrf != NULL &&
	    http_request_header(req, "cookie", &h) &&
	    auth_cookie_get(h, VERDICT_COOKIE, cookie, sizeof(cookie)) == 0 &&
	    auth_token_equal(cookie, csrf);
}

/* A save of link m: back to the page, or the form with what is wrong. */
static void
member_post(struct http_request *req, struct page *pg, struct member *m)
{
	struct verdict_form	 vf;
	struct kore_pgsql	 sql;
	struct buf		 body;
	char			*doc = NULL, code[8], url[128];
	const char		*params[2];

	buf_init(&body);
	kore_pgsql_init(&sql);
	memset(&vf, 0, sizeof(vf));
	if (backend_read_form(req, &body) == -1 ||
	    verdict_form_read(&vf, buf_cstr(&body)) == -1) {
		serve_error(req, pg, 400, N_("The form could not be read. "
		    "Try again."), "");
		goto out;
	}
	if (m->closes[0] == '\0') {
		member_show(req, pg, m, NULL, 409, N_("The verdict round is "
		    "closed: nothing was saved."), 0);
		goto out;
	}
	if (!member_csrf(req, vf.csrf)) {
		member_show(req, pg, m, &vf, 403, N_("The form had expired or "
		    "did not come from this site. Try again."), 0);
		goto out;
	}
	if (vf.nerr > 0) {
		member_show(req, pg, m, &vf, 422, N_("Nothing was saved: "
		    "correct the marked answers."), 0);
		goto out;
	}
	doc = verdict_form_doc(&vf);
	params[0] = m->hash;
	params[1] = doc;
	if (db_write(&sql, "SELECT verdict_save($1, $2::jsonb)", 2,
	    params) == -1) {
		db_sqlstate(&sql, code, sizeof(code));
		if (strcmp(code, "P0002") == 0)
			member_gone(req, pg);
		else if (strcmp(code, "TV001") == 0)
			member_show(req, pg, m, NULL, 409, N_("The verdict "
			    "round is closed: nothing was saved."), 0);
		else if (strcmp(code, "TV002") == 0)
			member_show(req, pg, m, &vf, 422, N_("Nothing was "
			    "saved: the form had a recommendation that is not "
			    "one of this panel's."), 0);
		else {
			serve_error(req, pg, 503, N_("Please try again in a "
			    "moment."), "");
		}
		goto out;
	}
	/* This worker's public pages show the ratings at once. */
	catalog_invalidate();
	snprintf(url, sizeof(url), "/verdict/%s?saved=1%s%s", m->token,
	    pg->lang == LANG_FI ? "" : "&lang=", pg->lang == LANG_FI ? "" :
	    lang_codes[pg->lang]);
	backend_redirect(req, url);
out:
	free(doc);
	verdict_form_free(&vf);
	kore_pgsql_cleanup(&sql);
	buf_free(&body);
}

/* /verdict/TOKEN: the member's ratings; POST saves them. */
int
page_verdict_member(struct http_request *req)
{
	struct page	 pg;
	struct member	 m;
	char		*q[VQ_COUNT];
	const char	*bad;
	enum lang	 lang = request_lang(req);
	int		 found, saved = 0;

	if (params_parse(req->query_string, verdict_query, VQ_COUNT, q,
	    &bad) == PARAM_OK) {
		saved = q[VQ_SAVED] != NULL;
		params_free(q, VQ_COUNT);
	}
	page_init(&pg, lang);
	if ((found = member_load(req, &m, lang)) == 0)
		member_gone(req, &pg);
	else if (found == -1) {
		serve_error(req, &pg, 503, N_("Please try again in a "
		    "moment."), "");
	} else if (req->method == HTTP_METHOD_POST)
		member_post(req, &pg, &m);
	else
		member_show(req, &pg, &m, NULL, 200, NULL, saved);
	sodium_memzero(&m, sizeof(m));
	page_free(&pg);
	return KORE_RESULT_OK;
}
