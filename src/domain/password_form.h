/*
 * The form that changes one's password (/b/password): its fields, each
 * limit defined once, and the checks of the new password that need no
 * database. The page checks the current password.
 */
#ifndef TOTEUMA_PASSWORD_FORM_H
#define TOTEUMA_PASSWORD_FORM_H

#include "auth.h"
#include "form.h"

#define PASSWORD_CURRENT_MAX	AUTH_PASSWORD_BYTES
/* One character more, so that a new password too long is told so. */
#define PASSWORD_NEW_MAX	PARAM_BYTES(AUTH_PASSWORD_MAX + 1)

enum { PWF_CURRENT, PWF_NEW, PWF_CONFIRM, PWF_CSRF, PWF_COUNT };

extern const struct form_field password_fields[PWF_COUNT];

struct password_form {
	struct form	 form;		/* the values and their messages */
};

/*
 * The password form's own checks on a form read with password_fields:
 * a new password that auth_password_problem() refuses, or a
 * confirmation that differs. The number of fields with a message.
 */
int	password_form_check(struct password_form *);
/* Wipes the passwords and frees the values. */
void	password_form_free(struct password_form *);

#endif
