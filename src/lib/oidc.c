/*
 * The OpenID Connect client: configuration, the discovery document and
 * key set shared by the threads of a process (under one mutex, never
 * held across the network), the token request and the ID token's
 * checks. See oidc.h.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>

#include "buf.h"
#include "httpc.h"
#include "jwt.h"
#include "oidc.h"
#include "url.h"

#define OIDC_TIMEOUT		10	/* seconds per request */
#define OIDC_SECRET_MAX		512

struct oidc_meta {
	char	authorize[OIDC_URL_MAX];
	char	token[OIDC_URL_MAX];
	char	jwks[OIDC_URL_MAX];
	char	end_session[OIDC_URL_MAX];
	int	secret_post;	/* client_secret_post, else _basic */
};

static struct {
	int		 enabled, loopback;
	char		 issuer[OIDC_URL_MAX];
	char		 client_id[256];
	char		 secret[OIDC_SECRET_MAX + 1];
	char		 redirect[OIDC_URL_MAX];
} conf;

static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
static struct oidc_meta	 meta;
static int		 meta_ok;
static json_t		*keys;

static json_t	*fetch_json(const char *, const char *, const char *,
		    const char *, long *, char *, size_t);
static int	meta_url(const json_t *, const char *, int, char *, char *,
		    size_t);
static int	meta_read(const json_t *, struct oidc_meta *, char *, size_t);
static int	keys_fetch(char *, size_t);
static json_t	*keys_get(void);
static enum oidc_result token_request(const char *, const char *,
		    struct buf *, char *, size_t);
static enum oidc_result id_token_check(const char *, const char *,
		    struct oidc_identity *, char *, size_t);
static int	secret_read(const char *, char *, size_t);
static int	optional_text(const json_t *, const char *, char *, size_t);
static int	endpoint_begin(struct buf *, const char *);
static int	endpoint_end(struct buf *, int, char *, size_t);

static int
secret_read(const char *path, char *err, size_t len)
{
	FILE	*f;
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, len, "cannot read the client secret file %s",
		    path);
		return -1;
	}
	n = fread(conf.secret, 1, sizeof(conf.secret) - 1, f);
	fclose(f);
	conf.secret[n] = '\0';
	while (n > 0 && (conf.secret[n - 1] == '\n' ||
	    conf.secret[n - 1] == '\r' || conf.secret[n - 1] == ' '))
		conf.secret[--n] = '\0';
	if (n == 0 || n >= OIDC_SECRET_MAX || strlen(conf.secret) != n) {
		snprintf(err, len, "the client secret file %s is empty or "
		    "too long", path);
		return -1;
	}
	return 0;
}

int
oidc_configure(const char *issuer, const char *client_id,
    const char *secret_file, const char *redirect_uri, const char *ca_file,
    char *err, size_t len)
{
	size_t	n = strlen(issuer);

	conf.loopback = strncmp(issuer, "http://", 7) == 0;
	if (!httpc_url_allowed(issuer, 1) || n >= sizeof(conf.issuer)) {
		snprintf(err, len, "the issuer must be an https:// URL "
		    "(http:// only on loopback)");
		return -1;
	}
	if (*client_id == '\0' || strlen(client_id) >= sizeof(conf.client_id)) {
		snprintf(err, len, "the client id is empty or too long");
		return -1;
	}
	if (strlen(redirect_uri) >= sizeof(conf.redirect) ||
	    secret_read(secret_file, err, len) == -1 ||
	    httpc_init(ca_file, err, len) == -1)
		return -1;
	snprintf(conf.issuer, sizeof(conf.issuer), "%s", issuer);
	snprintf(conf.client_id, sizeof(conf.client_id), "%s", client_id);
	snprintf(conf.redirect, sizeof(conf.redirect), "%s", redirect_uri);
	conf.enabled = 1;
	return 0;
}

int
oidc_enabled(void)
{
	return conf.enabled;
}

const char *
oidc_issuer(void)
{
	return conf.issuer;
}

/* A JSON object from url (a POST when form is set), or NULL with err. */
static json_t *
fetch_json(const char *url, const char *form, const char *user,
    const char *password, long *status, char *err, size_t len)
{
	struct buf	 body;
	json_t		*j = NULL;

	buf_init(&body);
	if (httpc_request(url, form, user, password, OIDC_TIMEOUT, status,
	    &body, err, len) == 0) {
		j = json_loadb(body.data ? body.data : "", body.len,
		    JSON_REJECT_DUPLICATES, NULL);
		if (!json_is_object(j)) {
			json_decref(j);
			j = NULL;
			snprintf(err, len, "%s answered %ld without a JSON "
			    "object", url, *status);
		}
	}
	buf_free(&body);
	return j;
}

/* An endpoint of the discovery document into out: 0, or -1 with err. */
static int
meta_url(const json_t *doc, const char *name, int required, char *out,
    char *err, size_t len)
{
	const json_t	*v = json_object_get(doc, name);

	out[0] = '\0';
	if (v == NULL && !required)
		return 0;
	if (!json_is_string(v) || json_string_length(v) >= OIDC_URL_MAX ||
	    !httpc_url_allowed(json_string_value(v), conf.loopback)) {
		snprintf(err, len, "discovery: %s is missing or not an "
		    "allowed URL", name);
		return -1;
	}
	memcpy(out, json_string_value(v), json_string_length(v) + 1);
	return 0;
}

static int
meta_read(const json_t *doc, struct oidc_meta *m, char *err, size_t len)
{
	const json_t	*iss = json_object_get(doc, "issuer");
	const json_t	*methods, *v;
	size_t		 i;

	if (!json_is_string(iss) ||
	    strcmp(json_string_value(iss), conf.issuer) != 0) {
		snprintf(err, len, "discovery: issuer is not %s", conf.issuer);
		return -1;
	}
	if (meta_url(doc, "authorization_endpoint", 1, m->authorize, err,
	    len) == -1 || meta_url(doc, "token_endpoint", 1, m->token, err,
	    len) == -1 || meta_url(doc, "jwks_uri", 1, m->jwks, err,
	    len) == -1 || meta_url(doc, "end_session_endpoint", 0,
	    m->end_session, err, len) == -1)
		return -1;
	m->secret_post = 0;
	methods = json_object_get(doc, "token_endpoint_auth_methods_supported");
	json_array_foreach(methods, i, v)
		if (json_is_string(v) &&
		    strcmp(json_string_value(v), "client_secret_post") == 0)
			m->secret_post = 1;
	return 0;
}

int
oidc_discover(char *err, size_t len)
{
	struct oidc_meta	 m;
	json_t			*doc;
	char			 url[OIDC_URL_MAX + 64];
	long			 status;
	int			 r = -1;

	pthread_mutex_lock(&lock);
	r = meta_ok ? 0 : -1;
	pthread_mutex_unlock(&lock);
	if (r == 0)
		return 0;
	snprintf(url, sizeof(url), "%s%s.well-known/openid-configuration",
	    conf.issuer, conf.issuer[strlen(conf.issuer) - 1] == '/' ? "" :
	    "/");
	memset(&m, 0, sizeof(m));
	if ((doc = fetch_json(url, NULL, NULL, NULL, &status, err,
	    len)) == NULL)
		return -1;
	if (status != 200)
		snprintf(err, len, "discovery: %s answered %ld", url, status);
	else if (meta_read(doc, &m, err, len) == 0)
		r = 0;
	json_decref(doc);
	if (r == 0) {
		pthread_mutex_lock(&lock);
		meta = m;
		meta_ok = 1;
		pthread_mutex_unlock(&lock);
	}
	return r;
}

int
oidc_discovered(void)
{
	int	r;

	pthread_mutex_lock(&lock);
	r = meta_ok;
	pthread_mutex_unlock(&lock);
	return r;
}

/*
 * Starts b with an endpoint of the discovered metadata (a member of
 * meta, read under the lock): 0, or -1 when there is none.
 */
static int
endpoint_begin(struct buf *b, const char *endpoint)
{
	int	r = -1;

	buf_init(b);
	pthread_mutex_lock(&lock);
	if (meta_ok && *endpoint != '\0') {
		buf_puts(b, endpoint);
		r = 0;
	}
	pthread_mutex_unlock(&lock);
	return r;
}

/* The URL in b into out when it began (r 0) and fits; b is freed. */
static int
endpoint_end(struct buf *b, int r, char *out, size_t len)
{
	if (r == 0 && b->len < len)
		snprintf(out, len, "%s", buf_cstr(b));
	else
		r = -1;
	buf_free(b);
	return r;
}

int
oidc_authorize_url(char *out, size_t len, const char *state,
    const char *nonce, const char *challenge, const char *locale)
{
	struct buf	b;
	int		r;

	r = endpoint_begin(&b, meta.authorize);
	url_param(&b, "response_type", "code");
	url_param(&b, "client_id", conf.client_id);
	url_param(&b, "redirect_uri", conf.redirect);
	url_param(&b, "scope", "openid email profile");
	url_param(&b, "state", state);
	url_param(&b, "nonce", nonce);
	url_param(&b, "code_challenge", challenge);
	url_param(&b, "code_challenge_method", "S256");
	url_param(&b, "ui_locales", locale);
	return endpoint_end(&b, r, out, len);
}

int
oidc_end_session_url(char *out, size_t len, const char *after)
{
	struct buf	b;
	int		r;

	r = endpoint_begin(&b, meta.end_session);
	url_param(&b, "client_id", conf.client_id);
	url_param(&b, "post_logout_redirect_uri", after);
	return endpoint_end(&b, r, out, len);
}

void
oidc_pkce_challenge(const char *verifier, char out[44])
{
	unsigned char	h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)verifier,
	    strlen(verifier));
	sodium_bin2base64(out, 44, h, sizeof(h),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* Fetches the key set anew: 0, or -1 with err. */
static int
keys_fetch(char *err, size_t len)
{
	char	 url[OIDC_URL_MAX];
	json_t	*set;
	long	 status;

	pthread_mutex_lock(&lock);
	snprintf(url, sizeof(url), "%s", meta.jwks);
	pthread_mutex_unlock(&lock);
	if ((set = fetch_json(url, NULL, NULL, NULL, &status, err,
	    len)) == NULL)
		return -1;
	if (status != 200 || !json_is_array(json_object_get(set, "keys"))) {
		snprintf(err, len, "the key set %s answered %ld without keys",
		    url, status);
		json_decref(set);
		return -1;
	}
	pthread_mutex_lock(&lock);
	json_decref(keys);
	keys = set;
	pthread_mutex_unlock(&lock);
	return 0;
}

/* The cached key set, the caller's reference; NULL when none yet. */
static json_t *
keys_get(void)
{
	json_t	*k;

	pthread_mutex_lock(&lock);
	k = json_incref(keys);
	pthread_mutex_unlock(&lock);
	return k;
}

/*
 * The token request for code: OIDC_OK with the answer's id_token in
 * out, else why.
 */
static enum oidc_result
token_request(const char *code, const char *verifier, struct buf *out,
    char *why, size_t len)
{
	struct oidc_meta	 m;
	struct buf		 form, user, pass;
	json_t			*ans;
	const json_t		*tok, *e;
	long			 status = 0;
	enum oidc_result	 r = OIDC_INVALID;

	pthread_mutex_lock(&lock);
	m = meta;
	pthread_mutex_unlock(&lock);
	buf_init(&form);
	buf_init(&user);
	buf_init(&pass);
	buf_puts(&form, "grant_type=authorization_code&code=");
	url_encode(&form, code);
	buf_puts(&form, "&redirect_uri=");
	url_encode(&form, conf.redirect);
	buf_puts(&form, "&code_verifier=");
	url_encode(&form, verifier);
	buf_puts(&form, "&client_id=");
	url_encode(&form, conf.client_id);
	if (m.secret_post) {
		buf_puts(&form, "&client_secret=");
		url_encode(&form, conf.secret);
	}
	/* RFC 6749 2.3.1: basic credentials are form-encoded first. */
	url_encode(&user, conf.client_id);
	url_encode(&pass, conf.secret);
	ans = fetch_json(m.token, buf_cstr(&form), m.secret_post ? NULL :
	    buf_cstr(&user), buf_cstr(&pass), &status, why, len);
	sodium_memzero(pass.data, pass.len);
	sodium_memzero(form.data, form.len);
	tok = json_object_get(ans, "id_token");
	e = json_object_get(ans, "error");
	if (ans == NULL || status >= 500)
		r = OIDC_UNAVAILABLE;
	else if (status != 200) {
		snprintf(why, len, "token endpoint answered %ld: %.64s",
		    status, json_is_string(e) ? json_string_value(e) : "");
		r = OIDC_REFUSED;
	} else if (!json_is_string(tok) ||
	    json_string_length(tok) > JWT_TOKEN_MAX)
		snprintf(why, len, "the token answer has no usable id_token");
	else {
		buf_puts(out, json_string_value(tok));
		r = OIDC_OK;
	}
	if (ans != NULL && status >= 500)
		snprintf(why, len, "token endpoint answered %ld", status);
	json_decref(ans);
	buf_free(&form);
	buf_free(&user);
	buf_free(&pass);
	return r;
}

/* A string claim that may be absent: 1 (copied or ""), 0 if unusable. */
static int
optional_text(const json_t *claims, const char *name, char *out,
    size_t size)
{
	const json_t	*v = json_object_get(claims, name);
	size_t		 n;

	out[0] = '\0';
	if (v == NULL)
		return 1;
	if (!json_is_string(v))
		return 0;
	n = json_string_length(v);
	if (n == 0 || n >= size || strlen(json_string_value(v)) != n)
		return 0;
	memcpy(out, json_string_value(v), n + 1);
	return 1;
}

int
oidc_identity_read(const void *claims, struct oidc_identity *id,
    const char **why)
{
	const json_t	*c = claims, *ev;
	char		 oid[OIDC_SUBJECT_MAX + 1];

	memset(id, 0, sizeof(*id));
	*why = NULL;
	ev = json_object_get(c, "email_verified");
	if (!optional_text(c, "sub", id->subject, sizeof(id->subject)) ||
	    id->subject[0] == '\0')
		*why = "sub missing, not a string or too long";
	else if (!optional_text(c, "oid", oid, sizeof(oid)))
		*why = "oid not a string or too long";
	else if (!optional_text(c, "email", id->email, sizeof(id->email)))
		*why = "email not a string or too long";
	else if (ev != NULL && !json_is_boolean(ev))
		*why = "email_verified not a boolean";
	else if (!optional_text(c, "name", id->name, sizeof(id->name)))
		*why = "name not a string or too long";
	if (*why != NULL)
		return -1;
	if (oid[0] != '\0')
		memcpy(id->subject, oid, sizeof(oid));
	id->email_verified = json_is_true(ev);
	return 0;
}

/* Verifies the ID token and reads its identity. */
static enum oidc_result
id_token_check(const char *token, const char *nonce,
    struct oidc_identity *id, char *why, size_t len)
{
	struct jwt_expect	 want;
	json_t			*set, *claims = NULL;
	const char		*reason = NULL;
	char			 kid[JWT_KID_MAX + 1];
	enum jwt_result		 jr = JWT_NO_KEY;
	int			 tries;

	for (tries = 0; tries < 2 && jr == JWT_NO_KEY; tries++) {
		/* No keys yet, or none with this kid: fetch them once. */
		if ((tries == 1 || (set = keys_get()) == NULL) &&
		    (keys_fetch(why, len) == -1 || (set = keys_get()) == NULL))
			return OIDC_UNAVAILABLE;
		jr = jwt_verify(token, set, &claims, kid);
		json_decref(set);
		set = NULL;
	}
	if (jr != JWT_OK) {
		snprintf(why, len, "ID token: %s (kid \"%s\")",
		    jwt_result_name(jr), kid);
		return OIDC_INVALID;
	}
	want.issuer = conf.issuer;
	want.audience = conf.client_id;
	want.nonce = nonce;
	want.now = (long long)time(NULL);
	if (jwt_claims_check(claims, &want, &reason) != JWT_OK ||
	    oidc_identity_read(claims, id, &reason) == -1) {
		snprintf(why, len, "ID token: %s", reason);
		json_decref(claims);
		return OIDC_INVALID;
	}
	json_decref(claims);
	return OIDC_OK;
}

enum oidc_result
oidc_exchange(const char *code, const char *verifier, const char *nonce,
    struct oidc_identity *id, char *why, size_t len)
{
	struct buf		 token;
	enum oidc_result	 r;

	memset(id, 0, sizeof(*id));
	why[0] = '\0';
	if (oidc_discover(why, len) == -1)
		return OIDC_UNAVAILABLE;
	buf_init(&token);
	if ((r = token_request(code, verifier, &token, why, len)) == OIDC_OK)
		r = id_token_check(buf_cstr(&token), nonce, id, why, len);
	buf_free(&token);
	return r;
}
