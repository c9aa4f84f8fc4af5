/*
 * How far recommendations have got (recommendation_progress in
 * sql/functions/progress.sql), for the recommendations a page or a
 * download shows: a process's read in one statement once per version
 * (memo.h), looked up by id. The rules themselves are in the database;
 * nothing here computes a mean.
 */
#ifndef TOTEUMA_PROGRESS_H
#define TOTEUMA_PROGRESS_H

#include <kore/kore.h>
#include <kore/pgsql.h>

#include "buf.h"
#include "rows.h"

/* No progress: every action of it will not be done. */
#define PROGRESS_NONE	-1

/* One recommendation's progress. */
struct progress {
	int	percent;	/* 0-100, or PROGRESS_NONE */
	int	actions;	/* distinct actions */
	int	unreported;	/* of them without a status (count as 0) */
	int	wont;		/* of them that will not be done (left out) */
	int	weighted;	/* an admin set weights other than 1 */
};

/*
 * The progress of a process's recommendations; the result is borrowed
 * from the memo, for the rest of the request.
 */
struct progress_set {
	const PGresult		*res;
	int			 n;
	int			 id, percent, actions, unreported, wont;
	int			 weighted;
};

void	progress_init(struct progress_set *);
/*
 * The progress of process proc's recommendations: 0, or -1 when the
 * database failed; free the set either way (progress_free() after
 * progress_init()).
 */
int	progress_load(struct progress_set *, const struct cat_process *proc);
/* Recommendation id's progress into *p: 0, or -1 when it has none. */
int	progress_find(const struct progress_set *, const char *id,
	    struct progress *p);
void	progress_free(struct progress_set *);
/* "45 %" as lang writes it (a no-break space in Finnish and Swedish). */
void	progress_percent(struct buf *, int percent, enum lang);

#endif
