/* Status cells: the label first, then a free note. */
#include "status.h"
#include "unit.h"

static struct status items[] = {
	UNIT_STATUS(1, "not_started", "Ei aloitettu", "Inte påbörjad",
	    "Not started", 0, 1),
	UNIT_STATUS(2, "in_progress", "Käynnissä", "Pågår", "In progress",
	    0, 2),
	UNIT_STATUS(3, "processed", "Käsitelty", "Behandlad", "Processed", 0,
	    3),
	UNIT_STATUS(4, "rejected", "Ei toteuteta", "Genomförs inte",
	    "Will not be done", 1, 4),
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
	CHECK_STR(note, "Thinglink ohjeita",
	    "the separator is not in the note");
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
