/* See login.h. */
#include <kore/kore.h>
#include <kore/http.h>
#include <kore/pgsql.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "backend.h"
#include "db.h"
#include "fields.h"
#include "login.h"
#include "password_form.h"
#include "session.h"
#include "tmpl.h"

const struct field_view	new_password_views[2] = {
	{ .field = PWF_NEW, .label = N_("New password"), .type = "password",
	    .required = 1, .chars = AUTH_PASSWORD_MAX,
	    .minchars = AUTH_PASSWORD_MIN, .autocomplete = "new-password" },
	{ .field = PWF_CONFIRM, .label = N_("New password again"),
	    .type = "password", .required = 1, .chars = AUTH_PASSWORD_MAX,
	    .minchars = AUTH_PASSWORD_MIN, .autocomplete = "new-password" },
};

#define LOGIN_COOKIE		"toteuma_login"

/*
 * Before a session exists, a random value in a cookie and the same
 * value in the form stop other sites from posting the forms of /login
 * and its pages (signing a browser in to an account of theirs, say).
 */
void
login_token_issue(struct http_request *req, char token[AUTH_TOKEN_LEN + 1])
{
	char	cookie[160];

	auth_token_new(token);
	snprintf(cookie, sizeof(cookie), LOGIN_COOKIE "=%s; Path=/login; "
	    "HttpOnly; SameSite=Strict; Max-Age=3600%s", token,
	    cookie_secure(req));
	http_response_header(req, "set-cookie", cookie);
}

int
login_token_check(struct http_request *req, const char *form_token)
{
	char		 cookie_val[AUTH_TOKEN_LEN + 1];
	const char	*h;

	return http_request_header(req, "cookie", &h) &&
	    auth_cookie_get(h, LOGIN_COOKIE, cookie_val,
	    sizeof(cookie_val)) == 0 &&
	    auth_token_equal(cookie_val, form_token);
}

void
login_send(struct http_request *req, struct page *pg, int status,
    const char *tplname, struct tmpl_vars *tv, const char *error,
    const char *msgid, const char *fmt, ...)
{
	va_list	ap;

	tv_text(tv, "error", error ? T(pg->lang, error) : "");
	tv_text(tv, "lang_query", lang_query(pg->lang));
	va_start(ap, fmt);
	page_titlev(pg, msgid, fmt, ap);
	va_end(ap);
	tmpl_render(&pg->content, tpl(tplname), tv, pg->lang);
	page_send(req, pg, status);
}

int
login_stage(long long uid, int is_admin, enum session_stage *stage)
{
	struct kore_pgsql	 sql;
	char			 id[32];
	const char		*params[1] = { id };
	int			 rc = -1;

	snprintf(id, sizeof(id), "%lld", uid);
	if (db_query(&sql, "SELECT status FROM totp_status($1)", 1,
	    params) == 0 && kore_pgsql_ntuples(&sql) == 1) {
		if (strcmp(db_text(&sql, 0, "status"), "on") == 0)
			*stage = SESSION_NEEDS_CODE;
		else
			*stage = is_admin ? SESSION_NEEDS_ENROL : SESSION_FULL;
		rc = 0;
	}
	kore_pgsql_cleanup(&sql);
	return rc;
}

void
login_attempt_finish(const char *attempt, int success)
{
	struct kore_pgsql	 sql;
	const char		*params[2] = { attempt, success ? "t" : "f" };

	if (db_write(&sql, "SELECT login_finish($1, $2)", 2, params) == -1)
		kore_log(LOG_ERR, "login: attempt %s could not be finished",
		    attempt);
	kore_pgsql_cleanup(&sql);
}
