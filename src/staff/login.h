/*
 * What the pages under /login share: the token that ties a form to
 * the browser that asked for it before anyone has signed in (the
 * sign-in form, "forgot password", a link that sets a password).
 */
#ifndef TOTEUMA_LOGIN_H
#define TOTEUMA_LOGIN_H

#include "auth.h"

struct http_request;
struct page;

/* A new token in a cookie for /login and below, and in token for the form. */
void	login_token_issue(struct http_request *, char token[AUTH_TOKEN_LEN + 1]);
/* 1 when the form's token is the cookie's. */
int	login_token_check(struct http_request *, const char *form_token);

/* The sign-in page with status and error (a msgid) above the form. */
void	login_show(struct http_request *, struct page *, int status,
	    const char *error);

#endif
