/* See password_form.h. */
#include <string.h>

#include <sodium.h>

#include "i18n.h"
#include "password_form.h"

const struct form_field password_fields[PWF_COUNT] = {
	[PWF_CURRENT] = { "current", NULL, 0, PASSWORD_CURRENT_MAX,
	    0, NULL, NULL, NULL },
	[PWF_NEW] = { "new", NULL, 0, PASSWORD_NEW_MAX, 0, NULL, NULL,
	    NULL },
	[PWF_CONFIRM] = { "confirm", NULL, 0, PASSWORD_NEW_MAX, 0,
	    NULL, NULL, NULL },
	[PWF_CSRF] = FORM_CSRF,
};

int
password_form_check(struct password_form *pf)
{
	struct form	*f = &pf->form;

	form_fail(f, PWF_NEW, auth_password_problem(f->v[PWF_NEW]));
	if (strcmp(f->v[PWF_NEW], f->v[PWF_CONFIRM]) != 0)
		form_fail(f, PWF_CONFIRM, N_("The new password and its "
		    "confirmation differ."));
	return f->nerr;
}

void
password_form_free(struct password_form *pf)
{
	int	i;

	for (i = 0; i < pf->form.n; i++)
		if (pf->form.v[i] != NULL)
			sodium_memzero(pf->form.v[i], strlen(pf->form.v[i]));
	form_free(&pf->form);
	memset(pf, 0, sizeof(*pf));
}
