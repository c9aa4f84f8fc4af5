/* The status form: code, labels in three languages and a colour. */
#include <string.h>

#include "status_form.h"
#include "unit.h"

/* check(f, body, is_new) */
UNIT_FORM_CHECK_WITH(status_form, status_fields, SF_COUNT)
UNIT_FORM_CASES(status_form, check(f, c->body, c->arg), f->error)

static const struct unit_form_case cases[] = {
	{ "code=Bad&label_fi=a&label_sv=b&label_en=c&colour=%23000000", 1, 1,
	    "a code with a capital is an error",
	    { { UNIT_PAGE, "The code is a short name of lowercase letters a-z "
	    "and _, such as on_hold.", "code" } } },
	{ "code=Bad&label_fi=a&label_sv=b&label_en=c&colour=%23000000", 0, 0,
	    "an existing status's code is not read", { { 0 } } },
	{ "label_fi=a&label_sv=b&label_en=c&colour=%2315803D", 0, 1,
	    "an uppercase colour is an error",
	    { { UNIT_PAGE, "The colour is written as #rrggbb, for example "
	    "#15803d.", "colour" } } },
	{ "colour=%23abcdef12", 0, -1,
	    "a colour over 7 bytes refuses the request", { { 0 } } },
};

int
main(void)
{
	struct status_form	f;
	char			*body;

	CHECK_INT(check(&f, "code=on_hold&label_fi=Odottaa&label_sv=V%C3%A4"
	    "ntar&label_en=On+hold&is_final=1&colour=%2315803d", 1), 0,
	    "a whole new status: no errors");
	CHECK(f.is_final && f.error == NULL, "final, and no message");
	status_form_free(&f);
	run_cases(cases, UNIT_NCASES(cases));
	CHECK(!status_valid_colour("#12345") && status_valid_colour("#abcdef"),
	    "six hexadecimal digits make a colour");

	body = unit_body("code=x&label_sv=&label_en=c&colour=%23000000&"
	    "label_fi=", STATUS_LABEL_MAX + 1, "");
	CHECK_INT(check(&f, body, 0), 2, "a label too long, one missing");
	free(body);
	CHECK_STR(f.form.err[SF_FI], "A label has at most 60 characters.",
	    "the long label's message, counted in characters");
	CHECK_STR(f.error, "Give the label in Finnish, Swedish and English.",
	    "the page says first that a label is missing");
	status_form_free(&f);
	return unit_done();
}
