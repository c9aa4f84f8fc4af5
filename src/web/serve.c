/*
 * Answering a request with a page: its language and view from the
 * query, an error page, a rendered page put in the cache. Shared by the
 * public pages, downloads, feeds and reports; see serve.h.
 */
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "catalog_cache.h"
#include "http_util.h"
#include "serve.h"

static int	path_slug(const char *, char *, size_t, long long *);

/*
 * The language of a page: the lang parameter if it is valid, whatever
 * else the query has or lacks (an error page is in it too).
 */
enum lang
request_lang(struct http_request *req)
{
	char			*v[1];
	const char		*bad;
	enum lang		 l = LANG_FI;

	if (params_parse(req->query_string, lang_params, 1, v, &bad) ==
	    PARAM_OK && v[0] != NULL)
		lang_from_code(v[0], strlen(v[0]), &l);
	params_free(v, 1);
	return l;
}

int
serve_error(struct http_request *req, struct page *pg, int status,
    const char *msgid, const char *detail)
{
	pg->posted = req->method == HTTP_METHOD_POST;
	render_error(pg, status, msgid, detail);
	page_send(req, pg, status);
	return KORE_RESULT_OK;
}

void
page_send(struct http_request *req, struct page *pg, int status)
{
	struct html	doc;

	html_init(&doc);
	page_document(pg, &doc);
	http_send(req, status, "text/html; charset=utf-8", html_data(&doc),
	    html_len(&doc));
	html_free(&doc);
}

/* What is wrong with a query, for the reader. */
const char *
params_message(enum param_error e)
{
	switch (e) {
	case PARAM_REPEATED:
		return N_("A search setting is given more than once in the "
		    "address.");
	case PARAM_TOO_LONG:
		return N_("A search setting in the address is too long.");
	case PARAM_ENCODING:
		return N_("A search setting in the address contains "
		    "characters that are not allowed.");
	case PARAM_QUERY_TOO_LONG:
		return N_("The address is too long.");
	default:
		return N_("A search setting in the address has a value that "
		    "is not allowed.");
	}
}

/*
 * "/p/SLUG" or "/p/SLUG/x/ID" (the routes guarantee the shape) into slug
 * and id (0 without one; not read when id is NULL); -1 when the slug is
 * too long or ID is not above 0.
 */
static int
path_slug(const char *path, char *slug, size_t len, long long *id)
{
	const char	*p = path + 3, *e;

	e = p + strcspn(p, "/.");
	if ((size_t)(e - p) >= len || e == p)
		return -1;
	memcpy(slug, p, (size_t)(e - p));
	slug[e - p] = '\0';
	if (id == NULL)
		return 0;
	*id = 0;
	if (*e == '/' && e[1] != '\0' && e[2] == '/') {
		*id = strtoll(e + 3, NULL, 10);
		if (*id <= 0)
			return -1;
	}
	return 0;
}

int
serve_catalogue(struct http_request *req, struct page *pg)
{
	if (catalog_refresh() == -1) {
		serve_error(req, pg, 503, "Please try again in a moment.", "");
		return -1;
	}
	return 0;
}

const struct cat_process *
serve_process(struct http_request *req, struct page *pg, const char *path,
    long long *id, view_error_fn error)
{
	const struct cat_process	*proc;
	char				 slug[80];

	if (path_slug(path, slug, sizeof(slug), id) == -1 ||
	    (proc = catalog_process(slug)) == NULL || !proc->published) {
		error(req, pg, 404, N_("There is no such process. It may "
		    "have been removed or the address may be mistyped."), "");
		return NULL;
	}
	return proc;
}

uint64_t
serve_version(const struct cat_process *scope)
{
	return scope != NULL ? scope->version : catalog_get()->version;
}

time_t
serve_changed(const struct cat_process *scope)
{
	return scope != NULL ? scope->changed_at : catalog_get()->changed_at;
}

/* Caches body under key for scope's version and answers with it. */
static int
put_and_send(struct http_request *req, const struct cat_process *scope,
    const char *key, int status, const char *content_type, const char *body,
    size_t len)
{
	struct cache_page	*cp;

	cp = cache_put(key, serve_version(scope), status, content_type, body,
	    len);
	http_send_cached(req, cp, serve_changed(scope));
	return KORE_RESULT_OK;
}

int
serve_put(struct http_request *req, const struct cat_process *scope,
    const char *key, const char *content_type, const char *body, size_t len)
{
	return put_and_send(req, scope, key, 200, content_type, body, len);
}

/* Wraps the page in the layout, caches it under key and answers. */
int
serve_rendered(struct http_request *req, struct page *pg,
    const struct cat_process *scope, const char *key)
{
	struct html	doc;

	html_init(&doc);
	page_document(pg, &doc);
	put_and_send(req, scope, key, pg->status, "text/html; charset=utf-8",
	    html_data(&doc), html_len(&doc));
	html_free(&doc);
	return KORE_RESULT_OK;
}

int
serve_cached(struct http_request *req, const struct cat_process *scope,
    const char *key)
{
	struct cache_page	*cp;

	if ((cp = cache_get(key, serve_version(scope))) == NULL)
		return 0;
	http_send_cached(req, cp, serve_changed(scope));
	return 1;
}

int
serve_render_result(struct http_request *req, struct page *pg, int r,
    const struct cat_process *scope, const char *key, const char *missing)
{
	if (r == RENDER_OK)
		return serve_rendered(req, pg, scope, key);
	if (r == RENDER_NOT_FOUND && missing != NULL)
		return serve_error(req, pg, 404, missing, "");
	return serve_error(req, pg, 503, "Please try again in a moment.", "");
}

const struct cat_process *
view_scope(const struct view *v)
{
	return v->directory ? NULL : v->proc;
}

/*
 * The table view a request asks for: /p/SLUG (or /p/SLUG.EXT), the
 * directory /actions (or /actions.EXT), either under /embed, and the
 * query. per_default is PER_DEFAULT for the page and PER_ALL for a
 * download. Returns -1 after answering with an error page (in the
 * format the caller's errors go out in: see view_error).
 */
int
view_request(struct http_request *req, struct page *pg, char **v,
    struct view *view, int per_default,
    int (*error)(struct http_request *, struct page *, int, const char *,
    const char *))
{
	const struct cat_process	*proc;
	const char			*bad, *msgid, *detail;
	const char			*path = req->path;
	enum param_error		 e;
	int				 status, embed, directory;

	page_init(pg, request_lang(req));
	embed = strncmp(path, "/embed/", 7) == 0;
	if (embed)
		path += 6;
	pg->embed = embed;
	directory = strncmp(path, "/actions", 8) == 0;
	if ((e = params_parse(req->query_string, directory ?
	    directory_params : view_params, directory ? P_DIR_COUNT :
	    P_COUNT, v, &bad)) != PARAM_OK)
		return error(req, pg, 400, params_message(e), bad), -1;
	if (catalog_refresh() == -1)
		return error(req, pg, 503, N_("Please try again in a moment."),
		    ""), -1;
	if (directory)
		status = view_parse_directory(view, v, catalog_get(),
		    pg->lang, per_default, &msgid, &detail);
	else if ((proc = serve_process(req, pg, path, NULL, error)) == NULL)
		return -1;
	else
		status = view_parse(view, v, catalog_get(), proc, pg->lang,
		    per_default, &msgid, &detail);
	if (status != 0)
		return error(req, pg, status, msgid, detail), -1;
	view->embed = embed;
	return 0;
}
