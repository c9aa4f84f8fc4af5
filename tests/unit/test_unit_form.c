/* The unit form: a trimmed name without ';' and a parent's id. */
#include <string.h>

#include "unit_form.h"
#include "unit.h"

UNIT_FORM_CHECK(unit_form, unit_fields, NF_COUNT)
UNIT_FORM_CASES(unit_form, check(f, c->body), f->error)

static const struct unit_form_case cases[] = {
	{ "name=+++", 0, 1, "a name of spaces is empty",
	    { { UNIT_PAGE, "Give the unit a name.", "missing name" } } },
	{ "name=a%3Bb&parent=x", 0, 2,
	    "';' in the name and a parent that is not a number",
	    { { UNIT_PAGE, "A unit's name can not contain ';' (it separates "
	    "units in the published table) and has at most 200 characters.",
	    "the page says the name first" },
	    { NF_PARENT, "Choose a unit from the list.", "parent" } } },
};

int
main(void)
{
	struct unit_form	f;
	char			*body;

	CHECK_INT(check(&f, "name=++Nuorisopalvelut+&parent=12"), 0,
	    "a name and a parent: no errors");
	CHECK_STR(f.name, "Nuorisopalvelut", "the name is trimmed");
	unit_form_free(&f);
	run_cases(cases, UNIT_NCASES(cases));

	body = unit_body("name=+", UNIT_NAME_MAX, "+");
	CHECK_INT(check(&f, body), 0, "200 characters between spaces");
	unit_form_free(&f);
	free(body);
	body = unit_body("name=", UNIT_NAME_MAX + 1, "");
	CHECK_INT(check(&f, body), 1, "201 characters are too many");
	unit_form_free(&f);
	free(body);
	return unit_done();
}
