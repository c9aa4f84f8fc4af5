/*
 * Schedules as people write them: months ("10/2024 – 3/2026", month
 * precision), "Jatkuvaa" (continuous), or free text.
 */
#ifndef TOTEUMA_SCHEDULE_H
#define TOTEUMA_SCHEDULE_H

#include <stddef.h>

#include "buf.h"
#include "msg.h"

enum schedule_kind {
	SCHEDULE_NONE,
	SCHEDULE_MONTHS,
	SCHEDULE_CONTINUOUS,
	SCHEDULE_TEXT
};

struct schedule {
	enum schedule_kind	kind;
	int			start_year, start_month;	/* 0: none */
	int			end_year, end_month;		/* 0: none */
};

/*
 * Parses s. Returns 0, or -1 with a reason in why for text that looks
 * like a month but is not one ("13/2025") or a range that ends before it
 * starts. Free text is not an error: its kind is SCHEDULE_TEXT.
 */
int	schedule_parse(const char *s, struct schedule *, struct msg *why);
/* The canonical written form, as the published table writes it. */
void	schedule_format(const struct schedule *, const char *text,
	    struct buf *);
const char *schedule_kind_name(enum schedule_kind);
int	schedule_kind_from_name(const char *, enum schedule_kind *);

#endif
