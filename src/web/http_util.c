/* See http_util.h. */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "db.h"
#include "metrics.h"
#include "mem.h"
#include "cache.h"
#include "feed.h"
#include "http_util.h"
#include "site_cache.h"

/* When this server started: pages can change with a new program too. */
static time_t	started;

static void	http_date(time_t, char *, size_t);
static int	path_has_secret(const char *);

/*
 * Pages whose address holds a secret (a panel member's link): no
 * Referer carries it to another site, and no log line writes it.
 */
static const char *const secret_paths[] = { "/verdict/" };

static int
path_has_secret(const char *path)
{
	size_t	i;

	for (i = 0; i < sizeof(secret_paths) / sizeof(secret_paths[0]); i++)
		if (strncmp(path, secret_paths[i], strlen(secret_paths[i])) ==
		    0)
			return 1;
	return 0;
}
static int	not_modified(struct http_request *, const char *, time_t);

/* The request answered now that may be framed by the allowed sites. */
static const struct http_request	*embed_req;

void
http_embeddable(struct http_request *req)
{
	embed_req = req;
}

/*
 * The policy of every page, with frame-ancestors: 'none', or for an
 * embed the sites the admins allowed (site.embed_origins: origins that
 * the database's CHECK and the form allow, "https://host[:port]" apart
 * by spaces), 'none' while there are none.
 */
static void
content_policy(struct http_request *req)
{
	struct buf	 csp;
	const char	*origins = "";

	if (req == embed_req)
		origins = site_get()->embed_origins;
	buf_init(&csp);
	buf_printf(&csp, "default-src 'none'; style-src 'self'; "
	    "img-src 'self' data:; script-src 'self'; connect-src 'self'; "
	    "form-action 'self'; base-uri 'none'; frame-ancestors %s",
	    *origins != '\0' ? origins : "'none'");
	http_response_header(req, "content-security-policy", buf_cstr(&csp));
	buf_free(&csp);
}

void
http_security_headers(struct http_request *req)
{
	content_policy(req);
	http_response_header(req, "x-content-type-options", "nosniff");
	/* An embed's frame-ancestors says who may frame it; a browser
	 * that knows only this header would refuse them all. */
	if (req != embed_req)
		http_response_header(req, "x-frame-options", "DENY");
	http_response_header(req, "referrer-policy",
	    path_has_secret(req->path) ? "no-referrer" :
	    "strict-origin-when-cross-origin");
	http_response_header(req, "permissions-policy",
	    "camera=(), microphone=(), geolocation=(), interest-cohort=()");
	http_response_header(req, "cross-origin-opener-policy", "same-origin");
}

/*
 * Every answer has an id (worker-number), in X-Request-Id; a failed one
 * (5xx) is one line in the log with that id, the request and its cause,
 * so that an operator can find what a person reports. While everything
 * fails (the database is away) a worker writes one such line a second
 * and counts the others in the next; /healthz failing says why itself.
 */
void
http_answer(struct http_request *req, int status, const void *body,
    size_t len)
{
	static unsigned long long	 answers;
	static uint64_t			 logged_at;
	static unsigned			 unlogged;
	char				 id[32];
	const char			*cause;
	uint64_t			 now;

	snprintf(id, sizeof(id), "%u-%llu", worker != NULL ? worker->id : 0,
	    ++answers);
	http_response_header(req, "x-request-id", id);
	if (status >= 500 && strcmp(req->path, "/healthz") != 0) {
		now = kore_time_ms();
		if (now - logged_at < 1000)
			unlogged++;
		else {
			cause = db_last_error();
			kore_log(LOG_ERR, "request %s: %d %s %s%s%s "
			    "(%u more failed since the last line)", id, status,
			    http_method_text(req->method),
			    path_has_secret(req->path) ? "(a secret link)" :
			    req->path,
			    *cause != '\0' ? ": " : "", cause, unlogged);
			logged_at = now;
			unlogged = 0;
			/* A file log may be block-buffered: now, not later. */
			fflush(stdout);
		}
	}
	db_clear_error();
	metrics_answer(status);
	http_response(req, status, body, len);
}

void
http_send(struct http_request *req, int status, const char *ctype,
    const void *body, size_t len)
{
	http_security_headers(req);
	http_response_header(req, "content-type", ctype);
	http_response_header(req, "cache-control", "no-store");
	http_answer(req, status, body, len);
}

static void
http_date(time_t t, char *s, size_t n)
{
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(s, n, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

static int
not_modified(struct http_request *req, const char *etag, time_t lm)
{
	const char	*v;
	struct tm	 tm;

	/* Weak comparison: etag (quoted) matches "x" and W/"x" alike. */
	if (http_request_header(req, "if-none-match", &v))
		return strstr(v, etag) != NULL || strcmp(v, "*") == 0;
	if (http_request_header(req, "if-modified-since", &v)) {
		memset(&tm, 0, sizeof(tm));
		if (strptime(v, "%a, %d %b %Y %H:%M:%S GMT", &tm) != NULL)
			return timegm(&tm) >= lm;
	}
	return 0;
}

/*
 * Text compresses; images (but SVG) and workbooks (already a zip) do
 * not.
 */
int
http_compressible(const char *content_type)
{
	return strncmp(content_type, "text/", 5) == 0 ||
	    strncmp(content_type, "application/json", 16) == 0 ||
	    strncmp(content_type, "application/atom+xml", 20) == 0 ||
	    strncmp(content_type, "application/xml", 15) == 0 ||
	    strncmp(content_type, "image/svg+xml", 13) == 0;
}

void
http_send_cached(struct http_request *req, struct cache_page *cp,
    time_t last_modified)
{
	char		 date[64], etag[sizeof(cp->etag) + 4];
	const char	*accept = NULL, *body = cp->body;
	size_t		 len = cp->len;
	enum encoding	 enc = ENC_IDENTITY;

	if (started == 0)
		started = time(NULL);
	if (last_modified < started)
		last_modified = started;
	http_date(last_modified, date, sizeof(date));
	http_security_headers(req);
	/*
	 * The compressed body is made once per page and version. The
	 * encodings of a body are the same content: they share one weak
	 * ETag (RFC 9110, 8.8.3), and If-None-Match compares weakly, so a
	 * client revalidating with another Accept-Encoding still gets 304.
	 */
	snprintf(etag, sizeof(etag), "%s", cp->etag);
	if (http_compressible(cp->content_type)) {
		snprintf(etag, sizeof(etag), "W/%s", cp->etag);
		http_response_header(req, "vary", "accept-encoding");
		(void)http_request_header(req, "accept-encoding", &accept);
		if ((enc = accept_encoding(accept)) != ENC_IDENTITY &&
		    (body = cache_encoded(cp, enc, &len)) == NULL) {
			enc = ENC_IDENTITY;
			body = cp->body;
			len = cp->len;
		}
	}
	http_response_header(req, "etag", etag);
	http_response_header(req, "last-modified", date);
	/*
	 * A proxy in front keeps a page for a second (s-maxage) and then
	 * revalidates it with the ETag: a news-day spike costs the server
	 * one request a second per page, and a change shows at once. A
	 * browser may keep it half a minute.
	 */
	http_response_header(req, "cache-control",
	    "public, max-age=30, s-maxage=1, stale-while-revalidate=30");
	if (cp->status == 200 && not_modified(req, cp->etag, last_modified)) {
		http_answer(req, 304, NULL, 0);
		return;
	}
	http_response_header(req, "content-type", cp->content_type);
	if (enc != ENC_IDENTITY)
		http_response_header(req, "content-encoding",
		    encoding_name(enc));
	http_answer(req, cp->status, body, len);
}

/*
 * The public base address never comes from an unchecked Host header: a
 * page built for one request is cached and served to the next. Either
 * TOTEUMA_BASE_URL is set and always used, or the Host must be one of
 * TOTEUMA_ALLOWED_HOSTS (else the first of them is used), or neither is
 * set and the loopback address is used.
 */
#define ALLOWED_HOSTS_MAX	16

static char	 base_url[FEED_BASE_MAX];
static char	 base_origin[FEED_BASE_MAX];	/* scheme://host[:port] */
static char	*allowed[ALLOWED_HOSTS_MAX];
static size_t	 nallowed;

static int	 sitemap_urls = HTTP_SITEMAP_URLS_MAX;

static void	origin_of_base(void);
static int	base_read(char *, size_t);
static int	sitemap_read(char *, size_t);

int
http_base_configure(char *err, size_t len)
{
	if (base_read(err, len) == -1 || sitemap_read(err, len) == -1)
		return -1;
	origin_of_base();
	return 0;
}

/* TOTEUMA_SITEMAP_URLS, bounded: 0, or -1 with the reason in err. */
static int
sitemap_read(char *err, size_t len)
{
	const char	*env = getenv("TOTEUMA_SITEMAP_URLS");
	char		*end;
	long		 n;

	if (env == NULL || *env == '\0')
		return 0;
	n = strtol(env, &end, 10);
	if (*end != '\0' || n < 3 || n > HTTP_SITEMAP_URLS_MAX) {
		snprintf(err, len, "TOTEUMA_SITEMAP_URLS is not a number from "
		    "3 to %d: %s", HTTP_SITEMAP_URLS_MAX, env);
		return -1;
	}
	sitemap_urls = (int)n;
	return 0;
}

int
http_sitemap_urls(void)
{
	return sitemap_urls;
}

static int
base_read(char *err, size_t len)
{
	const char	*env, *https;
	char		*list, *tok, *save;

	snprintf(base_url, sizeof(base_url), "http://127.0.0.1");
	if ((env = getenv("TOTEUMA_BASE_URL")) != NULL && *env != '\0') {
		if (feed_base_parse(env, base_url, sizeof(base_url)) == -1) {
			snprintf(err, len, "TOTEUMA_BASE_URL is not "
			    "http[s]://host[:port][/path]: %s", env);
			return -1;
		}
		return 0;
	}
	if ((env = getenv("TOTEUMA_ALLOWED_HOSTS")) == NULL || *env == '\0')
		return 0;
	list = xstrdup(env);
	https = getenv("TOTEUMA_HTTPS");
	for (tok = strtok_r(list, " ,", &save); tok != NULL;
	    tok = strtok_r(NULL, " ,", &save)) {
		if (nallowed == ALLOWED_HOSTS_MAX ||
		    strlen(tok) > FEED_BASE_MAX - 9 || !feed_host_valid(tok)) {
			snprintf(err, len, "TOTEUMA_ALLOWED_HOSTS: %s is not a "
			    "host[:port] (at most %d of them)", tok,
			    ALLOWED_HOSTS_MAX);
			free(list);
			return -1;
		}
		allowed[nallowed++] = xasprintf("%s://%s",
		    https != NULL && strcmp(https, "1") == 0 ? "https" :
		    "http", tok);
	}
	free(list);
	if (nallowed > 0)
		snprintf(base_url, sizeof(base_url), "%s", allowed[0]);
	return 0;
}

static void
origin_of_base(void)
{
	const char	*h = strstr(base_url, "://") + 3;

	snprintf(base_origin, sizeof(base_origin), "%.*s",
	    (int)(h - base_url + (ptrdiff_t)strcspn(h, "/")), base_url);
}

void
http_base_url(struct http_request *req, char *base, size_t len)
{
	const char	*host, *h;
	size_t		 i;

	snprintf(base, len, "%s", base_url);
	if (nallowed == 0 || !http_request_header(req, "host", &host))
		return;
	for (i = 0; i < nallowed; i++) {
		h = strstr(allowed[i], "://") + 3;
		if (strcasecmp(h, host) == 0) {
			snprintf(base, len, "%s", allowed[i]);
			return;
		}
	}
}

const char *
http_base_primary(void)
{
	return base_url;
}

int
http_same_origin(struct http_request *req)
{
	const char	*origin, *host, *h;
	size_t		 i;

	if (!http_request_header(req, "origin", &origin))
		return 1;	/* older browsers; the CSRF token still holds */
	if (strncmp(origin, "https://", 8) == 0)
		h = origin + 8;
	else if (strncmp(origin, "http://", 7) == 0)
		h = origin + 7;
	else
		return 0;	/* "null" and anything else */
	if (http_request_header(req, "host", &host) &&
	    strcasecmp(h, host) == 0)
		return 1;
	/* The public address, where a proxy in front rewrites the Host. */
	if (strcasecmp(origin, base_origin) == 0)
		return 1;
	for (i = 0; i < nallowed; i++)
		if (strcasecmp(h, strstr(allowed[i], "://") + 3) == 0)
			return 1;
	return 0;
}
