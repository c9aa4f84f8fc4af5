/* Reads kept per data version (memo.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"
#include "metrics.h"
#include "db.h"
#include "catalog_cache.h"
#include "memo.h"

#define MEMO_SLOTS	16

struct memo {
	char		*key;		/* query, then each parameter */
	uint64_t	 version;
	uint64_t	 used;
	PGresult	*res;
	size_t		 bytes;
};

static struct memo	memos[MEMO_SLOTS];
static uint64_t		memo_clock;
/* The bytes all kept results may take (the oldest go first). */
#define MEMO_MAX_BYTES	(8 * 1024 * 1024)

static void	memo_key(struct buf *, const char *, int, const char *const *);
static void	memo_clear(struct memo *);
static struct memo	*memo_room(size_t);

/* The query and its parameters, each after a separator (NULL: none). */
static void
memo_key(struct buf *b, const char *query, int n, const char *const *params)
{
	int	i;

	buf_puts(b, query);
	for (i = 0; i < n; i++) {
		if (params[i] == NULL)
			buf_puts(b, "\x1d");
		else {
			buf_puts(b, "\x1e");
			buf_puts(b, params[i]);
		}
	}
}

static void
memo_clear(struct memo *m)
{
	free(m->key);
	if (m->res != NULL)
		PQclear(m->res);
	memset(m, 0, sizeof(*m));
}

/*
 * An empty slot, with room for bytes more: the least recently used
 * results go first, but never the newest MEMO_KEEP (a request may still
 * be reading them), so the limit can be passed for a moment.
 */
static struct memo *
memo_room(size_t bytes)
{
	struct memo	*lru, *empty;
	size_t		 i, total, older;

	for (;;) {
		lru = empty = NULL;
		total = bytes;
		for (i = 0; i < MEMO_SLOTS; i++) {
			if (memos[i].res == NULL) {
				if (empty == NULL)
					empty = &memos[i];
				continue;
			}
			total += memos[i].bytes;
			if (lru == NULL || memos[i].used < lru->used)
				lru = &memos[i];
		}
		if (lru == NULL || (empty != NULL && total <= MEMO_MAX_BYTES))
			return empty;
		/* How many kept results are newer than the oldest. */
		for (older = 0, i = 0; i < MEMO_SLOTS; i++)
			if (memos[i].res != NULL && memos[i].used > lru->used)
				older++;
		if (older < MEMO_KEEP && empty != NULL)
			return empty;
		memo_clear(lru);
	}
}

const PGresult *
memo_read(const char *query, int n, const char *const *params,
    uint64_t version)
{
	struct kore_pgsql	 sql;
	struct memo		*m;
	struct buf		 key;
	PGresult		*res;
	size_t			 i;

	buf_init(&key);
	memo_key(&key, query, n, params);
	for (i = 0; i < MEMO_SLOTS; i++) {
		m = &memos[i];
		if (m->res == NULL || strcmp(m->key, buf_cstr(&key)) != 0)
			continue;
		if (m->version == version) {
			m->used = ++memo_clock;
			buf_free(&key);
			metrics_add(METRIC_MEMO_HIT, 1);
			return m->res;
		}
		memo_clear(m);
		break;
	}
	if (db_read(&sql, query, n, params) == -1) {
		kore_pgsql_cleanup(&sql);
		buf_free(&key);
		return NULL;
	}
	res = db_take_result(&sql);
	kore_pgsql_cleanup(&sql);
	metrics_add(METRIC_MEMO_READ, 1);
	m = memo_room(db_result_bytes(res));
	m->key = xstrdup(buf_cstr(&key));
	m->version = version;
	m->used = ++memo_clock;
	m->res = res;
	m->bytes = db_result_bytes(res);
	buf_free(&key);
	return res;
}

const PGresult *
memo_read_process(const char *query, const struct cat_process *proc,
    uint64_t version)
{
	const char	*params[1];
	char		 pid[32];

	snprintf(pid, sizeof(pid), "%lld", proc->id);
	params[0] = pid;
	return memo_read(query, 1, params, version);
}

int
memo_reader(struct kore_pgsql *sql, const char *query, int n,
    const char *const *params)
{
	const PGresult	*res;

	if ((res = memo_read(query, n, params, catalog_get()->version)) ==
	    NULL)
		return -1;
	if ((sql->result = PQcopyResult(res, PG_COPYRES_ATTRS |
	    PG_COPYRES_TUPLES)) == NULL) {
		kore_log(LOG_ERR, "out of memory copying a kept result");
		return -1;
	}
	return 0;
}
