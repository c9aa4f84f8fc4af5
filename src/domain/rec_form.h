/*
 * An admin's recommendation form (/b/r/ID/define and a new one under
 * /b/p/ID/recommendation): its number as the panel numbered it, its
 * text in three languages and, for a new one, its parent. The text
 * limits are the SQL CHECKs of recommendation.body*; tests/limits.c
 * holds them against the table.
 */
#ifndef TOTEUMA_REC_FORM_H
#define TOTEUMA_REC_FORM_H

#include "form.h"

#define REC_BODY_MAX	20000	/* characters */
/* What a text over it is told. */
#define REC_TEXT_LONG	N_("The text is too long: at most 20,000 characters.")
#define REC_NUMBER_MAX	24	/* bytes: up to five parts of four digits */

enum { RD_NUMBER, RD_BODY, RD_BODY_SV, RD_BODY_EN, RD_PARENT, RD_CSRF,
    RD_COUNT };

extern const struct form_field rec_fields[RD_COUNT];

struct rec_form {
	struct form	 form;
	long long	 parent;	/* 0: a top-level recommendation */
	const char	*error;		/* the refusal's message, or NULL */
};

/* "3", "3.1", "12.4.2": as the schema allows numbers. */
int	rec_number_valid(const char *);
/* The form's own checks; the number of fields with a message. */
int	rec_form_check(struct rec_form *);
void	rec_form_free(struct rec_form *);

#endif
