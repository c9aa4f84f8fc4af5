/*
 * The panel's verdict as the public sees it (verdict_aggregate and
 * verdict_public_comments in sql/functions/verdict.sql): the
 * distribution of the ratings of a process's recommendations, read in
 * one statement and looked up by id, and the comments an admin has
 * let through. Who rated what is never read here.
 */
#ifndef TOTEUMA_VERDICT_H
#define TOTEUMA_VERDICT_H

#include <kore/kore.h>
#include <kore/pgsql.h>

#include "catalog.h"

/* Fewer answers on a scale, no distribution: verdict_min_answers(). */
#define VERDICT_MIN_ANSWERS	3

/* The two scales, in the order pages show them. */
enum verdict_scale { VERDICT_RESPONSE, VERDICT_PROGRESS, VERDICT_SCALES };

/* $1: process id. Rows ordered by recommendation, then scale. */
#define VERDICT_SQL_AGGREGATE \
	"SELECT recommendation_id, scale, answers, shown, n1, n2, n3, n4, " \
	"n5, mean FROM verdict_aggregate($1) " \
	"ORDER BY recommendation_id, scale DESC"
/* $1: process id, $2: recommendation id. */
#define VERDICT_SQL_COMMENTS \
	"SELECT comment, day FROM verdict_public_comments($1) " \
	"WHERE recommendation_id = $2"

/* One scale of one recommendation. */
struct verdict_dist {
	int	answers;	/* 0: nobody has rated it */
	int	shown;		/* enough answers to show the distribution */
	int	n[5];		/* how many gave 1..5 (when shown) */
	char	mean[8];	/* "3.4" (when shown) */
};

struct verdict_summary {
	struct verdict_dist	scale[VERDICT_SCALES];
};

/*
 * The aggregate of one process; the result is borrowed from the memo
 * (memo.h), for the rest of the request.
 */
struct verdict_set {
	const PGresult	*res;
	int		 n;
};

void	verdict_set_init(struct verdict_set *);
/* The aggregate of process proc: 0, or -1 when the database failed. */
int	verdict_set_load(struct verdict_set *, const struct cat_process *proc);
/* Recommendation rec's into *s: 0, or -1 when nobody rated it. */
int	verdict_set_find(const struct verdict_set *, long long rec,
	    struct verdict_summary *s);
void	verdict_set_free(struct verdict_set *);

#endif
