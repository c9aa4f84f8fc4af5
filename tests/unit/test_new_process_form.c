/* The new-process form: address name, title, kind and year. */
#include <string.h>

#include "new_process_form.h"
#include "unit.h"

/* check(f, body, slug_ok) */
UNIT_FORM_CHECK_WITH(new_process_form, new_process_fields, NP_COUNT)
UNIT_FORM_CASES(new_process_form, check(f, c->body, c->arg), f->error)

static const struct unit_form_case cases[] = {
	{ "slug=X&title=&kind=x&year=1899", 0, 4,
	    "bad slug, no title, unknown kind, early year: 4 errors",
	    { { UNIT_PAGE, "Give the process an address name of lowercase "
	    "letters a-z, digits and hyphens, such as asukaspaneeli-2025.",
	    "the page says the slug first, without a process to choose" },
	    { NP_TITLE, "Give the process a title.", "title" },
	    { NP_KIND, "Choose a kind from the list.", "kind" },
	    { NP_YEAR, "The year must be between 1900 and 2200.",
	    "year" } } },
	{ "title=T&kind=polis&year=2201", 1, 1, "2201 is an error",
	    { { UNIT_PAGE, "The year must be between 1900 and 2200.",
	    "year" } } },
};

int
main(void)
{
	struct new_process_form	 f;
	json_t			*doc;

	CHECK_INT(check(&f, "slug=paneeli-2025&title=Paneeli&kind=polis&"
	    "year=2025", 1), 0, "a whole form: no errors");
	CHECK_INT(f.year, 2025, "the year as a number");
	CHECK(unit_unpublished_year(new_process_form_json(&f), 2025),
	    "the document has the year and starts unpublished");
	new_process_form_free(&f);
	run_cases(cases, UNIT_NCASES(cases));
	CHECK_INT(check(&f, "title=T&kind=polis&year=", 1), 0, "no year");
	doc = new_process_form_json(&f);
	CHECK(json_is_null(json_object_get(doc, "year")), "no year: null");
	json_decref(doc);
	new_process_form_free(&f);
	CHECK_INT(PROCESS_TITLE_MAX, new_process_fields[NP_TITLE].chars,
	    "the title's limit is the process form's");
	return unit_done();
}
