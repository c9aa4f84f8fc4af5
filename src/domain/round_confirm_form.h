/*
 * The form by which a unit editor confirms an action in a reporting
 * round (/b/rounds/ID/confirm): the action's id, whether the editor
 * ticked "I have checked that this is still true" (needed for an
 * action that is overdue, stale or without a status) and the CSRF
 * token.
 */
#ifndef TOTEUMA_ROUND_CONFIRM_FORM_H
#define TOTEUMA_ROUND_CONFIRM_FORM_H

#include "form.h"

#define ROUND_CONFIRM_ACTION_DIGITS	18	/* an action id's digits */

enum { RC_ACTION, RC_CHECKED, RC_CSRF, RC_COUNT };

extern const struct form_field round_confirm_fields[RC_COUNT];

struct round_confirm_form {
	struct form	 form;
	long long	 action;	/* 0: none given */
	int		 checked;	/* the box was ticked */
};

/*
 * The action as a number, or a message on RC_ACTION when the form does
 * not name one, and whether the box was ticked ("1"); the number of
 * fields with a message.
 */
int	round_confirm_form_check(struct round_confirm_form *);
void	round_confirm_form_free(struct round_confirm_form *);

#endif
