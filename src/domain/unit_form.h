/*
 * The unit form (an admin's /b/units/ID and /b/units/new): a unit's name
 * with its Swedish and English names, and the unit above it, each
 * limit defined once. The name's limit is
 * the SQL CHECK of unit.name, counted after trimming as the table
 * stores it; tests/limits.c holds it against the table.
 */
#ifndef TOTEUMA_UNIT_FORM_H
#define TOTEUMA_UNIT_FORM_H

#include "form.h"

#define UNIT_NAME_MAX	200	/* characters, trimmed */

enum { NF_NAME, NF_NAME_SV, NF_NAME_EN, NF_PARENT, NF_CSRF, NF_COUNT };

extern const struct form_field unit_fields[NF_COUNT];

struct unit_form {
	struct form	 form;
	const char	*name;		/* trimmed, in the form's value */
	const char	*name_sv;	/* trimmed; "" when not translated */
	const char	*name_en;
	const char	*error;		/* the page's one message, or NULL */
};

/* The form's own checks; the number of fields with a message. */
int	unit_form_check(struct unit_form *);
void	unit_form_free(struct unit_form *);

#endif
