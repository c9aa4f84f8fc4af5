/* The "forgot password" form: the address asked for. */
#include "reset_form.h"
#include "unit.h"

UNIT_FORM_CHECK(reset_form, reset_fields, RSF_COUNT)
UNIT_FORM_CASES(reset_form, check(f, c->body), NULL)

static const struct unit_form_case cases[] = {
	{ "email=maija%40example.org%0D%0ABcc%3A+x%40y.fi", 0, -1,
	    "an address with CR LF and a header after it refuses the form",
	    { { 0 } } },
	{ "email=maija%40example.org%3E%2C+x%40y.fi", 0, 1,
	    "an address with > and a second address",
	    { { RSF_EMAIL, "Give your e-mail address, such as "
	    "name@example.org.", "is refused with a message" } } },
	{ "email=ei+osoite", 0, 1, "no @", { { 0 } } },
	{ "", 0, 1, "nothing", { { 0 } } },
	{ "email=a%40b.fi&email=c%40d.fi", 0, -1,
	    "an address given twice refuses the form", { { 0 } } },
};

int
main(void)
{
	struct reset_form	f;

	CHECK_INT(check(&f, "email=Maija.M%40Example.org&csrf=x"), 0,
	    "an address: no message");
	CHECK_STR(f.email, "maija.m@example.org", "in lower case");
	reset_form_free(&f);
	run_cases(cases, UNIT_NCASES(cases));
	return unit_done();
}
