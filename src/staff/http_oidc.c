/*
 * Signing in with the county's own identity (OpenID Connect): /login/oidc
 * sends the browser to the provider with a fresh state, nonce and PKCE
 * verifier (kept in oidc_pending, the state also in a cookie of this
 * browser); /login/oidc/callback takes that sign-in once, exchanges the
 * code and verifies the ID token, then finds the user (oidc_user).
 *
 * The calls to the provider block, so they run in a Kore task thread:
 * the handler starts the task and returns KORE_RESULT_RETRY, and Kore
 * calls it again when the task is done, while the worker serves other
 * requests. Every sign-in and refusal goes to the audit log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>
#include <kore/tasks.h>

#include <jansson.h>

#include "backend.h"
#include "db.h"
#include "login.h"
#include "oidc.h"
#include "serve.h"
#include "session.h"

#define OIDC_COOKIE		"toteuma_oidc"
#define OIDC_CODE_MAX		2048

int	page_oidc_start(struct http_request *);
int	page_oidc_callback(struct http_request *);

enum job_kind { JOB_DISCOVER, JOB_EXCHANGE };

/* A call to the provider: req->hdlr_extra, read back when it is done. */
struct oidc_job {
	struct kore_task	 task;		/* first: the entry casts */
	enum job_kind		 kind;
	enum lang		 lang;
	char			 code[OIDC_CODE_MAX + 1];
	char			 verifier[AUTH_TOKEN_LEN + 1];
	char			 nonce[AUTH_TOKEN_LEN + 1];
	enum oidc_result	 result;
	struct oidc_identity	 id;
	char			 why[400];
};

enum { CQ_STATE, CQ_CODE, CQ_ERROR, CQ_ISS, CQ_COUNT };
static const struct param_spec callback_query[CQ_COUNT] = {
	{ "state", AUTH_TOKEN_LEN, auth_token_valid, 0 },
	{ "code", OIDC_CODE_MAX, NULL, 0 },
	{ "error", 64, NULL, 0 },
	{ "iss", 1024, NULL, 0 },
};

static int	job_run(struct kore_task *);
static int	job_start(struct http_request *, enum job_kind, enum lang);
static int	job_wait(struct http_request *, struct oidc_job **);
static void	start_redirect(struct http_request *, struct page *);
static const char *sso_unavailable(void);
static void	sso_refused(struct http_request *, struct page *, int,
		    const char *, const char *, const char *);
static int	callback_begin(struct http_request *, struct page *);
static void	callback_finish(struct http_request *, struct page *,
		    struct oidc_job *);
static void	sso_enter(struct http_request *, struct page *,
		    const struct oidc_job *);
static void	cookie_clear(struct http_request *);
static int	create_editors(void);

/* In the task thread: only the client (src/lib/oidc.c), no Kore. */
static int
job_run(struct kore_task *t)
{
	struct oidc_job	*j = (struct oidc_job *)t;

	if (j->kind == JOB_DISCOVER)
		j->result = oidc_discover(j->why, sizeof(j->why)) == 0 ?
		    OIDC_OK : OIDC_UNAVAILABLE;
	else
		j->result = oidc_exchange(j->code, j->verifier, j->nonce,
		    &j->id, j->why, sizeof(j->why));
	sodium_memzero(j->code, sizeof(j->code));
	return KORE_RESULT_OK;
}

/* Starts a job bound to req (filled in by the caller before). */
static int
job_start(struct http_request *req, enum job_kind kind, enum lang lang)
{
	struct oidc_job	*j = req->hdlr_extra;

	j->kind = kind;
	j->lang = lang;
	kore_task_create(&j->task, job_run);
	kore_task_bind_request(&j->task, req);
	kore_task_run(&j->task);
	return KORE_RESULT_RETRY;
}

/* 1 with the finished job in *out; 0 while it runs (req sleeps). */
static int
job_wait(struct http_request *req, struct oidc_job **out)
{
	struct oidc_job	*j = req->hdlr_extra;

	if (!kore_task_finished(&j->task)) {
		http_request_sleep(req);
		return 0;
	}
	*out = j;
	return 1;
}

/* Clears the state cookie: a sign-in is taken once. */
static void
cookie_clear(struct http_request *req)
{
	char	cookie[128];

	snprintf(cookie, sizeof(cookie), OIDC_COOKIE "=; Path=/login/oidc; "
	    "HttpOnly; SameSite=Lax; Max-Age=0%s", cookie_secure(req));
	http_response_header(req, "set-cookie", cookie);
}

/* A new pending sign-in, and the browser sent to the provider. */
static void
start_redirect(struct http_request *req, struct page *pg)
{
	struct kore_pgsql	 sql;
	char			 state[AUTH_TOKEN_LEN + 1];
	char			 nonce[AUTH_TOKEN_LEN + 1];
	char			 verifier[AUTH_TOKEN_LEN + 1], challenge[44];
	char			 hash[AUTH_TOKEN_HASH_LEN + 1], url[4096];
	char			 cookie[160];
	const char		*params[4];
	int			 r;

	auth_token_new(state);
	auth_token_new(nonce);
	auth_token_new(verifier);
	auth_token_hash(state, hash);
	oidc_pkce_challenge(verifier, challenge);
	params[0] = hash;
	params[1] = nonce;
	params[2] = verifier;
	params[3] = lang_codes[pg->lang];
	r = db_write(&sql, "SELECT oidc_pending_add($1, $2, $3, $4)", 4,
	    params);
	kore_pgsql_cleanup(&sql);
	if (r == -1 || oidc_authorize_url(url, sizeof(url), state, nonce,
	    challenge, lang_codes[pg->lang]) == -1) {
		login_show(req, pg, 503, N_("Please try again in a moment."));
		return;
	}
	/* Lax: the provider's redirect back is a top-level GET. */
	snprintf(cookie, sizeof(cookie), OIDC_COOKIE "=%s; Path=/login/oidc; "
	    "HttpOnly; SameSite=Lax; Max-Age=600%s", state,
	    cookie_secure(req));
	http_response_header(req, "set-cookie", cookie);
	backend_redirect(req, url);
}

int
page_oidc_start(struct http_request *req)
{
	struct page	 pg;
	struct oidc_job	*j = NULL;
	enum lang	 lang = request_lang(req);
	int		 r = KORE_RESULT_OK;

	page_init(&pg, lang);
	if (!oidc_enabled()) {
		login_show(req, &pg, 404, N_("Signing in with the county's "
		    "account is not in use. Sign in with your password."));
		goto out;
	}
	if (req->hdlr_extra == NULL) {
		/* Discovered already: straight to the provider. */
		if (!oidc_discovered()) {
			req->hdlr_extra = kore_calloc(1,
			    sizeof(struct oidc_job));
			r = job_start(req, JOB_DISCOVER, lang);
			goto out;
		}
	} else if (!job_wait(req, &j)) {
		r = KORE_RESULT_RETRY;
		goto out;
	} else if (j->result != OIDC_OK) {
		kore_log(LOG_WARNING, "sso: %s", j->why);
		login_show(req, &pg, 503, sso_unavailable());
		goto out;
	}
	start_redirect(req, &pg);
out:
	page_free(&pg);
	return r;
}

/*
 * What a person is told when the county's sign-in service does not
 * answer: to use a password only where passwords are in use.
 */
static const char *
sso_unavailable(void)
{
	return login_passwords_on() ? N_("Signing in with the county's "
	    "account is not available just now. Sign in with your password, "
	    "or try again later.") : N_("Signing in with the county's "
	    "account is not available just now. Try again later.");
}

/* A refusal before anyone is known: audited, then the sign-in page. */
static void
sso_refused(struct http_request *req, struct page *pg, int status,
    const char *msgid, const char *reason, const char *email)
{
	json_t	*d;
	char	*detail;

	d = json_pack("{s:s}", "reason", reason);
	detail = json_dumps(d, JSON_COMPACT);
	kore_log(LOG_NOTICE, "sso: sign-in refused: %s", reason);
	audit(req, NULL, email ? email : "", "login.sso_refused", "", detail);
	free(detail);
	json_decref(d);
	login_show(req, pg, status, msgid);
}

/*
 * The callback's first step: its pending sign-in taken once, then the
 * exchange started (1), or an answer made (0).
 */
static int
callback_begin(struct http_request *req, struct page *pg)
{
	struct kore_pgsql	 sql;
	struct oidc_job		*j;
	char			*q[CQ_COUNT], jar[AUTH_TOKEN_LEN + 1];
	char			 hash[AUTH_TOKEN_HASH_LEN + 1];
	const char		*bad, *h, *params[1], *lang;
	int			 r = 0;

	if (params_parse(req->query_string, callback_query, CQ_COUNT, q,
	    &bad) != PARAM_OK) {
		sso_refused(req, pg, 400, N_("The answer of the sign-in "
		    "service could not be read. Sign in again."),
		    "bad parameters", NULL);
		goto out;
	}
	if (q[CQ_STATE] == NULL || !http_request_header(req, "cookie", &h) ||
	    auth_cookie_get(h, OIDC_COOKIE, jar, sizeof(jar)) != 0 ||
	    !auth_token_equal(jar, q[CQ_STATE])) {
		sso_refused(req, pg, 400, N_("This sign-in was not started in "
		    "this browser, or it has been used already. Sign in "
		    "again."), "state does not match this browser's", NULL);
		goto out;
	}
	cookie_clear(req);
	auth_token_hash(q[CQ_STATE], hash);
	params[0] = hash;
	if (db_write(&sql, "SELECT nonce, verifier, lang FROM "
	    "oidc_pending_take($1)", 1, params) == -1) {
		kore_pgsql_cleanup(&sql);
		login_show(req, pg, 503, N_("Please try again in a moment."));
		goto out;
	}
	if (kore_pgsql_ntuples(&sql) != 1 ||
	    *(lang = db_text(&sql, 0, "lang")) == '\0') {
		kore_pgsql_cleanup(&sql);
		sso_refused(req, pg, 400, N_("This sign-in has expired or has "
		    "been used already. Sign in again."),
		    "no pending sign-in for this state", NULL);
		goto out;
	}
	lang_from_code(lang, strlen(lang), &pg->lang);
	req->hdlr_extra = j = kore_calloc(1, sizeof(*j));
	snprintf(j->nonce, sizeof(j->nonce), "%s", db_text(&sql, 0, "nonce"));
	snprintf(j->verifier, sizeof(j->verifier), "%s",
	    db_text(&sql, 0, "verifier"));
	kore_pgsql_cleanup(&sql);
	if (q[CQ_ERROR] != NULL || q[CQ_CODE] == NULL)
		sso_refused(req, pg, 401, login_passwords_on() ?
		    N_("The county's sign-in service did not sign you in. "
		    "Sign in again, or sign in with your password.") :
		    N_("The county's sign-in service did not sign you in. "
		    "Sign in again."), q[CQ_ERROR] ? q[CQ_ERROR] : "no code",
		    NULL);
	else if (q[CQ_ISS] != NULL && strcmp(q[CQ_ISS], oidc_issuer()) != 0)
		sso_refused(req, pg, 401, N_("The sign-in could not be "
		    "verified. Sign in again."), "iss of another issuer", NULL);
	else {
		snprintf(j->code, sizeof(j->code), "%s", q[CQ_CODE]);
		job_start(req, JOB_EXCHANGE, pg->lang);
		r = 1;
	}
out:
	params_free(q, CQ_COUNT);
	return r;
}

/* Whether a first sign-in may create an editor without units. */
static int
create_editors(void)
{
	const char	*env = getenv("TOTEUMA_OIDC_CREATE_EDITORS");

	return env != NULL && strcmp(env, "yes") == 0;
}

/* A verified identity: the user it is, signed in, or refused. */
static void
sso_enter(struct http_request *req, struct page *pg,
    const struct oidc_job *j)
{
	struct kore_pgsql	 sql;
	struct staff		 who;
	const char		*params[5], *verdict;
	char			 url[64], *detail;
	json_t			*d;

	params[0] = oidc_issuer();
	params[1] = j->id.subject;
	params[2] = j->id.email;
	params[3] = j->id.email_verified ? "t" : "f";
	params[4] = create_editors() ? "t" : "f";
	if (db_write(&sql, "SELECT user_id, email, verdict FROM oidc_user($1, "
	    "$2, $3, $4, $5)", 5, params) == -1 ||
	    kore_pgsql_ntuples(&sql) != 1) {
		kore_pgsql_cleanup(&sql);
		login_show(req, pg, 503, N_("Please try again in a moment."));
		return;
	}
	memset(&who, 0, sizeof(who));
	who.id = strtoll(db_text(&sql, 0, "user_id"), NULL, 10);
	snprintf(who.email, sizeof(who.email), "%s", db_text(&sql, 0, "email"));
	verdict = db_text(&sql, 0, "verdict");
	d = json_pack("{s:s,s:s,s:b}", "verdict", verdict, "subject",
	    j->id.subject, "email_verified", j->id.email_verified);
	detail = json_dumps(d, JSON_COMPACT);
	json_decref(d);
	if (strcmp(verdict, "ok") != 0 && strcmp(verdict, "linked") != 0 &&
	    strcmp(verdict, "created") != 0) {
		kore_log(LOG_NOTICE, "sso: %s refused (%s)", j->id.subject,
		    verdict);
		audit(req, who.id ? &who : NULL, who.email,
		    "login.sso_refused", "", detail);
		login_show(req, pg, 403, strcmp(verdict, "disabled") == 0 ?
		    N_("This account is disabled. Ask an administrator if you "
		    "need it.") : N_("Your county account is not a user of "
		    "this service. Ask an administrator to add you."));
	} else if (session_start(req, who.id, SESSION_FULL) == -1)
		login_show(req, pg, 503, N_("Please try again in a moment."));
	else {
		audit(req, &who, NULL, "login.sso", "", detail);
		snprintf(url, sizeof(url), "/b%s", lang_query(pg->lang));
		backend_redirect(req, url);
	}
	free(detail);
	kore_pgsql_cleanup(&sql);
}

/* The exchange is done: its answer. */
static void
callback_finish(struct http_request *req, struct page *pg,
    struct oidc_job *j)
{
	json_t	*d;
	char	*detail;

	pg->lang = j->lang;
	if (j->result == OIDC_OK) {
		sso_enter(req, pg, j);
		return;
	}
	kore_log(LOG_WARNING, "sso: %s", j->why);
	if (j->result == OIDC_UNAVAILABLE) {
		d = json_pack("{s:s}", "reason", j->why);
		detail = json_dumps(d, JSON_COMPACT);
		audit(req, NULL, "", "login.sso_failed", "", detail);
		free(detail);
		json_decref(d);
		login_show(req, pg, 503, sso_unavailable());
		return;
	}
	sso_refused(req, pg, 401, N_("The sign-in could not be verified. "
	    "Sign in again."), j->why, NULL);
}

int
page_oidc_callback(struct http_request *req)
{
	struct page	 pg;
	struct oidc_job	*j;
	int		 r = KORE_RESULT_OK;

	page_init(&pg, LANG_FI);
	if (!oidc_enabled())
		login_show(req, &pg, 404, N_("Signing in with the county's "
		    "account is not in use. Sign in with your password."));
	else if (req->hdlr_extra == NULL) {
		if (callback_begin(req, &pg))
			r = KORE_RESULT_RETRY;
	} else if (!job_wait(req, &j))
		r = KORE_RESULT_RETRY;
	else
		callback_finish(req, &pg, j);
	page_free(&pg);
	return r;
}
