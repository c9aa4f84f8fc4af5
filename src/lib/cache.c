/* The page cache; see cache.h. One per worker process, no locking. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "metrics.h"
#include "mem.h"
#include "cache.h"

#define BUCKETS	4096

/*
 * Two LRU lists with their own byte limits: pages, and large bodies (a
 * whole table as a download), so that one large download never pushes
 * the pages out. One hash table finds both.
 */
struct lru {
	struct cache_page	*newest, *oldest;
	size_t			 bytes, max;
};

static struct cache_page	*buckets[BUCKETS];
static struct lru		 lrus[2] = {
	{ NULL, NULL, 0, 12 * 1024 * 1024 },
	{ NULL, NULL, 0, 16 * 1024 * 1024 },
};

static void	unlink_page(struct cache_page *);
static void	push_front(struct cache_page *);
static void	drop(struct cache_page *);

uint64_t
cache_hash(const void *p, size_t n)
{
	const unsigned char	*s = p;
	uint64_t		 h = 14695981039346656037ULL;
	size_t			 i;

	for (i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211ULL;
	return h;
}

static size_t			 large_from = 1024 * 1024;

void
cache_init(size_t max, size_t large, size_t large_max)
{
	lrus[0].max = max;
	large_from = large;
	lrus[1].max = large_max;
}

/* Whether a body of len bytes goes with the large ones. */
static int
is_large(size_t len)
{
	return len > large_from;
}

static void
unlink_page(struct cache_page *p)
{
	struct lru	*l = &lrus[p->large];

	if (p->prev)
		p->prev->next = p->next;
	else
		l->newest = p->next;
	if (p->next)
		p->next->prev = p->prev;
	else
		l->oldest = p->prev;
	p->prev = p->next = NULL;
}

static void
push_front(struct cache_page *p)
{
	struct lru	*l = &lrus[p->large];

	p->prev = NULL;
	p->next = l->newest;
	if (l->newest)
		l->newest->prev = p;
	l->newest = p;
	if (l->oldest == NULL)
		l->oldest = p;
}

static void
drop(struct cache_page *p)
{
	struct cache_page	**pp;
	int			  e;

	for (pp = &buckets[p->hash % BUCKETS]; *pp != NULL;
	    pp = &(*pp)->hnext) {
		if (*pp == p) {
			*pp = p->hnext;
			break;
		}
	}
	unlink_page(p);
	lrus[p->large].bytes -= p->len + strlen(p->key) + sizeof(*p);
	for (e = ENC_IDENTITY; e < ENC_COUNT; e++) {
		lrus[p->large].bytes -= p->enc_len[e];
		free(p->enc_body[e]);
	}
	free(p->key);
	free(p->body);
	free(p);
}

struct cache_page *
cache_get(const char *key, uint64_t version)
{
	struct cache_page	*p;
	uint64_t		 h = cache_hash(key, strlen(key));

	for (p = buckets[h % BUCKETS]; p != NULL; p = p->hnext) {
		if (p->hash == h && strcmp(p->key, key) == 0) {
			if (p->version != version) {
				drop(p);
				metrics_add(METRIC_CACHE_MISS, 1);
				return NULL;
			}
			unlink_page(p);
			push_front(p);
			metrics_add(METRIC_CACHE_HIT, 1);
			return p;
		}
	}
	metrics_add(METRIC_CACHE_MISS, 1);
	return NULL;
}

struct cache_page *
cache_put(const char *key, uint64_t version, int status,
    const char *content_type, const char *body, size_t len)
{
	struct cache_page	*p;
	struct lru		*l = &lrus[is_large(len)];
	uint64_t		 h = cache_hash(key, strlen(key));
	size_t			 need;

	for (p = buckets[h % BUCKETS]; p != NULL; p = p->hnext) {
		if (p->hash == h && strcmp(p->key, key) == 0) {
			drop(p);
			break;
		}
	}
	need = len + strlen(key) + sizeof(*p);
	while (l->oldest != NULL && l->bytes + need > l->max)
		drop(l->oldest);
	p = xcalloc(1, sizeof(*p));
	p->large = l == &lrus[1];
	p->key = xstrdup(key);
	p->body = xmalloc(len ? len : 1);
	memcpy(p->body, body, len);
	p->len = len;
	p->status = status;
	p->content_type = content_type;
	p->version = version;
	p->hash = h;
	/* CRC-32 (zlib) and the length: several times quicker than FNV. */
	snprintf(p->etag, sizeof(p->etag), "\"%08lx%08zx\"",
	    crc32_z(0, (const unsigned char *)body, len), len);
	p->hnext = buckets[h % BUCKETS];
	buckets[h % BUCKETS] = p;
	push_front(p);
	l->bytes += need;
	return p;
}

const char *
cache_encoded(struct cache_page *p, enum encoding e, size_t *len)
{
	struct lru	*l = &lrus[p->large];

	if (e <= ENC_IDENTITY || e >= ENC_COUNT)
		return NULL;
	if (!p->enc_tried[e]) {
		p->enc_tried[e] = 1;
		if (compress_body(e, p->body, p->len, &p->enc_body[e],
		    &p->enc_len[e]) == -1) {
			p->enc_body[e] = NULL;
			p->enc_len[e] = 0;
		}
		l->bytes += p->enc_len[e];
		while (l->oldest != NULL && l->oldest != p && l->bytes > l->max)
			drop(l->oldest);
	}
	*len = p->enc_len[e];
	return p->enc_body[e];
}

void
cache_clear(void)
{
	while (lrus[0].oldest != NULL)
		drop(lrus[0].oldest);
	while (lrus[1].oldest != NULL)
		drop(lrus[1].oldest);
}

size_t
cache_bytes(void)
{
	return lrus[0].bytes + lrus[1].bytes;
}
