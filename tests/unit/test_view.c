/*
 * The public table's view: parameters read once into a view, and the
 * statement built from it staying within its bound whatever the
 * combination of search words and filters.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "view.h"

static struct status	statuses[] = {
	UNIT_STATUS(1, "not_started", "Ei aloitettu", "Inte påbörjad",
	    "Not started", 0, 1),
	UNIT_STATUS(2, "in_progress", "Käynnissä", "Pågår", "In progress",
	    0, 2),
};
static struct cat_unit	units[] = { { .id = 7, .name = "Tietohallinto" } };
static struct cat_process	proc;
static struct catalog		cat;
static struct cat_process	procs[3];

/* The view's statement, with the search of its words if it has any. */
static int
view_sql_searched(struct sqlq *q, const struct view *v)
{
	struct search_query	sq;
	struct view_search	s;
	int			 rc;

	memset(&s, 0, sizeof(s));
	memset(&sq, 0, sizeof(sq));
	if (v->q != NULL && search_query_parse(v->q, &sq) > 0)
		s.sq = &sq;
	rc = view_sql(q, v, &s, 0);
	search_query_free(&sq);
	return rc;
}

/* The directory's statement of a query string, and its URL; -1, *status. */
static int
directory(const char *qs, int *status, struct sqlq *q, struct buf *url)
{
	struct view		v;
	char			*vals[P_DIR_COUNT];
	const char		*bad, *msgid, *detail;
	int			 rc;

	sqlq_init(q);
	if (params_parse(qs, directory_params, P_DIR_COUNT, vals, &bad) !=
	    PARAM_OK)
		return *status = 400, -1;
	if ((*status = view_parse_directory(&v, vals, &cat, LANG_FI,
	    PER_DEFAULT, &msgid, &detail)) != 0) {
		params_free(vals, P_DIR_COUNT);
		return -1;
	}
	rc = view_sql_searched(q, &v);
	buf_reset(url);
	view_url(url, &v);
	params_free(vals, P_DIR_COUNT);
	return rc;
}

/* The directory: its processes, filters and URL. */
static void
directory_checks(void)
{
	struct sqlq	q;
	struct buf	url;
	int		status;

	procs[0] = (struct cat_process){ .id = 3, .slug = "a-2024",
	    .year = 2024, .published = 1 };
	procs[1] = (struct cat_process){ .id = 5, .slug = "hidden",
	    .year = 2024, .published = 0 };
	procs[2] = (struct cat_process){ .id = 9, .slug = "b-2023",
	    .year = 2023, .published = 1 };
	cat.procs = procs;
	cat.nprocs = 3;
	cat.units = units;
	cat.nunits = 1;
	buf_init(&url);
	CHECK(directory("", &status, &q, &url) == 0 &&
	    sqlq_consistent(&q), "the directory builds a statement");
	CHECK_STR(q.params[0], "{3,9}", "of the published processes");
	CHECK(strstr(sqlq_text(&q), "first_of_action") != NULL &&
	    strstr(sqlq_text(&q), "ORDER BY process_id, position") != NULL,
	    "actions only, each once, in the processes' order");
	CHECK_STR(buf_cstr(&url), "/actions", "its URL");
	sqlq_free(&q);
	CHECK(directory("year=2024&q=nuori&since=2025-01-01&state=overdue&"
	    "sort=status&dir=desc&unit=7", &status, &q, &url) == 0 &&
	    sqlq_consistent(&q), "every filter of the directory");
	CHECK_STR(q.params[0], "{3}", "a year: its published processes");
	CHECK_STR(buf_cstr(&url), "/actions?year=2024&q=nuori&unit=7&"
	    "sort=status&dir=desc&since=2025-01-01&state=overdue",
	    "the URL keeps every filter");
	sqlq_free(&q);
	CHECK(directory("process=b-2023&year=2024", &status, &q, &url) == 0,
	    "a process and another year");
	CHECK_STR(q.params[0], "{}", "... select nothing");
	CHECK_STR(buf_cstr(&url), "/actions?process=b-2023&year=2024",
	    "... and say so in the URL");
	sqlq_free(&q);
	CHECK(directory("process=hidden", &status, &q, &url) == -1 &&
	    status == 400, "an unpublished process is a 400");
	sqlq_free(&q);
	CHECK(directory("process=nope", &status, &q, &url) == -1 &&
	    status == 400, "an unknown process is a 400");
	sqlq_free(&q);
	CHECK(directory("process=Nope", &status, &q, &url) == -1 &&
	    status == 400, "a slug that no process can have is a 400");
	sqlq_free(&q);
	CHECK(directory("year=99", &status, &q, &url) == -1 && status == 400,
	    "a year has four digits");
	sqlq_free(&q);
	CHECK(directory("unit=8", &status, &q, &url) == -1 && status == 400,
	    "an unknown unit is a 400");
	sqlq_free(&q);
	buf_free(&url);
}

/* Builds both statements of a query string; the number of values. */
static int
statement(const char *qs, int *status, struct sqlq *q)
{
	struct view		v;
	char			*vals[P_COUNT];
	const char		*bad, *msgid, *detail;
	int			 rc;

	sqlq_init(q);
	if (params_parse(qs, view_params, P_COUNT, vals, &bad) != PARAM_OK)
		return *status = 400, -1;
	if ((*status = view_parse(&v, vals, &cat, &proc, LANG_FI, PER_DEFAULT,
	    &msgid, &detail)) != 0) {
		params_free(vals, P_COUNT);
		return -1;
	}
	rc = view_sql_searched(q, &v);
	params_free(vals, P_COUNT);
	return rc;
}

int
main(void)
{
	struct sqlq	 q;
	struct buf	 words;
	char		 err[300];
	int		 status, i;

	CHECK(search_init(err, sizeof(err)) == 0, "voikko loads: %s", err);
	proc.id = 3;
	proc.slug = "asukaspaneeli-2024";
	proc.units = units;
	proc.nunits = 1;
	cat.statuses.items = statuses;
	cat.statuses.count = 2;

	/* The request that once wrote past a 20-value array. */
	CHECK(statement("q=alpha+bravo+charlie+delta+echo+foxtrot+golf+hotel"
	    "&since=2024-01-01&status=in_progress", &status, &q) == 0,
	    "eight words, since and status build a statement");
	CHECK(sqlq_consistent(&q), "... whole: every $N has its value");
	CHECK_INT(q.n, 1 + 1 + 1 + 2 * 8 + 2, "... values: process, status, "
	    "since, two per word, limit, offset");
	sqlq_free(&q);

	/* Every filter and twenty words: still within the bound. */
	buf_init(&words);
	buf_puts(&words, "status=not_started&unit=7&since=2025-01-31&"
	    "sort=unit&dir=desc&per=10&page=4&q=");
	for (i = 0; i < 20; i++)
		buf_printf(&words, "%ssana%c%c", i ? "+" : "", 'a' + i,
		    'a' + i);
	CHECK(statement(buf_cstr(&words), &status, &q) == 0 &&
	    sqlq_consistent(&q) && q.n <= VIEW_SQL_PARAMS,
	    "twenty words with every filter: %d values, at most %d", q.n,
	    VIEW_SQL_PARAMS);
	sqlq_free(&q);
	buf_free(&words);

	CHECK(statement("status=nonexistent", &status, &q) == -1 &&
	    status == 400, "an unknown status is a 400");
	sqlq_free(&q);
	CHECK(statement("unit=8", &status, &q) == -1 && status == 400,
	    "a unit with no actions in the process is a 400");
	sqlq_free(&q);
	CHECK(statement("page=0", &status, &q) == -1 && status == 400,
	    "page 0 is a 400");
	sqlq_free(&q);
	CHECK(statement("per=all&page=9", &status, &q) == 0 &&
	    strstr(sqlq_text(&q), "LIMIT") == NULL,
	    "per=all has no window whatever the page");
	sqlq_free(&q);

	/* The bound itself: refused, never written past. */
	sqlq_init(&q);
	for (i = 0; i < SQLQ_PARAMS_MAX; i++)
		sqlq_paramf(&q, "%d", i);
	CHECK(!q.full && sqlq_consistent(&q) == 0,
	    "a full statement whose values are not all named is not whole");
	CHECK_INT(sqlq_paramf(&q, "%d", 99), 0, "one value too many is "
	    "refused");
	CHECK_INT(sqlq_param(&q, "x"), 0, "... borrowed or owned alike");
	CHECK(q.full && q.n == SQLQ_PARAMS_MAX, "the statement says it is "
	    "full and holds %d values", SQLQ_PARAMS_MAX);
	sqlq_free(&q);
	directory_checks();
	search_fini();
	return unit_done();
}
