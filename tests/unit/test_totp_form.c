/* The second factor's form: a code as typed, its kind and its limits. */
#include <stdlib.h>
#include <string.h>

#include "totp_form.h"
#include "unit.h"

UNIT_FORM_CHECK_WITH(totp_form, totp_fields, TF_COUNT)

int
main(void)
{
	struct totp_form	f;
	char			body[200];

	CHECK_INT(check(&f, "code=123+456&csrf=abc", 1), 0,
	    "six digits with a space");
	CHECK_INT(f.kind, TOTP_KIND_CODE, "are a code");
	CHECK_STR(f.code, "123456", "without the space");
	CHECK_STR(f.form.v[TF_CSRF], "abc", "the token");
	totp_form_free(&f);

	CHECK_INT(check(&f, "code=abcd-efgh-ijkl-mnop&csrf=x", 1), 0,
	    "a recovery code where one is allowed");
	CHECK_INT(f.kind, TOTP_KIND_RECOVERY, "is one");
	CHECK_STR(f.code, "ABCDEFGHIJKLMNOP", "normalised");
	totp_form_free(&f);

	CHECK_INT(check(&f, "code=abcd-efgh-ijkl-mnop&csrf=x", 0), 1,
	    "a recovery code where it is not (enrolment)");
	CHECK_STR(f.form.err[TF_CODE], "Type the six-digit code.",
	    "asks for the code");
	totp_form_free(&f);

	CHECK_INT(check(&f, "csrf=x", 1), 1, "no code");
	CHECK_STR(f.form.err[TF_CODE], "Type the six-digit code.",
	    "is missing");
	totp_form_free(&f);

	CHECK_INT(check(&f, "code=12345&csrf=x", 1), 1, "five digits");
	CHECK_PREFIX(f.form.err[TF_CODE], "Type the six-digit code of your",
	    "are neither a code nor a recovery code");
	totp_form_free(&f);

	snprintf(body, sizeof(body), "code=%0*d&csrf=x",
	    TOTP_FORM_CODE_MAX + 1, 1);
	CHECK_INT(check(&f, body, 1), 1, "a code over the limit");
	totp_form_free(&f);
	CHECK(f.form.n == 0 && f.code[0] == '\0', "freeing empties the form");
	return unit_done();
}
