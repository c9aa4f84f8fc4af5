/* The form that closes a reporting round: its token only. */
#include <stdlib.h>
#include <string.h>

#include "round_close_form.h"
#include "unit.h"

static void
round_close(void)
{
	struct form	 f;
	const char	*bad = NULL;
	char		*body;

	CHECK_INT(form_parse(&f, round_close_fields, RX_COUNT, "csrf=abc",
	    &bad), PARAM_OK, "a closing form is read");
	CHECK_STR(f.v[RX_CSRF], "abc", "its token");
	form_free(&f);
	body = unit_repeat("a", 79);
	memcpy(body, "csrf=", 5);
	CHECK_REFUSED(&f, round_close_fields, RX_COUNT, body, PARAM_TOO_LONG,
	    "csrf", "a token over 64 bytes refuses the request");
	free(body);
}

int
main(void)
{
	round_close();
	return unit_done();
}
