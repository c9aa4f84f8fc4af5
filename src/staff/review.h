/*
 * The review step of a process (http_review.c): what "My actions" says
 * of a unit editor's updates that wait for review or were returned.
 */
#ifndef TOTEUMA_REVIEW_H
#define TOTEUMA_REVIEW_H

#include "backend.h"

/*
 * The dashboard's "returned" (the user's updates returned with a
 * comment, newest first) and "waiting" (how many of theirs wait):
 * 0, or -1 when the database did not answer.
 */
int	review_dashboard(struct tmpl_vars *, const struct backend *);

#endif
