/* See http_util.h. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cache.h"
#include "feed.h"
#include "http_util.h"

/* When this server started: pages can change with a new program too. */
static time_t	started;

static void	http_date(time_t, char *, size_t);
static int	not_modified(struct http_request *, const char *, time_t);

void
http_security_headers(struct http_request *req)
{
	http_response_header(req, "content-security-policy",
	    "default-src 'none'; style-src 'self'; img-src 'self' data:; "
	    "script-src 'self'; form-action 'self'; base-uri 'none'; "
	    "frame-ancestors 'none'");
	http_response_header(req, "x-content-type-options", "nosniff");
	http_response_header(req, "x-frame-options", "DENY");
	http_response_header(req, "referrer-policy",
	    "strict-origin-when-cross-origin");
	http_response_header(req, "permissions-policy",
	    "camera=(), microphone=(), geolocation=(), interest-cohort=()");
	http_response_header(req, "cross-origin-opener-policy", "same-origin");
}

void
http_send(struct http_request *req, int status, const char *ctype,
    const void *body, size_t len)
{
	http_security_headers(req);
	http_response_header(req, "content-type", ctype);
	http_response_header(req, "cache-control", "no-store");
	http_response(req, status, body, len);
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

	if (http_request_header(req, "if-none-match", &v))
		return strstr(v, etag) != NULL || strcmp(v, "*") == 0;
	if (http_request_header(req, "if-modified-since", &v)) {
		memset(&tm, 0, sizeof(tm));
		if (strptime(v, "%a, %d %b %Y %H:%M:%S GMT", &tm) != NULL)
			return timegm(&tm) >= lm;
	}
	return 0;
}

void
http_send_cached(struct http_request *req, const struct cache_page *cp,
    time_t last_modified)
{
	char	date[64];

	if (started == 0)
		started = time(NULL);
	if (last_modified < started)
		last_modified = started;
	http_date(last_modified, date, sizeof(date));
	http_security_headers(req);
	http_response_header(req, "etag", cp->etag);
	http_response_header(req, "last-modified", date);
	/* Short: a proxy absorbs spikes, and changes show within a minute. */
	http_response_header(req, "cache-control",
	    "public, max-age=30, stale-while-revalidate=30");
	if (cp->status == 200 && not_modified(req, cp->etag, last_modified)) {
		http_response(req, 304, NULL, 0);
		return;
	}
	http_response_header(req, "content-type", cp->content_type);
	http_response(req, cp->status, cp->body, cp->len);
}

/*
 * The public base address: TOTEUMA_BASE_URL when it is valid, else
 * http:// and the Host header when that is a valid host[:port], else
 * the loopback address. No trailing slash.
 */
void
http_base_url(struct http_request *req, char *base, size_t len)
{
	static int	 warned;
	const char	*env, *host;

	if ((env = getenv("TOTEUMA_BASE_URL")) != NULL && *env != '\0') {
		if (feed_base_parse(env, base, len) == 0)
			return;
		if (!warned) {
			kore_log(LOG_WARNING, "TOTEUMA_BASE_URL is not "
			    "http[s]://host[:port][/path]; using the Host "
			    "header");
			warned = 1;
		}
	}
	if (http_request_header(req, "host", &host) &&
	    strlen(host) <= FEED_BASE_MAX - 8 && feed_host_valid(host)) {
		snprintf(base, len, "http://%s", host);
		return;
	}
	snprintf(base, len, "http://127.0.0.1");
}
