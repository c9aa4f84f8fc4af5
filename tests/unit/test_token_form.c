/*
 * API tokens: the form (a name, 1-366 days; or the token to revoke),
 * and the tokens themselves: 256 random bits with a prefix, kept as a
 * BLAKE2b hash, anything else refused before the database is asked.
 */
#include <stdlib.h>
#include <string.h>

#include "token_form.h"
#include "unit.h"

UNIT_FORM_CHECK(token_form, token_fields, TKF_COUNT)
UNIT_FORM_CASES(token_form, check(f, c->body), NULL)

static const struct unit_form_case cases[] = {
	{ "csrf=t&op=create&name=&days=0", 0, 2, "no name and no days",
	    { { TKF_NAME, "Give the token a name that says which system uses "
	    "it.", "the name is asked for" } } },
	{ "csrf=t&op=create&name=x&days=367", 0, 1, "more than 366 days",
	    { { 0 } } },
	{ "csrf=t&op=create&name=x&days=3x", 0, 1,
	    "days that are not a number", { { 0 } } },
	{ "csrf=t&op=revoke&token=", 0, 1, "a revocation without its token",
	    { { 0 } } },
	{ "csrf=t&op=revoke&token=x1", 0, -1,
	    "a token id that is not digits refuses the request", { { 0 } } },
};

int
main(void)
{
	struct token_form	 f;
	char			 t1[TOKEN_LEN + 1], t2[TOKEN_LEN + 1];
	char			 h1[2 * TOKEN_HASH_LEN + 1], h2[sizeof(h1)];
	char			*body;

	CHECK_INT(check(&f, "csrf=t&op=create&name=Rekisteri&days=365"), 0,
	    "a name and a year");
	CHECK_INT(f.days, 365, "the days are read");
	CHECK(!f.revoke, "making one");
	token_form_free(&f);
	CHECK_INT(check(&f, "csrf=t&op=revoke&token=12"), 0, "a revocation");
	CHECK(f.revoke, "revoking");
	token_form_free(&f);
	run_cases(cases, UNIT_NCASES(cases));
	body = unit_body("csrf=t&op=create&days=1&name=", TOKEN_NAME_MAX + 1,
	    "");
	CHECK_INT(check(&f, body), 1, "a name of 101 characters");
	token_form_free(&f);
	free(body);

	token_new(t1, sizeof(t1));
	token_new(t2, sizeof(t2));
	CHECK_INT(strlen(t1), TOKEN_LEN, "a token's length");
	CHECK(strncmp(t1, "tot_", 4) == 0, "its prefix");
	CHECK(strcmp(t1, t2) != 0, "two tokens differ");
	CHECK_INT(token_hash_hex(t1, h1, sizeof(h1)), 0, "a token hashes");
	CHECK_INT(strlen(h1), 64, "to 32 bytes of hex");
	CHECK_INT(token_hash_hex(t1, h2, sizeof(h2)), 0, "again");
	CHECK_STR(h1, h2, "the same token, the same hash");
	CHECK(strstr(h1, t1 + 4) == NULL, "the hash is not the token");
	CHECK_INT(token_hash_hex("tot_short", h1, sizeof(h1)), -1,
	    "a short one is refused");
	t2[10] = '=';
	CHECK_INT(token_hash_hex(t2, h1, sizeof(h1)), -1,
	    "a character outside URL-safe base64");
	t1[0] = 'x';
	CHECK_INT(token_hash_hex(t1, h1, sizeof(h1)), -1,
	    "another prefix");
	return unit_done();
}
