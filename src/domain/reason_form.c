/* See reason_form.h. */
#include <string.h>

#include "i18n.h"
#include "reason_form.h"

#define LABEL_MISSING	N_("Give the label in Finnish, Swedish and English.")
#define LABEL_LONG	N_("A label has at most 80 characters.")
#define LABEL(name) { name, NULL, REASON_LABEL_MAX, 0, FORM_REQUIRED, \
	LABEL_LONG, LABEL_MISSING, NULL }

const struct form_field reason_fields[RNF_COUNT] = {
	[RNF_CODE] = { "code", NULL, 0, REASON_CODE_BYTES, 0, NULL, NULL,
	    NULL },
	[RNF_FI] = LABEL("label_fi"),
	[RNF_SV] = LABEL("label_sv"),
	[RNF_EN] = LABEL("label_en"),
	[RNF_CSRF] = FORM_CSRF,
};

int
reason_form_check(struct reason_form *rf, int is_new)
{
	struct form	*f = &rf->form;

	if (is_new && !param_is_code(f->v[RNF_CODE]))
		form_fail(f, RNF_CODE, N_("The code is a short name of "
		    "lowercase letters a-z and _, such as no_funding."));
	rf->error = form_first_error(f, LABEL_MISSING);
	return f->nerr;
}

FORM_FREE_DEFINE(reason_form);
