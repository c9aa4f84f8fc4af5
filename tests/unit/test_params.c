/* Query-string parameters checked against a declared table. */
#include <stdlib.h>

#include "params.h"
#include "unit.h"

static int
is_abc(const char *s)
{
	return strcmp(s, "a") == 0 || strcmp(s, "b") == 0;
}

static const struct param_spec specs[] = {
	{ "q", 10, NULL, 0 },
	{ "n", 5, param_is_digits, 0 },
	{ "k", 5, is_abc, 0 },
	{ "w", 3, NULL, PARAM_CHARS },
};

static enum param_error
run(const char *qs, char **v, const char **bad)
{
	return params_parse(qs, specs, 4, v, bad);
}

int
main(void)
{
	char		*v[4];
	const char	*bad;

	CHECK(run("q=nuori+ja%20vanha&n=12&utm_source=x", v, &bad) ==
	    PARAM_TOO_LONG && strcmp(bad, "q") == 0,
	    "a value over its limit is refused and named");
	CHECK(run("q=nuo%C3%A4+x&n=12&utm_source=x", v, &bad) == PARAM_OK,
	    "valid parameters, unknown ones ignored");
	CHECK_STR(v[0], "nuoä x", "percent and plus decoding");
	CHECK_STR(v[1], "12", "digits");
	CHECK(v[2] == NULL, "absent parameter is NULL");
	params_free(v, 4);
	CHECK(run("w=%E2%82%AC%E2%82%AC%F0%9F%99%82", v, &bad) == PARAM_OK &&
	    strcmp(v[3], "\xe2\x82\xac\xe2\x82\xac\xf0\x9f\x99\x82") == 0,
	    "a limit in characters lets three characters of 3 and 4 bytes in");
	params_free(v, 4);
	CHECK(run("w=%C3%A4%C3%A4%C3%A4a", v, &bad) == PARAM_TOO_LONG &&
	    strcmp(bad, "w") == 0, "and refuses a fourth character");
	CHECK(run("w=%F0%9F%99%82%F0%9F%99%82%F0%9F%99%82a", v, &bad) ==
	    PARAM_TOO_LONG, "and more than four bytes a character");
	CHECK(run("q=a&q=b", v, &bad) == PARAM_REPEATED && !strcmp(bad, "q"),
	    "a repeated parameter is an error");
	CHECK(run("q=%ff", v, &bad) == PARAM_ENCODING,
	    "invalid UTF-8 is an error");
	CHECK(run("q=a%00b", v, &bad) == PARAM_ENCODING,
	    "a NUL byte is an error");
	CHECK(run("q=a%0Ab", v, &bad) == PARAM_ENCODING,
	    "a control character is an error");
	CHECK(run("n=12a", v, &bad) == PARAM_INVALID && !strcmp(bad, "n"),
	    "a failed check is an error");
	CHECK(run("k=c", v, &bad) == PARAM_INVALID, "a value not in the list");
	CHECK(run("k=", v, &bad) == PARAM_OK && v[2] != NULL &&
	    v[2][0] == '\0', "an empty value is allowed and empty");
	params_free(v, 4);
	CHECK(run("q=%zz", v, &bad) == PARAM_OK && strcmp(v[0], "%zz") == 0,
	    "a malformed escape is kept as text");
	params_free(v, 4);
	{
		char *big = malloc(PARAMS_MAX_QUERY + 10);

		memset(big, 'a', PARAMS_MAX_QUERY + 9);
		big[PARAMS_MAX_QUERY + 9] = '\0';
		CHECK(run(big, v, &bad) == PARAM_QUERY_TOO_LONG,
		    "a huge query string is an error");
		free(big);
	}
	CHECK(param_is_digits("123") && !param_is_digits("") &&
	    !param_is_digits("1234567890") && !param_is_digits("-1"),
	    "param_is_digits");
	CHECK(param_is_code("in_progress") && !param_is_code("In") &&
	    !param_is_code("a b"), "param_is_code");
	return unit_done();
}
