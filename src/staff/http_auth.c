/*
 * Signing in and out, and changing one's password. Sign-in is throttled
 * in the database, atomically (login_begin): per account and address,
 * per address, and slowed down per account for addresses that never
 * signed in to it, so that nobody can lock an account for its owner.
 * Sign-ins, and failures for existing accounts, go to the audit log;
 * refusals before a password is checked do not (they are noise anyone
 * can make, and each attempt is in login_attempt anyway).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "backend.h"
#include "db.h"
#include "netaddr.h"
#include "session.h"
#include "tmpl.h"

#define LOGIN_COOKIE		"toteuma_login"

int	page_login(struct http_request *);
int	page_logout(struct http_request *);
int	page_password(struct http_request *);

static void	login_form(struct http_request *, struct page *, int,
		    const char *, const char *, const char *);
static int	login_begin(const char *, const char *, char *, size_t,
		    const char **);
static void	login_finish(const char *, int);

enum { L_EMAIL, L_PASSWORD, L_CSRF, L_COUNT };
static const struct param_spec login_params[L_COUNT] = {
	{ "email", 254, NULL, 0 },
	{ "password", AUTH_PASSWORD_MAX, NULL, 0 },
	{ "csrf", 64, NULL, 0 },
};

enum { LQ_LANG, LQ_EXPIRED, LQ_OUT, LQ_COUNT };
static const struct param_spec login_query[LQ_COUNT] = {
	{ "lang", 2, check_lang, 0 },
	{ "expired", 1, param_is_digits, 0 },
	{ "signed_out", 1, param_is_digits, 0 },
};

/*
 * The sign-in form. Before a session exists, a random value in a cookie
 * and the same value in the form stop other sites from signing a
 * browser in to an account of theirs.
 */
static void
login_form(struct http_request *req, struct page *pg, int status,
    const char *email, const char *error, const char *notice)
{
	struct tmpl_vars	tv;
	char			token[AUTH_TOKEN_LEN + 1], cookie[160];

	auth_token_new(token);
	snprintf(cookie, sizeof(cookie), LOGIN_COOKIE "=%s; Path=/login; "
	    "HttpOnly; SameSite=Strict; Max-Age=3600%s", token,
	    cookie_secure(req));
	http_response_header(req, "set-cookie", cookie);
	tv_init(&tv);
	tv_text(&tv, "csrf", token);
	tv_text(&tv, "email", email ? email : "");
	tv_text(&tv, "error", error ? T(pg->lang, error) : "");
	tv_text(&tv, "notice", notice ? T(pg->lang, notice) : "");
	tv_text(&tv, "lang_query", lang_query(pg->lang));
	snprintf(pg->title, sizeof(pg->title), "%s", T(pg->lang, "Sign in"));
	buf_reset(&pg->path);
	buf_puts(&pg->path, "/login");
	tmpl_render(&pg->content, tpl("login"), &tv, pg->lang);
	tv_free(&tv);
	backend_send(req, pg, status);
}

/*
 * Asks the database whether this attempt may check a password; 1 with
 * the attempt's id, 0 when it is refused (*why: a msgid), -1 when the
 * database did not answer.
 */
static int
login_begin(const char *email, const char *ip, char *attempt, size_t len,
    const char **why)
{
	struct kore_pgsql	 sql;
	const char		*params[2] = { email, ip }, *verdict;
	int			 r = -1;

	/*
	 * Tried again on a connection broken by a database restart, like a
	 * read: should the first try have committed, the attempt counts
	 * twice, which errs on the safe side.
	 */
	if (db_query(&sql, "SELECT attempt, verdict FROM login_begin($1, $2)",
	    2, params) == 0 && kore_pgsql_ntuples(&sql) == 1) {
		verdict = kore_pgsql_getvalue(&sql, 0, 1);
		snprintf(attempt, len, "%s", kore_pgsql_getvalue(&sql, 0, 0));
		r = strcmp(verdict, "ok") == 0;
		if (strcmp(verdict, "slow") == 0)
			*why = N_("There have been many failed attempts to sign "
			    "in to this account. Wait a few seconds and try "
			    "again.");
		else
			*why = N_("Too many failed attempts. Wait 15 minutes "
			    "and try again.");
	}
	kore_pgsql_cleanup(&sql);
	return r;
}

static void
login_finish(const char *attempt, int success)
{
	struct kore_pgsql	 sql;
	const char		*params[2] = { attempt, success ? "t" : "f" };

	if (db_write(&sql, "SELECT login_finish($1, $2)", 2, params) == -1)
		kore_log(LOG_ERR, "login: attempt %s could not be finished",
		    attempt);
	kore_pgsql_cleanup(&sql);
}

int
page_login(struct http_request *req)
{
	struct kore_pgsql	 sql;
	struct page		 pg;
	struct buf		 body;
	char			*q[LQ_COUNT], *v[L_COUNT];
	char			 email[256], ip[NETADDR_TEXT];
	char			 hash[AUTH_HASH_LEN], attempt[32];
	char			 cookie_val[AUTH_TOKEN_LEN + 1], url[64];
	const char		*bad, *h, *params[3], *why = NULL;
	long long		 uid = 0;
	int			 ok, i, allowed;
	enum lang		 lang = LANG_FI;

	memset(v, 0, sizeof(v));
	buf_init(&body);
	if (params_parse(req->query_string, login_query, LQ_COUNT, q, &bad) !=
	    PARAM_OK)
		memset(q, 0, sizeof(q));
	if (q[LQ_LANG] != NULL)
		lang_from_code(q[LQ_LANG], strlen(q[LQ_LANG]), &lang);
	page_init(&pg, lang);

	if (req->method != HTTP_METHOD_POST) {
		login_form(req, &pg, 200, NULL, NULL, q[LQ_EXPIRED] ?
		    N_("Your session has ended. Sign in again.") :
		    (q[LQ_OUT] ? N_("You have signed out.") : NULL));
		goto out;
	}
	if (!http_same_origin(req)) {
		login_form(req, &pg, 403, NULL, N_("The sign-in form did not "
		    "come from this site. Sign in again."), NULL);
		goto out;
	}
	if (backend_read_form(req, &body) == -1 ||
	    params_parse_form(buf_cstr(&body), login_params, L_COUNT, v,
	    &bad) != PARAM_OK) {
		login_form(req, &pg, 400, NULL, N_("The form could not be "
		    "read. Try again."), NULL);
		goto out;
	}
	for (i = 0; i < L_COUNT; i++)
		if (v[i] == NULL)
			v[i] = xstrdup("");
	snprintf(email, sizeof(email), "%s", v[L_EMAIL]);
	for (i = 0; email[i] != '\0'; i++)
		if (email[i] >= 'A' && email[i] <= 'Z')
			email[i] = (char)(email[i] - 'A' + 'a');
	if (!http_request_header(req, "cookie", &h) ||
	    auth_cookie_get(h, LOGIN_COOKIE, cookie_val,
	    sizeof(cookie_val)) == -1 ||
	    !auth_token_equal(cookie_val, v[L_CSRF])) {
		login_form(req, &pg, 403, email, N_("The sign-in form had "
		    "expired or did not come from this site. Sign in "
		    "again."), NULL);
		goto out;
	}
	client_ip(req, ip, sizeof(ip));
	if ((allowed = login_begin(email, ip, attempt, sizeof(attempt),
	    &why)) == -1) {
		login_form(req, &pg, 503, email, N_("Please try again in a "
		    "moment."), NULL);
		goto out;
	}
	if (!allowed) {
		login_form(req, &pg, 429, email, why, NULL);
		goto out;
	}
	params[0] = email;
	hash[0] = '\0';
	if (db_query(&sql, "SELECT id, password_hash FROM app_user WHERE "
	    "email = $1 AND NOT disabled", 1, params) == -1) {
		kore_pgsql_cleanup(&sql);
		login_finish(attempt, 0);
		login_form(req, &pg, 503, email, N_("Please try again in a "
		    "moment."), NULL);
		goto out;
	}
	if (kore_pgsql_ntuples(&sql) == 1) {
		uid = strtoll(kore_pgsql_getvalue(&sql, 0, 0), NULL, 10);
		snprintf(hash, sizeof(hash), "%s",
		    kore_pgsql_getvalue(&sql, 0, 1));
	}
	kore_pgsql_cleanup(&sql);
	/* An unknown address costs as much time as a wrong password. */
	ok = auth_password_verify(uid ? hash : auth_password_dummy(),
	    v[L_PASSWORD]) && uid != 0;
	login_finish(attempt, ok);
	if (!ok) {
		if (uid != 0) {
			struct staff	who;

			memset(&who, 0, sizeof(who));
			who.id = uid;
			snprintf(who.email, sizeof(who.email), "%s", email);
			audit(req, &who, NULL, "login.failed", "", NULL);
		}
		login_form(req, &pg, 401, email, N_("The e-mail address or the "
		    "password is wrong."), NULL);
		goto out;
	}
	if (auth_password_needs_rehash(hash) &&
	    auth_password_hash(v[L_PASSWORD], hash) == 0) {
		char uids[32];

		snprintf(uids, sizeof(uids), "%lld", uid);
		params[0] = uids;
		params[1] = hash;
		params[2] = "f";
		db_write(&sql, "SELECT user_password_set($1, $2, $3)", 3,
		    params);
		kore_pgsql_cleanup(&sql);
	}
	if (session_start(req, uid) == -1) {
		login_form(req, &pg, 503, email, N_("Please try again in a "
		    "moment."), NULL);
		goto out;
	}
	{
		struct staff	who;

		memset(&who, 0, sizeof(who));
		who.id = uid;
		snprintf(who.email, sizeof(who.email), "%s", email);
		audit(req, &who, NULL, "login", "", NULL);
	}
	snprintf(url, sizeof(url), "/b%s", lang_query(lang));
	backend_redirect(req, url);
out:
	if (v[L_PASSWORD] != NULL)
		sodium_memzero(v[L_PASSWORD], strlen(v[L_PASSWORD]));
	if (body.data != NULL)
		sodium_memzero(body.data, body.len);
	params_free(v, L_COUNT);
	params_free(q, LQ_COUNT);
	buf_free(&body);
	page_free(&pg);
	return KORE_RESULT_OK;
}

int
page_logout(struct http_request *req)
{
	struct backend	b;
	char		url[64];

	if (backend_begin(req, &b) == -1)
		return KORE_RESULT_OK;
	if (b.session == SESSION_OK) {
		if (!session_csrf_ok(&b.st, b.csrf)) {
			backend_refused(req, &b, 403, N_("This form did not "
			    "come from this site, or it was opened in another "
			    "session. Nothing was changed."));
			goto out;
		}
		audit(req, &b.st, NULL, "logout", "", NULL);
	}
	session_end(req);
	snprintf(url, sizeof(url), "/login?signed_out=1%s",
	    b.pg.lang == LANG_FI ? "" : (b.pg.lang == LANG_SV ? "&lang=sv" :
	    "&lang=en"));
	backend_redirect(req, url);
out:
	backend_end(&b);
	return KORE_RESULT_OK;
}

enum { PW_CURRENT, PW_NEW, PW_CONFIRM, PW_CSRF, PW_COUNT };
static const struct param_spec password_params[PW_COUNT] = {
	{ "current", AUTH_PASSWORD_MAX, NULL, 0 },
	{ "new", AUTH_PASSWORD_MAX + 1, NULL, 0 },
	{ "confirm", AUTH_PASSWORD_MAX + 1, NULL, 0 },
	{ "csrf", 64, NULL, 0 },
};

int
page_password(struct http_request *req)
{
	struct kore_pgsql	 sql;
	struct backend		 b;
	struct tmpl_vars	 tv;
	char			*v[PW_COUNT];
	char			 hash[AUTH_HASH_LEN], uid[32];
	const char		*bad, *error = NULL, *params[3];
	int			 status = 200, i;

	memset(v, 0, sizeof(v));
	tv_init(&tv);
	if (backend_begin(req, &b) == -1 || backend_need_session(req, &b) ==
	    -1)
		goto out;
	if (req->method == HTTP_METHOD_POST) {
		if (params_parse_form(buf_cstr(&b.body), password_params,
		    PW_COUNT, v, &bad) != PARAM_OK) {
			error = N_("The form could not be read. Try again.");
			status = 400;
			goto form;
		}
		for (i = 0; i < PW_COUNT; i++)
			if (v[i] == NULL)
				v[i] = xstrdup("");
		if (!session_csrf_ok(&b.st, v[PW_CSRF])) {
			backend_refused(req, &b, 403, N_("This form did not "
			    "come from this site, or it was opened in another "
			    "session. Nothing was changed."));
			goto out;
		}
		snprintf(uid, sizeof(uid), "%lld", b.st.id);
		params[0] = uid;
		if (db_query(&sql, "SELECT password_hash FROM app_user WHERE "
		    "id = $1", 1, params) == -1 ||
		    kore_pgsql_ntuples(&sql) != 1) {
			kore_pgsql_cleanup(&sql);
			error = N_("Please try again in a moment.");
			status = 503;
			goto form;
		}
		snprintf(hash, sizeof(hash), "%s",
		    kore_pgsql_getvalue(&sql, 0, 0));
		kore_pgsql_cleanup(&sql);
		if (!auth_password_verify(hash, v[PW_CURRENT])) {
			audit(req, &b.st, NULL, "password.failed", "", NULL);
			error = N_("The current password is wrong.");
			status = 400;
		} else if ((error = auth_password_problem(v[PW_NEW])) !=
		    NULL)
			status = 400;
		else if (strcmp(v[PW_NEW], v[PW_CONFIRM]) != 0) {
			error = N_("The new password and its confirmation "
			    "differ.");
			status = 400;
		} else if (auth_password_hash(v[PW_NEW], hash) == -1) {
			error = N_("Please try again in a moment.");
			status = 503;
		}
		if (error != NULL)
			goto form;
		params[1] = hash;
		params[2] = "t";
		/* Every session of the user ends; this one starts anew. */
		if (db_write(&sql, "SELECT user_password_set($1, $2, $3)", 3,
		    params) == -1) {
			kore_pgsql_cleanup(&sql);
			error = N_("Please try again in a moment.");
			status = 503;
			goto form;
		}
		kore_pgsql_cleanup(&sql);
		audit(req, &b.st, NULL, "password.change", "", NULL);
		if (session_start(req, b.st.id) == -1)
			session_clear_cookie(req);
		backend_redirect_with(req, &b, "password_changed=1", "/b");
		goto out;
	}
form:
	tv_text(&tv, "error", error ? T(b.pg.lang, error) : "");
	tv_text(&tv, "csrf", b.st.csrf);
	tv_text(&tv, "lang_query", lang_query(b.pg.lang));
	snprintf(b.pg.title, sizeof(b.pg.title), "%s",
	    T(b.pg.lang, "Change password"));
	buf_reset(&b.pg.path);
	buf_puts(&b.pg.path, "/b/password");
	tmpl_render(&b.pg.content, tpl("password"), &tv, b.pg.lang);
	backend_send(req, &b.pg, status);
out:
	for (i = 0; i < PW_COUNT; i++)
		if (v[i] != NULL)
			sodium_memzero(v[i], strlen(v[i]));
	params_free(v, PW_COUNT);
	tv_free(&tv);
	backend_end(&b);
	return KORE_RESULT_OK;
}
