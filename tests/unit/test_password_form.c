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
	char			 body[700], *longpw;
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

	longpw = xmalloc(AUTH_PASSWORD_MAX + 2);
	memset(longpw, 'a', AUTH_PASSWORD_MAX + 1);
	longpw[AUTH_PASSWORD_MAX + 1] = '\0';
	CHECK_INT(check(&pf, "x", longpw, longpw), 1, "a new password of "
	    "257 bytes: one message");
	CHECK_STR(pf.form.err[PWF_NEW], "The password is too long: at most "
	    "256 bytes.", "that says it is too long");
	password_form_free(&pf);

	/* The form reads one byte more than a password may have. */
	snprintf(body, sizeof(body), "new=%s&confirm=x&csrf=t", longpw);
	CHECK_INT(form_parse(&pf.form, password_fields, PWF_COUNT, body,
	    &bad), PARAM_OK, "a body with a new password of 257 bytes is "
	    "read, so that the page can say it is too long");
	CHECK_STR(pf.form.v[PWF_CURRENT], "", "an absent field is empty");
	CHECK_STR(pf.form.v[PWF_CSRF], "t", "the token");
	password_form_free(&pf);
	snprintf(body, sizeof(body), "new=%sa", longpw);
	CHECK(form_parse(&pf.form, password_fields, PWF_COUNT, body, &bad) !=
	    PARAM_OK, "258 bytes refuse the form");
	CHECK_STR(bad, "new", "and name the field");
	password_form_free(&pf);
	snprintf(body, sizeof(body), "current=%s", longpw);
	CHECK(form_parse(&pf.form, password_fields, PWF_COUNT, body, &bad) !=
	    PARAM_OK, "a current password of 257 bytes refuses the form");
	password_form_free(&pf);
	free(longpw);
	return unit_done();
}
