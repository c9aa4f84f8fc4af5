/*
 * The user form (an admin's /b/users/ID and /b/users/new): a staff
 * account's e-mail address, name, role, whether it is disabled and a new
 * password (for a new user, none: an invitation is mailed in the
 * language chosen), each limit defined once. The name's limit is the SQL CHECK
 * of app_user.name; tests/limits.c holds it against the table.
 */
#ifndef TOTEUMA_USER_FORM_H
#define TOTEUMA_USER_FORM_H

#include "auth.h"
#include "form.h"
#include "mime.h"

#define USER_EMAIL_BYTES	MIME_ADDRESS_MAX
#define USER_NAME_MAX		200	/* characters */

enum { UF_EMAIL, UF_NAME, UF_ROLE, UF_DISABLED, UF_PASSWORD, UF_MAIL_LANG,
    UF_CSRF, UF_COUNT };

extern const struct form_field user_fields[UF_COUNT];

struct user_form {
	struct form	 form;
	int		 admin;		/* the role is admin, not editor */
	int		 disabled;
	int		 invite;	/* a new user without a password */
	const char	*mail_lang;	/* of its mail: fi, sv, en;
					   NULL: keep */
	const char	*error;		/* the page's one message, or NULL */
};

/*
 * The form's own checks, for a new user or not and with the number of
 * units ticked; the e-mail address is made lowercase. The number of
 * fields with a message.
 */
int	user_form_check(struct user_form *, int is_new, size_t nunits);
/* Frees the form, wiping the password. */
void	user_form_free(struct user_form *);
/* Whether s is an e-mail address the app_user table takes. */
int	user_valid_email(const char *);

#endif
