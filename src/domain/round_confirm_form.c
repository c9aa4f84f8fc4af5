/* See round_confirm_form.h. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "params.h"
#include "round_confirm_form.h"

const struct form_field round_confirm_fields[RC_COUNT] = {
	[RC_ACTION] = { "action", NULL, 0,
	    ROUND_CONFIRM_ACTION_DIGITS, FORM_REQUIRED, NULL,
	    N_("The form does not say which action to confirm. Nothing was "
	    "saved."), param_is_digits },
	[RC_CHECKED] = { "checked", NULL, 0, 1, 0, NULL, NULL,
	    NULL },
	[RC_CSRF] = FORM_CSRF,
};

int
round_confirm_form_check(struct round_confirm_form *cf)
{
	const char	*a = cf->form.v[RC_ACTION];

	cf->action = *a != '\0' ? strtoll(a, NULL, 10) : 0;
	cf->checked = strcmp(cf->form.v[RC_CHECKED], "1") == 0;
	return cf->form.nerr;
}

FORM_FREE_DEFINE(round_confirm_form);
