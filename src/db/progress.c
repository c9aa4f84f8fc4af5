/* Progress of the recommendations a page shows; see progress.h. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "memo.h"
#include "progress.h"

void
progress_init(struct progress_set *ps)
{
	memset(ps, 0, sizeof(*ps));
}

int
progress_load(struct progress_set *ps, const struct cat_process *proc)
{
	/*
	 * Every page of the process reads the same: kept until the
	 * process's progress changes (not at every saved note).
	 */
	if ((ps->res = memo_read_process("SELECT recommendation_id, "
	    "coalesce(progress, -1) AS progress, actions, unreported, wont, "
	    "weighted FROM recommendation_progress WHERE process_id = $1 "
	    "ORDER BY recommendation_id", proc, proc->progress_version)) ==
	    NULL)
		return -1;
	ps->id = PQfnumber(ps->res, "recommendation_id");
	ps->percent = PQfnumber(ps->res, "progress");
	ps->actions = PQfnumber(ps->res, "actions");
	ps->unreported = PQfnumber(ps->res, "unreported");
	ps->wont = PQfnumber(ps->res, "wont");
	ps->weighted = PQfnumber(ps->res, "weighted");
	ps->n = PQntuples(ps->res);
	return 0;
}

int
progress_find(const struct progress_set *ps, const char *id,
    struct progress *p)
{
	const PGresult		*res = ps->res;
	long long		 want = strtoll(id, NULL, 10), got;
	int			 lo = 0, hi = ps->n - 1, mid;

	/* The rows are in the order of their ids. */
	while (lo <= hi) {
		mid = lo + (hi - lo) / 2;
		got = strtoll(PQgetvalue(res, mid, ps->id), NULL,
		    10);
		if (got == want) {
			p->percent = atoi(PQgetvalue(res, mid,
			    ps->percent));
			p->actions = atoi(PQgetvalue(res, mid,
			    ps->actions));
			p->unreported = atoi(PQgetvalue(res, mid,
			    ps->unreported));
			p->wont = atoi(PQgetvalue(res, mid, ps->wont));
			p->weighted = *PQgetvalue(res, mid, ps->weighted) ==
			    't';
			return 0;
		}
		if (got < want)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

void
progress_free(struct progress_set *ps)
{
	/* The result is the memo's. */
	ps->res = NULL;
	ps->n = 0;
}

void
progress_percent(struct buf *b, int percent, enum lang lang)
{
	buf_printf(b, lang == LANG_EN ? "%d%%" : "%d\xc2\xa0%%", percent);
}
