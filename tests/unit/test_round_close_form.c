/* The form that closes a reporting round: its token only. */
#include <string.h>

#include "round_close_form.h"
#include "unit.h"

static void
round_close(void)
{
	struct form	 f;
	const char	*bad = NULL;
	char		 body[80];

	CHECK_INT(form_parse(&f, round_close_fields, RX_COUNT, "csrf=abc",
	    &bad), PARAM_OK, "a closing form is read");
	CHECK_STR(f.v[RX_CSRF], "abc", "its token");
	form_free(&f);
	memset(body, 'a', sizeof(body) - 1);
	body[sizeof(body) - 1] = '\0';
	memcpy(body, "csrf=", 5);
	CHECK_INT(form_parse(&f, round_close_fields, RX_COUNT, body, &bad),
	    PARAM_TOO_LONG, "a token over 64 bytes refuses the request");
	form_free(&f);
}

int
main(void)
{
	round_close();
	return unit_done();
}
