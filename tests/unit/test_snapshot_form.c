/* The form that makes a snapshot: the day as a date, the label's limit. */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "snapshot_form.h"
#include "unit.h"

/* The form read from a body with the day as_of and a label of n "ä". */
static int
check(struct snapshot_form *f, const char *as_of, size_t n)
{
	char	 before[64], *body;
	int	 r;

	snprintf(before, sizeof(before), "as_of=%s&csrf=t&label=", as_of);
	body = unit_body(before, n, "");
	r = FORM_CHECKED(f, snapshot_fields, SN_COUNT, body,
	    snapshot_form_check(f));
	free(body);
	return r;
}

int
main(void)
{
	struct snapshot_form	 f;
	char			 d[16];

	CHECK_INT(check(&f, "2025-02-28", 10), 0, "a whole form: no errors");
	CHECK(f.as_of_year == 2025 && f.as_of_month == 2 && f.as_of_day == 28,
	    "the day as a date");
	snapshot_form_as_of(&f, d, sizeof(d));
	CHECK_STR(d, "2025-02-28", "the day written back");
	snapshot_form_free(&f);

	CHECK_INT(check(&f, "2025-02-29", SNAPSHOT_LABEL_MAX), 1,
	    "no such day, a label of exactly 200 characters: 1 error");
	CHECK_STR(f.form.err[SN_AS_OF], "There is no such date.", "as_of");
	CHECK(f.form.err[SN_LABEL] == NULL, "the label is whole");
	snapshot_form_free(&f);

	CHECK_INT(check(&f, "28.2.2025", SNAPSHOT_LABEL_MAX + 1), 2,
	    "a day not as year-month-day, a label of 201 characters");
	CHECK_STR(f.form.err[SN_AS_OF], "Write the date as year-month-day, "
	    "for example 2025-03-31.", "as_of");
	CHECK_STR(f.form.err[SN_LABEL], "The label is too long: at most 200 "
	    "characters.", "label, counted in characters not bytes");
	snapshot_form_free(&f);

	CHECK_INT(check(&f, "", 0), 1, "no day is an error");
	snapshot_form_free(&f);
	CHECK_INT(check(&f, "2025-02-28", 4 * SNAPSHOT_LABEL_MAX + 1), -1,
	    "a label beyond any sensible size refuses the request");
	form_free(&f.form);
	return unit_done();
}
