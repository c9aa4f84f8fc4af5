/*
 * The panel's verdict in a page (page_verdict.c): the aggregate of a
 * recommendation beside the county's response, and its short form.
 */
#ifndef TOTEUMA_PAGE_VERDICT_H
#define TOTEUMA_PAGE_VERDICT_H

#include "html.h"
#include "i18n.h"
#include "verdict.h"

struct tmpl_vars;

/*
 * The section: each scale's distribution (or its count when fewer than
 * min have answered) and the comments (rendered "fragments.
 * verdict_comment" items; NULL or empty for none). Appends to out.
 */
void	page_verdict(struct html *out, const struct verdict_summary *,
	    const struct html *comments, int min, enum lang);
/* "The panel: response 3,4/5, progress 2,9/5 (answers: 7)", or nothing. */
void	page_verdict_short(struct html *out, const struct verdict_summary *,
	    enum lang);
/* A mean ("3.4") as lang writes it, into tv's variable name. */
void	page_verdict_mean(struct tmpl_vars *, const char *name,
	    const char *mean, enum lang);

#endif
