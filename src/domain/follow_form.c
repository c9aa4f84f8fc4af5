/* See follow_form.h. */
#include <stdio.h>
#include <string.h>

#include "follow_form.h"
#include "i18n.h"
#include "params.h"
#include "process_form.h"

/* What an address that mail cannot reach is told. */
#define EMAIL_BAD	N_("Give your e-mail address, such as " \
	"name@example.org.")

const struct form_field follow_fields[FOL_COUNT] = {
	[FOL_CSRF] = FORM_CSRF,
	[FOL_EMAIL] = { "email", NULL, MIME_ADDRESS_MAX, 0, FORM_REQUIRED,
	    EMAIL_BAD, EMAIL_BAD, NULL },
	[FOL_PROCESS] = { "process", NULL, 0, PROCESS_SLUG_MAX, 0, NULL,
	    NULL, NULL },
	[FOL_ACTION] = { "action", NULL, 0, PARAM_ID_BYTES, 0, NULL, NULL,
	    NULL },
	[FOL_UNIT] = { "unit", NULL, 0, PARAM_ID_BYTES, 0, NULL, NULL, NULL },
};

const struct form_field follow_manage_fields[FM_COUNT] = {
	[FM_OP] = { "op", NULL, 0, 10, 0, NULL, NULL, param_is_code },
	[FM_ARG] = { "arg", NULL, 0, PARAM_ID_BYTES, 0, NULL, NULL, NULL },
};

void
follow_what_read(char *const *v, struct follow_what *w)
{
	static const char *const	kinds[] = { "process", "action",
					    "unit" };
	size_t				i;

	w->kind = kinds[0];
	w->key = "";
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (v[i] != NULL && *v[i] != '\0') {
			w->kind = kinds[i];
			w->key = v[i];
			return;
		}
}

int
follow_form_check(struct follow_form *ff)
{
	snprintf(ff->email, sizeof(ff->email), "%s",
	    ff->form.v[FOL_EMAIL]);
	mime_address_lower(ff->email);
	if (!mime_address_valid(ff->email))
		form_fail(&ff->form, FOL_EMAIL, EMAIL_BAD);
	follow_what_read(ff->form.v + FOL_PROCESS, &ff->what);
	return ff->form.nerr;
}

FORM_FREE_DEFINE(follow_form);
