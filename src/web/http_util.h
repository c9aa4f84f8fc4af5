/* Answering HTTP requests: security headers, caching headers, 304s. */
#ifndef TOTEUMA_HTTP_UTIL_H
#define TOTEUMA_HTTP_UTIL_H

#include <time.h>

#include <kore/kore.h>
#include <kore/http.h>

struct cache_page;

/* An uncached answer (errors, health). */
/* Every answer the application makes goes through here (it is counted). */
void	http_answer(struct http_request *, int status, const void *body,
	    size_t len);
void	http_send(struct http_request *, int status, const char *ctype,
	    const void *body, size_t len);
/* A cached page, or 304 when the client already has it. */
void	http_send_cached(struct http_request *, struct cache_page *,
	    time_t last_modified);
void	http_security_headers(struct http_request *);
/* Whether a body of content_type is worth compressing (text, SVG). */
int	http_compressible(const char *content_type);
/*
 * While req is answered (until it is called with NULL), its answers
 * may be shown in a frame of the sites that the admins allowed
 * (/embed/...): frame-ancestors names them, X-Frame-Options is left
 * out.
 */
void	http_embeddable(struct http_request *);

/*
 * The public address for absolute links (feeds, downloads), without a
 * trailing slash: TOTEUMA_BASE_URL, or the Host when it is one of
 * TOTEUMA_ALLOWED_HOSTS (see docs/configuration.md). It is one of a
 * fixed few, so a cache key that holds it cannot be flooded or
 * poisoned. http_base_configure reads the settings at start-up;
 * -1 with a reason when they are wrong.
 */
int	http_base_configure(char *err, size_t len);
void	http_base_url(struct http_request *, char *, size_t);
/* The first public address, whatever the Host: canonical links. */
const char *http_base_primary(void);
/*
 * The most addresses one sitemap file lists: TOTEUMA_SITEMAP_URLS, from
 * 3 to 50,000 (the sitemap protocol's limit, the default); read with
 * the base address by http_base_configure().
 */
#define HTTP_SITEMAP_URLS_MAX	50000
int	http_sitemap_urls(void);
/*
 * 0 when the request carries an Origin header of another site (or
 * "null"): staff forms refuse such posts. 1 when it names this site
 * (its Host, the base address or an allowed host) or is absent.
 */
int	http_same_origin(struct http_request *);

#endif
