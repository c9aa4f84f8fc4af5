/* Answering HTTP requests: security headers, caching headers, 304s. */
#ifndef TOTEUMA_HTTP_UTIL_H
#define TOTEUMA_HTTP_UTIL_H

#include <time.h>

#include <kore/kore.h>
#include <kore/http.h>

struct cache_page;

/* An uncached answer (errors, health). */
void	http_send(struct http_request *, int status, const char *ctype,
	    const void *body, size_t len);
/* A cached page, or 304 when the client already has it. */
void	http_send_cached(struct http_request *, const struct cache_page *,
	    time_t last_modified);
void	http_security_headers(struct http_request *);

/*
 * The public address for absolute links (feeds, downloads), without a
 * trailing slash; see docs/configuration.md, TOTEUMA_BASE_URL.
 */
void	http_base_url(struct http_request *, char *, size_t);

#endif
