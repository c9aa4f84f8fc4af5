/*
 * The reason category form (an admin's /b/reasons/ID and
 * /b/reasons/new): a category's code (only when new) and its labels in
 * three languages. The labels' limit is the SQL CHECK of the
 * reason_category table; tests/limits.c holds it against it.
 */
#ifndef TOTEUMA_REASON_FORM_H
#define TOTEUMA_REASON_FORM_H

#include "form.h"

#define REASON_LABEL_MAX	80	/* characters */
#define REASON_CODE_BYTES	32

enum { RNF_CODE, RNF_FI, RNF_SV, RNF_EN, RNF_CSRF, RNF_COUNT };

extern const struct form_field reason_fields[RNF_COUNT];

struct reason_form {
	struct form	 form;
	const char	*error;		/* the page's one message, or NULL */
};

/* The form's own checks (the code only when new); how many failed. */
int	reason_form_check(struct reason_form *, int is_new);
void	reason_form_free(struct reason_form *);

#endif
