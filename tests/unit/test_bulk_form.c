/* The bulk form of "My actions": the chosen actions and the change. */
#include <stdlib.h>
#include <string.h>

#include "bulk_form.h"
#include "unit.h"

static int
read_form(struct bulk_form *f, const char *body)
{
	return FORM_CHECKED(f, bulk_fields, BF_COUNT, body,
	    bulk_form_check(f, body));
}

UNIT_FORM_CASES(bulk_form, read_form(f, c->body), f->choice_error)

/* Whole forms, and the change each makes (with a reason given). */
static const struct {
	const char	*body;
	const char	*what;
	int		 reason;
	const char	*change;
	const char	*change_what;
} changes_made[] = {
	{ "a=1:1&schedule=3%2F2025+-+12%2F2026&status_note=Etenee&confirm=1",
	    "months and a note are whole", 0,
	    "{\"confirm\":true,\"schedule_end\":\"2026-12-01\","
	    "\"schedule_kind\":\"months\",\"schedule_start\":\"2025-03-01\","
	    "\"schedule_text\":\"\",\"status_note\":\"Etenee\"}",
	    "the change as action_bulk_save() takes it" },
	{ "a=1:1&schedule=Jatkuvaa&status=dropped",
	    "continuous and a status are whole", 4,
	    "{\"reason_category\":4,\"schedule_end\":null,"
	    "\"schedule_kind\":\"continuous\",\"schedule_start\":null,"
	    "\"schedule_text\":\"\",\"status\":\"dropped\"}",
	    "a status with its reason and a continuous schedule" },
};

static void
choices(void)
{
	struct bulk_form	f;

	CHECK_INT(read_form(&f, "a=12:3&a=40:1&a=12:3&status=done&csrf=t"),
	    0, "two actions and a status are whole");
	CHECK_INT((int)f.nchosen, 2, "an action given twice counts once");
	CHECK_INT((int)f.chosen[0].id, 12, "the first id");
	CHECK_INT(f.chosen[0].revision, 3, "with its revision");
	CHECK_INT((int)f.chosen[1].id, 40, "the second id");
	bulk_form_free(&f);

	CHECK_INT(read_form(&f, "a=12&status=done&csrf=t") > 0, 1,
	    "a choice without its revision is refused");
	CHECK_INT(f.bad_choice, 1, "as a bad request");
	bulk_form_free(&f);
	CHECK_INT(read_form(&f, "a=-1:2&status=done") > 0 && f.bad_choice, 1,
	    "a negative id is refused");
	bulk_form_free(&f);
	CHECK_INT(read_form(&f, "a=1:x&status=done") > 0 && f.bad_choice, 1,
	    "a revision that is not a number is refused");
	bulk_form_free(&f);
}

static const struct unit_form_case no_change[] = {
	{ "status=done&csrf=t", 0, 1, "no action chosen is a problem",
	    { { UNIT_PAGE, "Choose the actions to change: tick the box of "
	    "each.", "which says so" } } },
	{ "a=1:1&csrf=t", 0, 1, "nothing to change is a problem",
	    { { BF_STATUS, "Choose what to change: a status, a status note, a "
	    "schedule or a confirmation.", "on the status" } } },
};

static void
changes(void)
{
	struct bulk_form	 f;
	json_t			*o;
	char			*s;
	size_t			 i;

	run_cases(no_change, UNIT_NCASES(no_change));
	CHECK_INT(read_form(&f, "a=1:1&schedule=13%2F2025"), 1,
	    "a month that is not one is a problem");
	CHECK_INT(f.form.err[BF_SCHEDULE] != NULL, 1, "on the schedule");
	bulk_form_free(&f);

	for (i = 0; i < UNIT_NCASES(changes_made); i++) {
		CHECK_INT(read_form(&f, changes_made[i].body), 0,
		    changes_made[i].what);
		o = bulk_form_change(&f, changes_made[i].reason);
		s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
		CHECK_STR(s, changes_made[i].change,
		    changes_made[i].change_what);
		free(s);
		json_decref(o);
		bulk_form_free(&f);
	}

	CHECK_INT(read_form(&f, "a=1:1&schedule=kev%C3%A4t+2026"), 0,
	    "a schedule in words is whole");
	o = bulk_form_change(&f, 0);
	CHECK_STR(json_string_value(json_object_get(o, "schedule_kind")),
	    "text", "and is text");
	json_decref(o);
	bulk_form_free(&f);
}

int
main(void)
{
	choices();
	changes();
	return unit_done();
}
