/* The user form: e-mail, role, units, password and name. */
#include <string.h>

#include "user_form.h"
#include "unit.h"

static int
check(struct user_form *f, const char *body, int is_new, size_t nunits)
{
	return FORM_CHECKED(f, user_fields, UF_COUNT, body,
	    user_form_check(f, is_new, nunits));
}

int
main(void)
{
	struct user_form	f;
	char			*body;

	CHECK_INT(check(&f, "email=Maija%40Example.org&name=Maija&role=editor&"
	    "password=pitk%C3%A4+salasana+on+hyv%C3%A4", 1, 1), 0,
	    "a whole new editor: no errors");
	CHECK_STR(f.form.v[UF_EMAIL], "maija@example.org", "the address in "
	    "lowercase");
	CHECK(!f.admin && !f.disabled && f.error == NULL, "an active editor");
	user_form_free(&f);

	CHECK_INT(check(&f, "email=nobody&role=editor&password=lyhyt", 1, 1),
	    2, "no address and a short password for a new user: 2 errors");
	CHECK_STR(f.error, "Give an e-mail address, such as name@example.org.",
	    "the page says the address first");
	CHECK(f.form.err[UF_PASSWORD] != NULL, "the password has a message");
	user_form_free(&f);

	CHECK_INT(check(&f, "email=uusi%40example.org&role=editor&password=&"
	    "mail_lang=sv", 1, 1), 0, "a new user without a password: no "
	    "errors");
	CHECK(f.invite, "is invited");
	CHECK_STR(f.mail_lang, "sv", "in the language chosen");
	user_form_free(&f);
	CHECK_INT(check(&f, "email=uusi%40example.org&role=editor&password=&"
	    "mail_lang=de", 1, 1), 0, "an unknown language");
	CHECK_STR(f.mail_lang, "fi", "is Finnish");
	user_form_free(&f);
	CHECK_INT(check(&f, "email=uusi%22x%40example.org&role=editor", 1, 1),
	    1, "an invitation to an address that mail cannot reach");
	CHECK(f.form.err[UF_EMAIL] != NULL && f.invite, "is refused");
	user_form_free(&f);
	CHECK_INT(check(&f, "email=vanha%40example.org&role=admin&password=", 0,
	    0), 0, "an existing user without a new password");
	CHECK(!f.invite, "is not invited");
	CHECK(f.mail_lang == NULL, "and keeps the language of their mail");
	user_form_free(&f);

	CHECK_INT(check(&f, "role=editor&disabled=1", 0, 0), 1,
	    "an editor without units");
	CHECK_STR(f.error, "A unit editor needs at least one unit.", "units");
	CHECK(f.disabled, "disabled is ticked");
	user_form_free(&f);
	CHECK_INT(check(&f, "role=root", 0, 3), 1, "an unknown role");
	CHECK_STR(f.error, "Choose a role.", "role");
	user_form_free(&f);
	CHECK_INT(check(&f, "role=admin", 0, 0), 0, "an admin needs no units "
	    "and an existing user no new password");
	CHECK(f.admin, "admin");
	user_form_free(&f);

	body = unit_body("role=admin&name=", USER_NAME_MAX + 1, "");
	CHECK_INT(check(&f, body, 0, 0), 1, "a name of 201 characters");
	free(body);
	CHECK_STR(f.error, "The name is too long: at most 200 characters.",
	    "name, counted in characters");
	user_form_free(&f);
	CHECK(!user_valid_email("a@b@c") && !user_valid_email("@b") &&
	    !user_valid_email("A@b") && user_valid_email("a@b"),
	    "an address has one @, something on both sides, no capitals");
	return unit_done();
}
