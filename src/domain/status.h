/*
 * The configurable status list, and reading a status cell ("Käsitelty
 * Alusta kilpailutettu.") into a status and its note.
 */
#ifndef TOTEUMA_STATUS_H
#define TOTEUMA_STATUS_H

#include <stddef.h>

#include "i18n.h"

struct status {
	int	 id;
	char	 code[33];
	char	*label[LANG_COUNT];
	int	 is_final;
	int	 progress;		/* per cent; -1: not progress */
	char	*meaning[LANG_COUNT];	/* what it means; "" if untold */
	char	 colour[8];
	int	 position;
};

struct status_list {
	struct status	*items;
	size_t		 count;
};

/*
 * Finds the status whose label (in any language, ignoring case) starts
 * the cell, the longest one if several do. Returns its index and points
 * *note at the rest, without the separating punctuation and spaces; -1
 * when no label matches (*note is then untouched). An empty cell is -2.
 */
int	status_parse(const struct status_list *, const char *cell,
	    const char **note);
const struct status *status_by_code(const struct status_list *,
	    const char *);
const struct status *status_by_id(const struct status_list *, int);
void	status_list_free(struct status_list *);

#endif
