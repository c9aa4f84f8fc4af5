/* The bulk form of "My actions": the chosen actions and the change. */
#include <stdlib.h>
#include <string.h>

#include "bulk_form.h"
#include "unit.h"

static int
read_form(struct bulk_form *f, const char *body)
{
	const char	*bad = NULL;

	memset(f, 0, sizeof(*f));
	if (form_parse(&f->form, bulk_fields, BF_COUNT, body, &bad) !=
	    PARAM_OK)
		return -1;
	return bulk_form_check(f, body);
}

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

	CHECK_INT(read_form(&f, "status=done&csrf=t"), 1,
	    "no action chosen is a problem");
	CHECK_STR(f.choice_error, "Choose the actions to change: tick the "
	    "box of each.", "which says so");
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

static void
changes(void)
{
	struct bulk_form	 f;
	json_t			*o;
	char			*s;

	CHECK_INT(read_form(&f, "a=1:1&csrf=t"), 1,
	    "nothing to change is a problem");
	CHECK_STR(f.form.err[BF_STATUS], "Choose what to change: a status, a "
	    "status note, a schedule or a confirmation.", "on the status");
	bulk_form_free(&f);

	CHECK_INT(read_form(&f, "a=1:1&schedule=13%2F2025"), 1,
	    "a month that is not one is a problem");
	CHECK_INT(f.form.err[BF_SCHEDULE] != NULL, 1, "on the schedule");
	bulk_form_free(&f);

	CHECK_INT(read_form(&f, "a=1:1&schedule=3%2F2025+-+12%2F2026&"
	    "status_note=Etenee&confirm=1"), 0, "months and a note are whole");
	o = bulk_form_change(&f, 0);
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	CHECK_STR(s, "{\"confirm\":true,\"schedule_end\":\"2026-12-01\","
	    "\"schedule_kind\":\"months\",\"schedule_start\":\"2025-03-01\","
	    "\"schedule_text\":\"\",\"status_note\":\"Etenee\"}",
	    "the change as action_bulk_save() takes it");
	free(s);
	json_decref(o);
	bulk_form_free(&f);

	CHECK_INT(read_form(&f, "a=1:1&schedule=Jatkuvaa&status=dropped"), 0,
	    "continuous and a status are whole");
	o = bulk_form_change(&f, 4);
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	CHECK_STR(s, "{\"reason_category\":4,\"schedule_end\":null,"
	    "\"schedule_kind\":\"continuous\",\"schedule_start\":null,"
	    "\"schedule_text\":\"\",\"status\":\"dropped\"}",
	    "a status with its reason and a continuous schedule");
	free(s);
	json_decref(o);
	bulk_form_free(&f);

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
