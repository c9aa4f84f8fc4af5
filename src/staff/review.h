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

/*
 * The action form's word on action aid's review, into out: that an
 * update waits (who sent it, when), or the comment it was last returned
 * with. 0, or -1 when the database did not answer.
 */
int	review_action_notice(struct html *out, const char *aid, enum lang);

#endif
