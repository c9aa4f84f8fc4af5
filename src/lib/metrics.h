/*
 * Counters for monitoring, shared by every worker: one page of shared
 * memory made before the workers fork (metrics_init), added to with
 * atomic operations, and written in Prometheus' text format. Until
 * metrics_init, counting does nothing (toteumactl, the tests).
 */
#ifndef TOTEUMA_METRICS_H
#define TOTEUMA_METRICS_H

#include "buf.h"

enum metric {
	METRIC_ANSWER_1XX, METRIC_ANSWER_2XX, METRIC_ANSWER_3XX,
	METRIC_ANSWER_4XX, METRIC_ANSWER_5XX,
	METRIC_CACHE_HIT, METRIC_CACHE_MISS,
	METRIC_DB_ERROR, METRIC_DB_RECONNECT, METRIC_READ_FALLBACK,
	METRIC_INDEX_LOAD, METRIC_INDEX_PATCH,
	METRIC_MEMO_HIT, METRIC_MEMO_READ,
	METRIC_COUNT
};

/* 0, or -1 when the shared page cannot be had. */
int	metrics_init(void);
void	metrics_add(enum metric, unsigned long n);
/* An answer with this HTTP status. */
void	metrics_answer(int status);
/* Every counter, in Prometheus' text exposition format. */
void	metrics_write(struct buf *);

#endif
