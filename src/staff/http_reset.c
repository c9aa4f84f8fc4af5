/*
 * Choosing a password through a single-use link: "forgot password"
 * (/login/forgot) mails a reset link, and /login/set/TOKEN (the link of
 * a reset or of an admin's invitation) sets the password. The forgot
 * page answers the same whether or not the address is an account's,
 * and password_reset_request() throttles it per address and client;
 * account_token_use() ends every session of the account. Only the
 * token's SHA-256 is in the database.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "db.h"
#include "fields.h"
#include "login.h"
#include "netaddr.h"
#include "password_form.h"
#include "reset_form.h"
#include "serve.h"
#include "session.h"
#include "tmpl.h"

int	page_login_forgot(struct http_request *);
int	page_login_set(struct http_request *);

#define SET_PREFIX	"/login/set/"

static void	forgot_render(struct http_request *, struct page *, int,
		    const char *, const char *, int);
static int	forgot_post(struct http_request *, struct page *,
		    struct buf *);
static int	set_lookup(const char *, char *, size_t, char *, size_t);
static void	set_render(struct http_request *, struct page *, int,
		    const char *, const char *, const char *, const char *);
static void	set_post(struct http_request *, struct page *, const char *,
		    const char *, const char *);

static void
forgot_render(struct http_request *req, struct page *pg, int status,
    const char *email, const char *error, int sent)
{
	static const struct field_view	views[] = {
		LOGIN_EMAIL_VIEW(RSF_EMAIL)
	};
	const char			*cur[RSF_COUNT] = { NULL };
	struct tmpl_vars		 tv;
	char				 token[AUTH_TOKEN_LEN + 1];

	login_token_issue(req, token);
	tv_init(&tv);
	tv_text(&tv, "csrf", token);
	cur[RSF_EMAIL] = email;
	fields_html(&tv, "email_field", reset_fields, FIELD_VIEWS(views), cur,
	    NULL, pg->lang);
	tv_text(&tv, "sent", sent ? "1" : "");
	login_send(req, pg, status, "login_forgot", &tv, error,
	    N_("Forgot your password?"), "/login/forgot");
	tv_free(&tv);
}

/* The posted address: a link is mailed if it is an account's. */
static int
forgot_post(struct http_request *req, struct page *pg, struct buf *body)
{
	struct reset_form	 rf;
	struct kore_pgsql	 sql;
	char			 ip[NETADDR_TEXT], token[AUTH_TOKEN_LEN + 1];
	char			 th[AUTH_TOKEN_HASH_LEN + 1];
	const char		*bad, *params[5];
	int			 rc = -1;

	memset(&rf, 0, sizeof(rf));
	kore_pgsql_init(&sql);
	if (!http_same_origin(req) || backend_read_form(req, body) == -1 ||
	    form_parse(&rf.form, reset_fields, RSF_COUNT, buf_cstr(body),
	    &bad) != PARAM_OK) {
		forgot_render(req, pg, 400, "", N_("Give your e-mail address, "
		    "such as name@example.org."), 0);
		goto out;
	}
	if (!login_token_check(req, rf.form.v[RSF_CSRF])) {
		forgot_render(req, pg, 403, rf.form.v[RSF_EMAIL], N_("The form "
		    "had expired or did not come from this site. Try again."),
		    0);
		goto out;
	}
	if (reset_form_check(&rf) != 0) {
		forgot_render(req, pg, 422, rf.form.v[RSF_EMAIL],
		    rf.form.err[RSF_EMAIL], 0);
		goto out;
	}
	auth_token_new(token);
	auth_token_hash(token, th);
	client_ip(req, ip, sizeof(ip));
	params[0] = rf.email;
	params[1] = ip;
	params[2] = th;
	params[3] = token;
	params[4] = lang_codes[pg->lang];
	if (db_write(&sql, "SELECT password_reset_request($1, $2, $3, $4, $5)",
	    5, params) == -1) {
		forgot_render(req, pg, 503, rf.email, N_("Please try again in "
		    "a moment."), 0);
		goto out;
	}
	sodium_memzero(token, sizeof(token));
	/* The same answer whatever the database did. */
	forgot_render(req, pg, 200, "", NULL, 1);
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	reset_form_free(&rf);
	return rc;
}

/* /login/forgot: the form, and the same answer to every address. */
int
page_login_forgot(struct http_request *req)
{
	struct page	pg;
	struct buf	body;

	buf_init(&body);
	page_init(&pg, request_lang(req));
	if (req->method != HTTP_METHOD_POST)
		forgot_render(req, &pg, 200, "", NULL, 0);
	else
		forgot_post(req, &pg, &body);
	buf_free(&body);
	page_free(&pg);
	return KORE_RESULT_OK;
}

/*
 * The link's purpose and address when it can still be used: 1, 0 when
 * it is unknown, used or expired, -1 when the database did not answer.
 */
static int
set_lookup(const char *hash, char *purpose, size_t plen, char *email,
    size_t elen)
{
	struct kore_pgsql	 sql;
	const char		*params[1] = { hash };
	int			 rc = -1;

	if (db_query(&sql, "SELECT t.purpose, u.email FROM account_token t "
	    "JOIN app_user u ON u.id = t.user_id WHERE t.token_hash = "
	    "decode($1, 'hex') AND t.used_at IS NULL AND t.expires_at > now() "
	    "AND NOT u.disabled", 1, params) == 0) {
		rc = kore_pgsql_ntuples(&sql) == 1;
		if (rc == 1) {
			snprintf(purpose, plen, "%s", db_text(&sql, 0,
			    "purpose"));
			snprintf(email, elen, "%s", db_text(&sql, 0, "email"));
		}
	}
	kore_pgsql_cleanup(&sql);
	return rc;
}

/* The form of a live link (purpose set), or why it cannot be used. */
static void
set_render(struct http_request *req, struct page *pg, int status,
    const char *token, const char *purpose, const char *email,
    const char *error)
{
	struct tmpl_vars		tv;
	char				csrf[AUTH_TOKEN_LEN + 1];

	tv_init(&tv);
	if (purpose != NULL) {
		login_token_issue(req, csrf);
		tv_text(&tv, "csrf", csrf);
	}
	/* What was typed is never shown again. */
	fields_html(&tv, "new_fields", password_fields,
	    FIELD_VIEWS(new_password_views), NULL, NULL, pg->lang);
	tv_text(&tv, "live", purpose != NULL ? "1" : "");
	tv_text(&tv, "invite", purpose != NULL && strcmp(purpose, "invite") ==
	    0 ? "1" : "");
	tv_text(&tv, "email", email);
	tv_text(&tv, "token", token);
	login_send(req, pg, status, "login_set", &tv, error,
	    purpose != NULL && strcmp(purpose, "invite") == 0 ?
	    N_("Choose your password") : N_("Choose a new password"),
	    SET_PREFIX "%s", token);
	tv_free(&tv);
}

/* Sets the password of the link token (hash th), shown as purpose. */
static void
set_post(struct http_request *req, struct page *pg, const char *token,
    const char *th, const char *purpose)
{
	struct password_form	 pf;
	struct kore_pgsql	 sql;
	struct buf		 body;
	char			 ip[NETADDR_TEXT], hash[AUTH_HASH_LEN], code[8];
	char			 url[64];
	const char		*bad, *params[3];

	memset(&pf, 0, sizeof(pf));
	buf_init(&body);
	kore_pgsql_init(&sql);
	if (!http_same_origin(req) || backend_read_form(req, &body) == -1 ||
	    form_parse(&pf.form, password_fields, PWF_COUNT, buf_cstr(&body),
	    &bad) != PARAM_OK || !login_token_check(req,
	    pf.form.v[PWF_CSRF])) {
		set_render(req, pg, 403, token, purpose, "", N_("The form had "
		    "expired or did not come from this site. Try again."));
		goto out;
	}
	if (password_form_check(&pf) != 0) {
		set_render(req, pg, 422, token, purpose, "",
		    pf.form.err[PWF_NEW] ? pf.form.err[PWF_NEW] :
		    pf.form.err[PWF_CONFIRM]);
		goto out;
	}
	if (auth_password_hash(pf.form.v[PWF_NEW], hash) == -1) {
		set_render(req, pg, 503, token, purpose, "", N_("Please try "
		    "again in a moment."));
		goto out;
	}
	client_ip(req, ip, sizeof(ip));
	params[0] = th;
	params[1] = hash;
	params[2] = ip;
	if (db_write(&sql, "SELECT account_token_use($1, $2, $3)", 3,
	    params) == -1) {
		db_sqlstate(&sql, code, sizeof(code));
		if (strcmp(code, "P0002") == 0)
			set_render(req, pg, 410, token, NULL, "", NULL);
		else
			set_render(req, pg, 503, token, purpose, "",
			    N_("Please try again in a moment."));
		goto out;
	}
	snprintf(url, sizeof(url), "/login?password_set=1%s%s",
	    pg->lang == LANG_FI ? "" : "&lang=", pg->lang == LANG_FI ? "" :
	    lang_codes[pg->lang]);
	backend_redirect(req, url);
out:
	sodium_memzero(hash, sizeof(hash));
	if (body.data != NULL)
		sodium_memzero(body.data, body.len);
	buf_free(&body);
	kore_pgsql_cleanup(&sql);
	password_form_free(&pf);
}

/* /login/set/TOKEN: the link of an invitation or a reset. */
int
page_login_set(struct http_request *req)
{
	struct page	 pg;
	const char	*token = req->path + strlen(SET_PREFIX);
	char		 th[AUTH_TOKEN_HASH_LEN + 1], purpose[16], email[256];
	int		 live;

	page_init(&pg, request_lang(req));
	if (strncmp(req->path, SET_PREFIX, strlen(SET_PREFIX)) != 0 ||
	    !auth_token_valid(token)) {
		set_render(req, &pg, 404, "", NULL, "", NULL);
		goto out;
	}
	auth_token_hash(token, th);
	if ((live = set_lookup(th, purpose, sizeof(purpose), email,
	    sizeof(email))) == -1) {
		set_render(req, &pg, 503, token, NULL, "", N_("Please try "
		    "again in a moment."));
		goto out;
	}
	if (live == 0)
		set_render(req, &pg, 410, token, NULL, "", NULL);
	else if (req->method != HTTP_METHOD_POST)
		set_render(req, &pg, 200, token, purpose, email, NULL);
	else
		set_post(req, &pg, token, th, purpose);
out:
	page_free(&pg);
	return KORE_RESULT_OK;
}
