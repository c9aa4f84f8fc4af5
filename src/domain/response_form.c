/* See response_form.h. */
#include <string.h>

#include "i18n.h"
#include "response_form.h"

const char *const response_codes[NRESPONSES] = {
	"accepted", "partly", "not_accepted", "under_consideration"
};

const struct form_field response_fields[RSP_COUNT] = {
	[RSP_RESPONSE] = { "response", NULL, 0, 32, 0, NULL, NULL,
	    NULL },
	[RSP_REASON] = { "reason", "err_reason", RESPONSE_REASON_MAX, 0,
	    PARAM_MULTILINE, N_("The text is too long: at most 20,000 "
	    "characters."), NULL, NULL },
	[RSP_CATEGORY] = { "reason_category", NULL, 0, 9, 0,
	    NULL, NULL, param_is_digits },
	[RSP_CSRF] = FORM_CSRF,
};

int
response_form_check(struct response_form *rf)
{
	struct form	*f = &rf->form;
	size_t		 k;

	for (k = 0; k < NRESPONSES; k++)
		if (strcmp(response_codes[k], f->v[RSP_RESPONSE]) == 0)
			break;
	if (k == NRESPONSES && f->v[RSP_RESPONSE][0] != '\0')
		form_fail(f, RSP_RESPONSE, N_("Choose a response from the "
		    "list."));
	if (strcmp(f->v[RSP_RESPONSE], "not_accepted") == 0 ||
	    strcmp(f->v[RSP_RESPONSE], "partly") == 0) {
		if (f->v[RSP_CATEGORY][0] == '\0')
			form_fail(f, RSP_CATEGORY, N_("Choose why the "
			    "recommendation is not accepted in full."));
	} else
		f->v[RSP_CATEGORY][0] = '\0';
	/* The page says one thing: the first field's message. */
	rf->error = form_first_error(f, NULL);
	return f->nerr;
}

FORM_FREE_DEFINE(response_form);
