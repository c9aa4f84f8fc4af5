/*
 * The weekly digest on an editor's own page: whether it is on, and the
 * form that turns it off or on (POST /b/digest).
 */
#ifndef TOTEUMA_DIGEST_H
#define TOTEUMA_DIGEST_H

#include "backend.h"

/*
 * The dashboard's digest_shown, digest_on and digest_saved (and the
 * form's csrf and lang_query) for the signed-in user: 0, or -1 when the
 * database did not answer.
 */
int	digest_vars(struct tmpl_vars *, const struct backend *);

#endif
