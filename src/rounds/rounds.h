/*
 * Reporting rounds (http_rounds.c): what the unit editor's own page and
 * action pages show of the open rounds that ask their units for an
 * answer.
 */
#ifndef TOTEUMA_ROUNDS_H
#define TOTEUMA_ROUNDS_H

#include "backend.h"

/*
 * Appends to out a request per open round that covers actions of the
 * signed-in user's units, with those actions and their answers. Returns
 * -1 when the database did not answer (nothing is appended).
 */
int	rounds_dashboard(struct html *out, struct backend *);
/*
 * Appends to out, for each open round that covers action aid (which the
 * user may edit), the form that confirms it as up to date with its
 * status, schedule and last update beside it. -1 when the database did
 * not answer.
 */
int	rounds_action(struct html *out, struct backend *, const char *aid);

#endif
