/* See metrics.h. */
#include <sys/mman.h>

#include <stdint.h>

#include "metrics.h"

static uint64_t	*counters;

static const struct {
	const char	*name;
	const char	*label;
	const char	*help;
} metric_names[METRIC_COUNT] = {
	[METRIC_ANSWER_1XX] = { "toteuma_answers_total", "class=\"1xx\"",
	    "Answers by status class" },
	[METRIC_ANSWER_2XX] = { "toteuma_answers_total", "class=\"2xx\"",
	    NULL },
	[METRIC_ANSWER_3XX] = { "toteuma_answers_total", "class=\"3xx\"",
	    NULL },
	[METRIC_ANSWER_4XX] = { "toteuma_answers_total", "class=\"4xx\"",
	    NULL },
	[METRIC_ANSWER_5XX] = { "toteuma_answers_total", "class=\"5xx\"",
	    NULL },
	[METRIC_CACHE_HIT] = { "toteuma_page_cache_total", "result=\"hit\"",
	    "Lookups in the workers' page caches" },
	[METRIC_CACHE_MISS] = { "toteuma_page_cache_total",
	    "result=\"miss\"", NULL },
	[METRIC_DB_ERROR] = { "toteuma_database_errors_total", NULL,
	    "Statements that failed" },
	[METRIC_DB_RECONNECT] = { "toteuma_database_reconnects_total", NULL,
	    "Pooled connections found broken and opened again" },
	[METRIC_READ_FALLBACK] = { "toteuma_read_replica_fallbacks_total",
	    NULL, "Public reads the primary answered because the replica "
	    "failed" },
	[METRIC_INDEX_LOAD] = { "toteuma_search_index_loads_total", NULL,
	    "Search indexes loaded into a worker" },
	[METRIC_INDEX_PATCH] = { "toteuma_search_index_patched_rows_total",
	    NULL, "Rows changed in place in a worker's search indexes" },
	[METRIC_MEMO_HIT] = { "toteuma_kept_reads_total", "from=\"kept\"",
	    "Reads every page of a process repeats, by where the "
	    "answer came from" },
	[METRIC_MEMO_READ] = { "toteuma_kept_reads_total",
	    "from=\"database\"", NULL },
};

int
metrics_init(void)
{
	void	*p;

	p = mmap(NULL, METRIC_COUNT * sizeof(uint64_t),
	    PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	counters = p;
	return 0;
}

void
metrics_add(enum metric m, unsigned long n)
{
	if (counters != NULL && m < METRIC_COUNT)
		__atomic_fetch_add(&counters[m], (uint64_t)n,
		    __ATOMIC_RELAXED);
}

void
metrics_answer(int status)
{
	if (status >= 100 && status < 600)
		metrics_add((enum metric)(METRIC_ANSWER_1XX + status / 100 - 1),
		    1);
}

void
metrics_write(struct buf *b)
{
	int	i;

	for (i = 0; i < METRIC_COUNT; i++) {
		if (metric_names[i].help != NULL)
			buf_printf(b, "# HELP %s %s\n# TYPE %s counter\n",
			    metric_names[i].name, metric_names[i].help,
			    metric_names[i].name);
		buf_printf(b, "%s%s%s%s %llu\n", metric_names[i].name,
		    metric_names[i].label ? "{" : "",
		    metric_names[i].label ? metric_names[i].label : "",
		    metric_names[i].label ? "}" : "",
		    counters != NULL ? (unsigned long long)__atomic_load_n(
		    &counters[i], __ATOMIC_RELAXED) : 0ULL);
	}
}
