/*
 * Following by e-mail: the address asked for, what it follows, and a
 * follower's change on their page.
 */
#include <stdlib.h>
#include <string.h>

#include "follow_form.h"
#include "unit.h"

#define EMAIL_BAD	"Give your e-mail address, such as name@example.org."

UNIT_FORM_CHECK(follow_form, follow_fields, FOL_COUNT)
UNIT_FORM_CASES(follow_form, check(f, c->body), NULL)

static const struct unit_form_case cases[] = {
	{ "email=maija%40example.org%0D%0ABcc%3A+x%40y.fi&process=p", 0, -1,
	    "an address with CR LF and a header after it refuses the form",
	    { { 0 } } },
	{ "email=maija%40example.org%3E%2C+x%40y.fi&process=p", 0, 1,
	    "an address with > and a second address",
	    { { FOL_EMAIL, EMAIL_BAD, "is refused with a message" } } },
	{ "email=ei+osoite&process=p", 0, 1, "no @",
	    { { FOL_EMAIL, EMAIL_BAD, "the same message" } } },
	{ "process=p", 0, 1, "no address",
	    { { FOL_EMAIL, EMAIL_BAD, "the same message" } } },
	{ "email=m%C3%A4%40example.org&process=p", 0, 1,
	    "a letter mail cannot carry",
	    { { FOL_EMAIL, EMAIL_BAD, "the same message" } } },
	{ "email=a%40b.fi&email=c%40d.fi&process=p", 0, -1,
	    "an address given twice refuses the form", { { 0 } } },
	{ "email=a%40b.fi&action=1234567890123456789", 0, -1,
	    "an id longer than any refuses the form", { { 0 } } },
};

/* before followed by rest (freed); the caller frees the result. */
static char *
with(const char *before, char *rest)
{
	size_t	 len = strlen(before) + strlen(rest) + 1;
	char	*r = xmalloc(len);

	snprintf(r, len, "%s%s", before, rest);
	free(rest);
	return r;
}

int
main(void)
{
	struct follow_form	 f;
	struct form		 m;
	const char		*bad;
	char			*body;

	CHECK_INT(check(&f, "csrf=x&email=Maija.M%40Example.org&process=&"
	    "action=42&unit=7"), 0, "an address: no message");
	CHECK_STR(f.email, "maija.m@example.org", "in lower case");
	CHECK_STR(f.what.kind, "action", "the first of the three given");
	CHECK_STR(f.what.key, "42", "and its key");
	follow_form_free(&f);
	CHECK_INT(check(&f, "email=a%40b.fi"), 0, "nothing named");
	CHECK_STR(f.what.kind, "process", "is a process");
	CHECK_STR(f.what.key, "", "with no key (the page says there is none)");
	follow_form_free(&f);

	/* An address at its limit and a byte more; letters over a byte. */
	body = with("email=a%40", unit_repeat("b", MIME_ADDRESS_MAX - 2));
	CHECK_INT(check(&f, body), 0, "an address of 254 bytes");
	free(body);
	follow_form_free(&f);
	body = with("email=a%40", unit_repeat("b", MIME_ADDRESS_MAX - 1));
	CHECK_INT(check(&f, body), 1, "255 bytes get the message");
	free(body);
	follow_form_free(&f);
	body = unit_body("email=", MIME_ADDRESS_MAX, "");
	CHECK_INT(check(&f, body), 1, "254 letters of two bytes are told, "
	    "not refused");
	free(body);
	follow_form_free(&f);
	body = unit_body("email=", MIME_ADDRESS_MAX + 1, "");
	CHECK_INT(check(&f, body), 1, "and so is a letter more");
	CHECK_STR(f.form.err[FOL_EMAIL], EMAIL_BAD, "with the same message");
	free(body);
	follow_form_free(&f);
	run_cases(cases, UNIT_NCASES(cases));

	CHECK_INT(form_parse(&m, follow_manage_fields, FM_COUNT,
	    "op=digest&arg=daily", &bad), PARAM_OK, "a change is read");
	CHECK_STR(m.v[FM_OP], "digest", "its operation");
	CHECK_STR(m.v[FM_ARG], "daily", "and argument");
	form_free(&m);
	CHECK_INT(form_parse(&m, follow_manage_fields, FM_COUNT,
	    "op=drop+table", &bad), PARAM_INVALID, "an operation is a code");
	CHECK_STR(bad, "op", "named");
	return unit_done();
}
