/* See session.h. */
#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "netaddr.h"
#include "session.h"

static int	request_token(struct http_request *, char *);
static enum session_stage stage_parse(const char *);

static const char *const stage_names[] = { "full", "code", "enrol" };

/* A stage as the database names it; anything else is not full. */
static enum session_stage
stage_parse(const char *s)
{
	if (strcmp(s, "full") == 0)
		return SESSION_FULL;
	if (strcmp(s, "code") == 0)
		return SESSION_NEEDS_CODE;
	return SESSION_NEEDS_ENROL;
}

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
	/* A live session is touched, an expired one deleted. */
	if (db_query(&sql, "SELECT user_id, email, role, csrf_token, alive, "
	    "stage "
	    "FROM session_touch($1, interval '" SESSION_IDLE "', interval '"
	    SESSION_ABSOLUTE "')", 1, params) == -1) {
		rc = SESSION_ERROR;
		goto out;
	}
	if (kore_pgsql_ntuples(&sql) != 1 ||
	    !db_true(&sql, 0, "alive")) {
		rc = SESSION_EXPIRED;
		goto out;
	}
	st->id = strtoll(db_text(&sql, 0, "user_id"), NULL, 10);
	snprintf(st->email, sizeof(st->email), "%s",
	    db_text(&sql, 0, "email"));
	st->is_admin = strcmp(db_text(&sql, 0, "role"), "admin") == 0;
	snprintf(st->csrf, sizeof(st->csrf), "%s",
	    db_text(&sql, 0, "csrf_token"));
	snprintf(st->token_hash, sizeof(st->token_hash), "%s", hash);
	st->stage = stage_parse(db_text(&sql, 0, "stage"));
	rc = st->stage == SESSION_FULL ? SESSION_OK : SESSION_PARTIAL;
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
session_start(struct http_request *req, long long user_id,
    enum session_stage stage)
{
	struct kore_pgsql	 sql;
	char			 token[AUTH_TOKEN_LEN + 1];
	char			 csrf[AUTH_TOKEN_LEN + 1];
	char			 hash[AUTH_TOKEN_HASH_LEN + 1], uid[32];
	char			 earlier[AUTH_TOKEN_LEN + 1];
	char			 earlier_hash[AUTH_TOKEN_HASH_LEN + 1];
	char			 ip[NETADDR_TEXT], cookie[160];
	const char		*params[6];
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
	/* The session this browser had before, of whoever, ends. */
	params[4] = NULL;
	if (request_token(req, earlier) == 0) {
		auth_token_hash(earlier, earlier_hash);
		sodium_memzero(earlier, sizeof(earlier));
		params[4] = earlier_hash;
	}
	params[5] = stage_names[stage];
	rc = db_write(&sql, "SELECT session_open($1, $2, $3, $4, $5, $6, "
	    "interval '" SESSION_IDLE "', interval '" SESSION_ABSOLUTE "')",
	    6, params);
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
		db_write(&sql, "SELECT session_close($1)", 1, params);
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

static struct netaddr_list	trusted_proxies;

int
client_ip_configure(char *err, size_t len)
{
	const char	*env;
	char		 why[128];

	if ((env = getenv("TOTEUMA_TRUSTED_PROXIES")) == NULL)
		env = "";
	if (netaddr_list_parse(&trusted_proxies, env, why, sizeof(why)) ==
	    -1) {
		snprintf(err, len, "TOTEUMA_TRUSTED_PROXIES: %s", why);
		return -1;
	}
	return 0;
}

void
client_ip(struct http_request *req, char *out, size_t len)
{
	struct connection	*c = req->owner;
	const char		*xff = NULL;
	char			 peer[NETADDR_TEXT], ip[NETADDR_TEXT];

	peer[0] = '\0';
	if (c->family == AF_INET)
		inet_ntop(AF_INET, &c->addr.ipv4.sin_addr, peer, sizeof(peer));
	else if (c->family == AF_INET6)
		inet_ntop(AF_INET6, &c->addr.ipv6.sin6_addr, peer,
		    sizeof(peer));
	if (trusted_proxies.n > 0 &&
	    !http_request_header(req, "x-forwarded-for", &xff))
		xff = NULL;
	netaddr_client(&trusted_proxies, peer, xff, ip);
	snprintf(out, len, "%s", ip);
}

void
audit(struct http_request *req, const struct staff *st, const char *email,
    const char *event, const char *object, const char *detail)
{
	struct kore_pgsql	 sql;
	char			 ip[NETADDR_TEXT], uid[32];
	const char		*params[6];

	client_ip(req, ip, sizeof(ip));
	snprintf(uid, sizeof(uid), "%lld", st ? st->id : 0);
	params[0] = st ? uid : NULL;
	params[1] = st ? st->email : (email ? email : "");
	params[2] = ip;
	params[3] = event;
	params[4] = object ? object : "";
	params[5] = detail ? detail : "{}";
	if (db_write(&sql, "SELECT audit_record($1, $2, $3, $4, $5, $6::jsonb)",
	    6, params) == -1)
		kore_log(LOG_ERR, "audit: could not record %s", event);
	kore_pgsql_cleanup(&sql);
}
