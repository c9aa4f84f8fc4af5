/* See settings_form.h. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "settings_form.h"

#define DAYS(name) { name, "err_" name, 0, 8, 0, NULL, NULL, NULL }

const struct form_field settings_fields[ST_COUNT] = {
	[ST_STALE] = DAYS("stale_days"),
	[ST_SOON] = DAYS("due_soon_days"),
	[ST_CSRF] = { "csrf", "err_csrf", 0, 64, 0, NULL, NULL, NULL },
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
	if (f->nerr > 0)
		sf->error = msg;
	return f->nerr;
}

FORM_FREE_DEFINE(settings_form)
