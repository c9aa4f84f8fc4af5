/* The page cache: versions and the byte limit. */
#include "cache.h"
#include "unit.h"

int
main(void)
{
	struct cache_page	*p;
	char			 body[1000];

	memset(body, 'x', sizeof(body));
	cache_init(3000 + 3 * (sizeof(struct cache_page) + 8), 2000, 100000);
	p = cache_put("/a", 1, 200, "text/html", body, sizeof(body));
	CHECK(p != NULL && p->etag[0] == '"', "a page is stored with an ETag");
	CHECK(cache_get("/a", 1) == p, "found for its version");
	CHECK(cache_get("/b", 1) == NULL, "another key is not found");
	cache_put("/b", 1, 200, "text/html", body, sizeof(body));
	cache_put("/c", 1, 200, "text/html", body, sizeof(body));
	CHECK(cache_get("/a", 1) != NULL, "three pages fit");
	cache_put("/d", 1, 200, "text/html", body, sizeof(body));
	CHECK(cache_get("/b", 1) == NULL,
	    "the least recently used page goes first");
	CHECK(cache_get("/a", 1) != NULL && cache_get("/d", 1) != NULL,
	    "recently used pages stay");
	CHECK(cache_get("/a", 2) == NULL, "a page of an older version is "
	    "not served");
	CHECK(cache_get("/a", 1) == NULL, "and is dropped");
	body[0] = 'y';
	p = cache_put("/e", 1, 200, "text/html", body, sizeof(body));
	CHECK(strcmp(p->etag, cache_get("/d", 1)->etag) != 0,
	    "different bodies have different ETags");
	CHECK(cache_bytes() <= 3000 + 3 * (sizeof(struct cache_page) + 8),
	    "the byte limit holds");
	/* A body over 2,000 bytes here is kept apart. */
	{
		static char	 big[40000];
		size_t		 before = cache_bytes();

		memset(big, 'z', sizeof(big));
		CHECK(cache_put("/big.json", 1, 200, "application/json", big,
		    sizeof(big)) != NULL, "a large body is stored");
		CHECK(cache_get("/c", 1) != NULL && cache_get("/d", 1) !=
		    NULL && cache_get("/e", 1) != NULL,
		    "and the pages stay with it");
		CHECK(cache_get("/big.json", 1) != NULL, "it is found");
		cache_put("/big2.json", 1, 200, "application/json", big,
		    sizeof(big));
		cache_put("/big3.json", 1, 200, "application/json", big,
		    sizeof(big));
		CHECK(cache_get("/big.json", 1) == NULL &&
		    cache_get("/big3.json", 1) != NULL,
		    "large bodies push out only each other");
		CHECK(cache_get("/c", 1) != NULL, "the pages are still there");
		CHECK(cache_bytes() > before + 2 * sizeof(big) &&
		    cache_bytes() <= 3000 + 3 * (sizeof(struct cache_page) +
		    8) + 100000, "each list keeps its own limit");
	}
	cache_clear();
	CHECK_INT(cache_bytes(), 0, "clear frees everything");
	return unit_done();
}
