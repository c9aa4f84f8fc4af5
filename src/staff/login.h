/*
 * What the pages under /login share: the token that ties a form to
 * the browser that asked for it before anyone has signed in (the
 * sign-in form, "forgot password", a link that sets a password).
 */
#ifndef TOTEUMA_LOGIN_H
#define TOTEUMA_LOGIN_H

#include "auth.h"
#include "fields.h"
#include "session.h"

struct http_request;
struct page;

/* A new token in a cookie for /login and below, and in token for the form. */
void	login_token_issue(struct http_request *,
	    char token[AUTH_TOKEN_LEN + 1]);
/*
 * The new password typed twice (password_fields' PWF_NEW and
 * PWF_CONFIRM), as the pages that set one show them (fields_html()).
 */
extern const struct field_view	new_password_views[2];
/*
 * The address a person signs in with, field f of a form's table, as the
 * sign-in and the forgotten password forms show it.
 */
#define LOGIN_EMAIL_VIEW(f)						\
	{ .field = (f), .label = N_("E-mail address"), .type = "email",	\
	  .required = 1, .autocomplete = "username" }
/*
 * 1 unless TOTEUMA_LOCAL_PASSWORDS is off, when only the break-glass
 * accounts sign in with a password: what the sign-in pages may advise.
 */
int	login_passwords_on(void);
/* 1 when the form's token is the cookie's. */
int	login_token_check(struct http_request *, const char *form_token);

/*
 * Where a user whose password was right goes on to: the code of the
 * second factor when it is on, its enrolment for an admin without it,
 * else straight in. 0, or -1 when the database failed.
 */
int	login_stage(long long uid, int is_admin, enum session_stage *);
/* Ends a sign-in attempt of the throttle (login_begin, totp_begin). */
void	login_attempt_finish(const char *attempt, int success);

/*
 * Sends a page under /login: tplname with tv, its "error" (a msgid, or
 * NULL) and "lang_query", titled msgid at the path fmt makes.
 */
struct tmpl_vars;
void	login_send(struct http_request *, struct page *, int status,
	    const char *tplname, struct tmpl_vars *, const char *error,
	    const char *msgid, const char *fmt, ...)
	    __attribute__((format(printf, 8, 9)));

/* The sign-in page with status and error (a msgid) above the form. */
void	login_show(struct http_request *, struct page *, int status,
	    const char *error);

#endif
