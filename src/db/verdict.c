/* The panel's verdict as the public sees it; see verdict.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "memo.h"
#include "verdict.h"

static void	dist_read(const PGresult *, int, struct verdict_dist *);

void
verdict_set_init(struct verdict_set *vs)
{
	memset(vs, 0, sizeof(*vs));
}

int
verdict_set_load(struct verdict_set *vs, const struct cat_process *proc)
{
	/* Every page of the process reads the same: kept per version. */
	if ((vs->res = memo_read_process(VERDICT_SQL_AGGREGATE, proc,
	    proc->version)) == NULL)
		return -1;
	vs->n = PQntuples(vs->res);
	return 0;
}

/* Row row of res into d. */
static void
dist_read(const PGresult *res, int row, struct verdict_dist *d)
{
	static const char *const cols[5] = { "n1", "n2", "n3", "n4", "n5" };
	int	i, c;

	memset(d, 0, sizeof(*d));
	d->answers = atoi(PQgetvalue(res, row, PQfnumber(res, "answers")));
	d->shown = strcmp(PQgetvalue(res, row, PQfnumber(res, "shown")),
	    "t") == 0;
	if (!d->shown)
		return;
	for (i = 0; i < 5; i++)
		d->n[i] = atoi(PQgetvalue(res, row, PQfnumber(res, cols[i])));
	c = PQfnumber(res, "mean");
	snprintf(d->mean, sizeof(d->mean), "%s", PQgetvalue(res, row, c));
}

int
verdict_set_find(const struct verdict_set *vs, long long rec,
    struct verdict_summary *s)
{
	const PGresult	*res = vs->res;
	int		 i, id, scale, found = -1;

	memset(s, 0, sizeof(*s));
	if (res == NULL)
		return -1;
	id = PQfnumber(res, "recommendation_id");
	scale = PQfnumber(res, "scale");
	/* A few rows a recommendation: a page shows one process's. */
	for (i = 0; i < vs->n; i++) {
		if (strtoll(PQgetvalue(res, i, id), NULL, 10) != rec)
			continue;
		dist_read(res, i, &s->scale[strcmp(PQgetvalue(res, i, scale),
		    "progress") == 0 ? VERDICT_PROGRESS : VERDICT_RESPONSE]);
		found = 0;
	}
	return found;
}

void
verdict_set_free(struct verdict_set *vs)
{
	/* The result is the memo's. */
	vs->res = NULL;
	vs->n = 0;
}
