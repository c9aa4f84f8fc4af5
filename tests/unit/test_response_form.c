/*
 * The response form: a response from the list, its reason, and a
 * reason's category needed for "not accepted" and "partly" only.
 */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "response_form.h"
#include "unit.h"

static int
with_category(struct response_form *f, const char *response,
    size_t reason_chars, const char *category)
{
	char	*v[RSP_COUNT];

	memset(v, 0, sizeof(v));
	v[RSP_RESPONSE] = xstrdup(response);
	v[RSP_REASON] = unit_repeat("ä", reason_chars);
	v[RSP_CATEGORY] = xstrdup(category);
	return FORM_TAKEN(f, response_fields, RSP_COUNT, v,
	    response_form_check(f));
}

static int
check(struct response_form *f, const char *response, size_t reason_chars)
{
	return with_category(f, response, reason_chars, "3");
}

int
main(void)
{
	struct response_form	f;
	size_t			k;

	for (k = 0; k < NRESPONSES; k++) {
		CHECK_INT(check(&f, response_codes[k], 10), 0, "a response "
		    "from the list");
		response_form_free(&f);
	}
	CHECK_INT(check(&f, "", RESPONSE_REASON_MAX), 0, "no response, and "
	    "a reason of exactly 20,000 characters");
	CHECK(f.error == NULL, "no message");
	response_form_free(&f);
	CHECK_INT(check(&f, "maybe", RESPONSE_REASON_MAX + 1), 2,
	    "an unknown response and a long reason: 2 errors");
	CHECK_STR(f.error, "Choose a response from the list.", "the page says "
	    "the response first");
	CHECK_STR(f.form.err[RSP_REASON], "The text is too long: at most "
	    "20,000 characters.", "the reason, counted in characters");
	response_form_free(&f);
	CHECK_INT(check(&f, "partly", RESPONSE_REASON_MAX + 1), 1,
	    "a long reason alone");
	CHECK_STR(f.error, "The text is too long: at most 20,000 characters.",
	    "the page's message");
	response_form_free(&f);
	CHECK_INT(with_category(&f, "not_accepted", 10, ""), 1,
	    "not accepted without a category");
	CHECK_STR(f.error, "Choose why the recommendation is not accepted in "
	    "full.", "the page asks for the category");
	response_form_free(&f);
	CHECK_INT(with_category(&f, "partly", 10, ""), 1,
	    "partly without a category");
	response_form_free(&f);
	CHECK_INT(with_category(&f, "accepted", 10, ""), 0,
	    "accepted needs none");
	response_form_free(&f);
	CHECK_INT(with_category(&f, "accepted", 10, "3"), 0,
	    "accepted with a category: fine,");
	CHECK_STR(f.form.v[RSP_CATEGORY], "", "and the category is not kept");
	response_form_free(&f);
	return unit_done();
}
