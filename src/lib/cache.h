/*
 * The page cache of a server worker: rendered public responses by their
 * canonical URL, valid for one version. Bounded in bytes; the least
 * recently used page goes first. Bodies over large bytes (downloads of
 * a whole table) are kept apart under a limit of their own, so that
 * they never push the pages out.
 */
#ifndef TOTEUMA_CACHE_H
#define TOTEUMA_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "compress.h"

struct cache_page {
	char			*key;
	char			*body;
	size_t			 len;
	int			 status;
	const char		*content_type;	/* a literal */
	char			 etag[24];	/* "\"crc32 length\"": 16
						   hex digits */
	/* Compressed bodies, made when first asked for (cache_encoded). */
	char			*enc_body[ENC_COUNT];
	size_t			 enc_len[ENC_COUNT];
	unsigned char		 enc_tried[ENC_COUNT];
	unsigned char		 large;		/* in the large bodies' list */
	uint64_t		 version;
	uint64_t		 hash;
	struct cache_page	*hnext;		/* hash chain */
	struct cache_page	*prev, *next;	/* LRU list, newest first */
};

void	cache_init(size_t max_bytes, size_t large, size_t large_max_bytes);
/* The page for key if it belongs to version; NULL otherwise. */
struct cache_page *cache_get(const char *key, uint64_t version);
/* Stores a copy of body. Returns the cached page. */
struct cache_page *cache_put(const char *key, uint64_t version, int status,
	    const char *content_type, const char *body, size_t len);
/*
 * The body of p compressed with e, made once and kept with the page;
 * NULL when it would not be smaller (then send the body as it is).
 */
const char *cache_encoded(struct cache_page *p, enum encoding e,
	    size_t *len);
void	cache_clear(void);
size_t	cache_bytes(void);
uint64_t cache_hash(const void *, size_t);

#endif
