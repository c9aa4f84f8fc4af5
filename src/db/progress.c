/* Progress of the recommendations a page shows; see progress.h. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "progress.h"

void
progress_ids(struct buf *b, const struct rowset *rs)
{
	const char	*prev = NULL, *id;
	int		 k;

	buf_puts(b, "{");
	/* Rows of one recommendation follow each other in most views. */
	for (k = 0; k < rs->n; k++) {
		id = RV(rs, k, rec_id);
		if (prev != NULL && strcmp(prev, id) == 0)
			continue;
		buf_printf(b, "%s%s", prev != NULL ? "," : "", id);
		prev = id;
	}
	buf_puts(b, "}");
}

void
progress_init(struct progress_set *ps)
{
	memset(ps, 0, sizeof(*ps));
}

int
progress_load(struct progress_set *ps, long long pid, const char *ids)
{
	struct kore_pgsql	 sql;
	const char		*params[2];
	char			 p[32];
	int			 rc = -1;

	snprintf(p, sizeof(p), "%lld", pid);
	params[0] = p;
	params[1] = ids;
	if (db_read(&sql, "SELECT recommendation_id, "
	    "coalesce(progress, -1) AS progress, actions, unreported, wont, "
	    "weighted "
	    "FROM recommendation_progress WHERE process_id = $1 "
	    "AND recommendation_id = ANY ($2::bigint[]) "
	    "ORDER BY recommendation_id", 2, params) == -1)
		goto out;
	ps->id = db_col(&sql, "recommendation_id");
	ps->percent = db_col(&sql, "progress");
	ps->actions = db_col(&sql, "actions");
	ps->unreported = db_col(&sql, "unreported");
	ps->wont = db_col(&sql, "wont");
	ps->weighted = db_col(&sql, "weighted");
	if (ps->id < 0 || ps->percent < 0 || ps->actions < 0 ||
	    ps->unreported < 0 || ps->wont < 0 || ps->weighted < 0)
		goto out;
	ps->res = db_take_result(&sql);
	ps->n = PQntuples(ps->res);
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	return rc;
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
	if (ps->res != NULL)
		PQclear(ps->res);
	ps->res = NULL;
	ps->n = 0;
}

void
progress_percent(struct buf *b, int percent, enum lang lang)
{
	buf_printf(b, lang == LANG_EN ? "%d%%" : "%d\xc2\xa0%%", percent);
}
