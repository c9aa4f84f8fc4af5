/* See define_form.h. */
#include <string.h>

#include "define_form.h"
#include "i18n.h"

#define TEXT_LONG	N_("The text is too long: at most 20,000 characters.")
#define BODY(name) { name, "err_" name, DEFINE_BODY_MAX, 0, PARAM_MULTILINE, \
	TEXT_LONG, NULL, NULL }

const struct form_field define_fields[DF_COUNT] = {
	[DF_BODY] = BODY("body"),
	[DF_BODY_SV] = BODY("body_sv"),
	[DF_BODY_EN] = BODY("body_en"),
	[DF_REVISION] = { "revision", "err_revision", 0, 9, 0, NULL, NULL,
	    param_is_digits },
	[DF_CSRF] = { "csrf", "err_csrf", 0, 64, 0, NULL, NULL, NULL },
};

int
define_form_check(struct define_form *df, int need_revision)
{
	struct form	*f = &df->form;
	const char	*msg = N_("Describe the action and choose at least one "
			    "recommendation. Nothing was saved.");

	if (f->v[DF_BODY][0] == '\0')
		form_fail(f, DF_BODY, msg);
	if (need_revision && f->v[DF_REVISION][0] == '\0')
		form_fail(f, DF_REVISION, msg);
	/* The refusal says one thing: what is missing, then what is long. */
	df->error = form_first_error(f, msg);
	return f->nerr;
}

FORM_FREE_DEFINE(define_form)
