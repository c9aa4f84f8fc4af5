/*
 * The new-process form (an admin's /b/p/new): the address name, title,
 * kind and year of a process that starts unpublished. The title's limit
 * and the years are the process form's (process_form.h), which are the
 * SQL CHECKs of the process table.
 */
#ifndef TOTEUMA_NEW_PROCESS_FORM_H
#define TOTEUMA_NEW_PROCESS_FORM_H

#include <jansson.h>

#include "form.h"
#include "process_form.h"

enum { NP_SLUG, NP_TITLE, NP_KIND, NP_YEAR, NP_CSRF, NP_COUNT };

extern const struct form_field new_process_fields[NP_COUNT];

struct new_process_form {
	struct form	 form;
	int		 year;		/* 0: none */
	const char	*error;		/* the page's one message, or NULL */
};

/*
 * The form's own checks, given whether the address name is one the
 * store takes; the number of fields with a message.
 */
int	new_process_form_check(struct new_process_form *, int slug_ok);
void	new_process_form_free(struct new_process_form *);
/* The document process_create() takes. */
json_t	*new_process_form_json(const struct new_process_form *);

#endif
