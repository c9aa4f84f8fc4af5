/*
 * Reporting rounds (http_rounds.c): what the unit editor's own page
 * shows of the open rounds that ask their units for an answer.
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

#endif
