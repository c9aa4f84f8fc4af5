/* See status_form.h. */
#include <string.h>

#include "i18n.h"
#include "status_form.h"

#define LABEL_MISSING	N_("Give the label in Finnish, Swedish and English.")
#define LABEL_LONG	N_("A label has at most 60 characters.")
#define LABEL(name) { name, NULL, STATUS_LABEL_MAX, 0, FORM_REQUIRED, \
	LABEL_LONG, LABEL_MISSING, NULL }
#define MEANING_LONG	N_("What a status means is told in at most 400 " \
	"characters.")
#define MEANING(name) { name, NULL, STATUS_MEANING_MAX, 0, \
	PARAM_MULTILINE, MEANING_LONG, NULL, NULL }

const struct form_field status_fields[SF_COUNT] = {
	[SF_CODE] = { "code", NULL, 0, STATUS_CODE_BYTES, 0, NULL, NULL,
	    NULL },
	[SF_FI] = LABEL("label_fi"),
	[SF_SV] = LABEL("label_sv"),
	[SF_EN] = LABEL("label_en"),
	[SF_FINAL] = { "is_final", NULL, 0, 1, 0, NULL, NULL, NULL },
	[SF_COLOUR] = { "colour", NULL, 0, STATUS_COLOUR_BYTES, 0,
	    NULL, NULL, NULL },
	[SF_PROGRESS] = { "progress", NULL, 0, 8, 0, NULL, NULL,
	    NULL },
	[SF_MEANING_FI] = MEANING("meaning_fi"),
	[SF_MEANING_SV] = MEANING("meaning_sv"),
	[SF_MEANING_EN] = MEANING("meaning_en"),
	[SF_CSRF] = FORM_CSRF,
};

int
status_valid_colour(const char *s)
{
	int	i;

	if (s[0] != '#' || strlen(s) != 7)
		return 0;
	for (i = 1; i < 7; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* The first label with the message msgid, or NULL. */
static const char *
label_error(const struct form *f, const char *msgid)
{
	int	i;

	for (i = SF_FI; i <= SF_EN; i++)
		if (f->err[i] != NULL && strcmp(f->err[i], msgid) == 0)
			return msgid;
	return NULL;
}

int
status_form_check(struct status_form *sf, int is_new)
{
	struct form	*f = &sf->form;

	if (is_new && !param_is_code(f->v[SF_CODE]))
		form_fail(f, SF_CODE, N_("The code is a short name of "
		    "lowercase letters a-z and _, such as on_hold."));
	if (!status_valid_colour(f->v[SF_COLOUR]))
		form_fail(f, SF_COLOUR, N_("The colour is written as #rrggbb, "
		    "for example #15803d."));
	sf->is_final = form_ticked(f, SF_FINAL);
	sf->progress = STATUS_PROGRESS_NONE;
	if (f->v[SF_PROGRESS][0] != '\0' && param_int(f->v[SF_PROGRESS],
	    STATUS_PROGRESS_MIN, STATUS_PROGRESS_MAX, &sf->progress) != 0)
		form_fail(f, SF_PROGRESS, N_("Progress is a whole number from "
		    "0 to 100, or empty for a status that is not progress."));
	/* The page says one thing, in this order. */
	sf->error = f->err[SF_CODE];
	if (sf->error == NULL)
		sf->error = label_error(f, LABEL_MISSING);
	if (sf->error == NULL)
		sf->error = label_error(f, LABEL_LONG);
	if (sf->error == NULL)
		sf->error = f->err[SF_COLOUR];
	if (sf->error == NULL)
		sf->error = f->err[SF_PROGRESS];
	if (sf->error == NULL)
		sf->error = form_first_error(f, NULL);
	return f->nerr;
}

FORM_FREE_DEFINE(status_form);
