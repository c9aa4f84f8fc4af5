/*
 * The response form (an admin's /b/r/ID): the county's response to a
 * recommendation and its reason, each limit defined once. The reason's
 * limit is the SQL CHECK of recommendation.response_reason.
 */
#ifndef TOTEUMA_RESPONSE_FORM_H
#define TOTEUMA_RESPONSE_FORM_H

#include "form.h"

#define RESPONSE_REASON_MAX	20000	/* characters */

enum { RSP_RESPONSE, RSP_REASON, RSP_CATEGORY, RSP_CSRF, RSP_COUNT };

extern const struct form_field response_fields[RSP_COUNT];

/* The responses the form offers; "" is none. */
extern const char *const response_codes[];
#define NRESPONSES	4

struct response_form {
	struct form	 form;
	const char	*error;		/* the page's one message, or NULL */
};

/*
 * The form's own checks, and a reason's category (an id) whenever the
 * response is "not accepted" or "partly"; none is kept otherwise. The
 * number of fields with a message.
 */
int	response_form_check(struct response_form *);
void	response_form_free(struct response_form *);

#endif
