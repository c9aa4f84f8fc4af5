/* The settings form: days as whole numbers in the table's range. */
#include <string.h>

#include "settings_form.h"
#include "unit.h"

UNIT_FORM_CHECK(settings_form, settings_fields, ST_COUNT)

/* Bodies and their number of errors (-1: the request is refused). */
static const struct {
	const char	*body;
	int		 errors;
	const char	*what;
} cases[] = {
	{ "stale_days=1&due_soon_days=3650", 0,
	    "the ends of the range are allowed" },
	{ "stale_days=&due_soon_days=-5", 2, "empty and negative are errors" },
	{ "stale_days=12a&due_soon_days=30", 1, "a letter is an error" },
	{ "stale_days=123456789&due_soon_days=30", -1,
	    "more than 8 bytes refuses the request" },
};

int
main(void)
{
	struct settings_form	f;
	size_t			i;

	CHECK_INT(check(&f, "stale_days=90&due_soon_days=30"), 0,
	    "90 and 30 days: no errors");
	CHECK(f.stale_days == 90 && f.due_soon_days == 30, "the days as "
	    "numbers");
	CHECK(f.error == NULL, "no message");
	settings_form_free(&f);

	CHECK_INT(check(&f, "stale_days=0&due_soon_days=3651"), 2,
	    "0 and 3651 are both errors");
	CHECK_STR(f.error, "Give each number of days as a whole number from "
	    "1 to 3650.", "the page's message");
	CHECK_STR(f.form.err[ST_SOON], "Give each number of days as a whole "
	    "number from 1 to 3650.", "on the field");
	settings_form_free(&f);

	CHECK_INT(check(&f, "stale_days=90&due_soon_days=30&"
	    "round_reminder_days=0"), 0, "reminders only on the day");
	CHECK_INT(f.reminder_days, 0, "0 days before");
	settings_form_free(&f);
	CHECK_INT(check(&f, "stale_days=90&due_soon_days=30"), 0,
	    "no reminder days given");
	CHECK_INT(f.reminder_days, -1, "keeps the setting");
	settings_form_free(&f);
	CHECK_INT(check(&f, "stale_days=90&due_soon_days=30&"
	    "round_reminder_days=61"), 1, "61 days before");
	CHECK_STR(f.error, "Give the days before a round's deadline as a "
	    "whole number from 0 to 60.", "is refused with its own message");
	settings_form_free(&f);

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK_INT(check(&f, cases[i].body), cases[i].errors,
		    cases[i].what);
		if (cases[i].errors >= 0)
			settings_form_free(&f);
		else
			form_free(&f.form);
	}
	return unit_done();
}
