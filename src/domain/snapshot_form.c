/* See snapshot_form.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action_form.h"
#include "i18n.h"
#include "snapshot_form.h"

const struct form_field snapshot_fields[SN_COUNT] = {
	[SN_AS_OF] = { "as_of", "err_as_of", 0, SNAPSHOT_AS_OF_BYTES, 0,
	    NULL, NULL, NULL },
	[SN_LABEL] = { "label", NULL, SNAPSHOT_LABEL_MAX, 0, 0,
	    N_("The label is too long: at most 200 characters."), NULL,
	    NULL },
	[SN_CSRF] = FORM_CSRF,
};

int
snapshot_form_check(struct snapshot_form *sf)
{
	const char	*why, *d = sf->form.v[SN_AS_OF];

	sf->as_of_year = sf->as_of_month = sf->as_of_day = 0;
	if (form_date(d, &why) == -1)
		form_fail(&sf->form, SN_AS_OF, why);
	else {
		sf->as_of_year = atoi(d);
		sf->as_of_month = atoi(d + 5);
		sf->as_of_day = atoi(d + 8);
	}
	return sf->form.nerr;
}

void
snapshot_form_as_of(const struct snapshot_form *sf, char *buf, size_t len)
{
	snprintf(buf, len, "%04d-%02d-%02d", sf->as_of_year, sf->as_of_month,
	    sf->as_of_day);
}

FORM_FREE_DEFINE(snapshot_form);
