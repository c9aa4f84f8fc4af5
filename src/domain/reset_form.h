/*
 * The "forgot password" form (/login/forgot): the address a reset link
 * is asked for. The page answers the same whether or not the address
 * is an account's; only an address that mail cannot reach is told so.
 * The page that uses the link reads password_fields (password_form.h).
 */
#ifndef TOTEUMA_RESET_FORM_H
#define TOTEUMA_RESET_FORM_H

#include "form.h"
#include "mime.h"

#define RESET_EMAIL_MAX		MIME_ADDRESS_MAX

enum { RSF_EMAIL, RSF_CSRF, RSF_COUNT };

extern const struct form_field reset_fields[RSF_COUNT];

struct reset_form {
	struct form	 form;
	char		 email[RESET_EMAIL_MAX + 2];	/* in lower case */
};

/*
 * The address in lower case, and a message on it unless it is one mail
 * can be sent to. The number of fields with a message.
 */
int	reset_form_check(struct reset_form *);
void	reset_form_free(struct reset_form *);

#endif
