/* See totp_form.h. */
#include <string.h>

#include <sodium.h>

#include "i18n.h"
#include "totp_form.h"

const struct form_field totp_fields[TF_COUNT] = {
	[TF_CODE] = { "code", NULL, TOTP_FORM_CODE_MAX, 0,
	    FORM_REQUIRED, N_("Type the six-digit code."),
	    N_("Type the six-digit code."), NULL },
	[TF_CSRF] = FORM_CSRF,
};

int
totp_form_check(struct totp_form *tf, int recovery_allowed)
{
	if (tf->form.err[TF_CODE] == NULL) {
		tf->kind = totp_code_kind(tf->form.v[TF_CODE], tf->code);
		if (tf->kind == TOTP_KIND_NONE || (!recovery_allowed &&
		    tf->kind == TOTP_KIND_RECOVERY))
			form_fail(&tf->form, TF_CODE, recovery_allowed ?
			    N_("Type the six-digit code of your "
			    "authenticator app, or one of your recovery "
			    "codes.") : N_("Type the six-digit code."));
	}
	return tf->form.nerr;
}

void
totp_form_free(struct totp_form *tf)
{
	form_wipe(&tf->form, TF_CODE);
	form_free(&tf->form);
	sodium_memzero(tf, sizeof(*tf));
}
