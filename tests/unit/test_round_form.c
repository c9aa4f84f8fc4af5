/*
 * The form that opens a reporting round: its fields, its ticked
 * processes, the deadline as a date.
 */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "round_form.h"
#include "unit.h"

/* What follows a title (of "ä") in a whole body. */
#define ROUND_REST	"&deadline=2030-01-31&process=1"

/* Reads body as the round form with its processes and checks it. */
static int
check(struct round_form *rf, const char *body)
{
	return FORM_CHECKED(rf, round_fields, RF_COUNT, body,
	    (round_form_processes(rf, body), round_form_check(rf)));
}

static void
round_open(void)
{
	struct round_form	 rf;
	char			 d[16], *body;

	CHECK_INT(check(&rf, "title=Kevät&deadline=2030-01-31&message=Hei"
	    "&process=3&process=12&process=x1&csrf=t"), 0,
	    "a whole form: no errors");
	CHECK_INT(rf.nprocesses, 2, "two processes ticked, one not digits");
	CHECK(rf.processes[0] == 3 && rf.processes[1] == 12,
	    "the processes as numbers, in order");
	CHECK(round_form_ticked(&rf, 12) && !round_form_ticked(&rf, 4),
	    "12 is ticked, 4 is not");
	CHECK(rf.deadline_year == 2030 && rf.deadline_month == 1 &&
	    rf.deadline_day == 31, "the deadline as a date");
	round_form_deadline(&rf, d, sizeof(d));
	CHECK_STR(d, "2030-01-31", "the deadline written back");
	round_form_free(&rf);

	CHECK_INT(check(&rf, "title=&deadline=2030-02-30"), 3,
	    "no title, no such date, no process: 3 errors");
	CHECK_STR(rf.form.err[RF_TITLE], "Give the round a title.", "title");
	CHECK_STR(rf.form.err[RF_DEADLINE], "There is no such date.",
	    "deadline");
	CHECK_STR(rf.err_processes, "Choose at least one process.",
	    "processes");
	round_form_free(&rf);

	CHECK_INT(check(&rf, "title=T&deadline=31.1.2030&process=1"), 1,
	    "a deadline not as year-month-day");
	CHECK_STR(rf.form.err[RF_DEADLINE], "Write the date as "
	    "year-month-day, for example 2025-03-31.", "and says how");
	round_form_free(&rf);

	body = unit_body("title=", ROUND_TITLE_MAX, ROUND_REST);
	CHECK_INT(check(&rf, body), 0, "a title of exactly 300 characters");
	round_form_free(&rf);
	free(body);
	body = unit_body("title=", ROUND_TITLE_MAX + 1, ROUND_REST);
	CHECK_INT(check(&rf, body), 1, "a title of 301 characters");
	CHECK_STR(rf.form.err[RF_TITLE], "The title is too long: at most 300 "
	    "characters.", "title, counted in characters not bytes");
	round_form_free(&rf);
	free(body);

	CHECK_INT(check(&rf, "title=a&title=b"), -1,
	    "a repeated field refuses the request");
	form_free(&rf.form);
	CHECK_INT(check(&rf, "deadline=2030-01-311"), -1,
	    "a deadline over 10 bytes refuses the request");
	form_free(&rf.form);
}

int
main(void)
{
	round_open();
	return unit_done();
}
