/* The "forgot password" form: the address asked for. */
#include "reset_form.h"
#include "unit.h"

UNIT_FORM_CHECK(reset_form, reset_fields, RSF_COUNT)

int
main(void)
{
	struct reset_form	f;

	CHECK_INT(check(&f, "email=Maija.M%40Example.org&csrf=x"), 0,
	    "an address: no message");
	CHECK_STR(f.email, "maija.m@example.org", "in lower case");
	reset_form_free(&f);
	CHECK_INT(check(&f, "email=maija%40example.org%0D%0ABcc%3A+x%40y.fi"),
	    -1, "an address with CR LF and a header after it refuses the form");
	reset_form_free(&f);
	CHECK_INT(check(&f, "email=maija%40example.org%3E%2C+x%40y.fi"), 1,
	    "an address with > and a second address");
	CHECK_STR(f.form.err[RSF_EMAIL], "Give your e-mail address, such as "
	    "name@example.org.", "is refused with a message");
	reset_form_free(&f);
	CHECK_INT(check(&f, "email=ei+osoite"), 1, "no @");
	reset_form_free(&f);
	CHECK_INT(check(&f, ""), 1, "nothing");
	reset_form_free(&f);
	CHECK_INT(check(&f, "email=a%40b.fi&email=c%40d.fi"), -1,
	    "an address given twice refuses the form");
	reset_form_free(&f);
	return unit_done();
}
