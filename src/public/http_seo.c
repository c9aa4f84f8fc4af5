/*
 * What search engines and browsers ask a site for besides its pages:
 * /robots.txt, /sitemap.xml (every published page in each language,
 * with its alternates), /favicon.ico, and the county's logo (/logo)
 * from the database. Each is cached for the data version like a page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "catalog_cache.h"
#include "db.h"
#include "embedded.h"
#include "mem.h"
#include "http_util.h"
#include "public.h"
#include "serve.h"
#include "site_cache.h"

int	page_robots(struct http_request *);
int	page_sitemap(struct http_request *);
int	page_favicon(struct http_request *);
int	page_logo(struct http_request *);

struct sitemap_pages;
static void	sitemap_url(struct buf *, const char *, const char *);
static int	sitemap_items(struct sitemap_pages *, const char *,
		    const char *);
static int	sitemap_write(struct buf *, size_t);
static int	logo_load(struct buf *, char *, size_t);
static int	no_query(struct http_request *);

/* The query string of a request for a file: none, or 400. */
static int
no_query(struct http_request *req)
{
	struct page	pg;

	if (req->query_string == NULL || *req->query_string == '\0')
		return 0;
	page_init(&pg, LANG_FI);
	serve_error(req, &pg, 400, N_("The address is too long."), "");
	page_free(&pg);
	return -1;
}

int
page_robots(struct http_request *req)
{
	struct buf	b;

	if (no_query(req) == -1)
		return KORE_RESULT_OK;
	buf_init(&b);
	buf_printf(&b, "User-agent: *\nAllow: /\nDisallow: /b\n"
	    "Disallow: /login\nDisallow: /embed/\n\nSitemap: %s/sitemap.xml\n",
	    http_base_primary());
	/* The base address is fixed at start: no data version to follow. */
	http_security_headers(req);
	http_response_header(req, "content-type", "text/plain; charset=utf-8");
	http_response_header(req, "cache-control", "public, max-age=3600");
	http_answer(req, 200, b.data, b.len);
	buf_free(&b);
	return KORE_RESULT_OK;
}

/* One <url> of the sitemap per language of path, each with all four. */
static void
sitemap_url(struct buf *b, const char *base, const char *path)
{
	static const char *const q[LANG_COUNT] = { "", "?lang=sv",
		"?lang=en" };
	int	l, k;

	for (l = 0; l < LANG_COUNT; l++) {
		buf_printf(b, "<url><loc>%s%s%s</loc>\n", base, path, q[l]);
		for (k = 0; k < LANG_COUNT; k++)
			buf_printf(b, "<xhtml:link rel=\"alternate\" "
			    "hreflang=\"%s\" href=\"%s%s%s\"/>\n",
			    lang_codes[k], base, path, q[k]);
		buf_printf(b, "<xhtml:link rel=\"alternate\" "
		    "hreflang=\"x-default\" href=\"%s%s\"/>\n</url>\n", base,
		    path);
	}
}

/* The published pages, each once; the sitemap lists each per language. */
struct sitemap_pages {
	char	**paths;
	size_t	  n, cap;
};

static void
pages_add(struct sitemap_pages *sp, const char *path)
{
	if (sp->n == sp->cap) {
		sp->cap = sp->cap ? sp->cap * 2 : 256;
		sp->paths = xrealloc(sp->paths, sp->cap * sizeof(*sp->paths));
	}
	sp->paths[sp->n++] = xstrdup(path);
}

static void
pages_free(struct sitemap_pages *sp)
{
	size_t	i;

	for (i = 0; i < sp->n; i++)
		free(sp->paths[i]);
	free(sp->paths);
	memset(sp, 0, sizeof(*sp));
}

/* The pages of query's rows (slug, id) as /p/SLUG/kind/ID: 0 or -1. */
static int
sitemap_items(struct sitemap_pages *sp, const char *query, const char *kind)
{
	struct kore_pgsql	sql;
	char			path[160];
	int			i, rc = -1;

	if (db_read(&sql, query, 0, NULL) == -1)
		goto out;
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		snprintf(path, sizeof(path), "/p/%s/%s/%s",
		    db_text(&sql, i, "slug"), kind, db_text(&sql, i, "id"));
		pages_add(sp, path);
	}
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	return rc;
}

/* Every published page, in a fixed order: 0, or -1 when a query fails. */
static int
sitemap_pages(struct sitemap_pages *sp)
{
	const struct catalog	*c = catalog_get();
	char			 path[120];
	size_t			 i;

	pages_add(sp, "/");
	pages_add(sp, "/actions");
	pages_add(sp, "/report");
	pages_add(sp, "/accessibility");
	pages_add(sp, "/privacy");
	for (i = 0; i < c->nprocs; i++) {
		if (!c->procs[i].published)
			continue;
		snprintf(path, sizeof(path), "/p/%s", c->procs[i].slug);
		pages_add(sp, path);
		snprintf(path, sizeof(path), "/p/%s/report", c->procs[i].slug);
		pages_add(sp, path);
	}
	if (sitemap_items(sp, "SELECT p.slug, r.id FROM recommendation r "
	    "JOIN process p ON p.id = r.process_id WHERE p.published AND "
	    "r.deleted_at IS NULL ORDER BY p.slug, r.id", "r") == -1 ||
	    sitemap_items(sp, "SELECT DISTINCT p.slug, "
	    "pr.action_id AS id FROM process_row pr JOIN process p ON "
	    "p.id = pr.process_id WHERE p.published AND pr.action_id IS NOT "
	    "NULL ORDER BY p.slug, id", "a") == -1)
		return -1;
	return 0;
}

/*
 * Pages per sitemap file: a page is listed once per language, and its
 * languages stay in one file.
 */
static size_t
pages_per_file(void)
{
	return (size_t)http_sitemap_urls() / LANG_COUNT;
}

/* The sitemap files needed: 1 when every address fits in one. */
static size_t
sitemap_files(const struct sitemap_pages *sp)
{
	size_t	per = pages_per_file();

	return sp->n <= per ? 1 : (sp->n + per - 1) / per;
}

/* A <urlset> of pages first to first + n - 1. */
static void
sitemap_urlset(struct buf *b, const struct sitemap_pages *sp, size_t first,
    size_t n)
{
	const char	*base = http_base_primary();
	size_t		 i;

	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
	    "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
	for (i = first; i < first + n && i < sp->n; i++)
		sitemap_url(b, base, sp->paths[i]);
	buf_puts(b, "</urlset>\n");
}

/* A <sitemapindex> of the files /sitemap-1.xml to /sitemap-N.xml. */
static void
sitemap_index(struct buf *b, size_t files)
{
	size_t	i;

	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/"
	    "sitemap/0.9\">\n");
	for (i = 1; i <= files; i++)
		buf_printf(b, "<sitemap><loc>%s/sitemap-%zu.xml</loc>"
		    "</sitemap>\n", http_base_primary(), i);
	buf_puts(b, "</sitemapindex>\n");
}

/*
 * Sitemap file part (0: /sitemap.xml) into b: the whole sitemap, or an
 * index of its files when its addresses do not fit in one, or file part
 * of them. 0, 404 for a file there is not, or -1.
 */
static int
sitemap_write(struct buf *b, size_t part)
{
	struct sitemap_pages	sp;
	size_t			files, per = pages_per_file();
	int			rc = -1;

	memset(&sp, 0, sizeof(sp));
	if (sitemap_pages(&sp) == -1)
		goto out;
	files = sitemap_files(&sp);
	rc = 0;
	if (part == 0 && files == 1)
		sitemap_urlset(b, &sp, 0, sp.n);
	else if (part == 0)
		sitemap_index(b, files);
	else if (files > 1 && part <= files)
		sitemap_urlset(b, &sp, (part - 1) * per, per);
	else
		rc = 404;
out:
	pages_free(&sp);
	return rc;
}

/* /sitemap.xml and its files /sitemap-N.xml (the route allows 1-6 digits). */
int
page_sitemap(struct http_request *req)
{
	struct page	pg;
	struct buf	b;
	char		key[64];
	size_t		part = 0;
	long		n;
	int		r;

	if (strncmp(req->path, "/sitemap-", 9) == 0) {
		n = strtol(req->path + strlen("/sitemap-"), NULL, 10);
		part = n > 0 ? (size_t)n : (size_t)-1;
	}
	page_init(&pg, LANG_FI);
	buf_init(&b);
	if (no_query(req) == -1 || serve_catalogue(req, &pg) == -1)
		goto out;
	if (part == 0)
		snprintf(key, sizeof(key), "/sitemap.xml");
	else
		snprintf(key, sizeof(key), "/sitemap-%zu.xml", part);
	if (serve_cached(req, NULL, key))
		goto out;
	if ((r = sitemap_write(&b, part)) == -1) {
		serve_error(req, &pg, 503, "Please try again in a moment.", "");
		goto out;
	}
	if (r == 404) {
		serve_error(req, &pg, 404, "There is no page at this address.",
		    "");
		goto out;
	}
	serve_put(req, NULL, key, "application/xml; charset=utf-8", b.data,
	    b.len);
out:
	buf_free(&b);
	page_free(&pg);
	return KORE_RESULT_OK;
}

/* Browsers ask for /favicon.ico whatever the page links to. */
int
page_favicon(struct http_request *req)
{
	const struct embedded	*f = embedded_find(asset_files, "favicon.ico");

	if (f == NULL) {
		http_send(req, 404, "text/plain; charset=utf-8", "", 0);
		return KORE_RESULT_OK;
	}
	http_security_headers(req);
	http_response_header(req, "content-type", "image/x-icon");
	http_response_header(req, "cache-control", "public, max-age=86400");
	http_answer(req, 200, f->data, f->len);
	return KORE_RESULT_OK;
}

/* The logo's bytes from the database and its type: 1, 0 without, -1. */
static int
logo_load(struct buf *b, char *type, size_t len)
{
	struct kore_pgsql	 sql;
	const char		*hex;
	size_t			 i, n;
	int			 rc = -1;

	if (db_read(&sql, "SELECT content_type, encode(data, 'hex') AS data "
	    "FROM site_logo", 0, NULL) == -1)
		goto out;
	rc = 0;
	if (kore_pgsql_ntuples(&sql) != 1)
		goto out;
	snprintf(type, len, "%s", db_text(&sql, 0, "content_type"));
	hex = db_text(&sql, 0, "data");
	n = strlen(hex) / 2;
	for (i = 0; i < n; i++) {
		char	byte[3] = { hex[2 * i], hex[2 * i + 1], '\0' };

		buf_putc(b, (char)strtoul(byte, NULL, 16));
	}
	rc = 1;
out:
	kore_pgsql_cleanup(&sql);
	return rc;
}

/*
 * The county's logo, as an image only: an SVG gets a policy that runs
 * no script and loads nothing, even when opened on its own.
 */
int
page_logo(struct http_request *req)
{
	struct cache_page	*cp;
	struct page		 pg;
	struct buf		 b;
	char			 type[32];
	int			 r;

	page_init(&pg, LANG_FI);
	buf_init(&b);
	if (no_query(req) == -1 || serve_catalogue(req, &pg) == -1)
		goto out;
	if ((cp = cache_get("/logo", catalog_get()->version)) == NULL) {
		if ((r = logo_load(&b, type, sizeof(type))) != 1) {
			serve_error(req, &pg, r == 0 ? 404 : 503, r == 0 ?
			    "There is no page at this address." :
			    "Please try again in a moment.", "");
			goto out;
		}
		cp = cache_put("/logo", catalog_get()->version, 200,
		    strcmp(type, "image/svg+xml") == 0 ? "image/svg+xml" :
		    strcmp(type, "image/png") == 0 ? "image/png" :
		    "image/jpeg", b.data, b.len);
	}
	if (strcmp(cp->content_type, "image/svg+xml") == 0)
		http_response_header(req, "content-security-policy",
		    "default-src 'none'; style-src 'unsafe-inline'; sandbox");
	http_response_header(req, "content-disposition", "inline");
	http_send_cached(req, cp, catalog_get()->changed_at);
out:
	buf_free(&b);
	page_free(&pg);
	return KORE_RESULT_OK;
}
