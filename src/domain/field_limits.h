/*
 * The limits the pages' fields show (an input's maxlength), each the
 * number its form checks: the templates write {{=name}} for them, so
 * that a limit is typed once, in the form's own header.
 */
#ifndef TOTEUMA_FIELD_LIMITS_H
#define TOTEUMA_FIELD_LIMITS_H

#include <stddef.h>

#include "tmpl.h"

/* Forms read by their page's own spec: the limits of their texts. */
#define REVIEW_COMMENT_MAX	2000	/* characters, as action_update */

extern const struct tmpl_const	template_limits[];
extern const size_t		ntemplate_limits;

#endif
