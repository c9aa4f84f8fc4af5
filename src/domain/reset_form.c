/* See reset_form.h. */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "mime.h"
#include "reset_form.h"

const struct form_field reset_fields[RSF_COUNT] = {
	[RSF_EMAIL] = { "email", NULL, 0, RESET_EMAIL_MAX, 0, NULL,
	    NULL, NULL },
	[RSF_CSRF] = FORM_CSRF,
};

int
reset_form_check(struct reset_form *rf)
{
	snprintf(rf->email, sizeof(rf->email), "%s", rf->form.v[RSF_EMAIL]);
	mime_address_lower(rf->email);
	if (!mime_address_valid(rf->email))
		form_fail(&rf->form, RSF_EMAIL, N_("Give your e-mail address, "
		    "such as name@example.org."));
	return rf->form.nerr;
}

void
reset_form_free(struct reset_form *rf)
{
	form_free(&rf->form);
	memset(rf, 0, sizeof(*rf));
}
