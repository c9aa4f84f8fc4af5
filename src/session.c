/* See session.h. */
#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "session.h"

static int	request_token(struct http_request *, char *);

/* The session token from the Cookie header, if it looks like one. */
static int
request_token(struct http_request *req, char *token)
{
	const char	*h;

	if (!http_request_header(req, "cookie", &h))
		return -1;
	if (auth_cookie_get(h, SESSION_COOKIE, token, AUTH_TOKEN_LEN + 1) ==
	    -1 || !auth_token_valid(token))
		return -1;
	return 0;
}

enum session_state
session_get(struct http_request *req, struct staff *st)
{
	struct kore_pgsql	 sql;
	char			 token[AUTH_TOKEN_LEN + 1];
	char			 hash[AUTH_TOKEN_HASH_LEN + 1];
	const char		*params[1];
	enum session_state	 rc;

	memset(st, 0, sizeof(*st));
	if (request_token(req, token) == -1)
		return SESSION_NONE;
	auth_token_hash(token, hash);
	sodium_memzero(token, sizeof(token));
	params[0] = hash;
	/*
	 * One statement: a live session is touched, an expired one is
	 * deleted, and either way the answer says which it was.
	 */
	if (db_query(&sql, "WITH s AS (SELECT s.token_hash, s.user_id, "
	    "s.csrf_token, u.email, u.role, s.last_seen > now() - interval '"
	    SESSION_IDLE "' AND s.created_at > now() - interval '"
	    SESSION_ABSOLUTE "' AND NOT u.disabled AS alive "
	    "FROM staff_session s JOIN app_user u ON u.id = s.user_id "
	    "WHERE s.token_hash = decode($1, 'hex')), "
	    "touch AS (UPDATE staff_session SET last_seen = now() WHERE "
	    "token_hash IN (SELECT token_hash FROM s WHERE alive)), "
	    "gone AS (DELETE FROM staff_session WHERE token_hash IN "
	    "(SELECT token_hash FROM s WHERE NOT alive)) "
	    "SELECT user_id, email, role, csrf_token, alive FROM s",
	    1, params) == -1) {
		rc = SESSION_ERROR;
		goto out;
	}
	if (kore_pgsql_ntuples(&sql) != 1 ||
	    kore_pgsql_getvalue(&sql, 0, 4)[0] != 't') {
		rc = SESSION_EXPIRED;
		goto out;
	}
	st->id = strtoll(kore_pgsql_getvalue(&sql, 0, 0), NULL, 10);
	snprintf(st->email, sizeof(st->email), "%s",
	    kore_pgsql_getvalue(&sql, 0, 1));
	st->is_admin = strcmp(kore_pgsql_getvalue(&sql, 0, 2), "admin") == 0;
	snprintf(st->csrf, sizeof(st->csrf), "%s",
	    kore_pgsql_getvalue(&sql, 0, 3));
	rc = SESSION_OK;
out:
	kore_pgsql_cleanup(&sql);
	return rc;
}

const char *
cookie_secure(struct http_request *req)
{
	const char	*v, *env;

	if ((env = getenv("TOTEUMA_HTTPS")) != NULL && strcmp(env, "1") == 0)
		return "; Secure";
	if (http_request_header(req, "x-forwarded-proto", &v) &&
	    strcmp(v, "https") == 0)
		return "; Secure";
	return "";
}

int
session_start(struct http_request *req, long long user_id)
{
	struct kore_pgsql	 sql;
	char			 token[AUTH_TOKEN_LEN + 1];
	char			 csrf[AUTH_TOKEN_LEN + 1];
	char			 hash[AUTH_TOKEN_HASH_LEN + 1], uid[32];
	char			 ip[64], cookie[160];
	const char		*params[4];
	int			 rc;

	auth_token_new(token);
	auth_token_new(csrf);
	auth_token_hash(token, hash);
	client_ip(req, ip, sizeof(ip));
	snprintf(uid, sizeof(uid), "%lld", user_id);
	params[0] = hash;
	params[1] = uid;
	params[2] = csrf;
	params[3] = ip;
	/* Expired sessions of anyone go at the same time. */
	rc = db_write(&sql, "WITH old AS (DELETE FROM staff_session WHERE "
	    "last_seen < now() - interval '" SESSION_IDLE "' OR "
	    "created_at < now() - interval '" SESSION_ABSOLUTE "') "
	    "INSERT INTO staff_session (token_hash, user_id, csrf_token, ip) "
	    "VALUES (decode($1, 'hex'), $2, $3, $4)", 4, params);
	kore_pgsql_cleanup(&sql);
	if (rc == 0) {
		snprintf(cookie, sizeof(cookie), SESSION_COOKIE "=%s; Path=/; "
		    "HttpOnly; SameSite=Lax%s", token, cookie_secure(req));
		http_response_header(req, "set-cookie", cookie);
	}
	sodium_memzero(token, sizeof(token));
	sodium_memzero(cookie, sizeof(cookie));
	return rc;
}

void
session_clear_cookie(struct http_request *req)
{
	char	cookie[128];

	snprintf(cookie, sizeof(cookie), SESSION_COOKIE "=; Path=/; "
	    "Max-Age=0; HttpOnly; SameSite=Lax%s", cookie_secure(req));
	http_response_header(req, "set-cookie", cookie);
}

void
session_end(struct http_request *req)
{
	struct kore_pgsql	 sql;
	char			 token[AUTH_TOKEN_LEN + 1];
	char			 hash[AUTH_TOKEN_HASH_LEN + 1];
	const char		*params[1];

	if (request_token(req, token) == 0) {
		auth_token_hash(token, hash);
		params[0] = hash;
		db_query(&sql, "DELETE FROM staff_session WHERE token_hash = "
		    "decode($1, 'hex')", 1, params);
		kore_pgsql_cleanup(&sql);
		sodium_memzero(token, sizeof(token));
	}
	session_clear_cookie(req);
}

int
session_csrf_ok(const struct staff *st, const char *csrf)
{
	return csrf != NULL && auth_token_equal(st->csrf, csrf);
}

void
client_ip(struct http_request *req, char *out, size_t len)
{
	struct connection	*c = req->owner;

	out[0] = '\0';
	if (c->family == AF_INET)
		inet_ntop(AF_INET, &c->addr.ipv4.sin_addr, out, (socklen_t)len);
	else if (c->family == AF_INET6)
		inet_ntop(AF_INET6, &c->addr.ipv6.sin6_addr, out,
		    (socklen_t)len);
}

void
audit(struct http_request *req, const struct staff *st, const char *email,
    const char *event, const char *object, const char *detail)
{
	struct kore_pgsql	 sql;
	char			 ip[64], uid[32];
	const char		*params[6];

	client_ip(req, ip, sizeof(ip));
	snprintf(uid, sizeof(uid), "%lld", st ? st->id : 0);
	params[0] = st ? uid : NULL;
	params[1] = st ? st->email : (email ? email : "");
	params[2] = ip;
	params[3] = event;
	params[4] = object ? object : "";
	params[5] = detail ? detail : "{}";
	if (db_write(&sql, "INSERT INTO audit_log (user_id, email, ip, event, "
	    "object, detail) VALUES ($1, $2, $3, $4, $5, $6::jsonb)", 6,
	    params) == -1)
		kore_log(LOG_ERR, "audit: could not record %s", event);
	kore_pgsql_cleanup(&sql);
}
