/*
 * What every public page needs besides its own rows: the processes, the
 * status list, the units, counts per status, and the data version that
 * the page cache and ETags are keyed on. The types; each worker's copy
 * is in catalog_cache.h.
 */
#ifndef TOTEUMA_CATALOG_H
#define TOTEUMA_CATALOG_H

#include <stdint.h>
#include <time.h>

#include "i18n.h"
#include "status.h"

struct cat_unit {
	long long	 id;
	char		*name;		/* Finnish, as the table writes it */
	char		*label[LANG_COUNT];	/* "" when not translated */
};

struct cat_process {
	long long	 id;
	/* The data version at which this process's pages last changed
	 * (its own rows, or what every page shows): its cached pages
	 * and search index are kept while it stays. */
	uint64_t	 version;
	/*
	 * The version at which its rows last moved or what every page
	 * shows changed: its units are read again only then.
	 */
	uint64_t	 units_version;
	/* The version at which its kept progress last changed. */
	uint64_t	 progress_version;
	time_t		 changed_at;	/* the time of that change */
	char		*slug;
	char		*title[LANG_COUNT];	/* "" when not translated */
	char		*kind;
	int		 year;
	char		*question[LANG_COUNT];
	char		*description[LANG_COUNT];
	int		 published;
	int		 nrows;		/* rows of the public table */
	int		 nactions;
	int		 nfinal;	/* actions with a final status */
	/* Distinct actions: all, completed (final and progress), and
	 * with a status that is not progress (will not be done). */
	int		 nacts, ndone, nwont;
	/* Progress (process_progress): the mean of the top-level
	 * recommendations' in per cent, -1 when none has one; the
	 * recommendations, and those whose every action will not be done. */
	int		 progress;
	int		 nrecs, nrecs_wont;
	int		*status_counts;	/* per status index */
	int		 no_status;
	struct cat_unit	*units;		/* units with actions here */
	size_t		 nunits;
};

struct catalog {
	uint64_t		 version;
	time_t			 changed_at;
	struct status_list	 statuses;
	struct cat_process	*procs;
	size_t			 nprocs;
	struct cat_unit		*units;		/* every unit, by id */
	size_t			 nunits;
};

/*
 * A text in lang: its translation, or the Finnish text when there is
 * none; then *finnish is set (for a lang attribute and a notice), unless
 * the text is empty anyway.
 */
const char *cat_text(char *const texts[LANG_COUNT], enum lang,
	    int *finnish);

#endif
