/* The form that confirms an import: its token only. */
#include <string.h>

#include "import_confirm_form.h"
#include "unit.h"

int
main(void)
{
	struct form	 f;
	const char	*bad = NULL;
	char		 body[80];

	CHECK_INT(form_parse(&f, import_confirm_fields, IC_COUNT,
	    "csrf=abc&file=x", &bad), PARAM_OK, "a confirmation is read; an "
	    "unknown field is ignored");
	CHECK_STR(f.v[IC_CSRF], "abc", "its token");
	CHECK_INT(f.nerr, 0, "no message");
	form_free(&f);
	CHECK_INT(form_parse(&f, import_confirm_fields, IC_COUNT, "", &bad),
	    PARAM_OK, "an empty form is read");
	CHECK_STR(f.v[IC_CSRF], "", "with an empty token");
	form_free(&f);
	memset(body, 'a', sizeof(body) - 1);
	body[sizeof(body) - 1] = '\0';
	memcpy(body, "csrf=", 5);
	CHECK_INT(form_parse(&f, import_confirm_fields, IC_COUNT, body, &bad),
	    PARAM_TOO_LONG, "a token over 64 bytes refuses the request");
	CHECK_STR(bad, "csrf", "and names it");
	form_free(&f);
	return unit_done();
}
