/*
 * What the handlers of public pages, downloads, feeds and reports share:
 * reading a table view from a request and answering with a page or an
 * error page in the reader's language.
 */
#ifndef TOTEUMA_SERVE_H
#define TOTEUMA_SERVE_H

#include <kore/kore.h>
#include <kore/http.h>

#include "catalog.h"
#include "page.h"
#include "params.h"
#include "view.h"

typedef int	(*view_error_fn)(struct http_request *, struct page *, int,
		    const char *msgid, const char *detail);

/*
 * The view that /p/SLUG (or /p/SLUG.EXT), the directory /actions (or
 * /actions.EXT), either under /embed, and the query ask for, with v
 * holding VIEW_PARAMS_MAX parameter values (params_free them, all
 * VIEW_PARAMS_MAX; those a table does not have stay NULL). per_default:
 * PER_DEFAULT for the page, PER_ALL for a download. Returns -1 after
 * answering through error.
 */
int	view_request(struct http_request *, struct page *, char **v,
	    struct view *, int per_default, view_error_fn error);
/* The process whose version a view's cached page follows, or NULL. */
const struct cat_process *view_scope(const struct view *);
/* The language of ?lang=, whatever else is wrong with the query. */
enum lang request_lang(struct http_request *);
/*
 * The version a cached page is kept for: the process's, for a page that
 * shows one process only (scope), so that changes elsewhere leave it;
 * the data version for a page that spans processes (scope NULL).
 */
uint64_t serve_version(const struct cat_process *scope);
/* The time of that version (Last-Modified, the time of the data). */
time_t	serve_changed(const struct cat_process *scope);
/* Wraps the page in the layout, caches it under key and answers. */
int	serve_rendered(struct http_request *, struct page *,
	    const struct cat_process *scope, const char *key);
/*
 * Puts body (of content_type) in the cache under key for its version
 * (scope as for serve_version) and answers 200 with it.
 */
int	serve_put(struct http_request *, const struct cat_process *scope,
	    const char *key, const char *content_type, const char *body,
	    size_t len);
/*
 * Answers with the page cached under key for its version (scope as
 * for serve_version): 1, or 0 when there is none.
 */
int	serve_cached(struct http_request *, const struct cat_process *scope,
	    const char *key);
/*
 * Answers with what a render_* function returned (r): the page, cached
 * under key; 404 with missing (when not NULL) for RENDER_NOT_FOUND;
 * 503 otherwise.
 */
int	serve_render_result(struct http_request *, struct page *, int r,
	    const struct cat_process *scope, const char *key,
	    const char *missing);
/* An error page; always KORE_RESULT_OK. */
/* Sends pg in the page layout with status, not cached (a staff page, a
 * form, an error). */
void	page_send(struct http_request *, struct page *, int status);
int	serve_error(struct http_request *, struct page *, int status,
	    const char *msgid, const char *detail);
/* An up-to-date catalogue; -1 after answering 503 with an error page. */
int	serve_catalogue(struct http_request *, struct page *);
/*
 * The published process that path ("/p/SLUG", "/p/SLUG.EXT" or
 * "/p/SLUG/...") names, and into id (unless NULL) the number of
 * "/p/SLUG/x/ID"; NULL after answering 404 through error, also when
 * that ID is not above 0.
 */
const struct cat_process *serve_process(struct http_request *,
	    struct page *, const char *path, long long *id,
	    view_error_fn error);
/* What is wrong with a query, as a msgid. */
const char *params_message(enum param_error);

#endif
