/* The sign-in form: its fields' limits and the address as looked up. */
#include <stdlib.h>
#include <string.h>

#include "login_form.h"
#include "unit.h"

int
main(void)
{
	struct login_form	 lf;
	char			 body[600];
	const char		*bad = NULL;

	memset(&lf, 0, sizeof(lf));
	CHECK_INT(form_parse(&lf.form, login_fields, LF_COUNT,
	    "email=Maija.Meikalainen%40Example.FI&password=salainen+sana"
	    "&csrf=abc&utm=x", &bad), PARAM_OK, "a form body is read; an "
	    "unknown field is ignored");
	CHECK_INT(login_form_check(&lf), 0, "and has no message");
	CHECK_STR(lf.email, "maija.meikalainen@example.fi", "the address in "
	    "lower case");
	CHECK_STR(lf.form.v[LF_PASSWORD], "salainen sana", "the password as "
	    "typed");
	CHECK_STR(lf.form.v[LF_CSRF], "abc", "the token");
	login_form_free(&lf);
	CHECK(lf.form.n == 0 && lf.email[0] == '\0', "freeing empties the "
	    "form");

	CHECK_INT(form_parse(&lf.form, login_fields, LF_COUNT, "", &bad),
	    PARAM_OK, "an empty body is read");
	login_form_check(&lf);
	CHECK(strcmp(lf.form.v[LF_EMAIL], "") == 0 &&
	    strcmp(lf.form.v[LF_PASSWORD], "") == 0 && lf.email[0] == '\0',
	    "absent fields are empty");
	login_form_free(&lf);

	/* An address of exactly the limit is read; one byte more is not. */
	memcpy(body, "email=", 6);
	memset(body + 6, 'a', LOGIN_EMAIL_MAX);
	body[6 + LOGIN_EMAIL_MAX] = '\0';
	CHECK_INT(form_parse(&lf.form, login_fields, LF_COUNT, body, &bad),
	    PARAM_OK, "an address of 254 bytes is read");
	login_form_check(&lf);
	CHECK_INT(strlen(lf.email), LOGIN_EMAIL_MAX, "and kept whole");
	login_form_free(&lf);
	strcat(body, "a");
	CHECK(form_parse(&lf.form, login_fields, LF_COUNT, body, &bad) !=
	    PARAM_OK, "an address of 255 bytes refuses the form");
	CHECK_STR(bad, "email", "and names the field");
	login_form_free(&lf);

	CHECK_REFUSED(&lf.form, login_fields, LF_COUNT, "email=a&email=b",
	    PARAM_REPEATED, "email", "a repeated field refuses the form");
	return unit_done();
}
