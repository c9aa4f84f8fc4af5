/*
 * Following a process, an action or a unit by e-mail: /follow asks (a
 * confirmation link is mailed, the same answer whether or not the
 * address follows it already), /follow/confirm/TOKEN starts it, and
 * /follow/manage/TOKEN and /follow/unsubscribe/TOKEN (the links of
 * every mail; the latter takes RFC 8058's one-click POST) change or
 * end it. The SQL functions are in sql/functions/follow.sql; tokens
 * are kept only as their SHA-256. Pages that change something are
 * posted; a link followed by a mail scanner changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "db.h"
#include "fields.h"
#include "follow_form.h"
#include "netaddr.h"
#include "process_form.h"
#include "public.h"
#include "serve.h"
#include "session.h"
#include "tmpl.h"

int	page_follow(struct http_request *);
int	page_follow_confirm(struct http_request *);
int	page_follow_manage(struct http_request *);
int	page_follow_unsubscribe(struct http_request *);

#define FOLLOW_COOKIE	"toteuma_follow"

/* What a follow page shows: its template variables and its title. */
static void	follow_send(struct http_request *, struct page *, int,
		    struct tmpl_vars *, const char *);
static int	target(const struct follow_what *, enum lang, char *, size_t,
		    char *, size_t);
static void	follow_form(struct http_request *, struct page *, int,
		    const struct follow_what *, const char *, const char *,
		    const struct form *);
static void	follow_post(struct http_request *, struct page *);
static int	token_of(struct http_request *, struct page *, const char *,
		    char *, char *);
static void	gone(struct http_request *, struct page *, int);
static int	subscriber_items(struct tmpl_vars *, const char *,
		    const char *, const char *, int, enum lang);
static void	stopped(struct http_request *, struct page *);
static void	confirm_post(struct http_request *, struct page *,
		    const char *, const char *);
static void	manage_post(struct http_request *, struct page *,
		    const char *, const char *);
static void	unsubscribe_post(struct http_request *, struct page *,
		    const char *, const char *);
static enum lang	follow_lang(struct http_request *, int *, int *);

enum { FQ_LANG, FQ_PROCESS, FQ_ACTION, FQ_UNIT, FQ_CONFIRMED, FQ_SAVED,
    FQ_COUNT };
static const struct param_spec follow_query[FQ_COUNT] = {
	PARAM_LANG,
	{ "process", PROCESS_SLUG_MAX, process_slug_valid, 0 },
	PARAM_ID("action"),
	PARAM_ID("unit"),
	PARAM_FLAG("confirmed"),
	PARAM_FLAG("saved"),
};

static void
follow_send(struct http_request *req, struct page *pg, int status,
    struct tmpl_vars *tv, const char *title)
{
	tv_text(tv, "lang_query", lang_query(pg->lang));
	page_set_title(pg, "%s", T(pg->lang, title));
	tmpl_render(&pg->content, tpl("follow"), tv, pg->lang);
	page_send(req, pg, status);
}

/* The link is unknown, used or expired: 410 (404 for no token). */
static void
gone(struct http_request *req, struct page *pg, int status)
{
	struct tmpl_vars	tv;

	tv_init(&tv);
	tv_text(&tv, "gone", "1");
	follow_send(req, pg, status, &tv, N_("This link no longer works"));
	tv_free(&tv);
}

/*
 * What w names, when it can be followed (follow_find): its id into id
 * and its title in lang into title. 1, 0 when there is none, -1 when
 * the database did not answer.
 */
static int
target(const struct follow_what *w, enum lang lang, char *id, size_t idlen,
    char *title, size_t tlen)
{
	struct kore_pgsql	 sql;
	const char		*params[3] = { w->kind, w->key,
				    lang_codes[lang] };
	int			 rc = -1;

	if (db_query(&sql, "SELECT id, title FROM follow_find($1, $2, $3)",
	    3, params) == 0) {
		rc = kore_pgsql_ntuples(&sql) == 1;
		if (rc == 1) {
			snprintf(id, idlen, "%s", db_text(&sql, 0, "id"));
			snprintf(title, tlen, "%s", db_text(&sql, 0, "title"));
		}
	}
	kore_pgsql_cleanup(&sql);
	return rc;
}

/*
 * The form to follow w, with a new token in its cookie: the address as
 * typed, error above the form (a msgid, or NULL) and the messages of f
 * (NULL for none) beside its field.
 */
static void
follow_form(struct http_request *req, struct page *pg, int status,
    const struct follow_what *w, const char *email, const char *error,
    const struct form *f)
{
	static const struct field_view	 views[] = {
		{ .field = FOL_EMAIL, .label = N_("E-mail address"),
		    .type = "email", .autocomplete = "email", .required = 1 },
	};
	const char		*cur[FOL_COUNT] = { NULL };
	struct tmpl_vars	 tv;
	char			 id[32], title[PROCESS_TITLE_BYTES];
	char			 token[AUTH_TOKEN_LEN + 1];
	char			 cookie[200];
	int			 found;

	if ((found = target(w, pg->lang, id, sizeof(id), title,
	    sizeof(title))) != 1) {
		serve_error(req, pg, found == 0 ? 404 : 503, found == 0 ?
		    N_("There is nothing to follow at this address.") :
		    N_("Please try again in a moment."), "");
		return;
	}
	auth_token_new(token);
	snprintf(cookie, sizeof(cookie), FOLLOW_COOKIE "=%s; Path=/follow; "
	    "HttpOnly; SameSite=Strict; Max-Age=7200%s", token,
	    cookie_secure(req));
	http_response_header(req, "set-cookie", cookie);
	tv_init(&tv);
	tv_text(&tv, "form", "1");
	tv_text(&tv, "title", title);
	tv_text(&tv, "kind", w->kind);
	tv_text(&tv, "key", w->key);
	cur[FOL_EMAIL] = email;
	fields_html(&tv, "email_field", follow_fields, FIELD_VIEWS(views), cur,
	    f, pg->lang);
	tv_text(&tv, "csrf", token);
	tv_text(&tv, "error", error != NULL ? T(pg->lang, error) : "");
	buf_reset(&pg->path);
	buf_printf(&pg->path, "/follow?%s=%s", w->kind, w->key);
	follow_send(req, pg, status, &tv, N_("Follow by e-mail"));
	tv_free(&tv);
}

/* A post of the form: the confirmation is mailed, or what is wrong. */
static void
follow_post(struct http_request *req, struct page *pg)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 tv;
	struct follow_form	 ff;
	struct buf		 body;
	char			 cookie[AUTH_TOKEN_LEN + 1];
	char			 id[32], title[PROCESS_TITLE_BYTES];
	char			 ip[NETADDR_TEXT];
	const char		*bad = "", *h, *params[5], *r;

	memset(&ff, 0, sizeof(ff));
	buf_init(&body);
	kore_pgsql_init(&sql);
	tv_init(&tv);
	if (backend_read_form(req, &body) == -1 || form_parse(&ff.form,
	    follow_fields, FOL_COUNT, buf_cstr(&body), &bad) != PARAM_OK) {
		serve_error(req, pg, 400, strcmp(bad, "email") == 0 ?
		    N_("Give your e-mail address, such as name@example.org.") :
		    N_("The form could not be read. Try again."), "");
		goto out;
	}
	(void)follow_form_check(&ff);
	if (!http_same_origin(req) || !http_request_header(req, "cookie", &h) ||
	    auth_cookie_get(h, FOLLOW_COOKIE, cookie, sizeof(cookie)) == -1 ||
	    !auth_token_equal(cookie, ff.form.v[FOL_CSRF])) {
		follow_form(req, pg, 403, &ff.what, ff.form.v[FOL_EMAIL],
		    N_("The form had expired or did not come from this site. "
		    "Try again."), NULL);
		goto out;
	}
	if (ff.form.nerr > 0) {
		follow_form(req, pg, 422, &ff.what, ff.form.v[FOL_EMAIL],
		    form_first_error(&ff.form, NULL), &ff.form);
		goto out;
	}
	if (target(&ff.what, pg->lang, id, sizeof(id), title,
	    sizeof(title)) != 1) {
		serve_error(req, pg, 404, N_("There is nothing to follow at "
		    "this address."), "");
		goto out;
	}
	client_ip(req, ip, sizeof(ip));
	params[0] = ff.email;
	params[1] = lang_codes[pg->lang];
	params[2] = ff.what.kind;
	params[3] = ff.what.key;
	params[4] = ip;
	if (db_write(&sql, "SELECT follow_add($1, $2, $3, $4, $5) AS r", 5,
	    params) == -1) {
		serve_error(req, pg, 503, N_("Please try again in a moment."),
		    "");
		goto out;
	}
	r = db_text(&sql, 0, "r");
	if (strcmp(r, "limit") == 0) {
		follow_form(req, pg, 429, &ff.what, ff.email, N_("Many "
		    "requests have come for this address or from here in the "
		    "past hour. Try again later."), NULL);
		goto out;
	}
	tv_text(&tv, "sent", "1");
	tv_text(&tv, "email", ff.email);
	follow_send(req, pg, 200, &tv, N_("Check your e-mail"));
out:
	tv_free(&tv);
	kore_pgsql_cleanup(&sql);
	follow_form_free(&ff);
	buf_free(&body);
}

/* /follow?process=SLUG, ?action=ID or ?unit=ID: the form; POST: asking. */
int
page_follow(struct http_request *req)
{
	struct page		 pg;
	struct follow_what	 w;
	char			*q[FQ_COUNT];
	const char		*bad;

	page_init(&pg, request_lang(req));
	if (params_parse(req->query_string, follow_query, FQ_COUNT, q, &bad) !=
	    PARAM_OK)
		memset(q, 0, sizeof(q));
	follow_what_read(q + FQ_PROCESS, &w);
	if (req->method == HTTP_METHOD_POST)
		follow_post(req, &pg);
	else
		follow_form(req, &pg, 200, &w, "", NULL, NULL);
	params_free(q, FQ_COUNT);
	page_free(&pg);
	return KORE_RESULT_OK;
}

/*
 * The token at the end of the path after prefix, and its hash in hex,
 * with the page's path: 0, or -1 after answering 404 when it is not
 * one of ours.
 */
static int
token_of(struct http_request *req, struct page *pg, const char *prefix,
    char *token, char *hash)
{
	const char	*t = req->path + strlen(prefix);

	if (strncmp(req->path, prefix, strlen(prefix)) != 0 ||
	    !auth_token_valid(t)) {
		gone(req, pg, 404);
		return -1;
	}
	snprintf(token, AUTH_TOKEN_LEN + 1, "%s", t);
	auth_token_hash(token, hash);
	buf_reset(&pg->path);
	buf_printf(&pg->path, "%s%s", prefix, token);
	return 0;
}

/*
 * The address and subscriptions of the subscriber of the token (hash)
 * for purpose into tv ("email", "items"; with buttons to remove when
 * removable): 1, 0 when the link does not work, -1 when the database
 * did not answer.
 */
static int
subscriber_items(struct tmpl_vars *tv, const char *token, const char *hash,
    const char *purpose, int removable, enum lang lang)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 iv;
	struct html		 items;
	const char		*params[3] = { hash, purpose,
				    lang_codes[lang] };
	int			 i, rc = -1;

	tv_init(&iv);
	html_init(&items);
	if (db_query(&sql, "SELECT sb.email, x.id, follow_target(x, $3) AS "
	    "title, x.confirmed_at IS NULL AS pending, sb.digest FROM "
	    "subscriber sb JOIN subscription x ON x.subscriber_id = sb.id "
	    "WHERE sb.id = follow_token_subscriber($1, $2) ORDER BY x.id", 3,
	    params) == 0) {
		rc = kore_pgsql_ntuples(&sql) > 0;
		for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
			tv_reset(&iv);
			db_vars(&iv, &sql, i, "id", "title", (char *)NULL);
			tv_text(&iv, "pending", db_true(&sql, i, "pending") ?
			    "1" : "");
			tv_text(&iv, "remove", removable ? "1" : "");
			tv_text(&iv, "token", token);
			tv_text(&iv, "lang_query", lang_query(lang));
			tmpl_render(&items, tpl("follow.item"), &iv, lang);
		}
		if (rc == 1) {
			tv_text(tv, "email", db_text(&sql, 0, "email"));
			tv_text(tv, "immediate", strcmp(db_text(&sql, 0,
			    "digest"), "immediate") == 0 ? "1" : "");
		}
	}
	tv_html(tv, "items", &items);
	tv_text(tv, "token", token);
	kore_pgsql_cleanup(&sql);
	html_free(&items);
	tv_free(&iv);
	return rc;
}

/* The page's language from its query (and the notices it tells of). */
static enum lang
follow_lang(struct http_request *req, int *confirmed, int *saved)
{
	char		*q[FQ_COUNT];
	const char	*bad;

	*confirmed = *saved = 0;
	if (params_parse(req->query_string, follow_query, FQ_COUNT, q, &bad) ==
	    PARAM_OK) {
		*confirmed = q[FQ_CONFIRMED] != NULL;
		*saved = q[FQ_SAVED] != NULL;
		params_free(q, FQ_COUNT);
	}
	return request_lang(req);
}

/* A page that says the address no longer follows anything. */
static void
stopped(struct http_request *req, struct page *pg)
{
	struct tmpl_vars	tv;

	tv_init(&tv);
	tv_text(&tv, "stopped", "1");
	follow_send(req, pg, 200, &tv, N_("You no longer follow anything"));
	tv_free(&tv);
}

/* Confirming the token (hash): on to the manage page. */
static void
confirm_post(struct http_request *req, struct page *pg, const char *token,
    const char *hash)
{
	struct kore_pgsql	 sql;
	const char		*params[1] = { hash };
	char			 url[128];

	kore_pgsql_init(&sql);
	if (!http_same_origin(req))
		serve_error(req, pg, 403, N_("The form had expired or did "
		    "not come from this site. Try again."), "");
	else if (db_write(&sql, "SELECT follow_confirm($1) AS manage", 1,
	    params) == 0) {
		snprintf(url, sizeof(url), "/follow/manage/%s?confirmed=1%s",
		    db_text(&sql, 0, "manage"), lang_param(pg->lang));
		backend_redirect(req, url);
	} else
		gone(req, pg, 410);
	kore_pgsql_cleanup(&sql);
	(void)token;
}

/* A change posted on the manage page of token (hash). */
static void
manage_post(struct http_request *req, struct page *pg, const char *token,
    const char *hash)
{
	struct kore_pgsql	 sql;
	struct buf		 body;
	struct form		 f;
	char			 url[128], code[8];
	const char		*bad, *params[3];

	memset(&f, 0, sizeof(f));
	buf_init(&body);
	kore_pgsql_init(&sql);
	if (!http_same_origin(req) || backend_read_form(req, &body) == -1 ||
	    form_parse(&f, follow_manage_fields, FM_COUNT, buf_cstr(&body),
	    &bad) != PARAM_OK || f.v[FM_OP][0] == '\0') {
		serve_error(req, pg, 400, N_("The form could not be read. Try "
		    "again."), "");
		goto out;
	}
	params[0] = hash;
	params[1] = f.v[FM_OP];
	params[2] = f.v[FM_ARG];
	if (db_write(&sql, "SELECT follow_manage($1, $2, $3)", 3,
	    params) == -1) {
		db_sqlstate(&sql, code, sizeof(code));
		if (strcmp(code, "P0002") == 0)
			gone(req, pg, 410);
		else
			serve_error(req, pg, strcmp(code, "22023") == 0 ? 400 :
			    503, strcmp(code, "22023") == 0 ? N_("The form "
			    "could not be read. Try again.") : N_("Please try "
			    "again in a moment."), "");
		goto out;
	}
	if (strcmp(f.v[FM_OP], "stop") == 0) {
		stopped(req, pg);
		goto out;
	}
	snprintf(url, sizeof(url), "/follow/manage/%s?saved=1%s", token,
	    lang_param(pg->lang));
	backend_redirect(req, url);
out:
	kore_pgsql_cleanup(&sql);
	form_free(&f);
	buf_free(&body);
}

/* Ending all following of the token (hash) at once. */
static void
unsubscribe_post(struct http_request *req, struct page *pg,
    const char *token, const char *hash)
{
	struct kore_pgsql	 sql;
	const char		*params[3] = { hash, "stop", "" };

	kore_pgsql_init(&sql);
	if (db_write(&sql, "SELECT follow_manage($1, $2, $3)", 3,
	    params) == -1)
		gone(req, pg, 410);
	else
		stopped(req, pg);
	kore_pgsql_cleanup(&sql);
	(void)token;
}

/*
 * A page of a link from a mail, /follow/WHAT/TOKEN: a GET shows what
 * the address follows, a POST does what the page is for.
 */
struct token_page {
	const char	*prefix;	/* "/follow/WHAT/" */
	const char	*purpose;	/* of the token */
	int		 removable;	/* each item has its button */
	const char	*flag;		/* the template's part */
	const char	*title;		/* msgid */
	int		 gone_503;	/* a failed read says the link is
					   gone */
	void		(*post)(struct http_request *, struct page *,
			    const char *, const char *);
};

static const struct token_page confirm_page = {
	"/follow/confirm/", "confirm", 0, "confirm", N_("Confirm following"),
	0, confirm_post
};
static const struct token_page manage_page = {
	"/follow/manage/", "manage", 1, "manage", N_("What you follow"), 0,
	manage_post
};
static const struct token_page unsubscribe_page = {
	"/follow/unsubscribe/", "manage", 0, "unsubscribe",
	N_("Stop following"), 1, unsubscribe_post
};

static int
token_page(struct http_request *req, const struct token_page *tp)
{
	struct page		 pg;
	struct tmpl_vars	 tv;
	char			 token[AUTH_TOKEN_LEN + 1];
	char			 hash[AUTH_TOKEN_HASH_LEN + 1];
	int			 confirmed, saved, found;

	tv_init(&tv);
	page_init(&pg, follow_lang(req, &confirmed, &saved));
	if (token_of(req, &pg, tp->prefix, token, hash) == -1)
		goto out;
	if (req->method == HTTP_METHOD_POST) {
		tp->post(req, &pg, token, hash);
		goto out;
	}
	if ((found = subscriber_items(&tv, token, hash, tp->purpose,
	    tp->removable, pg.lang)) == 1) {
		tv_text(&tv, tp->flag, "1");
		tv_text(&tv, "confirmed", confirmed ? "1" : "");
		tv_text(&tv, "saved", saved ? "1" : "");
		follow_send(req, &pg, 200, &tv, tp->title);
	} else if (found == 0 || tp->gone_503)
		gone(req, &pg, found == 0 ? 410 : 503);
	else
		serve_error(req, &pg, 503, N_("Please try again in a moment."),
		    "");
out:
	tv_free(&tv);
	page_free(&pg);
	return KORE_RESULT_OK;
}

/* /follow/confirm/TOKEN: GET asks, POST confirms and goes to manage. */
int
page_follow_confirm(struct http_request *req)
{
	return token_page(req, &confirm_page);
}

/* /follow/manage/TOKEN: what the address follows, and changing it. */
int
page_follow_manage(struct http_request *req)
{
	return token_page(req, &manage_page);
}

/*
 * /follow/unsubscribe/TOKEN, the List-Unsubscribe address of every
 * mail about changes: GET asks; POST (RFC 8058's one-click, from a mail
 * program without a page, or the page's button) ends all following at
 * once and deletes the address.
 */
int
page_follow_unsubscribe(struct http_request *req)
{
	return token_page(req, &unsubscribe_page);
}
