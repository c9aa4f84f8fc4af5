/*
 * libFuzzer target: the public table's request path without the
 * database. A raw query string is checked against the view's parameter
 * table, read into a view of a process, its search words analysed, and
 * the statement that selects its rows built every way it can be built
 * (searching in SQL, among an index's matches, counting); each must be
 * whole (sqlq_consistent) and within its bound. The raw input is also
 * read as a text to index and as a query (search_terms,
 * search_query_parse: words, joiners, Voikko, the stemmers).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct status	statuses[] = {
	{ .id = 1, .code = "not_started", .label = { "Ei aloitettu",
	    "Inte påbörjad", "Not started" }, .colour = "#000000",
	    .position = 1 },
	{ .id = 2, .code = "in_progress", .label = { "Käynnissä", "Pågår",
	    "In progress" }, .progress = 50, .colour = "#000000",
	    .position = 2 },
	{ .id = 3, .code = "done", .label = { "Toteutettu", "Genomförd",
	    "Done" }, .is_final = 1, .progress = 100, .colour = "#000000",
	    .position = 3 },
};
static struct cat_unit	units[] = {
	{ .id = 7, .name = "Tietohallinto" },
	{ .id = 12, .name = "Nuorisopalvelut" },
};
static struct cat_process	proc;
static struct catalog		cat;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char	err[300];

	if (search_init(err, sizeof(err)) == -1) {
		fprintf(stderr, "voikko: %s\n", err);
		exit(1);
	}
	proc.id = 42;
	proc.slug = "asukaspaneeli-2024";
	proc.published = 1;
	proc.units = units;
	proc.nunits = sizeof(units) / sizeof(units[0]);
	cat.statuses.items = statuses;
	cat.statuses.count = sizeof(statuses) / sizeof(statuses[0]);
	cat.procs = &proc;
	cat.nprocs = 1;
	cat.units = units;
	cat.nunits = sizeof(units) / sizeof(units[0]);
	return 0;
}

static void
build(const struct view *v, const struct view_search *s, int count)
{
	struct sqlq	q;

	sqlq_init(&q);
	if (view_sql(&q, v, s, count) != 0 || !sqlq_consistent(&q) ||
	    q.n > VIEW_SQL_PARAMS) {
		fprintf(stderr, "statement not whole (%d values): %s\n", q.n,
		    sqlq_text(&q));
		abort();
	}
	sqlq_free(&q);
}

/* Any text, as a text to index and as a query. */
static void
raw_search(const char *text)
{
	struct strset		set = { NULL, 0, 0 };
	struct search_query	sq;
	size_t			i, k;

	search_terms(text, &set);
	strset_finish(&set);
	for (i = 0; i < set.count; i++)
		if (set.items[i][0] == '\0')
			abort();	/* no empty term */
	strset_free(&set);
	search_query_parse(text, &sq);
	for (i = 0; i < sq.nwords; i++)
		for (k = 0; k < sq.terms[i].count; k++)
			if (sq.terms[i].items[k][0] == '\0')
				abort();
	search_query_free(&sq);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct search_query	sq;
	struct view_search	s;
	struct view		v;
	char			*qs, *vals[P_DIR_COUNT];
	const char		*bad, *msgid, *detail;
	int			 positions[4] = { 1, 5, 9, 200 }, per;

	if ((qs = malloc(len + 1)) == NULL)
		return 0;
	memcpy(qs, data, len);
	qs[len] = '\0';
	raw_search(qs);
	/* The directory's parameters are the table's and two more: each
	 * query is read as both. */
	if (params_parse(qs, directory_params, P_DIR_COUNT, vals, &bad) !=
	    PARAM_OK)
		goto out;
	for (per = 0; per < 4; per++) {
		if ((per < 2 ? view_parse(&v, vals, &cat, &proc, LANG_FI,
		    per % 2 ? PER_ALL : PER_DEFAULT, &msgid, &detail) :
		    view_parse_directory(&v, vals, &cat, LANG_FI, per % 2 ?
		    PER_ALL : PER_DEFAULT, &msgid, &detail)) != 0)
			continue;
		memset(&s, 0, sizeof(s));
		memset(&sq, 0, sizeof(sq));
		if (v.q != NULL && search_query_parse(v.q, &sq) > 0)
			s.sq = &sq;
		build(&v, &s, 0);
		build(&v, &s, 1);
		s.positions = positions;
		s.npositions = 4;
		build(&v, &s, 0);
		search_query_free(&sq);
	}
	params_free(vals, P_DIR_COUNT);
out:
	free(qs);
	return 0;
}
