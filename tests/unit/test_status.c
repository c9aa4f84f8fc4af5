/* Status cells: the label first, then a free note. */
#include "status.h"
#include "unit.h"

static struct status items[] = {
	{ .id = 1, .code = "not_started", .label = { "Ei aloitettu",
	    "Inte påbörjad", "Not started" }, .position = 1 },
	{ .id = 2, .code = "in_progress", .label = { "Käynnissä", "Pågår",
	    "In progress" }, .progress = 50, .position = 2 },
	{ .id = 3, .code = "processed", .label = { "Käsitelty", "Behandlad",
	    "Processed" }, .progress = 50, .position = 3 },
	{ .id = 4, .code = "rejected", .label = { "Ei toteuteta",
	    "Genomförs inte", "Will not be done" }, .is_final = 1,
	    .progress = -1, .position = 4 },
};
static struct status_list list = { items, 4 };

int
main(void)
{
	const char	*note = NULL;

	CHECK_INT(status_parse(&list, "Käsitelty Alusta kilpailutettu.",
	    &note), 2, "\"Käsitelty ...\" is processed");
	CHECK_STR(note, "Alusta kilpailutettu.", "the rest is the note");
	CHECK_INT(status_parse(&list, "Käsitelty. Thinglink ohjeita", &note),
	    2, "a full stop after the label");
	CHECK_STR(note, "Thinglink ohjeita", "the separator is not in the note");
	CHECK_INT(status_parse(&list, "KÄSITELTY", &note), 2,
	    "labels match in any case, also Ä");
	CHECK_STR(note, "", "no note");
	CHECK_INT(status_parse(&list, "Ei toteuteta: ei rahoitusta", &note), 3,
	    "the right one of two labels starting \"Ei\"");
	CHECK_STR(note, "ei rahoitusta", "note after a colon");
	CHECK_INT(status_parse(&list, "Pågår enligt plan", &note), 1,
	    "a Swedish label matches");
	CHECK_INT(status_parse(&list, "Käsiteltyä asiaa", &note), -1,
	    "a label must end at a word boundary");
	CHECK_INT(status_parse(&list, "Valmis", &note), -1,
	    "an unknown label is not guessed");
	CHECK_INT(status_parse(&list, "   ", &note), -2, "blank is no status");
	CHECK(status_by_code(&list, "rejected") == &items[3],
	    "lookup by code");
	CHECK(status_by_id(&list, 2) == &items[1], "lookup by id");
	return unit_done();
}
