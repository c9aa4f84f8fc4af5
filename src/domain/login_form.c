/* See login_form.h. */
#include <stdio.h>
#include <string.h>

#include "login_form.h"

const struct form_field login_fields[LF_COUNT] = {
	[LF_EMAIL] = { "email", NULL, 0, LOGIN_EMAIL_MAX, 0, NULL,
	    NULL, NULL },
	[LF_PASSWORD] = { "password", NULL, 0, LOGIN_PASSWORD_MAX,
	    0, NULL, NULL, NULL },
	[LF_CSRF] = FORM_CSRF,
};

int
login_form_check(struct login_form *lf)
{
	snprintf(lf->email, sizeof(lf->email), "%s",
	    lf->form.v[LF_EMAIL]);
	mime_address_lower(lf->email);
	return lf->form.nerr;
}

void
login_form_free(struct login_form *lf)
{
	form_wipe(&lf->form, LF_PASSWORD);
	form_free(&lf->form);
	memset(lf, 0, sizeof(*lf));
}
