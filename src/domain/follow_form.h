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
 * after the other, here and in the page's query (follow_what_read()).
 */
enum { FOL_CSRF, FOL_EMAIL, FOL_PROCESS, FOL_ACTION, FOL_UNIT, FOL_COUNT };

extern const struct form_field follow_fields[FOL_COUNT];

/* What is followed: kind "process" (key a slug), "action" or "unit". */
struct follow_what {
	const char	*kind;
	const char	*key;		/* its slug or id; "" for none */
};

struct follow_form {
	struct form		 form;
	char			 email[MIME_ADDRESS_MAX + 2];	/* lower case */
	struct follow_what	 what;
};

/*
 * What three values (a process, an action and a unit, in that order)
 * name: the kind and key of the first one given; a process with an
 * empty key when none is.
 */
void	follow_what_read(char *const *v, struct follow_what *);
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
