/*
 * Handlers of the public report pages: /report, /p/SLUG/report and a
 * snapshot /p/SLUG/s/ID. They validate the request (a period that is
 * not a date or ends before it starts is a 400 in the page's language)
 * and cache the page per data version and day.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "action_form.h"
#include "cache.h"
#include "date.h"
#include "catalog_cache.h"
#include "serve.h"
#include "http_util.h"
#include "params.h"
#include "report.h"

int	page_report(struct http_request *);
int	page_snapshot(struct http_request *);

static int	report_query(struct http_request *, struct page *,
		    struct report_range *);

enum { RP_LANG, RP_FROM, RP_TO, RP_COUNT };

static const struct param_spec report_params[RP_COUNT] = {
	PARAM_LANG,
	{ "from", 10, NULL, 0 },
	{ "to", 10, NULL, 0 },
};

/*
 * The query of a report into r, each value read once: the language
 * into pg, the period's ends as dates. Returns -1 after answering 400.
 */
static int
report_query(struct http_request *req, struct page *pg,
    struct report_range *r)
{
	char			*v[RP_COUNT];
	const char		*bad, *why;
	enum param_error	 e;
	int			 i, rc = -1;

	memset(v, 0, sizeof(v));
	if ((e = params_parse(req->query_string, report_params, RP_COUNT, v,
	    &bad)) != PARAM_OK) {
		serve_error(req, pg, 400, e == PARAM_TOO_LONG &&
		    strcmp(bad, "lang") != 0 ? N_("Write the date as "
		    "year-month-day, for example 2025-03-31.") :
		    N_("A search setting in the address has a value that is "
		    "not allowed."), bad);
		goto out;
	}
	for (i = RP_FROM; i <= RP_TO; i++) {
		if (v[i] == NULL || v[i][0] == '\0')
			continue;
		if (form_date(v[i], &why) == -1) {
			serve_error(req, pg, 400, why, v[i]);
			goto out;
		}
	}
	if (v[RP_FROM] != NULL)
		snprintf(r->from, sizeof(r->from), "%s", v[RP_FROM]);
	if (v[RP_TO] != NULL)
		snprintf(r->to, sizeof(r->to), "%s", v[RP_TO]);
	if (r->from[0] != '\0' && r->to[0] != '\0' &&
	    strcmp(r->from, r->to) > 0) {
		serve_error(req, pg, 400, N_("The period ends before it "
		    "starts: give a start date that is on or before the end "
		    "date."), "");
		goto out;
	}
	rc = 0;
out:
	params_free(v, RP_COUNT);
	return rc;
}

/* The report of every process, /report, or of one, /p/SLUG/report. */
int
page_report(struct http_request *req)
{
	const struct cat_process	*proc = NULL;
	struct page			 pg;
	struct report_range		 range;
	char				 key[256];
	int				 r;

	memset(&range, 0, sizeof(range));
	page_init(&pg, request_lang(req));
	if (report_query(req, &pg, &range) == -1 ||
	    serve_catalogue(req, &pg) == -1)
		goto out;
	if (strncmp(req->path, "/p/", 3) == 0 && (proc = serve_process(req,
	    &pg, req->path, NULL, serve_error)) == NULL)
		goto out;
	date_day_finland(time(NULL), range.today);
	/* What is overdue and stale changes with the day too. */
	snprintf(key, sizeof(key), "%s?lang=%s&from=%s&to=%s&day=%s",
	    req->path, lang_codes[pg.lang], range.from, range.to,
	    range.today);
	if (serve_cached(req, proc, key))
		goto out;
	r = render_report(&pg, proc, &range);
	if (r == RENDER_BAD_RANGE) {
		serve_error(req, &pg, 400, N_("The period ends before it "
		    "starts: give a start date that is on or before the end "
		    "date."), "");
		goto out;
	}
	serve_render_result(req, &pg, r, proc, key, NULL);
out:
	page_free(&pg);
	return KORE_RESULT_OK;
}

int
page_snapshot(struct http_request *req)
{
	const struct cat_process	*proc;
	struct page			 pg;
	char				*v[1] = { NULL };
	const char			*bad;
	char				 key[160], day[11];
	long long			 id;
	int				 r;

	page_init(&pg, request_lang(req));
	if (params_parse(req->query_string, report_params, 1, v, &bad) !=
	    PARAM_OK) {
		serve_error(req, &pg, 400, N_("A search setting in the "
		    "address has a value that is not allowed."), bad);
		goto out;
	}
	if (serve_catalogue(req, &pg) == -1 || (proc = serve_process(req,
	    &pg, req->path, NULL, serve_error)) == NULL)
		goto out;
	/* /p/SLUG/s/ID: the route allows digits only. */
	id = strtoll(strrchr(req->path, '/') + 1, NULL, 10);
	date_day_finland(time(NULL), day);
	/* A printed page says the day it was made. */
	snprintf(key, sizeof(key), "%s?lang=%s&day=%s", req->path,
	    lang_codes[pg.lang], day);
	if (serve_cached(req, proc, key))
		goto out;
	r = id > 0 ? render_snapshot(&pg, proc, id) : RENDER_NOT_FOUND;
	serve_render_result(req, &pg, r, proc, key, N_("There is no such "
	    "snapshot of this process."));
out:
	params_free(v, 1);
	page_free(&pg);
	return KORE_RESULT_OK;
}
