/* The form that confirms an import: its token only. */
#include <stdlib.h>
#include <string.h>

#include "import_confirm_form.h"
#include "unit.h"

int
main(void)
{
	struct form	 f;
	const char	*bad = NULL;
	char		*body;

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
	body = unit_repeat("a", 79);
	memcpy(body, "csrf=", 5);
	CHECK_REFUSED(&f, import_confirm_fields, IC_COUNT, body,
	    PARAM_TOO_LONG, "csrf",
	    "a token over 64 bytes refuses the request");
	free(body);
	return unit_done();
}
