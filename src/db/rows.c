/*
 * The rows of a table view (rows.h): from this worker's in-memory
 * search index of the process when it has one, else from the database
 * by the statement view.c builds.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"
#include "mem.h"
#include "db.h"
#include "catalog_cache.h"
#include "rows.h"
#include "search_index.h"

/* Search indexes of this worker, for the current data version. */
#define INDEX_SLOTS		8
/* Rows changed in place an index takes before it is loaded again. */
#define PATCH_MAX		512

static size_t	index_max_bytes = 24 * 1024 * 1024;

struct index_slot {
	long long		 process_id;
	uint64_t		 version;
	uint64_t		 used;
	struct search_index	*ix;
	PGresult		*rows;		/* ROW_COLUMNS */
	struct row_cols		 col;		/* where they are in rows */
	int			 first_col;	/* first_of_action */
	size_t			 bytes;
};

static struct index_slot	index_slots[INDEX_SLOTS];

/* The columns of ROW_COLUMNS by name, and where each goes. */
#define COL(name, field)	{ name, offsetof(struct row_cols, field) }
static const struct {
	const char	*name;
	size_t		 off;
} row_names[] = {
	COL("position", position), COL("recommendation_id", rec_id),
	COL("node_id", node_id), COL("action_id", action_id),
	COL("rec_number", rec_number), COL("node_kind", node_kind),
	COL("node_number", node_number), COL("schedule_kind", sched_kind),
	COL("start_month", start_month), COL("start_year", start_year),
	COL("end_month", end_month), COL("end_year", end_year),
	COL("schedule_text", sched_text), COL("status_id", status_id),
	COL("unit_names", units), COL("unit_ids", unit_ids),
	COL("rec_body", rec_body.fi), COL("rec_body_sv", rec_body.sv),
	COL("rec_body_en", rec_body.en), COL("node_body", node_body.fi),
	COL("node_body_sv", node_body.sv), COL("node_body_en", node_body.en),
	COL("action_body", action_body.fi),
	COL("action_body_sv", action_body.sv),
	COL("action_body_en", action_body.en),
	COL("status_note", status_note.fi),
	COL("status_note_sv", status_note.sv),
	COL("status_note_en", status_note.en), COL("info", info.fi),
	COL("info_sv", info.sv), COL("info_en", info.en),
};
#undef COL
static uint64_t			index_clock;

static struct search_index	*index_load(const char *const *);
static struct index_slot	*process_index(const struct cat_process *);
static void	slot_clear(struct index_slot *);
static struct index_slot	*slot_find(long long);
static int	slot_patch(struct index_slot *, const struct cat_process *);
static int	patch_row(struct index_slot *, const PGresult *, int,
		    const int *, int);
static struct index_slot	*slot_free(size_t);
static void	page_slice(const struct view *, size_t, size_t *, size_t *);
static const char	*text_at(const PGresult *, int,
			    const struct row_text *, enum lang, int *);

void
rows_index_limit(size_t bytes)
{
	index_max_bytes = bytes;
}

int
rows_cols(struct row_cols *col, const PGresult *res)
{
	size_t	i;
	int	c, rc = 0;

	for (i = 0; i < sizeof(row_names) / sizeof(row_names[0]); i++) {
		if ((c = PQfnumber(res, row_names[i].name)) < 0) {
			kore_log(LOG_ERR, "statement has no column \"%s\"",
			    row_names[i].name);
			rc = -1;
		}
		*(int *)(void *)((char *)col + row_names[i].off) = c;
	}
	/* Only the directory's statement has it. */
	col->process_id = PQfnumber(res, "process_id");
	return rc;
}

const struct cat_process *
rows_process(const struct rowset *rs, int k, const struct cat_process *proc)
{
	const struct cat_process	*p;

	if (rs->col.process_id < 0)
		return proc;
	p = catalog_process_by_id(strtoll(PQgetvalue(rs->res,
	    ROWSET_ROW(rs, k), rs->col.process_id), NULL, 10));
	return p != NULL ? p : proc;
}

static void
slot_clear(struct index_slot *slot)
{
	search_index_free(slot->ix);
	if (slot->rows != NULL)
		PQclear(slot->rows);
	slot->ix = NULL;
	slot->rows = NULL;
	slot->bytes = 0;
}

/*
 * The search index of the process params[0], from its rows' status,
 * units and search words; NULL when the database failed.
 */
static struct search_index *
index_load(const char *const *params)
{
	struct kore_pgsql	 sql;
	struct search_index	*ix;
	int			 n, r, status, units, words;

	if (db_read(&sql, "SELECT coalesce(status_id, 0) AS status_id, "
	    "unit_ids::text AS unit_ids, "
	    "array_to_string(tsvector_to_array(search_tsv), "
	    "E'\\x1f') AS words FROM process_row WHERE process_id = $1 "
	    "ORDER BY position", 1, params) == -1) {
		kore_pgsql_cleanup(&sql);
		return NULL;
	}
	status = db_col(&sql, "status_id");
	units = db_col(&sql, "unit_ids");
	words = db_col(&sql, "words");
	if (status < 0 || units < 0 || words < 0) {
		kore_pgsql_cleanup(&sql);
		return NULL;
	}
	ix = search_index_new();
	n = kore_pgsql_ntuples(&sql);
	for (r = 0; r < n; r++)
		search_index_add(ix, atoi(kore_pgsql_getvalue(&sql, r, status)),
		    kore_pgsql_getvalue(&sql, r, units),
		    kore_pgsql_getvalue(&sql, r, words));
	kore_pgsql_cleanup(&sql);
	search_index_finish(ix);
	return ix;
}

/*
 * The search index of a process and its rows as shown, loaded on first
 * use in a data version; NULL when they can not be loaded or would not
 * fit (the caller then searches in the database).
 */
/* The slot holding process id's index, of whatever version, or NULL. */
static struct index_slot *
slot_find(long long id)
{
	size_t	i;

	for (i = 0; i < INDEX_SLOTS; i++)
		if (index_slots[i].ix != NULL &&
		    index_slots[i].process_id == id)
			return &index_slots[i];
	return NULL;
}

/*
 * Brings slot up to proc's version with the rows that changed in place
 * since its version (process_rows_refresh_action marks them): their
 * values in the kept result and their words in the index. 0, or -1 when
 * rows may have moved since (process_rows_rebuild), too many changed, or
 * the database failed: the caller then loads the index again.
 */
static int
slot_patch(struct index_slot *slot, const struct cat_process *proc)
{
	struct kore_pgsql	 sql;
	const char		*params[2];
	char			 pid[32], ver[32];
	int			 map[64], n, r, c, pos, st, un, wd, rc = -1;

	snprintf(pid, sizeof(pid), "%lld", proc->id);
	snprintf(ver, sizeof(ver), "%" PRIu64, slot->version);
	params[0] = pid;
	params[1] = ver;
	if (db_read(&sql, "SELECT pv.rows_version, r.* "
	    "FROM process_version pv LEFT JOIN LATERAL (SELECT "
	    ROW_COLUMNS ", first_of_action, array_to_string("
	    "tsvector_to_array(search_tsv), E'\\x1f') AS words "
	    "FROM process_row WHERE process_id = pv.process_id AND "
	    "row_version > $2) r ON true WHERE pv.process_id = $1",
	    2, params) == -1 || (n = kore_pgsql_ntuples(&sql)) == 0 ||
	    strtoull(db_text(&sql, 0, "rows_version"), NULL, 10) >
	    slot->version || PQnfields(slot->rows) >
	    (int)(sizeof(map) / sizeof(map[0])) ||
	    search_index_changed(slot->ix) + (size_t)n > PATCH_MAX)
		goto out;
	for (c = 0; c < PQnfields(slot->rows); c++)
		if ((map[c] = PQfnumber(sql.result,
		    PQfname(slot->rows, c))) < 0)
			goto out;
	pos = db_col(&sql, "position");
	st = db_col(&sql, "status_id");
	un = db_col(&sql, "unit_ids");
	wd = db_col(&sql, "words");
	for (r = 0; r < n && !PQgetisnull(sql.result, r, pos); r++) {
		if (patch_row(slot, sql.result, r, map, atoi(PQgetvalue(
		    sql.result, r, pos))) == -1 ||
		    search_index_update(slot->ix, (size_t)atoi(PQgetvalue(
		    sql.result, r, pos)), atoi(PQgetvalue(sql.result, r, st)),
		    PQgetvalue(sql.result, r, un),
		    PQgetvalue(sql.result, r, wd)) == -1)
			goto out;
		metrics_add(METRIC_INDEX_PATCH, 1);
	}
	slot->version = proc->version;
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	return rc;
}

/*
 * Row r of res (columns map) into row pos of the slot's kept result,
 * which must be the same action's row: 0, or -1.
 */
static int
patch_row(struct index_slot *slot, const PGresult *res, int r,
    const int *map, int pos)
{
	int	c, len;

	if (pos < 0 || pos >= PQntuples(slot->rows) ||
	    strcmp(PQgetvalue(slot->rows, pos, slot->col.action_id),
	    PQgetvalue(res, r, map[slot->col.action_id])) != 0)
		return -1;
	for (c = 0; c < PQnfields(slot->rows); c++) {
		len = PQgetisnull(res, r, map[c]) ? -1 :
		    PQgetlength(res, r, map[c]);
		if (PQsetvalue(slot->rows, pos, c, len == -1 ? NULL :
		    PQgetvalue(res, r, map[c]), len) == 0)
			return -1;
		slot->bytes += (size_t)(len > 0 ? len : 0) + 16;
	}
	return 0;
}

/*
 * An empty slot with room for bytes more: the least recently used
 * indexes go first (bytes is at most index_max_bytes).
 */
static struct index_slot *
slot_free(size_t bytes)
{
	struct index_slot	*slot, *lru;
	size_t			 i, total;

	for (;;) {
		total = bytes;
		slot = lru = NULL;
		for (i = 0; i < INDEX_SLOTS; i++) {
			if (index_slots[i].ix == NULL) {
				if (slot == NULL)
					slot = &index_slots[i];
				continue;
			}
			total += index_slots[i].bytes;
			if (lru == NULL || index_slots[i].used < lru->used)
				lru = &index_slots[i];
		}
		if (slot != NULL && total <= index_max_bytes)
			return slot;
		slot_clear(lru);
	}
}

static struct index_slot *
process_index(const struct cat_process *proc)
{
	struct kore_pgsql	 sql;
	struct index_slot	*slot;
	struct search_index	*ix;
	struct row_cols		 col;
	PGresult		*rows;
	uint64_t		 version = proc->version;
	size_t			 bytes;
	const char		*params[1];
	char			 pid[32];
	int			 n;

	if (index_max_bytes == 0)
		return NULL;
	if ((slot = slot_find(proc->id)) != NULL) {
		if (slot->version == version || slot_patch(slot, proc) == 0) {
			slot->used = ++index_clock;
			return slot;
		}
		slot_clear(slot);
	}
	snprintf(pid, sizeof(pid), "%lld", proc->id);
	params[0] = pid;
	if ((ix = index_load(params)) == NULL)
		return NULL;
	metrics_add(METRIC_INDEX_LOAD, 1);
	n = (int)search_index_rows(ix);
	if (db_read(&sql, "SELECT " ROW_COLUMNS ", first_of_action "
	    "FROM process_row WHERE process_id = $1 ORDER BY position", 1,
	    params) == -1 || kore_pgsql_ntuples(&sql) != n ||
	    rows_cols(&col, sql.result) == -1) {
		kore_pgsql_cleanup(&sql);
		search_index_free(ix);
		return NULL;
	}
	/* The result stays with the slot, not with the query. */
	rows = db_take_result(&sql);
	kore_pgsql_cleanup(&sql);
	bytes = search_index_bytes(ix) + db_result_bytes(rows);

	if (bytes > index_max_bytes) {
		kore_log(LOG_NOTICE, "search index of %s is %zu bytes: "
		    "searching in the database", proc->slug, bytes);
		search_index_free(ix);
		PQclear(rows);
		return NULL;
	}
	slot = slot_free(bytes);
	slot->process_id = proc->id;
	slot->version = version;
	slot->used = ++index_clock;
	slot->ix = ix;
	slot->rows = rows;
	slot->col = col;
	slot->first_col = PQfnumber(rows, "first_of_action");
	slot->bytes = bytes;
	return slot;
}

struct rowset
rowset_of(struct kore_pgsql *sql)
{
	struct rowset	rs;

	memset(&rs, 0, sizeof(rs));
	rs.res = sql->result;
	rs.map = NULL;
	rs.n = 0;
	if (sql->result != NULL && rows_cols(&rs.col, sql->result) == 0)
		rs.n = PQntuples(sql->result);
	return rs;
}

/*
 * Which of n matches, in position order, the page shows: *first and
 * *cnt; counted from the end when the order is descending.
 */
static void
page_slice(const struct view *v, size_t n, size_t *first, size_t *cnt)
{
	size_t	skip, per, hi;

	*first = 0;
	*cnt = n;
	if (v->per == PER_ALL)
		return;
	skip = (size_t)((v->page - 1) * v->per);
	per = (size_t)v->per;
	if (skip >= n)
		*cnt = 0;
	else if (!v->desc) {
		*first = skip;
		*cnt = n - skip < per ? n - skip : per;
	} else {
		hi = n - skip;
		*first = hi > per ? hi - per : 0;
		*cnt = hi - *first;
	}
}

static int
cmp_ll(const void *a, const void *b)
{
	long long	x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/*
 * The distinct actions among the n rows of res in map (column col), and
 * the rows that have none, into vr.
 */
static void
count_actions(struct view_rows *vr, const PGresult *res, int col,
    const int *map, size_t n)
{
	long long	*ids;
	size_t		 i, k = 0;
	const char	*v;

	ids = xcalloc(n + 1, sizeof(*ids));
	vr->actions = vr->without_actions = 0;
	for (i = 0; i < n; i++) {
		v = PQgetvalue(res, map[i], col);
		if (*v == '\0')
			vr->without_actions++;
		else
			ids[k++] = strtoll(v, NULL, 10);
	}
	qsort(ids, k, sizeof(*ids), cmp_ll);
	for (i = 0; i < k; i++)
		if (i == 0 || ids[i] != ids[i - 1])
			vr->actions++;
	free(ids);
}

/*
 * The count of a view without a search or filter on the rows (the
 * directory's process and year filters choose whole processes): the
 * catalogue's, 0. -1 when the rows must be counted.
 */
static int
catalog_total(struct view_rows *vr, const struct view *v)
{
	const struct catalog	*c = v->catalog;
	size_t			 i;

	if (v->q != NULL || v->status != NULL || v->unit != NULL ||
	    v->since != NULL || v->state != NULL)
		return -1;
	if (!v->directory) {
		vr->total = v->proc->nrows;
		vr->actions = v->proc->nacts;
		vr->without_actions = v->proc->nrows - v->proc->nactions;
		return 0;
	}
	vr->actions = vr->without_actions = 0;
	for (i = 0; i < c->nprocs; i++)
		if (c->procs[i].published && (v->proc == NULL ||
		    v->proc == &c->procs[i]) && (v->year == 0 ||
		    c->procs[i].year == v->year))
			vr->actions += c->procs[i].nacts;
	vr->total = vr->actions;
	return 0;
}

/*
 * The view's rows on all pages counted, with the distinct actions among
 * them and the rows without one, into vr: -1, or VIEW_ROWS_REFUSED.
 */
static int
count_rows(struct view_rows *vr, const struct view *v,
    const struct view_search *s)
{
	struct kore_pgsql	 sql;
	struct sqlq		 q;
	int			 rc = -1;

	if (catalog_total(vr, v) == 0)
		return 0;
	sqlq_init(&q);
	kore_pgsql_init(&sql);
	if (view_sql(&q, v, s, 1) == -1)
		rc = VIEW_ROWS_REFUSED;
	else if (db_read(&sql, sqlq_text(&q), q.n, q.params) == 0 &&
	    kore_pgsql_ntuples(&sql) == 1) {
		vr->total = atol(db_text(&sql, 0, "count"));
		vr->actions = atol(db_text(&sql, 0, "actions"));
		vr->without_actions = atol(db_text(&sql, 0,
		    "without_actions"));
		rc = 0;
	}
	kore_pgsql_cleanup(&sql);
	sqlq_free(&q);
	return rc;
}

void
view_rows_free(struct view_rows *vr)
{
	kore_pgsql_cleanup(&vr->sql);
	free(vr->matches);
	free(vr->map);
	free(vr->ids);
	search_query_free(&vr->sq);
	vr->matches = vr->map = NULL;
	vr->ids = NULL;
}

/* The published processes a directory view spans, by id: their number. */
static size_t
directory_procs(const struct view *v, const struct cat_process **out,
    size_t max)
{
	const struct catalog		*c = v->catalog;
	const struct cat_process	*t;
	size_t				 i, k, n = 0;

	for (i = 0; i < c->nprocs; i++) {
		if (!view_spans(v, &c->procs[i]))
			continue;
		if (n == max)
			return max + 1;
		out[n++] = &c->procs[i];
		for (k = n - 1; k > 0 && out[k - 1]->id > out[k]->id; k--) {
			t = out[k];
			out[k] = out[k - 1];
			out[k - 1] = t;
		}
	}
	return n;
}

/*
 * The directory's search among its processes' indexes: the first row of
 * each matching action, as (process, position) in the order of both,
 * into vr->ids and vr->matches. 0, or -1 when it spans more processes
 * than there are slots or an index can not be had: it then searches
 * in the database.
 */
static int
directory_match(struct view_rows *vr, const struct view *v)
{
	const struct cat_process	*procs[INDEX_SLOTS];
	struct index_slot		*slot;
	struct search_filter		 f;
	size_t				 np, i, k, n, total = 0;
	int				*m;

	if ((np = directory_procs(v, procs, INDEX_SLOTS)) > INDEX_SLOTS)
		return -1;
	f.status_id = v->status ? v->status->id : 0;
	f.unit_id = v->unit ? v->unit->id : 0;
	for (i = 0; i < np; i++) {
		/* A slot may go when the next loads: take its matches now. */
		if ((slot = process_index(procs[i])) == NULL ||
		    slot->first_col < 0)
			return -1;
		n = search_index_match(slot->ix, &vr->sq, &f, &m);
		vr->matches = xrealloc(vr->matches, (total + n + 1) *
		    sizeof(*vr->matches));
		vr->ids = xrealloc(vr->ids, (total + n + 1) *
		    sizeof(*vr->ids));
		for (k = 0; k < n; k++) {
			if (*PQgetvalue(slot->rows, m[k], slot->first_col) !=
			    't')
				continue;
			vr->ids[total] = procs[i]->id;
			vr->matches[total++] = m[k];
		}
		free(m);
	}
	vr->total = vr->actions = (long)total;
	vr->without_actions = 0;
	return 0;
}

/*
 * The directory's page of what its indexes matched: in its own order
 * the page's rows alone are read (by process and position); in another
 * the database orders every match and reads the page.
 */
static int
directory_page(struct view_rows *vr, const struct view *v,
    struct view_search *s, struct sqlq *q)
{
	struct view	w = *v;
	size_t		first, cnt;

	s->sq = NULL;
	s->process_ids = vr->ids;
	s->positions = vr->matches;
	s->npositions = (size_t)vr->total;
	if (v->sort == SORT_RECOMMENDATION) {
		page_slice(v, (size_t)vr->total, &first, &cnt);
		s->process_ids = vr->ids + first;
		s->positions = vr->matches + first;
		s->npositions = cnt;
		w.per = PER_ALL;
	}
	if (view_sql(q, &w, s, 0) == -1)
		return VIEW_ROWS_REFUSED;
	if (db_read(&vr->sql, sqlq_text(q), q->n, q->params) == -1)
		return -1;
	vr->rs = rowset_of(&vr->sql);
	return 0;
}

/*
 * The rows of a view: from the worker's search index when the process
 * has one and the view's order is the table's own (no query at all),
 * else from the database, searching there or among the index's matches.
 * The directory searches its processes' indexes when it spans at most
 * INDEX_SLOTS of them, and reads the page's rows by their positions.
 */
int
view_rows_select(struct view_rows *vr, const struct view *v)
{
	struct view_search	 s;
	struct sqlq		 q;
	struct search_filter	 f;
	struct index_slot	*slot = NULL;
	size_t			 nmatch, first, cnt, i;
	int			 rc = -1;

	memset(vr, 0, sizeof(*vr));
	memset(&s, 0, sizeof(s));
	kore_pgsql_init(&vr->sql);
	sqlq_init(&q);
	if (v->q != NULL && search_query_parse(v->q, &vr->sq) > 0 &&
	    v->directory && v->since == NULL && v->state == NULL &&
	    index_max_bytes > 0 && directory_match(vr, v) == 0) {
		rc = directory_page(vr, v, &s, &q);
		goto out;
	}
	free(vr->matches);
	free(vr->ids);
	vr->matches = NULL;
	vr->ids = NULL;
	if (v->q != NULL && vr->sq.nwords > 0) {
		s.sq = &vr->sq;
		/* The directory here: its indexes could not be had. */
		if (v->since == NULL && v->state == NULL && !v->directory)
			slot = process_index(v->proc);
	}
	if (slot != NULL) {
		f.status_id = v->status ? v->status->id : 0;
		f.unit_id = v->unit ? v->unit->id : 0;
		nmatch = search_index_match(slot->ix, &vr->sq, &f,
		    &vr->matches);
		vr->total = (long)nmatch;
		count_actions(vr, slot->rows, slot->col.action_id,
		    vr->matches, nmatch);
		if (v->sort == SORT_RECOMMENDATION || nmatch == 0) {
			/* The page's rows are in memory: no query at all. */
			page_slice(v, nmatch, &first, &cnt);
			vr->map = xcalloc(cnt + 1, sizeof(*vr->map));
			for (i = 0; i < cnt; i++)
				vr->map[i] = v->desc ?
				    vr->matches[first + cnt - 1 - i] :
				    vr->matches[first + i];
			vr->rs.res = slot->rows;
			vr->rs.col = slot->col;
			vr->rs.map = vr->map;
			vr->rs.n = (int)cnt;
			rc = 0;
			goto out;
		}
		/* Another order: the database sorts the matches. */
		s.positions = vr->matches;
		s.npositions = nmatch;
	}
	if (view_sql(&q, v, &s, 0) == -1) {
		rc = VIEW_ROWS_REFUSED;
		goto out;
	}
	if (db_read(&vr->sql, sqlq_text(&q), q.n, q.params) == -1)
		goto out;
	vr->rs = rowset_of(&vr->sql);
	/* The matches are counted already; else count what is selected. */
	if (vr->matches == NULL && (rc = count_rows(vr, v, &s)) != 0)
		goto out;
	rc = 0;
out:
	sqlq_free(&q);
	return rc;
}

/*
 * The text of a row's column t in lang: the translation, or the Finnish
 * text, when *finnish is set.
 */
static const char *
text_at(const PGresult *res, int r, const struct row_text *t, enum lang lang,
    int *finnish)
{
	int	c = lang == LANG_EN ? t->en : t->sv;

	*finnish = 0;
	if (lang == LANG_FI)
		return PQgetvalue(res, r, t->fi);
	if (PQgetlength(res, r, c) > 0)
		return PQgetvalue(res, r, c);
	*finnish = PQgetlength(res, r, t->fi) > 0;
	return PQgetvalue(res, r, t->fi);
}

const char *
rows_text(const struct rowset *rs, int k, const struct row_text *t,
    enum lang lang, int *finnish)
{
	return text_at(rs->res, ROWSET_ROW(rs, k), t, lang, finnish);
}

void
result_text_cols(struct row_text *t, struct kore_pgsql *sql, const char *name)
{
	char	col[64];

	t->fi = db_col(sql, name);
	snprintf(col, sizeof(col), "%s_sv", name);
	t->sv = db_col(sql, col);
	snprintf(col, sizeof(col), "%s_en", name);
	t->en = db_col(sql, col);
}

const char *
result_text(struct kore_pgsql *sql, int row, const struct row_text *t,
    enum lang lang, int *finnish)
{
	return text_at(sql->result, row, t, lang, finnish);
}
