/*
 * The sign-in form (/login): its fields, each limit defined once, and
 * the e-mail address as it is looked up. The page checks the token
 * against its cookie and the password against the database.
 */
#ifndef TOTEUMA_LOGIN_FORM_H
#define TOTEUMA_LOGIN_FORM_H

#include "auth.h"
#include "form.h"
#include "mime.h"

#define LOGIN_EMAIL_MAX		MIME_ADDRESS_MAX
#define LOGIN_PASSWORD_MAX	AUTH_PASSWORD_BYTES

enum { LF_EMAIL, LF_PASSWORD, LF_CSRF, LF_COUNT };

extern const struct form_field login_fields[LF_COUNT];

struct login_form {
	struct form	 form;			/* the values as sent */
	char		 email[LOGIN_EMAIL_MAX + 2];	/* in lower case */
};

/*
 * The sign-in form's own reading of a form read with login_fields: the
 * address in lower case (ASCII letters). The number of fields with a
 * message (none: a wrong address or password is the page's to say).
 */
int	login_form_check(struct login_form *);
/* Wipes the password and the values, and frees them. */
void	login_form_free(struct login_form *);

#endif
