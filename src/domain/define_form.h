/*
 * The forms of an admin's action and recommendation changes: an action's
 * text in three languages with its revision (define_fields), and a
 * recommendation's number, text and parent (rec_fields), each limit
 * defined once. The text limits are the SQL CHECKs of action.body* and
 * recommendation.body*; tests/limits.c holds them against the tables.
 */
#ifndef TOTEUMA_DEFINE_FORM_H
#define TOTEUMA_DEFINE_FORM_H

#include "form.h"

#define DEFINE_BODY_MAX		20000	/* characters */

enum { DF_BODY, DF_BODY_SV, DF_BODY_EN, DF_REVISION, DF_CSRF, DF_COUNT };

extern const struct form_field define_fields[DF_COUNT];

struct define_form {
	struct form	 form;
	const char	*error;		/* the refusal's message, or NULL */
};

/*
 * The action form's own checks (the revision when need_revision); the
 * number of fields with a message.
 */
int	define_form_check(struct define_form *, int need_revision);
void	define_form_free(struct define_form *);

#endif
