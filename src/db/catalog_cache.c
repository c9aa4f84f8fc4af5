/* The per-worker catalogue; see catalog_cache.h. */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "buf.h"
#include "cache.h"
#include "catalog_cache.h"
#include "db.h"
#include "store.h"

/*
 * Without a word from the primary (db_listen), the data version is read
 * once a second; after a word, at the next request; and while the
 * version read stays behind the announced one (a replica replaying),
 * every LAG_INTERVAL_MS.
 */
#define CHECK_INTERVAL_MS	1000
#define LAG_INTERVAL_MS		10

static struct catalog	cat;
static int		loaded;
static uint64_t		checked_at;
static uint64_t		announced;	/* the newest version announced */

static int	catalog_load(uint64_t, time_t);
static struct cat_process *process_find(const struct catalog *,
		    long long);
static struct cat_process *process_of(struct catalog *, struct kore_pgsql *,
		    int);
static int	load_processes(struct catalog *);
static int	load_counts(struct catalog *, const char *const *);
static int	load_progress(struct catalog *, const char *const *);
static int	load_units(struct catalog *, const char *const *);
static int	reuse_counts(struct catalog *, const struct catalog *,
		    struct buf *, struct buf *);
static void	unit_fill(struct cat_unit *, struct kore_pgsql *, int);
static void	unit_copy(struct cat_unit *, const struct cat_unit *);
static void	unit_free(struct cat_unit *);
static void	catalog_free(struct catalog *);

static void
catalog_free(struct catalog *c)
{
	size_t	i, j;
	int	l;

	status_list_free(&c->statuses);
	for (i = 0; i < c->nprocs; i++) {
		free(c->procs[i].slug);
		for (l = 0; l < LANG_COUNT; l++) {
			free(c->procs[i].title[l]);
			free(c->procs[i].question[l]);
			free(c->procs[i].description[l]);
		}
		free(c->procs[i].kind);
		free(c->procs[i].status_counts);
		for (j = 0; j < c->procs[i].nunits; j++)
			unit_free(&c->procs[i].units[j]);
		free(c->procs[i].units);
	}
	free(c->procs);
	for (j = 0; j < c->nunits; j++)
		unit_free(&c->units[j]);
	free(c->units);
	memset(c, 0, sizeof(*c));
}

/* The process of c with this id, or NULL. */
static struct cat_process *
process_find(const struct catalog *c, long long id)
{
	size_t	k;

	for (k = 0; k < c->nprocs; k++)
		if (c->procs[k].id == id)
			return &c->procs[k];
	return NULL;
}

/* The process that row i of sql names in its process_id, or NULL. */
static struct cat_process *
process_of(struct catalog *c, struct kore_pgsql *sql, int i)
{
	return process_find(c, strtoll(db_text(sql, i, "process_id"), NULL,
	    10));
}

static int
load_processes(struct catalog *c)
{
	static const char *const title[LANG_COUNT] = {
		"title", "title_sv", "title_en" };
	static const char *const question[LANG_COUNT] = {
		"question", "question_sv", "question_en" };
	static const char *const description[LANG_COUNT] = {
		"description", "description_sv", "description_en" };
	struct kore_pgsql	 sql;
	struct cat_process	*p;
	int			 i, n, l, rc = -1;

	if (db_read(&sql, "SELECT id, slug, title, kind, "
	    "coalesce(year, 0) AS year, question, description, published, "
	    "title_sv, title_en, question_sv, question_en, description_sv, "
	    "description_en, greatest(coalesce(pv.version, 0), "
	    "dv.meta_version) AS version, greatest(coalesce("
	    "pv.rows_version, 0), dv.meta_version) AS units_version, "
	    "coalesce(pv.progress_version, 0) AS progress_version, "
	    "extract(epoch FROM "
	    "greatest(pv.changed_at, dv.meta_changed_at))::bigint "
	    "AS changed_at FROM process CROSS JOIN data_version dv "
	    "LEFT JOIN process_version pv ON pv.process_id = id "
	    "ORDER BY year DESC NULLS LAST, title, id", 0, NULL) == -1)
		goto out;
	n = kore_pgsql_ntuples(&sql);
	c->procs = xcalloc((size_t)n + 1, sizeof(*c->procs));
	c->nprocs = (size_t)n;
	for (i = 0; i < n; i++) {
		p = &c->procs[i];
		p->id = strtoll(db_text(&sql, i, "id"), NULL, 10);
		p->version = strtoull(db_text(&sql, i, "version"), NULL, 10);
		p->units_version = strtoull(db_text(&sql, i, "units_version"),
		    NULL, 10);
		p->progress_version = strtoull(db_text(&sql, i,
		    "progress_version"), NULL, 10);
		p->changed_at = (time_t)strtoll(db_text(&sql, i, "changed_at"),
		    NULL, 10);
		p->slug = xstrdup(db_text(&sql, i, "slug"));
		p->kind = xstrdup(db_text(&sql, i, "kind"));
		p->year = atoi(db_text(&sql, i, "year"));
		for (l = 0; l < LANG_COUNT; l++) {
			p->title[l] = xstrdup(db_text(&sql, i, title[l]));
			p->question[l] = xstrdup(db_text(&sql, i,
			    question[l]));
			p->description[l] = xstrdup(db_text(&sql, i,
			    description[l]));
		}
		p->published = db_true(&sql, i, "published");
		p->status_counts = xcalloc(c->statuses.count + 1, sizeof(int));
	}
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	return rc;
}

/*
 * The counts and progress of each process of c whose version is the
 * same in old (its rows have not changed, nor what they are counted by,
 * which moves every version), copied from old; the others' ids go into
 * stale as an array literal ("{1,2}"). The same for its units by
 * units_version (a saved status leaves them): the others' ids go into
 * stale_units. Returns how many are stale.
 */
static int
reuse_counts(struct catalog *c, const struct catalog *old, struct buf *stale,
    struct buf *stale_units)
{
	const struct cat_process	*q;
	struct cat_process		*p;
	size_t				 i, j, k;
	int				 n = 0, nu = 0;

	buf_puts(stale, "{");
	buf_puts(stale_units, "{");
	for (i = 0; i < c->nprocs; i++) {
		p = &c->procs[i];
		for (q = NULL, k = 0; k < old->nprocs && q == NULL; k++)
			if (old->procs[k].id == p->id)
				q = &old->procs[k];
		if (q != NULL && q->units_version == p->units_version) {
			p->nunits = q->nunits;
			p->units = xcalloc(q->nunits + 1, sizeof(*p->units));
			for (j = 0; j < q->nunits; j++)
				unit_copy(&p->units[j], &q->units[j]);
		} else
			buf_printf(stale_units, "%s%lld", nu++ ? "," : "",
			    p->id);
		if (q == NULL || q->version != p->version ||
		    old->statuses.count != c->statuses.count) {
			buf_printf(stale, "%s%lld", n++ ? "," : "", p->id);
			p->progress = -1;
			continue;
		}
		p->nrows = q->nrows;
		p->nactions = q->nactions;
		p->nfinal = q->nfinal;
		p->nacts = q->nacts;
		p->ndone = q->ndone;
		p->nwont = q->nwont;
		p->progress = q->progress;
		p->nrecs = q->nrecs;
		p->nrecs_wont = q->nrecs_wont;
		memcpy(p->status_counts, q->status_counts,
		    c->statuses.count * sizeof(int));
		p->no_status = q->no_status;
	}
	buf_puts(stale, "}");
	buf_puts(stale_units, "}");
	return n;
}

/* Each process's rows and actions, by status. */
static int
load_counts(struct catalog *c, const char *const *stale)
{
	struct kore_pgsql	 sql;
	struct cat_process	*p;
	const struct status	*st;
	int			 i, n, d, rc = -1;

	if (db_read(&sql, "SELECT process_id, status_id, count(*) AS nrows, "
	    "count(action_id) AS nactions, count(DISTINCT action_id) AS "
	    "distinct_actions FROM process_row "
	    "WHERE process_id = ANY($1::bigint[]) GROUP BY 1, 2", 1,
	    stale) == -1)
		goto out;
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		if ((p = process_of(c, &sql, i)) == NULL)
			continue;
		n = atoi(db_text(&sql, i, "nrows"));
		p->nrows += n;
		p->nactions += atoi(db_text(&sql, i, "nactions"));
		d = atoi(db_text(&sql, i, "distinct_actions"));
		p->nacts += d;
		if (db_text(&sql, i, "status_id")[0] == '\0') {
			p->no_status += n;
			continue;
		}
		st = status_by_id(&c->statuses,
		    atoi(db_text(&sql, i, "status_id")));
		if (st == NULL)
			continue;
		p->status_counts[st - c->statuses.items] += n;
		if (st->is_final)
			p->nfinal += n;
		if (st->progress < 0)
			p->nwont += d;
		else if (st->is_final)
			p->ndone += d;
	}
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	return rc;
}

/* Each process's progress (sql/functions/progress.sql). */
static int
load_progress(struct catalog *c, const char *const *stale)
{
	struct kore_pgsql	 sql;
	struct cat_process	*p;
	int			 i, rc = -1;

	if (db_read(&sql, "SELECT process_id, coalesce(progress, -1) AS "
	    "progress, recommendations, wont_recommendations "
	    "FROM process_progress WHERE process_id = ANY($1::bigint[])",
	    1, stale) == -1)
		goto out;
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		if ((p = process_of(c, &sql, i)) == NULL)
			continue;
		p->progress = atoi(db_text(&sql, i, "progress"));
		p->nrecs = atoi(db_text(&sql, i, "recommendations"));
		p->nrecs_wont = atoi(db_text(&sql, i,
		    "wont_recommendations"));
	}
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	return rc;
}

/* A unit from row i of sql: id, name, name_sv, name_en. */
static void
unit_fill(struct cat_unit *u, struct kore_pgsql *sql, int i)
{
	u->id = strtoll(db_text(sql, i, "id"), NULL, 10);
	u->name = xstrdup(db_text(sql, i, "name"));
	u->label[LANG_FI] = xstrdup(u->name);
	u->label[LANG_SV] = xstrdup(db_text(sql, i, "name_sv"));
	u->label[LANG_EN] = xstrdup(db_text(sql, i, "name_en"));
}

static void
unit_copy(struct cat_unit *u, const struct cat_unit *from)
{
	int	l;

	u->id = from->id;
	u->name = xstrdup(from->name);
	for (l = 0; l < LANG_COUNT; l++)
		u->label[l] = xstrdup(from->label[l]);
}

static void
unit_free(struct cat_unit *u)
{
	int	l;

	free(u->name);
	for (l = 0; l < LANG_COUNT; l++)
		free(u->label[l]);
}

/* Every unit, and the units each stale process's actions name. */
static int
load_units(struct catalog *c, const char *const *stale)
{
	struct kore_pgsql	 sql;
	struct cat_process	*p;
	int			 i, rc = -1;

	if (db_read(&sql, "SELECT id, name, name_sv, name_en FROM unit "
	    "ORDER BY id", 0, NULL) == -1)
		goto out;
	c->nunits = (size_t)kore_pgsql_ntuples(&sql);
	c->units = xcalloc(c->nunits + 1, sizeof(*c->units));
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++)
		unit_fill(&c->units[i], &sql, i);
	kore_pgsql_cleanup(&sql);
	/* Every process's units were kept. */
	if (strcmp(stale[0], "{}") == 0)
		return 0;
	if (db_read(&sql, "SELECT DISTINCT pr.process_id, u.id, u.name, "
	    "u.name_sv, u.name_en "
	    "FROM process_row pr CROSS JOIN LATERAL unnest(pr.unit_ids) x(id) "
	    "JOIN unit u ON u.id = x.id WHERE pr.process_id = "
	    "ANY($1::bigint[]) ORDER BY 1, 3", 1, stale) == -1)
		goto out;
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		if ((p = process_of(c, &sql, i)) == NULL)
			continue;
		p->units = xrealloc(p->units, (p->nunits + 1) *
		    sizeof(*p->units));
		unit_fill(&p->units[p->nunits], &sql, i);
		p->nunits++;
	}
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	return rc;
}

static int
catalog_load(uint64_t version, time_t changed_at)
{
	struct kore_pgsql	 sql;
	struct catalog		 c;
	struct buf		 stale, stale_units;
	const char		*params[1], *uparams[1];
	int			 nstale, rc = -1;

	memset(&c, 0, sizeof(c));
	buf_init(&stale);
	buf_init(&stale_units);
	c.version = version;
	c.changed_at = changed_at;
	if (db_read(&sql, STORE_SQL_STATUSES, 0, NULL) == 0) {
		store_statuses(sql.result, &c.statuses);
		rc = 0;
	}
	kore_pgsql_cleanup(&sql);
	if (rc == 0 && load_processes(&c) == -1)
		rc = -1;
	/* Only the processes that changed are counted again. */
	if (rc == 0) {
		nstale = reuse_counts(&c, &cat, &stale, &stale_units);
		params[0] = buf_cstr(&stale);
		uparams[0] = buf_cstr(&stale_units);
		if ((nstale > 0 && (load_counts(&c, params) == -1 ||
		    load_progress(&c, params) == -1)) ||
		    load_units(&c, uparams) == -1)
			rc = -1;
	}
	buf_free(&stale);
	buf_free(&stale_units);
	if (rc == 0) {
		catalog_free(&cat);
		cat = c;
		loaded = 1;
	} else
		catalog_free(&c);
	return rc;
}

int
catalog_refresh(void)
{
	struct kore_pgsql	sql;
	uint64_t		now = kore_time_ms(), version;
	time_t			changed;

	if (loaded && now - checked_at < (cat.version < announced ?
	    LAG_INTERVAL_MS : CHECK_INTERVAL_MS))
		return 0;
	db_read_check();
	if (db_read(&sql, "SELECT version, extract(epoch FROM "
	    "changed_at)::bigint AS changed_at FROM data_version", 0,
	    NULL) == -1 ||
	    kore_pgsql_ntuples(&sql) != 1) {
		kore_pgsql_cleanup(&sql);
		/*
		 * Serve what we have while the database is away, and ask
		 * again after the interval, not on every request.
		 */
		checked_at = now;
		announced = 0;
		return loaded ? 0 : -1;
	}
	version = strtoull(db_text(&sql, 0, "version"), NULL, 10);
	changed = (time_t)strtoll(db_text(&sql, 0, "changed_at"), NULL, 10);
	kore_pgsql_cleanup(&sql);
	checked_at = now;
	if (loaded && version == cat.version)
		return 0;
	if (catalog_load(version, changed) == -1)
		return loaded ? 0 : -1;
	return 0;
}

const struct catalog *
catalog_get(void)
{
	return &cat;
}

const struct cat_process *
catalog_process(const char *slug)
{
	size_t	i;

	for (i = 0; i < cat.nprocs; i++)
		if (strcmp(cat.procs[i].slug, slug) == 0)
			return &cat.procs[i];
	return NULL;
}

const struct cat_process *
catalog_process_by_id(long long id)
{
	return process_find(&cat, id);
}

const struct cat_unit *
catalog_unit(const struct cat_process *p, long long id)
{
	size_t	i;

	for (i = 0; i < p->nunits; i++)
		if (p->units[i].id == id)
			return &p->units[i];
	return NULL;
}

const struct cat_unit *
catalog_unit_by_id(long long id)
{
	size_t	lo = 0, hi = cat.nunits, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cat.units[mid].id == id)
			return &cat.units[mid];
		if (cat.units[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void
catalog_invalidate(void)
{
	checked_at = 0;
}

void
catalog_announced(uint64_t version)
{
	if (version > announced)
		announced = version;
	checked_at = 0;
}
