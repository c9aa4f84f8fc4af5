/*
 * The public forms of following by e-mail (/follow): asking to follow
 * a process, an action or a unit, and a follower's change on the page
 * where they manage what they follow. Each field's limit is defined
 * once here.
 */
#ifndef TOTEUMA_FOLLOW_FORM_H
#define TOTEUMA_FOLLOW_FORM_H

#include "form.h"
#include "mime.h"

/*
 * What is followed (process, action, unit) stands in this order, one
 * after the other, here and in the page's query (follow_what()).
 */
enum { FOL_CSRF, FOL_EMAIL, FOL_PROCESS, FOL_ACTION, FOL_UNIT, FOL_COUNT };

extern const struct form_field follow_fields[FOL_COUNT];

struct follow_form {
	struct form	 form;
	char		 email[MIME_ADDRESS_MAX + 2];	/* in lower case */
	const char	*kind;		/* "process", "action" or "unit" */
	const char	*key;		/* its slug or id; "" for none */
};

/*
 * What three values (a process, an action and a unit, in that order)
 * name: the kind and key of the first one given; a process with an
 * empty key when none is.
 */
void	follow_what(char *const *v, const char **kind, const char **key);
/*
 * The address in lower case with a message on it unless mail can be
 * sent to it, and what is followed. The number of fields with a
 * message.
 */
int	follow_form_check(struct follow_form *);
void	follow_form_free(struct follow_form *);

/* A follower's change: op (digest, remove or stop) and its argument. */
enum { FM_OP, FM_ARG, FM_COUNT };

extern const struct form_field follow_manage_fields[FM_COUNT];

#endif
