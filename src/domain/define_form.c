/* See define_form.h. */
#include <stdlib.h>
#include <string.h>

#include "define_form.h"
#include "i18n.h"
#include "params.h"

/* A process's every recommendation twice (ticked, weight), and units. */
#define MAX_FIELDS	1024

#define TEXT_LONG	N_("The text is too long: at most 20,000 characters.")
#define BODY(name) { name, NULL, DEFINE_BODY_MAX, 0, PARAM_MULTILINE, \
	TEXT_LONG, NULL, NULL }

const struct form_field define_fields[DF_COUNT] = {
	[DF_BODY] = BODY("body"),
	[DF_BODY_SV] = BODY("body_sv"),
	[DF_BODY_EN] = BODY("body_en"),
	[DF_REVISION] = { "revision", "err_revision", 0, 9, 0, NULL, NULL,
	    param_is_digits },
	[DF_CSRF] = FORM_CSRF,
};

int
define_form_check(struct define_form *df, int need_revision)
{
	struct form	*f = &df->form;
	/* Defining an action chooses its recommendations; a new one has
	   the recommendation whose page it is added on. */
	const char	*msg = need_revision ? N_("Describe the action and "
			    "choose at least one recommendation. Nothing was "
			    "saved.") : N_("Describe the action. Nothing was "
			    "saved.");

	if (f->v[DF_BODY][0] == '\0')
		form_fail(f, DF_BODY, msg);
	if (need_revision && f->v[DF_REVISION][0] == '\0')
		form_fail(f, DF_REVISION, msg);
	/* The refusal says one thing: what is missing, then what is long. */
	df->error = form_first_error(f, msg);
	return f->nerr;
}

json_t *
define_form_weights(struct define_form *df, const char *body)
{
	char	*names[MAX_FIELDS], *values[MAX_FIELDS];
	size_t	 n, i, len = strlen(DEFINE_WEIGHT_FIELD);
	json_t	*o = json_object();
	int	 w;

	n = params_list(body, names, values, MAX_FIELDS);
	for (i = 0; i < n; i++) {
		if (o != NULL && strncmp(names[i], DEFINE_WEIGHT_FIELD,
		    len) == 0 && values[i][0] != '\0') {
			if (param_int(values[i], DEFINE_WEIGHT_MIN,
			    DEFINE_WEIGHT_MAX, &w) == -1 ||
			    !param_is_digits(names[i] + len)) {
				df->error = N_("A weight is a whole number "
				    "from 1 to 100. Nothing was saved.");
				json_decref(o);
				o = NULL;
			} else
				json_object_set_new(o, names[i] + len,
				    json_integer(w));
		}
		free(names[i]);
		free(values[i]);
	}
	return o;
}

FORM_FREE_DEFINE(define_form);
