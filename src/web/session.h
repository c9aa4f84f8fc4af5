/*
 * Staff sessions on the server: the session cookie, its row in the
 * database (only a hash of the token), expiry after 30 minutes idle or
 * 12 hours in all, CSRF tokens, and the audit log.
 */
#ifndef TOTEUMA_SESSION_H
#define TOTEUMA_SESSION_H

#include <kore/kore.h>
#include <kore/http.h>

#include "auth.h"

#define SESSION_COOKIE		"toteuma_session"
#define SESSION_IDLE		"30 minutes"
#define SESSION_ABSOLUTE	"12 hours"

/*
 * How far signing in has come: a session of a user who has signed in,
 * or one whose password was right while the second factor is still to
 * come (the code asked, or an admin's enrolment). Only a full session
 * opens the backend.
 */
enum session_stage {
	SESSION_FULL,
	SESSION_NEEDS_CODE,
	SESSION_NEEDS_ENROL
};

struct staff {
	long long		id;
	int			is_admin;
	enum session_stage	stage;
	char			email[256];
	char			csrf[AUTH_TOKEN_LEN + 1];
	/* The hash of the session's token: the second factor's key. */
	char			token_hash[AUTH_TOKEN_HASH_LEN + 1];
};

enum session_state {
	SESSION_NONE,		/* no cookie, or not a token of ours */
	SESSION_OK,
	SESSION_PARTIAL,	/* signing in is not done (st.stage) */
	SESSION_EXPIRED,	/* a token that has expired or was ended */
	SESSION_ERROR		/* the database did not answer */
};

enum session_state session_get(struct http_request *, struct staff *);
/*
 * A new session for user at stage: its row and the cookie; the session
 * the browser sent, if any, ends. -1 on failure.
 */
int	session_start(struct http_request *, long long user_id,
	    enum session_stage);
/* Ends the session of this request on the server and in the browser. */
void	session_end(struct http_request *);
void	session_clear_cookie(struct http_request *);
/* 1 when the request's form field csrf matches the session's token. */
int	session_csrf_ok(const struct staff *, const char *csrf);

/*
 * The address the request came from, for throttling and the audit log:
 * the peer, or behind a proxy of TOTEUMA_TRUSTED_PROXIES the client it
 * names in X-Forwarded-For (client_ip_configure reads the list at
 * start-up; -1 with a reason when it is wrong).
 */
int	client_ip_configure(char *err, size_t len);
void	client_ip(struct http_request *, char *, size_t);
/* "; Secure" when the page is served over HTTPS (behind a proxy). */
const char *cookie_secure(struct http_request *);

/*
 * Writes an audit row: event ("login", "action.update"), the object it
 * concerns and details as a JSON object text (NULL: none). staff may be
 * NULL with email naming who tried.
 */
void	audit(struct http_request *, const struct staff *, const char *email,
	    const char *event, const char *object, const char *detail);

#endif
