/* See settings_form.h. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "settings_form.h"

#define DAYS(name) { name, NULL, 0, 8, 0, NULL, NULL, NULL }

const struct form_field settings_fields[ST_COUNT] = {
	[ST_STALE] = DAYS("stale_days"),
	[ST_SOON] = DAYS("due_soon_days"),
	[ST_REMIND] = DAYS("round_reminder_days"),
	[ST_CSRF] = FORM_CSRF,
};

/* The number of days in s, or 0 when it is not in the range. */
static int
days(const char *s)
{
	int	n;

	if (!param_is_digits(s))
		return 0;
	n = atoi(s);
	return n >= SETTINGS_DAYS_MIN && n <= SETTINGS_DAYS_MAX ? n : 0;
}

int
settings_form_check(struct settings_form *sf)
{
	struct form	*f = &sf->form;
	const char	*msg = N_("Give each number of days as a whole number "
			    "from 1 to 3650.");

	sf->error = NULL;
	if ((sf->stale_days = days(f->v[ST_STALE])) == 0)
		form_fail(f, ST_STALE, msg);
	if ((sf->due_soon_days = days(f->v[ST_SOON])) == 0)
		form_fail(f, ST_SOON, msg);
	sf->reminder_days = -1;
	if (f->v[ST_REMIND][0] != '\0') {
		if (param_is_digits(f->v[ST_REMIND]) &&
		    atoi(f->v[ST_REMIND]) <= SETTINGS_REMIND_MAX)
			sf->reminder_days = atoi(f->v[ST_REMIND]);
		else
			form_fail(f, ST_REMIND, N_("Give the days before a "
			    "round's deadline as a whole number "
			    "from 0 to 60."));
	}
	if (f->nerr > 0)
		sf->error = f->err[ST_STALE] == NULL && f->err[ST_SOON] ==
		    NULL ? f->err[ST_REMIND] : msg;
	return f->nerr;
}

FORM_FREE_DEFINE(settings_form);
