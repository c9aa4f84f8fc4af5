/*
 * The second factor of local accounts (TOTP): the code asked after a
 * right password (/login/code) and one's own enrolment
 * (/b/account/totp: the QR code, the secret for typing in, the code
 * that confirms it, then the recovery codes, shown once). An admin who
 * signs in with a password must have it: without it, the session only
 * opens the enrolment. Single sign-on is not asked for a code (the
 * provider has its own second factor). Wrong codes count in the
 * sign-in throttle (totp_begin), and every step is in the audit log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend.h"
#include "db.h"
#include "fields.h"
#include "login.h"
#include "netaddr.h"
#include "session.h"
#include "tmpl.h"
#include "totp.h"
#include "totp_form.h"

int	page_login_code(struct http_request *);
int	page_account_totp(struct http_request *);

/* What the code of a sign-in turned out to be. */
enum code_result {
	CODE_WRONG,
	CODE_REUSED,		/* right, of a step already used */
	CODE_TOTP,
	CODE_RECOVERY
};

static void	code_render(struct http_request *, struct backend *, int,
		    const char *);
static int	code_throttle(struct http_request *, struct backend *,
		    char *, size_t);
static int	code_verify(struct backend *, const struct totp_form *,
		    enum code_result *, int *);
static void	code_field(struct tmpl_vars *, int, enum lang);
static void	code_post(struct http_request *, struct backend *);
static void	code_signed_in(struct http_request *, struct backend *,
		    enum code_result, int);
static void	enrol_status(struct http_request *, struct backend *);
static void	enrol_render(struct http_request *, struct backend *,
		    const char *, int, const char *);
static int	enrol_pending(struct backend *, char *);
static void	enrol_post(struct http_request *, struct backend *);
static int	enrol_enable(struct http_request *, struct backend *,
		    long long, struct html *);
static void	enrol_done(struct http_request *, struct backend *,
		    struct html *);

/*
 * The code's field: of the app, or at sign-in (recovery) of the app or
 * a recovery code.
 */
static void
code_field(struct tmpl_vars *tv, int recovery, enum lang lang)
{
	static const struct field_view	views[2] = {
		{ .field = TF_CODE, .label = N_("Code"), .required = 1,
		    .inputmode = "numeric", .autocomplete = "one-time-code" },
		{ .field = TF_CODE, .label = N_("Code"), .hint = N_("If you "
		    "do not have your phone, type one of your recovery codes "
		    "instead. Each recovery code works once."), .required = 1,
		    .inputmode = "numeric", .autocomplete = "one-time-code" },
	};

	fields_html(tv, "code_field", totp_fields, &views[recovery != 0], 1,
	    NULL, NULL, lang);
}

/* The form that asks for the code, with error (a msgid) unless NULL. */
static void
code_render(struct http_request *req, struct backend *b, int status,
    const char *error)
{
	struct tmpl_vars	tv;

	tv_init(&tv);
	backend_form_vars(&tv, b, error);
	code_field(&tv, 1, b->pg.lang);
	backend_title(b, N_("Sign-in code"), "%s", "/login/code");
	backend_show(req, b, "login_code", &tv, status);
	tv_free(&tv);
}

/*
 * Asks the throttle whether a code may be checked: 0 with the
 * attempt's id, or -1 after answering.
 */
static int
code_throttle(struct http_request *req, struct backend *b, char *attempt,
    size_t len)
{
	struct kore_pgsql	 sql;
	char			 ip[NETADDR_TEXT];
	const char		*params[2] = { b->st.email, ip }, *v = NULL;
	int			 rc = -1;

	client_ip(req, ip, sizeof(ip));
	if (db_write(&sql, "SELECT attempt, verdict FROM totp_begin($1, $2)",
	    2, params) == 0 && kore_pgsql_ntuples(&sql) == 1) {
		v = db_text(&sql, 0, "verdict");
		snprintf(attempt, len, "%s", db_text(&sql, 0, "attempt"));
	}
	if (v == NULL)
		code_render(req, b, 503, N_("Please try again in a moment."));
	else if (strcmp(v, "slow") == 0)
		code_render(req, b, 429, N_("There have been many failed "
		    "attempts to sign in to this account. Wait a few seconds "
		    "and try again."));
	else if (strcmp(v, "ok") != 0)
		code_render(req, b, 429, N_("Too many failed attempts. Wait "
		    "15 minutes and try again."));
	else
		rc = 0;
	kore_pgsql_cleanup(&sql);
	return rc;
}

/*
 * Checks the code of tf against the session's secret and takes it:
 * 0 with what it was in *res (and the recovery codes left in *left), or
 * -1 when the database failed.
 */
static int
code_verify(struct backend *b, const struct totp_form *tf,
    enum code_result *res, int *left)
{
	struct kore_pgsql	 sql;
	unsigned char		 secret[TOTP_SECRET_LEN];
	char			 salt[TOTP_SALT_HEX + 1], step_s[32];
	char			 hash[TOTP_RECOVERY_HASH_HEX + 1];
	const char		*params[2] = { b->st.token_hash, NULL };
	long long		 last = 0, step = 0;
	int			 rc = -1, have = 0;

	*res = CODE_WRONG;
	if (db_write(&sql, "SELECT secret, salt, last_step FROM "
	    "totp_secret($1)", 1, params) == -1)
		goto out;
	if (kore_pgsql_ntuples(&sql) == 1 && totp_secret_from_hex(
	    db_text(&sql, 0, "secret"), secret) == 0) {
		snprintf(salt, sizeof(salt), "%s", db_text(&sql, 0, "salt"));
		last = strtoll(db_text(&sql, 0, "last_step"), NULL, 10);
		have = 1;
	}
	kore_pgsql_cleanup(&sql);
	rc = 0;
	if (!have)
		goto out;
	if (tf->kind == TOTP_KIND_CODE) {
		if (!totp_check(secret, time(NULL), tf->code, last, &step)) {
			if (totp_check(secret, time(NULL), tf->code, -1, &step))
				*res = CODE_REUSED;
			goto out;
		}
		snprintf(step_s, sizeof(step_s), "%lld", step);
		params[1] = step_s;
		rc = db_write(&sql, "SELECT totp_use($1, $2) AS ok", 2, params);
		if (rc == 0 && db_true(&sql, 0, "ok"))
			*res = CODE_TOTP;
		else if (rc == 0)
			*res = CODE_REUSED;
	} else if (totp_recovery_hash(tf->code, salt, hash) == 0) {
		params[1] = hash;
		rc = db_write(&sql, "SELECT totp_recovery_use($1, $2) AS left",
		    2, params);
		if (rc == 0 && (*left = atoi(db_text(&sql, 0, "left"))) >= 0)
			*res = CODE_RECOVERY;
	}
	kore_pgsql_cleanup(&sql);
out:
	sodium_memzero(secret, sizeof(secret));
	return rc;
}

/* The second step is done: a full session, the audit log, /b. */
static void
code_signed_in(struct http_request *req, struct backend *b,
    enum code_result res, int left)
{
	char	detail[64];

	if (session_start(req, b->st.id, SESSION_FULL) == -1) {
		code_render(req, b, 503, N_("Please try again in a moment."));
		return;
	}
	if (res == CODE_RECOVERY) {
		snprintf(detail, sizeof(detail), "{\"left\": %d}", left);
		audit(req, &b->st, NULL, "login.recovery", "", detail);
	}
	audit(req, &b->st, NULL, "login", "", res == CODE_RECOVERY ?
	    "{\"factor\": \"recovery\"}" : "{\"factor\": \"totp\"}");
	backend_redirect_with(req, b, NULL, "/b");
}

static void
code_post(struct http_request *req, struct backend *b)
{
	struct totp_form	 tf;
	enum code_result	 res = CODE_WRONG;
	char			 attempt[32];
	const char		*bad;
	int			 left = 0;

	memset(&tf, 0, sizeof(tf));
	if (form_parse(&tf.form, totp_fields, TF_COUNT, buf_cstr(&b->body),
	    &bad) != PARAM_OK) {
		code_render(req, b, 400, N_("The form could not be read. Try "
		    "again."));
		goto out;
	}
	if (!session_csrf_ok(&b->st, tf.form.v[TF_CSRF])) {
		code_render(req, b, 403, N_("The form had expired or did not "
		    "come from this site. Try again."));
		goto out;
	}
	if (totp_form_check(&tf, 1) != 0) {
		code_render(req, b, 400, form_first_error(&tf.form, NULL));
		goto out;
	}
	if (code_throttle(req, b, attempt, sizeof(attempt)) == -1)
		goto out;
	if (code_verify(b, &tf, &res, &left) == -1) {
		login_attempt_finish(attempt, 0);
		code_render(req, b, 503, N_("Please try again in a moment."));
		goto out;
	}
	login_attempt_finish(attempt, res >= CODE_TOTP);
	if (res >= CODE_TOTP) {
		code_signed_in(req, b, res, left);
		goto out;
	}
	audit(req, &b->st, NULL, "login.code_failed", "",
	    res == CODE_REUSED ? "{\"reason\": \"reused\"}" :
	    tf.kind == TOTP_KIND_RECOVERY ? "{\"reason\": \"recovery\"}" :
	    "{\"reason\": \"wrong\"}");
	code_render(req, b, 401, res == CODE_REUSED ? N_("This code has "
	    "been used already. Wait for the next code of your "
	    "authenticator app.") : N_("The code is wrong. Check that the "
	    "clock of your phone is right, and try again."));
out:
	totp_form_free(&tf);
}

/*
 * /login/code: a session whose password was right gives the code of its
 * authenticator app, or a recovery code.
 */
int
page_login_code(struct http_request *req)
{
	struct backend	b;

	if (backend_begin(req, &b) == -1)
		goto out;
	if (b.session == SESSION_PARTIAL && b.st.stage == SESSION_NEEDS_ENROL) {
		backend_need_session(req, &b);
		goto out;
	}
	if (b.session != SESSION_PARTIAL) {
		/* Signed in already, or not at this step at all. */
		backend_redirect_with(req, &b, NULL, "%s",
		    b.session == SESSION_OK ? "/b" : "/login");
		goto out;
	}
	if (req->method == HTTP_METHOD_POST)
		code_post(req, &b);
	else
		code_render(req, &b, 200, NULL);
out:
	backend_end(&b);
	return KORE_RESULT_OK;
}

/* One's own second factor when it is on: since when, codes left. */
static void
enrol_status(struct http_request *req, struct backend *b)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 tv;
	char			 id[32];
	const char		*params[1] = { id };

	snprintf(id, sizeof(id), "%lld", b->st.id);
	tv_init(&tv);
	if (db_write(&sql, "SELECT status, recovery_left, "
	    "to_char(enabled_at, 'FMDD.FMMM.YYYY') AS since "
	    "FROM totp_status($1)", 1, params) == -1 ||
	    kore_pgsql_ntuples(&sql) != 1) {
		backend_unavailable(req, b);
		goto out;
	}
	tv_text(&tv, "on", "1");
	tv_text(&tv, "since", db_text(&sql, 0, "since"));
	tv_text(&tv, "recovery_left", db_text(&sql, 0, "recovery_left"));
	tv_text(&tv, "lang_query", lang_query(b->pg.lang));
	backend_title(b, N_("Sign-in codes"), "/b/account/totp");
	backend_show(req, b, "account_totp", &tv, 200);
out:
	kore_pgsql_cleanup(&sql);
	tv_free(&tv);
}

/*
 * The pending secret of the session's user (begun now unless it was
 * before) into secret: 1, 0 when the second factor is on already, or
 * -1 when the database failed.
 */
static int
enrol_pending(struct backend *b, char *hex)
{
	struct kore_pgsql	 sql;
	unsigned char		 fresh[TOTP_SECRET_LEN];
	char			 fresh_hex[TOTP_SECRET_HEX + 1];
	const char		*params[2] = { b->st.token_hash, fresh_hex };
	int			 rc = -1;

	totp_secret_new(fresh);
	totp_secret_hex(fresh, fresh_hex);
	if (db_write(&sql, "SELECT totp_enrol_begin($1, $2) AS secret", 2,
	    params) == 0 && kore_pgsql_ntuples(&sql) == 1) {
		snprintf(hex, TOTP_SECRET_HEX + 1, "%s",
		    db_text(&sql, 0, "secret"));
		rc = strlen(hex) == TOTP_SECRET_HEX;
	}
	kore_pgsql_cleanup(&sql);
	sodium_memzero(fresh, sizeof(fresh));
	sodium_memzero(fresh_hex, sizeof(fresh_hex));
	return rc;
}

/*
 * The enrolment form of the pending secret hex: its QR code, the secret
 * to type in and the field for the first code, with error (a msgid)
 * unless it is NULL.
 */
static void
enrol_render(struct http_request *req, struct backend *b, const char *hex,
    int status, const char *error)
{
	struct tmpl_vars	 tv;
	struct buf		 uri, img;
	unsigned char		 secret[TOTP_SECRET_LEN];
	char			 b32[TOTP_BASE32_LEN + 1], issuer[300];
	const char		*host = http_base_primary(), *p;

	buf_init(&uri);
	buf_init(&img);
	tv_init(&tv);
	if ((p = strstr(host, "://")) != NULL)
		host = p + 3;
	snprintf(issuer, sizeof(issuer), "Toteuma%s%s", *host ? " " : "", host);
	if (totp_secret_from_hex(hex, secret) == -1 ||
	    totp_base32(secret, b32) == -1) {
		backend_unavailable(req, b);
		goto out;
	}
	totp_uri(&uri, issuer, b->st.email, b32);
	if (totp_qr_data_uri(&img, buf_cstr(&uri)) == -1) {
		backend_unavailable(req, b);
		goto out;
	}
	tv_text(&tv, "qr", buf_cstr(&img));
	tv_text(&tv, "secret", b32);
	tv_text(&tv, "uri", buf_cstr(&uri));
	tv_text(&tv, "required", b->session == SESSION_PARTIAL ? "1" : "");
	backend_form_vars(&tv, b, error);
	code_field(&tv, 0, b->pg.lang);
	backend_title(b, N_("Sign-in codes"), "/b/account/totp");
	backend_show(req, b, "account_totp", &tv, status);
out:
	sodium_memzero(secret, sizeof(secret));
	sodium_memzero(b32, sizeof(b32));
	tv_free(&tv);
	buf_free(&uri);
	buf_free(&img);
}

/*
 * Switches the pending second factor on with the code of step and new
 * recovery codes, which go into codes for showing once: 1, 0 when it
 * was not pending any more, -1 when the database failed.
 */
static int
enrol_enable(struct http_request *req, struct backend *b, long long step,
    struct html *codes)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 tv;
	struct buf		 hashes;
	char			 salt[TOTP_SALT_HEX + 1], step_s[32];
	char			 code[TOTP_RECOVERY_SHOWN + 1];
	char			 ip[NETADDR_TEXT];
	char			 norm[TOTP_RECOVERY_CHARS + 1];
	char			 hash[TOTP_RECOVERY_HASH_HEX + 1];
	const char		*params[5];
	int			 i, rc;

	buf_init(&hashes);
	tv_init(&tv);
	totp_salt_new(salt);
	buf_putc(&hashes, '{');
	for (i = 0; i < TOTP_RECOVERY_COUNT; i++) {
		totp_recovery_new(code);
		totp_code_kind(code, norm);
		totp_recovery_hash(norm, salt, hash);
		buf_printf(&hashes, "%s%s", i ? "," : "", hash);
		tv_reset(&tv);
		tv_text(&tv, "code", code);
		tmpl_render(codes, tpl("account_totp.code"), &tv, b->pg.lang);
	}
	buf_putc(&hashes, '}');
	sodium_memzero(code, sizeof(code));
	sodium_memzero(norm, sizeof(norm));
	snprintf(step_s, sizeof(step_s), "%lld", step);
	client_ip(req, ip, sizeof(ip));
	params[0] = b->st.token_hash;
	params[1] = step_s;
	params[2] = salt;
	params[3] = buf_cstr(&hashes);
	params[4] = ip;
	rc = db_write(&sql, "SELECT totp_enable($1, $2, $3, $4, $5) AS ok", 5,
	    params);
	if (rc == 0)
		rc = db_true(&sql, 0, "ok");
	kore_pgsql_cleanup(&sql);
	buf_free(&hashes);
	tv_free(&tv);
	return rc;
}

/*
 * The second factor is on: a session that waited for it is now a full
 * one, and the recovery codes are shown, once.
 */
static void
enrol_done(struct http_request *req, struct backend *b, struct html *codes)
{
	struct tmpl_vars	tv;

	if (b->session == SESSION_PARTIAL) {
		if (session_start(req, b->st.id, SESSION_FULL) == -1) {
			backend_unavailable(req, b);
			return;
		}
		audit(req, &b->st, NULL, "login", "",
		    "{\"factor\": \"enrolment\"}");
	}
	tv_init(&tv);
	tv_html(&tv, "codes", codes);
	tv_text(&tv, "done", "1");
	tv_text(&tv, "lang_query", lang_query(b->pg.lang));
	backend_title(b, N_("Sign-in codes"), "/b/account/totp");
	backend_show(req, b, "account_totp", &tv, 200);
	tv_free(&tv);
}

static void
enrol_post(struct http_request *req, struct backend *b)
{
	struct totp_form	 tf;
	struct html		 codes;
	unsigned char		 secret[TOTP_SECRET_LEN];
	char			 hex[TOTP_SECRET_HEX + 1];
	const char		*bad, *error = NULL;
	long long		 step = 0;
	int			 rc;

	memset(&tf, 0, sizeof(tf));
	html_init(&codes);
	if (form_parse(&tf.form, totp_fields, TF_COUNT, buf_cstr(&b->body),
	    &bad) != PARAM_OK || !session_csrf_ok(&b->st,
	    tf.form.v[TF_CSRF])) {
		backend_refused(req, b, 403, N_("This form did not come from "
		    "this site, or it was opened in another session. Nothing "
		    "was changed."));
		goto out;
	}
	if ((rc = enrol_pending(b, hex)) != 1) {
		if (rc == 0)
			enrol_status(req, b);
		else
			backend_unavailable(req, b);
		goto out;
	}
	if (totp_form_check(&tf, 0) != 0)
		error = form_first_error(&tf.form, NULL);
	else if (totp_secret_from_hex(hex, secret) == -1 ||
	    !totp_check(secret, time(NULL), tf.code, 0, &step) ||
	    (rc = enrol_enable(req, b, step, &codes)) == 0) {
		error = N_("The code is wrong. Check that the clock of your "
		    "phone is right, and type the code that the app shows "
		    "now.");
		audit(req, &b->st, NULL, "totp.enrol_failed", "", NULL);
	} else if (rc == -1) {
		backend_unavailable(req, b);
		goto out;
	}
	if (error != NULL)
		enrol_render(req, b, hex, 400, error);
	else
		enrol_done(req, b, &codes);
out:
	sodium_memzero(secret, sizeof(secret));
	sodium_memzero(hex, sizeof(hex));
	html_free(&codes);
	totp_form_free(&tf);
}

/*
 * /b/account/totp: one's own second factor. Off, it is set up here (an
 * admin who signed in with a password comes here before anything
 * else); on, the page says so. Only an admin takes it away (totp_reset
 * on the user's page).
 */
int
page_account_totp(struct http_request *req)
{
	struct backend	b;
	char		hex[TOTP_SECRET_HEX + 1];
	int		rc;

	hex[0] = '\0';
	if (backend_begin(req, &b) == -1)
		goto out;
	if (!(b.session == SESSION_PARTIAL &&
	    b.st.stage == SESSION_NEEDS_ENROL) &&
	    backend_need_session(req, &b) == -1)
		goto out;
	if (req->method == HTTP_METHOD_POST)
		enrol_post(req, &b);
	else if ((rc = enrol_pending(&b, hex)) == 1)
		enrol_render(req, &b, hex, 200, NULL);
	else if (rc == 0)
		enrol_status(req, &b);
	else
		backend_unavailable(req, &b);
out:
	sodium_memzero(hex, sizeof(hex));
	backend_end(&b);
	return KORE_RESULT_OK;
}
