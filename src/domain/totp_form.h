/*
 * The forms of the second factor: the code asked after the password
 * (/login/code) and the code that confirms an enrolment
 * (/b/account/totp). One field, a code as typed, read as six digits or
 * a recovery code; the page checks it against the database.
 */
#ifndef TOTEUMA_TOTP_FORM_H
#define TOTEUMA_TOTP_FORM_H

#include "form.h"
#include "totp.h"

/* What a person may type: a recovery code with spaces and dashes. */
#define TOTP_FORM_CODE_MAX	40	/* characters */

enum { TF_CODE, TF_CSRF, TF_COUNT };

extern const struct form_field totp_fields[TF_COUNT];

struct totp_form {
	struct form	 form;			/* the values as sent */
	enum totp_kind	 kind;
	char		 code[TOTP_RECOVERY_CHARS + 1];	/* normalised */
};

/*
 * The code of a form read with totp_fields, normalised into code with
 * its kind; a message on the field when it is neither a six-digit code
 * nor (recovery allowed) a recovery code. The number of messages.
 */
int	totp_form_check(struct totp_form *, int recovery_allowed);
/* Wipes the code and frees the values. */
void	totp_form_free(struct totp_form *);

#endif
