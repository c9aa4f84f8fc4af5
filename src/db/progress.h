/*
 * How far recommendations have got (recommendation_progress in
 * sql/functions/progress.sql), for the recommendations a page or a
 * download shows: read in one statement, looked up by id. The rules
 * themselves are in the database; nothing here computes a mean.
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
 * The progress of some recommendations; owns its query result, but no
 * connection (a page holds one for its rows already).
 */
struct progress_set {
	PGresult		*res;
	int			 n;
	int			 id, percent, actions, unreported, wont;
	int			 weighted;
};

/* The ids of the recommendations of rs's rows as an array, "{1,5,9}". */
void	progress_ids(struct buf *, const struct rowset *rs);
void	progress_init(struct progress_set *);
/*
 * The progress of the recommendations ids ("{1,5,9}") of process pid:
 * 0, or -1 when the database failed; free the set either way
 * (progress_free() after progress_init()).
 */
int	progress_load(struct progress_set *, long long pid, const char *ids);
/* Recommendation id's progress into *p: 0, or -1 when it has none. */
int	progress_find(const struct progress_set *, const char *id,
	    struct progress *p);
void	progress_free(struct progress_set *);
/* "45 %" as lang writes it (a no-break space in Finnish and Swedish). */
void	progress_percent(struct buf *, int percent, enum lang);

#endif
