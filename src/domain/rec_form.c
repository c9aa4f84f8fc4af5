/* See rec_form.h. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "rec_form.h"

#define BODY(name) { name, NULL, REC_BODY_MAX, 0, PARAM_MULTILINE, \
	REC_TEXT_LONG, NULL, NULL }
#define INCOMPLETE	N_("Give the text, and a number such as 3 or 3.1 (or " \
	"none for a specification). Nothing was saved.")

const struct form_field rec_fields[RD_COUNT] = {
	[RD_NUMBER] = { "number", NULL, 0, REC_NUMBER_MAX, 0, NULL,
	    NULL, NULL },
	[RD_BODY] = { "body", NULL, REC_BODY_MAX, 0,
	    PARAM_MULTILINE | FORM_REQUIRED, REC_TEXT_LONG, INCOMPLETE, NULL },
	[RD_BODY_SV] = BODY("body_sv"),
	[RD_BODY_EN] = BODY("body_en"),
	[RD_PARENT] = { "parent", NULL, 0, PARAM_ID_BYTES, 0, NULL, NULL,
	    NULL },
	[RD_CSRF] = FORM_CSRF,
};

int
rec_number_valid(const char *s)
{
	int	digits = 0, parts = 1;

	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9') {
			if (++digits > 4)
				return 0;
		} else if (*s == '.' && digits > 0 && parts < 5) {
			digits = 0;
			parts++;
		} else
			return 0;
	}
	return digits > 0;
}

int
rec_form_check(struct rec_form *rf)
{
	struct form	*f = &rf->form;
	const char	*p = f->v[RD_PARENT];

	if (f->v[RD_NUMBER][0] != '\0' && !rec_number_valid(f->v[RD_NUMBER]))
		form_fail(f, RD_NUMBER, INCOMPLETE);
	rf->parent = 0;
	if (*p != '\0' && (!param_is_digits(p) ||
	    (rf->parent = strtoll(p, NULL, 10)) <= 0))
		form_fail(f, RD_PARENT, INCOMPLETE);
	/* The refusal says one thing: what is missing, then what is long. */
	rf->error = form_first_error(f, INCOMPLETE);
	return f->nerr;
}

FORM_FREE_DEFINE(rec_form);
