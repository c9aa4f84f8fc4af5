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
#include <strings.h>

#include "mem.h"
#include "backend.h"
#include "db.h"
#include "fields.h"
#include "login.h"
#include "login_form.h"
#include "netaddr.h"
#include "oidc.h"
#include "password_form.h"
#include "session.h"
#include "tmpl.h"

int	page_login(struct http_request *);
int	page_logout(struct http_request *);
int	page_password(struct http_request *);

static void	login_form(struct http_request *, struct page *, int,
		    const char *, const char *, const char *);
static void	login_sso_logout(struct tmpl_vars *, const char *);
static int	login_begin(const char *, const char *, char *, size_t,
		    const char **);
static int	login_read(struct http_request *, struct page *,
		    struct buf *, struct login_form *);
static void	login_audit(struct http_request *, long long, const char *,
		    const char *);
static int	login_verify(struct http_request *, struct page *,
		    const struct login_form *, long long *, int *, char *);
static void	login_enter(struct http_request *, struct page *,
		    const struct login_form *, long long, int);
static void	login_rehash(long long, const char *, char *);
static int	password_allowed(const char *);
static int	password_post(struct http_request *, struct backend *,
		    struct password_form *, const char **);

enum { LQ_LANG, LQ_EXPIRED, LQ_OUT, LQ_SET, LQ_COUNT };
static const struct param_spec login_query[LQ_COUNT] = {
	PARAM_LANG,
	PARAM_FLAG("expired"),
	PARAM_FLAG("signed_out"),
	PARAM_FLAG("password_set"),
};

void
login_show(struct http_request *req, struct page *pg, int status,
    const char *error)
{
	login_form(req, pg, status, NULL, error, NULL);
}

/*
 * After signing out: the provider's own sign-out, when it has one, to
 * end the single sign-on session too.
 */
static void
login_sso_logout(struct tmpl_vars *tv, const char *notice)
{
	char	after[1200], url[4096];

	snprintf(after, sizeof(after), "%s/login?signed_out=1",
	    http_base_primary());
	if (notice != NULL && oidc_enabled() &&
	    strcmp(notice, "You have signed out.") == 0 &&
	    oidc_end_session_url(url, sizeof(url), after) == 0)
		tv_text(tv, "sso_logout", url);
}

/* The sign-in form. */
static void
login_form(struct http_request *req, struct page *pg, int status,
    const char *email, const char *error, const char *notice)
{
	static const struct field_view	views[] = {
		LOGIN_EMAIL_VIEW(LF_EMAIL),
		{ .field = LF_PASSWORD, .label = N_("Password"),
		    .type = "password", .required = 1,
		    .autocomplete = "current-password",
		    .chars = AUTH_PASSWORD_MAX },
	};
	const char			*cur[LF_COUNT] = { NULL };
	struct tmpl_vars		tv;
	char				token[AUTH_TOKEN_LEN + 1];

	login_token_issue(req, token);
	tv_init(&tv);
	if (oidc_enabled())
		tv_text(&tv, "sso", "1");
	login_sso_logout(&tv, notice);
	tv_text(&tv, "csrf", token);
	cur[LF_EMAIL] = email;
	fields_html(&tv, "fields", login_fields, FIELD_VIEWS(views), cur, NULL,
	    pg->lang);
	tv_text(&tv, "notice", notice ? T(pg->lang, notice) : "");
	login_send(req, pg, status, "login", &tv, error, N_("Sign in"),
	    "/login");
	tv_free(&tv);
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
		verdict = db_text(&sql, 0, "verdict");
		snprintf(attempt, len, "%s", db_text(&sql, 0, "attempt"));
		r = strcmp(verdict, "ok") == 0;
		if (strcmp(verdict, "slow") == 0)
			*why = N_("There have been many failed attempts to "
			    "sign in to this account. Wait a few seconds and "
			    "try again.");
		else
			*why = N_("Too many failed attempts. Wait 15 minutes "
			    "and try again.");
	}
	kore_pgsql_cleanup(&sql);
	return r;
}

/*
 * The posted sign-in form into lf, once it comes from this site with
 * the token of its cookie: 0, or -1 after answering.
 */
static int
login_read(struct http_request *req, struct page *pg, struct buf *body,
    struct login_form *lf)
{
	const char	*bad;

	if (!http_same_origin(req)) {
		login_form(req, pg, 403, NULL, N_("The sign-in form did not "
		    "come from this site. Sign in again."), NULL);
		return -1;
	}
	if (backend_read_form(req, body) == -1 ||
	    form_parse(&lf->form, login_fields, LF_COUNT, buf_cstr(body),
	    &bad) != PARAM_OK) {
		login_form(req, pg, 400, NULL, N_("The form could not be "
		    "read. Try again."), NULL);
		return -1;
	}
	login_form_check(lf);
	if (!login_token_check(req, lf->form.v[LF_CSRF])) {
		login_form(req, pg, 403, lf->email, N_("The sign-in form had "
		    "expired or did not come from this site. Sign in "
		    "again."), NULL);
		return -1;
	}
	return 0;
}

/* An audit line of a sign-in of the account uid, email. */
static void
login_audit(struct http_request *req, long long uid, const char *email,
    const char *what)
{
	struct staff	who;

	memset(&who, 0, sizeof(who));
	who.id = uid;
	snprintf(who.email, sizeof(who.email), "%s", email);
	audit(req, &who, NULL, what, "", NULL);
}

/*
 * Whether the address and password of lf are an account's, as the
 * throttle allows: 0 with its id, whether an admin's, and its password
 * hash, or -1 after answering.
 */
static int
login_verify(struct http_request *req, struct page *pg,
    const struct login_form *lf, long long *uid, int *is_admin, char *hash)
{
	struct kore_pgsql	 sql;
	char			 ip[NETADDR_TEXT], attempt[32];
	const char		*params[1], *why = NULL;
	int			 ok, allowed;

	client_ip(req, ip, sizeof(ip));
	if ((allowed = login_begin(lf->email, ip, attempt, sizeof(attempt),
	    &why)) == -1) {
		login_form(req, pg, 503, lf->email, N_("Please try again in a "
		    "moment."), NULL);
		return -1;
	}
	if (!allowed) {
		login_form(req, pg, 429, lf->email, why, NULL);
		return -1;
	}
	params[0] = lf->email;
	hash[0] = '\0';
	*uid = 0;
	if (db_query(&sql, "SELECT id, password_hash, role = 'admin' AS admin "
	    "FROM app_user WHERE email = $1 AND NOT disabled", 1,
	    params) == -1) {
		kore_pgsql_cleanup(&sql);
		login_attempt_finish(attempt, 0);
		login_form(req, pg, 503, lf->email, N_("Please try again in a "
		    "moment."), NULL);
		return -1;
	}
	if (kore_pgsql_ntuples(&sql) == 1) {
		*uid = strtoll(db_text(&sql, 0, "id"), NULL, 10);
		*is_admin = db_true(&sql, 0, "admin");
		snprintf(hash, AUTH_HASH_LEN, "%s",
		    db_text(&sql, 0, "password_hash"));
	}
	kore_pgsql_cleanup(&sql);
	/* An unknown address costs as much time as a wrong password. */
	ok = auth_password_verify(*uid ? hash : auth_password_dummy(),
	    lf->form.v[LF_PASSWORD]) && *uid != 0;
	login_attempt_finish(attempt, ok);
	if (!ok) {
		if (*uid != 0)
			login_audit(req, *uid, lf->email, "login.failed");
		login_form(req, pg, 401, lf->email, N_("The e-mail address or "
		    "the password is wrong."), NULL);
		return -1;
	}
	return 0;
}

int
login_passwords_on(void)
{
	const char	*mode = getenv("TOTEUMA_LOCAL_PASSWORDS");

	return mode == NULL || strcmp(mode, "off") != 0;
}

/*
 * TOTEUMA_LOCAL_PASSWORDS=off: only the break-glass accounts named in
 * TOTEUMA_BREAK_GLASS (addresses separated by spaces or commas) sign in
 * with a password; everyone else through single sign-on. 1 when email
 * may use its password.
 */
static int
password_allowed(const char *email)
{
	const char	*p;
	size_t		 n = strlen(email), len;

	if (login_passwords_on())
		return 1;
	if ((p = getenv("TOTEUMA_BREAK_GLASS")) == NULL)
		return 0;
	for (; *p != '\0'; p += len) {
		p += strspn(p, " ,");
		len = strcspn(p, " ,");
		if (len == n && n > 0 && strncasecmp(p, email, n) == 0)
			return 1;
	}
	return 0;
}

/* A hash of older parameters is made anew while the password is known. */
static void
login_rehash(long long uid, const char *password, char *hash)
{
	struct kore_pgsql	 sql;
	const char		*params[3];
	char			 uids[32];

	if (!auth_password_needs_rehash(hash) ||
	    auth_password_hash(password, hash) != 0)
		return;
	snprintf(uids, sizeof(uids), "%lld", uid);
	params[0] = uids;
	params[1] = hash;
	params[2] = "f";
	db_write(&sql, "SELECT user_password_set($1, $2, $3)", 3, params);
	kore_pgsql_cleanup(&sql);
}

/*
 * The password was right: a session, full or (for the second factor)
 * at its next step, and on to /b or that step.
 */
static void
login_enter(struct http_request *req, struct page *pg,
    const struct login_form *lf, long long uid, int is_admin)
{
	enum session_stage	 stage = SESSION_FULL;
	char			 url[64];
	const char		*next = "/b";

	if (login_stage(uid, is_admin, &stage) == -1 ||
	    session_start(req, uid, stage) == -1) {
		login_form(req, pg, 503, lf->email, N_("Please try again in a "
		    "moment."), NULL);
		return;
	}
	if (stage == SESSION_FULL)
		login_audit(req, uid, lf->email, "login");
	else {
		next = stage == SESSION_NEEDS_CODE ? "/login/code" :
		    "/b/account/totp";
		login_audit(req, uid, lf->email, stage == SESSION_NEEDS_CODE ?
		    "login.password" : "login.enrol_required");
	}
	snprintf(url, sizeof(url), "%s%s", next, lang_query(pg->lang));
	backend_redirect(req, url);
}

int
page_login(struct http_request *req)
{
	struct page		 pg;
	struct login_form	 lf;
	struct buf		 body;
	char			*q[LQ_COUNT];
	char			 hash[AUTH_HASH_LEN];
	const char		*bad;
	long long		 uid = 0;
	int			 is_admin = 0;

	memset(&lf, 0, sizeof(lf));
	buf_init(&body);
	page_init(&pg, request_lang(req));
	if (params_parse(req->query_string, login_query, LQ_COUNT, q, &bad) !=
	    PARAM_OK)
		memset(q, 0, sizeof(q));

	if (req->method != HTTP_METHOD_POST) {
		login_form(req, &pg, 200, NULL, NULL, q[LQ_EXPIRED] ?
		    N_("Your session has ended. Sign in again.") :
		    q[LQ_OUT] ? N_("You have signed out.") : q[LQ_SET] ?
		    N_("Your password is set. Sign in with it.") : NULL);
		goto out;
	}
	if (login_read(req, &pg, &body, &lf) == -1)
		goto out;
	if (!password_allowed(lf.email)) {
		audit(req, NULL, lf.email, "login.password_off", "", NULL);
		login_form(req, &pg, 403, lf.email, N_("Passwords are not used "
		    "for signing in here. Sign in with the county's account."),
		    NULL);
		goto out;
	}
	if (login_verify(req, &pg, &lf, &uid, &is_admin, hash) == -1)
		goto out;
	login_rehash(uid, lf.form.v[LF_PASSWORD], hash);
	login_enter(req, &pg, &lf, uid, is_admin);
out:
	sodium_memzero(hash, sizeof(hash));
	login_form_free(&lf);
	if (body.data != NULL)
		sodium_memzero(body.data, body.len);
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
		goto out;
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

/*
 * A posted password form: 0 when the password was changed, else its
 * HTTP status with *error (a msgid), or -1 after answering.
 */
static int
password_post(struct http_request *req, struct backend *b,
    struct password_form *pf, const char **error)
{
	struct kore_pgsql	 sql;
	struct form		*f = &pf->form;
	char			 hash[AUTH_HASH_LEN], uid[32];
	const char		*bad, *params[3];
	int			 status = 0;

	if (form_parse(f, password_fields, PWF_COUNT, buf_cstr(&b->body),
	    &bad) != PARAM_OK) {
		*error = N_("The form could not be read. Try again.");
		return 400;
	}
	if (!session_csrf_ok(&b->st, f->v[PWF_CSRF])) {
		backend_refused(req, b, 403, N_("This form did not come from "
		    "this site, or it was opened in another session. Nothing "
		    "was changed."));
		return -1;
	}
	snprintf(uid, sizeof(uid), "%lld", b->st.id);
	params[0] = uid;
	if (db_query(&sql, "SELECT password_hash FROM app_user WHERE "
	    "id = $1", 1, params) == -1 || kore_pgsql_ntuples(&sql) != 1) {
		kore_pgsql_cleanup(&sql);
		*error = N_("Please try again in a moment.");
		return 503;
	}
	snprintf(hash, sizeof(hash), "%s", db_text(&sql, 0, "password_hash"));
	kore_pgsql_cleanup(&sql);
	password_form_check(pf);
	if (!auth_password_verify(hash, f->v[PWF_CURRENT])) {
		audit(req, &b->st, NULL, "password.failed", "", NULL);
		*error = N_("The current password is wrong.");
		status = 400;
	} else if (f->err[PWF_NEW] != NULL || f->err[PWF_CONFIRM] != NULL) {
		*error = f->err[PWF_NEW] ? f->err[PWF_NEW] :
		    f->err[PWF_CONFIRM];
		status = 400;
	} else if (auth_password_hash(f->v[PWF_NEW], hash) == -1) {
		*error = N_("Please try again in a moment.");
		status = 503;
	}
	if (status != 0)
		goto out;
	params[1] = hash;
	params[2] = "t";
	/* Every session of the user ends; this one starts anew. */
	if (db_write(&sql, "SELECT user_password_set($1, $2, $3)", 3,
	    params) == -1) {
		*error = N_("Please try again in a moment.");
		status = 503;
	}
	kore_pgsql_cleanup(&sql);
out:
	sodium_memzero(hash, sizeof(hash));
	return status;
}

/*
 * The password form with status and error (a msgid) unless it is
 * NULL; what was typed is never shown again.
 */
static void
password_show(struct http_request *req, struct backend *b, int status,
    const char *error)
{
	static const struct field_view	current[] = {
		{ .field = PWF_CURRENT, .label = N_("Current password"),
		    .type = "password", .required = 1,
		    .chars = AUTH_PASSWORD_MAX,
		    .autocomplete = "current-password" },
	};
	struct tmpl_vars		tv;

	tv_init(&tv);
	backend_form_vars(&tv, b, error);
	fields_html(&tv, "current_field", password_fields, FIELD_VIEWS(current),
	    NULL, NULL, b->pg.lang);
	fields_html(&tv, "new_fields", password_fields,
	    FIELD_VIEWS(new_password_views), NULL, NULL, b->pg.lang);
	backend_title(b, N_("Change password"), "%s", "/b/password");
	backend_show(req, b, "password", &tv, status);
	tv_free(&tv);
}

int
page_password(struct http_request *req)
{
	struct backend		 b;
	struct password_form	 pf;
	const char		*error = NULL;
	int			 status = 200;

	memset(&pf, 0, sizeof(pf));
	if (backend_open(req, &b, BACKEND_NEED_SESSION) == -1)
		goto out;
	if (req->method == HTTP_METHOD_POST) {
		if ((status = password_post(req, &b, &pf, &error)) == -1)
			goto out;
		if (status == 0) {
			audit(req, &b.st, NULL, "password.change", "", NULL);
			if (session_start(req, b.st.id, SESSION_FULL) == -1)
				session_clear_cookie(req);
			backend_redirect_with(req, &b, "password_changed=1",
			    "/b");
			goto out;
		}
	}
	password_show(req, &b, status, error);
out:
	password_form_free(&pf);
	backend_end(&b);
	return KORE_RESULT_OK;
}
