/*
 * The form that makes a snapshot of a process (/b/p/ID/snapshots): the
 * day it shows and a label. The label's limit is the SQL CHECK of the
 * snapshot table; tests/limits.c holds it against the database.
 */
#ifndef TOTEUMA_SNAPSHOT_FORM_H
#define TOTEUMA_SNAPSHOT_FORM_H

#include "form.h"

#define SNAPSHOT_LABEL_MAX	200	/* characters */
#define SNAPSHOT_AS_OF_BYTES	32

enum { SN_AS_OF, SN_LABEL, SN_CSRF, SN_COUNT };

extern const struct form_field snapshot_fields[SN_COUNT];

struct snapshot_form {
	struct form	 form;
	int		 as_of_year;	/* the day, when it is a date */
	int		 as_of_month;
	int		 as_of_day;
};

/* The day as a date, or its message; the number of fields with one. */
int	snapshot_form_check(struct snapshot_form *);
/* The day as YYYY-MM-DD into buf (at least 11 bytes). */
void	snapshot_form_as_of(const struct snapshot_form *, char *, size_t);
void	snapshot_form_free(struct snapshot_form *);

#endif
