/*
 * The regional council's reports: counts of actions by status, by unit
 * and status, the county's responses to recommendations, overdue and
 * stale actions, what changed between two dates, and a process's table
 * as of a snapshot beside the table now. Rendered from the database in
 * the reader's language; handlers (http_report.c) validate and cache.
 */
#ifndef TOTEUMA_REPORT_H
#define TOTEUMA_REPORT_H

#include "catalog.h"
#include "labels.h"
#include "page.h"

/* A report's period: YYYY-MM-DD, or "" for the default. */
struct report_range {
	char	from[11];
	char	to[11];
	char	today[11];
};

/* Render results besides pages.h's: the period ends before it starts. */
#define RENDER_BAD_RANGE	2

/*
 * The report of one process, or of every published process when proc is
 * NULL. The default period ends today and starts after the latest
 * snapshot of the process, or 365 days earlier.
 */
int	render_report(struct page *, const struct cat_process *proc,
	    const struct report_range *);
/* Process proc's table as of snapshot id beside the table now. */
int	render_snapshot(struct page *, const struct cat_process *proc,
	    long long id);

/*
 * A snapshot's link (url) and its as_of and label, from row of sql,
 * for the lists of process slug's snapshots.
 */
struct kore_pgsql;
void	report_snapshot_vars(struct tmpl_vars *, struct kore_pgsql *sql,
	    int row, const char *slug, enum lang);

/* A bar of a chart, or the heading of a group of bars. */
struct chart_bar {
	const char	*label;
	int		 value;
	const char	*colour;	/* "#rrggbb", NULL: the default */
	int		 heading;
};

/*
 * An inline SVG bar chart (role="img", named by name) of n bars, each
 * with its label and value written beside it: the colour never says
 * anything alone. The same numbers go in a table beside the chart.
 */
void	report_chart(struct html *, const char *name,
	    const struct chart_bar *, int n);

#endif
