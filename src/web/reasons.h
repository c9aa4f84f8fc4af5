/*
 * The list of reason categories (reason_category: why a recommendation
 * is not fully accepted or an action will not be done) as the options
 * of a form's select, and a category's label, read from the database.
 */
#ifndef TOTEUMA_REASONS_H
#define TOTEUMA_REASONS_H

#include "html.h"
#include "i18n.h"

/*
 * Each category as an option of a select (the template
 * "fragments.option") into out,
 * selected being the id that is chosen (or ""). Returns how many, or -1
 * when the database failed.
 */
int	reason_options(struct html *out, const char *selected, enum lang);

#endif
