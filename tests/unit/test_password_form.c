/* The password form: its limits and the checks of the new password. */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "password_form.h"
#include "unit.h"

static int
check(struct password_form *pf, const char *current, const char *new,
    const char *confirm)
{
	char	*v[PWF_COUNT];

	memset(v, 0, sizeof(v));
	v[PWF_CURRENT] = xstrdup(current);
	v[PWF_NEW] = xstrdup(new);
	v[PWF_CONFIRM] = xstrdup(confirm);
	return FORM_TAKEN(pf, password_fields, PWF_COUNT, v,
	    password_form_check(pf));
}

int
main(void)
{
	struct password_form	 pf;
	char			 body[PASSWORD_NEW_MAX + 64], *longpw, *two;
	const char		*bad = NULL;

	CHECK_INT(check(&pf, "vanha salasana", "uusi pitkä salasana",
	    "uusi pitkä salasana"), 0, "a new password and the same "
	    "confirmation: no messages");
	password_form_free(&pf);

	CHECK_INT(check(&pf, "x", "lyhyt", "lyhyt"), 1, "a short new "
	    "password: one message");
	CHECK_STR(pf.form.err[PWF_NEW], "The password is too short: use at "
	    "least 12 characters.", "on the new password");
	password_form_free(&pf);

	CHECK_INT(check(&pf, "x", "uusi pitkä salasana", "uusi pitka "
	    "salasana"), 1, "a confirmation that differs: one message");
	CHECK_STR(pf.form.err[PWF_CONFIRM], "The new password and its "
	    "confirmation differ.", "on the confirmation");
	password_form_free(&pf);

	longpw = unit_repeat("a", AUTH_PASSWORD_MAX + 1);
	CHECK_INT(check(&pf, "x", longpw, longpw), 1, "a new password of "
	    "257 characters: one message");
	CHECK_STR(pf.form.err[PWF_NEW], "The password is too long: at most "
	    "256 characters.", "that says it is too long");
	password_form_free(&pf);

	/* 256 characters of two bytes each: as long as a password may be. */
	two = unit_repeat("\xc3\xa4", AUTH_PASSWORD_MAX);
	CHECK_INT(check(&pf, "x", two, two), 0, "a new password of 256 "
	    "letters ä (512 bytes): no message");
	password_form_free(&pf);
	free(two);

	/* The form reads one character more than a password may have. */
	snprintf(body, sizeof(body), "new=%s&confirm=x&csrf=t", longpw);
	CHECK_INT(form_parse(&pf.form, password_fields, PWF_COUNT, body,
	    &bad), PARAM_OK, "a body with a new password of 257 characters "
	    "is read, so that the page can say it is too long");
	CHECK_STR(pf.form.v[PWF_CURRENT], "", "an absent field is empty");
	CHECK_STR(pf.form.v[PWF_CSRF], "t", "the token");
	password_form_free(&pf);
	free(longpw);
	longpw = unit_repeat("a", PASSWORD_NEW_MAX + 1);
	snprintf(body, sizeof(body), "new=%s", longpw);
	CHECK(form_parse(&pf.form, password_fields, PWF_COUNT, body, &bad) !=
	    PARAM_OK, "more bytes than 257 characters may take refuse the "
	    "form");
	CHECK_STR(bad, "new", "and name the field");
	password_form_free(&pf);
	longpw[AUTH_PASSWORD_BYTES + 1] = '\0';
	snprintf(body, sizeof(body), "current=%s", longpw);
	CHECK(form_parse(&pf.form, password_fields, PWF_COUNT, body, &bad) !=
	    PARAM_OK, "a current password longer than any refuses the form");
	password_form_free(&pf);
	free(longpw);
	return unit_done();
}
