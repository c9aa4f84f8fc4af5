/* The page cache; see cache.h. One per worker process, no locking. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"
#include "mem.h"
#include "cache.h"

#define BUCKETS	4096

static struct cache_page	*buckets[BUCKETS];
static struct cache_page	*newest, *oldest;
static size_t			 bytes, max_bytes = 16 * 1024 * 1024;

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

void
cache_init(size_t max)
{
	max_bytes = max;
}

static void
unlink_page(struct cache_page *p)
{
	if (p->prev)
		p->prev->next = p->next;
	else
		newest = p->next;
	if (p->next)
		p->next->prev = p->prev;
	else
		oldest = p->prev;
	p->prev = p->next = NULL;
}

static void
push_front(struct cache_page *p)
{
	p->prev = NULL;
	p->next = newest;
	if (newest)
		newest->prev = p;
	newest = p;
	if (oldest == NULL)
		oldest = p;
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
	bytes -= p->len + strlen(p->key) + sizeof(*p);
	for (e = ENC_IDENTITY; e < ENC_COUNT; e++) {
		bytes -= p->enc_len[e];
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
	uint64_t		 h = cache_hash(key, strlen(key));
	size_t			 need;

	for (p = buckets[h % BUCKETS]; p != NULL; p = p->hnext) {
		if (p->hash == h && strcmp(p->key, key) == 0) {
			drop(p);
			break;
		}
	}
	need = len + strlen(key) + sizeof(*p);
	while (oldest != NULL && bytes + need > max_bytes)
		drop(oldest);
	p = xcalloc(1, sizeof(*p));
	p->key = xstrdup(key);
	p->body = xmalloc(len ? len : 1);
	memcpy(p->body, body, len);
	p->len = len;
	p->status = status;
	p->content_type = content_type;
	p->version = version;
	p->hash = h;
	snprintf(p->etag, sizeof(p->etag), "\"%016llx\"",
	    (unsigned long long)cache_hash(body, len));
	p->hnext = buckets[h % BUCKETS];
	buckets[h % BUCKETS] = p;
	push_front(p);
	bytes += need;
	return p;
}

const char *
cache_encoded(struct cache_page *p, enum encoding e, size_t *len)
{
	if (e <= ENC_IDENTITY || e >= ENC_COUNT)
		return NULL;
	if (!p->enc_tried[e]) {
		p->enc_tried[e] = 1;
		if (compress_body(e, p->body, p->len, &p->enc_body[e],
		    &p->enc_len[e]) == -1) {
			p->enc_body[e] = NULL;
			p->enc_len[e] = 0;
		}
		bytes += p->enc_len[e];
		while (oldest != NULL && oldest != p && bytes > max_bytes)
			drop(oldest);
	}
	*len = p->enc_len[e];
	return p->enc_body[e];
}

void
cache_clear(void)
{
	while (oldest != NULL)
		drop(oldest);
}

size_t
cache_bytes(void)
{
	return bytes;
}
