/* The admin's action form: a text, and a revision when it is defined. */
#include <string.h>

#include "define_form.h"
#include "unit.h"

/* check(f, body, need_revision) */
UNIT_FORM_CHECK_WITH(define_form, define_fields, DF_COUNT)

int
main(void)
{
	struct define_form	 f;
	char			*body;

	CHECK_INT(check(&f, "body=Tehd%C3%A4%C3%A4n&revision=3", 1), 0,
	    "a text and a revision: no errors");
	define_form_free(&f);
	CHECK_INT(check(&f, "body=Tehd%C3%A4%C3%A4n", 0), 0, "a new action "
	    "needs no revision");
	define_form_free(&f);
	CHECK_INT(check(&f, "body=T", 1), 1, "defining needs a revision");
	CHECK_STR(f.error, "Describe the action and choose at least one "
	    "recommendation. Nothing was saved.", "the refusal");
	define_form_free(&f);
	CHECK_INT(check(&f, "body=T&revision=3x", 1), -1, "a revision that is "
	    "not a number refuses the request");
	form_free(&f.form);

	body = unit_body("revision=1&body_sv=", DEFINE_BODY_MAX + 1, "");
	CHECK_INT(check(&f, body, 1), 2, "no text, and a Swedish text of "
	    "20,001 characters");
	CHECK_STR(f.error, "Describe the action and choose at least one "
	    "recommendation. Nothing was saved.", "what is missing first");
	CHECK_STR(f.form.err[DF_BODY_SV], "The text is too long: at most "
	    "20,000 characters.", "the long text, counted in characters");
	define_form_free(&f);
	free(body);
	return unit_done();
}
