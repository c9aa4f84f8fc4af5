/* Schedules as people write them. */
#include "schedule.h"
#include "unit.h"

static const char *
fmt(const char *in)
{
	static struct buf	b;
	struct schedule		s;
	struct msg		why;

	buf_reset(&b);
	if (schedule_parse(in, &s, &why) == -1)
		return "ERROR";
	schedule_format(&s, in, &b);
	return buf_cstr(&b);
}

int
main(void)
{
	struct schedule	s;
	struct msg	why;
	char		err[100];

	CHECK(schedule_parse("10/2024 \xe2\x80\x93 3/2026", &s, &why) == 0 &&
	    s.kind == SCHEDULE_MONTHS && s.start_month == 10 &&
	    s.start_year == 2024 && s.end_month == 3 && s.end_year == 2026,
	    "\"10/2024 – 3/2026\" is a month range");
	CHECK_STR(fmt("10/2024-3/2026"), "10/2024 \xe2\x80\x93 3/2026",
	    "a hyphen range is written with an en dash");
	CHECK_STR(fmt("01/2025 \xe2\x80\x94 12/2025"),
	    "1/2025 \xe2\x80\x93 12/2025", "em dash and leading zero");
	CHECK(schedule_parse("3/2026", &s, &why) == 0 &&
	    s.kind == SCHEDULE_MONTHS && s.start_year == 0 &&
	    s.end_year == 2026, "a single month is the month it is due");
	CHECK_STR(fmt("3/2026"), "3/2026", "a single month is written back");
	CHECK_STR(fmt("5/2025 \xe2\x80\x93"), "5/2025 \xe2\x80\x93",
	    "an open-ended range is kept");
	CHECK(schedule_parse("Jatkuvaa", &s, &why) == 0 &&
	    s.kind == SCHEDULE_CONTINUOUS, "\"Jatkuvaa\" is continuous");
	CHECK(schedule_parse("jatkuva", &s, &why) == 0 &&
	    s.kind == SCHEDULE_CONTINUOUS, "\"jatkuva\" is continuous");
	CHECK_STR(fmt("Continuous"), "Jatkuvaa",
	    "continuous is written \"Jatkuvaa\"");
	CHECK(schedule_parse("syksy 2025", &s, &why) == 0 &&
	    s.kind == SCHEDULE_TEXT, "free text stays free text");
	CHECK_STR(fmt("syksy 2025"), "syksy 2025", "free text is kept as is");
	CHECK(schedule_parse("", &s, &why) == 0 &&
	    s.kind == SCHEDULE_NONE, "an empty cell has no schedule");
	CHECK(schedule_parse("13/2025", &s, &why) == -1 &&
	    (msg_english(&why, err, sizeof(err)), strcmp(err,
	    "month 13 is not between 1 and 12") == 0),
	    "month 13 is an error: %s", err);
	CHECK_STR(why.id, "month %a% is not between 1 and 12",
	    "the message to translate");
	CHECK_STR(why.a, "13", "with the month");
	CHECK(schedule_parse("0/2025 - 2/2025", &s, &why) == -1,
	    "month 0 is an error");
	CHECK(schedule_parse("5/2026 - 1/2025", &s, &why) == -1 &&
	    (msg_english(&why, err, sizeof(err)), strstr(err, "before") !=
	    NULL),
	    "a range that ends before it starts is an error: %s", err);
	CHECK(schedule_parse("1/1066", &s, &why) == -1,
	    "a year out of range is an error");
	return unit_done();
}
