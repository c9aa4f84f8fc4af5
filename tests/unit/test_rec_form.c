/* The admin's recommendation form: a number as panels write them, a text. */
#include <string.h>

#include "rec_form.h"
#include "unit.h"

#define INCOMPLETE "Give the text, and a number such as 3 or 3.1 (or none " \
	"for a specification). Nothing was saved."

UNIT_FORM_CHECK(rec_form, rec_fields, RD_COUNT)
UNIT_FORM_CASES(rec_form, check(f, c->body), f->error)

static const struct unit_form_case cases[] = {
	{ "number=3.x&body=T", 0, 1, "a number that is not one",
	    { { UNIT_PAGE, INCOMPLETE, "says what a number is" } } },
	{ "number=3", 0, 1, "no text",
	    { { UNIT_PAGE, INCOMPLETE, "the same refusal" } } },
	{ "body=T&parent=-1", 0, 1, "a parent that is not an id", { { 0 } } },
	{ "body=T&number=1234567890123456789012345", 0, -1,
	    "a number longer than any refuses the request", { { 0 } } },
};

int
main(void)
{
	struct rec_form	 f;
	char		*body;

	CHECK_INT(check(&f, "number=2.1&body=Nuoret&parent=17"), 0,
	    "a numbered sub-recommendation under its parent");
	CHECK(f.parent == 17, "the parent as a number");
	rec_form_free(&f);
	CHECK_INT(check(&f, "body=Tarkennus"), 0, "a specification has no "
	    "number and a top-level one no parent");
	CHECK(f.parent == 0, "no parent: 0");
	rec_form_free(&f);
	CHECK(rec_number_valid("12.4.2") && rec_number_valid("1.2.3.4.5") &&
	    !rec_number_valid("1.2.3.4.5.6") && !rec_number_valid("12345") &&
	    !rec_number_valid("3.") && !rec_number_valid(".3") &&
	    !rec_number_valid("3.x") && !rec_number_valid(""),
	    "numbers: up to five parts of up to four digits");
	run_cases(cases, UNIT_NCASES(cases));

	body = unit_body("body=T&body_en=", REC_BODY_MAX + 1, "");
	CHECK_INT(check(&f, body), 1, "an English text of 20,001 characters");
	CHECK_STR(f.error, "The text is too long: at most 20,000 characters.",
	    "counted in characters");
	rec_form_free(&f);
	free(body);
	return unit_done();
}
