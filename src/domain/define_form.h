/*
 * The forms of an admin's action and recommendation changes: an action's
 * text in three languages with its revision (define_fields), and a
 * recommendation's number, text and parent (rec_fields), each limit
 * defined once. The text limits are the SQL CHECKs of action.body* and
 * recommendation.body*; tests/limits.c holds them against the tables.
 * An action's weight in the progress of each recommendation it answers
 * comes in fields weight-ID (ID the recommendation's), limits as the
 * CHECK of recommendation_action.weight.
 */
#ifndef TOTEUMA_DEFINE_FORM_H
#define TOTEUMA_DEFINE_FORM_H

#include <jansson.h>

#include "form.h"

#define DEFINE_BODY_MAX		20000	/* characters */
#define DEFINE_WEIGHT_MIN	1
#define DEFINE_WEIGHT_MAX	100
#define DEFINE_WEIGHT_DEFAULT	1	/* every action weighs the same */
#define DEFINE_WEIGHT_FIELD	"weight-"	/* weight-ID */

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
/*
 * The weights in the fields weight-ID of the form's body as an object
 * {"ID": weight} that the caller owns; an empty field is left out (the
 * default). NULL with df->error set when a weight is not a whole number
 * from DEFINE_WEIGHT_MIN to DEFINE_WEIGHT_MAX or an ID is not a number.
 */
json_t	*define_form_weights(struct define_form *, const char *body);
void	define_form_free(struct define_form *);

#endif
