/*
 * Handlers of the public pages: validate the request, find the page in
 * the worker's cache or render it, answer conditional requests.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cache.h"
#include "catalog_cache.h"
#include "date.h"
#include "http_util.h"
#include "pages.h"
#include "params.h"
#include "public.h"
#include "serve.h"

int	page_index(struct http_request *);
int	page_statuses(struct http_request *);
int	page_process(struct http_request *);
int	page_embed(struct http_request *);
int	page_item(struct http_request *);
int	page_unit(struct http_request *);
int	page_not_found(struct http_request *);

static int	params_error(struct http_request *, struct page *,
		    enum param_error, const char *);
static int	page_catalogue_only(struct http_request *, const char *,
		    int (*)(struct page *));

static int
params_error(struct http_request *req, struct page *pg, enum param_error e,
    const char *name)
{
	return serve_error(req, pg, 400, params_message(e), name);
}

int
page_begin(struct http_request *req, struct page *pg,
    const struct param_spec *specs, size_t n, char **v)
{
	const char		*bad;
	enum param_error	 e;

	page_init(pg, request_lang(req));
	if ((e = params_parse(req->query_string, specs, n, v, &bad)) !=
	    PARAM_OK) {
		params_error(req, pg, e, bad);
		return -1;
	}
	return serve_catalogue(req, pg);
}

/*
 * A page made from the catalogue alone, one copy per language: answer it
 * from the worker's cache under `path`, or render it and keep it there.
 */
static int
page_catalogue_only(struct http_request *req, const char *path,
    int (*render)(struct page *))
{
	struct page		 pg;
	char			*v[1] = { NULL };
	char			 key[48];

	if (page_begin(req, &pg, lang_params, 1, v) == -1)
		goto out;
	snprintf(key, sizeof(key), "%s?lang=%s", path, lang_codes[pg.lang]);
	if (serve_cached(req, NULL, key))
		goto out;
	render(&pg);
	serve_rendered(req, &pg, NULL, key);
out:
	params_free(v, 1);
	page_free(&pg);
	return KORE_RESULT_OK;
}

int
page_index(struct http_request *req)
{
	return page_catalogue_only(req, "/", render_index);
}

/* /statuses: what each status means; it changes with the catalogue. */
int
page_statuses(struct http_request *req)
{
	return page_catalogue_only(req, "/statuses", render_statuses);
}

/*
 * A process's table, /p/SLUG, and the directory of every published
 * process's actions, /actions: the same view of the same rows.
 */
int
page_process(struct http_request *req)
{
	struct page		 pg;
	struct view		 view;
	struct buf		 key;
	char			*v[VIEW_PARAMS_MAX];

	memset(v, 0, sizeof(v));
	buf_init(&key);
	if (view_request(req, &pg, v, &view, PER_DEFAULT, serve_error) == -1)
		goto out;
	view_url(&key, &view);
	if (serve_cached(req, view_scope(&view), buf_cstr(&key)))
		goto out;
	switch (render_process(&pg, &view)) {
	case RENDER_OK:
		break;
	case RENDER_REFUSED:
		serve_error(req, &pg, 400, N_("The search asks for too much "
		    "at once. Use fewer words or filters."), "");
		goto out;
	default:
		serve_error(req, &pg, 503, "Please try again in a moment.", "");
		goto out;
	}
	serve_rendered(req, &pg, view_scope(&view), buf_cstr(&key));
out:
	params_free(v, VIEW_PARAMS_MAX);
	buf_free(&key);
	page_free(&pg);
	return KORE_RESULT_OK;
}

/*
 * /embed/p/SLUG and /embed/actions: the table in the frame of a site
 * that the admins allowed, its links to the full site opening apart.
 */
int
page_embed(struct http_request *req)
{
	int	rc;

	http_embeddable(req);
	rc = page_process(req);
	http_embeddable(NULL);
	return rc;
}

/*
 * A recommendation's page, /p/SLUG/r/ID, and an action's, /p/SLUG/a/ID:
 * they differ only in what they render.
 */
int
page_item(struct http_request *req)
{
	const struct cat_process	*proc;
	struct page			 pg;
	char				*v[1] = { NULL };
	char				 key[160], day[11];
	long long			 id;
	int				 r, is_action;

	if (page_begin(req, &pg, lang_params, 1, v) == -1)
		goto out;
	if ((proc = serve_process(req, &pg, req->path, &id,
	    serve_error)) == NULL)
		goto out;
	/* The letter before ID: the routes allow r and a only. */
	is_action = strrchr(req->path, '/')[-1] == 'a';
	/* An action's milestones turn late with the month in Finland. */
	date_day_finland(time(NULL), day);
	snprintf(key, sizeof(key), "%s?lang=%s&month=%.7s", req->path,
	    lang_codes[pg.lang], is_action ? day : "");
	if (serve_cached(req, proc, key))
		goto out;
	r = is_action ? render_action(&pg, proc, id) :
	    render_recommendation(&pg, proc, id);
	serve_render_result(req, &pg, r, proc, key, is_action ?
	    N_("There is no such action in this process.") :
	    N_("There is no such recommendation in this process."));
out:
	params_free(v, 1);
	page_free(&pg);
	return KORE_RESULT_OK;
}

/* /unit/ID (the route allows digits only): a unit across processes. */
int
page_unit(struct http_request *req)
{
	struct page	 pg;
	char		*v[1] = { NULL };
	char		 key[64];
	long long	 id;

	if (page_begin(req, &pg, lang_params, 1, v) == -1)
		goto out;
	id = strtoll(req->path + strlen("/unit/"), NULL, 10);
	snprintf(key, sizeof(key), "/unit/%lld?lang=%s", id,
	    lang_codes[pg.lang]);
	if (serve_cached(req, NULL, key))
		goto out;
	serve_render_result(req, &pg, render_unit(&pg, id), NULL, key,
	    N_("There is no such unit, or none of its actions is public."));
out:
	params_free(v, 1);
	page_free(&pg);
	return KORE_RESULT_OK;
}

int
page_not_found(struct http_request *req)
{
	struct page	pg;

	page_init(&pg, request_lang(req));
	serve_error(req, &pg, 404, "There is no page at this address.", "");
	page_free(&pg);
	return KORE_RESULT_OK;
}
