/* Passwords, tokens and the Cookie header (auth.c). */
#include <stdlib.h>

#include "auth.h"
#include "unit.h"

int
main(void)
{
	char	hash[AUTH_HASH_LEN], tok[AUTH_TOKEN_LEN + 1];
	char	tok2[AUTH_TOKEN_LEN + 1], h1[AUTH_TOKEN_HASH_LEN + 1];
	char	h2[AUTH_TOKEN_HASH_LEN + 1], out[64];

	if (sodium_init() < 0)
		return 1;

	CHECK(auth_password_problem("lyhyt") != NULL,
	    "a 5-character password is refused");
	CHECK(auth_password_problem("yksitoista1") != NULL,
	    "an 11-character password is refused");
	CHECK(auth_password_problem("kaksitoista1") == NULL,
	    "a 12-character password is accepted");
	CHECK(auth_password_problem("ääääääääääää") == NULL,
	    "12 characters count as characters, not bytes");
	CHECK(auth_password_problem("rivinvaihto\nkaksi") != NULL,
	    "a control character is refused");
	CHECK(auth_password_problem("virheellinen \xff utf8") != NULL,
	    "invalid UTF-8 is refused");

	CHECK(auth_password_hash("oikea hevonen patteri", hash) == 0,
	    "a password hashes");
	CHECK(strncmp(hash, "$argon2id$v=19$m=19456,t=2,p=1$", 31) == 0,
	    "Argon2id with OWASP's parameters: %.40s", hash);
	CHECK(auth_password_verify(hash, "oikea hevonen patteri"),
	    "the right password verifies");
	CHECK(!auth_password_verify(hash, "oikea hevonen patter1"),
	    "a wrong password does not");
	CHECK(!auth_password_needs_rehash(hash),
	    "our own hash needs no rehash");
	CHECK(auth_password_needs_rehash("$argon2id$v=19$m=65536,t=3,p=1$"
	    "c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA"),
	    "a hash with other parameters needs a rehash");
	CHECK(!auth_password_verify(auth_password_dummy(), ""),
	    "the dummy hash matches no empty password");

	auth_token_new(tok);
	auth_token_new(tok2);
	CHECK(strlen(tok) == AUTH_TOKEN_LEN, "a token is 43 characters");
	CHECK(auth_token_valid(tok), "a new token is valid");
	CHECK(strcmp(tok, tok2) != 0, "two tokens differ");
	CHECK(!auth_token_valid("abc"), "a short token is not valid");
	tok2[5] = '+';
	CHECK(!auth_token_valid(tok2), "a token outside base64url is not");
	auth_token_hash(tok, h1);
	auth_token_hash(tok, h2);
	CHECK(strlen(h1) == 64 && strcmp(h1, h2) == 0,
	    "a token's hash is 64 hex digits and stable");
	auth_token_hash("abc", h1);
	CHECK_STR(h1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff6"
	    "1f20015ad", "SHA-256 of abc");
	CHECK(auth_token_equal(tok, tok), "a token equals itself");
	CHECK(!auth_token_equal(tok, tok2), "different tokens are not equal");
	CHECK(!auth_token_equal("", ""), "empty tokens are never equal");

	CHECK(auth_cookie_get("a=1; toteuma_session=xyz; b=2",
	    "toteuma_session", out, sizeof(out)) == 0, "cookie found");
	CHECK_STR(out, "xyz", "cookie value");
	CHECK(auth_cookie_get("xtoteuma_session=abc", "toteuma_session", out,
	    sizeof(out)) == -1, "a longer name is another cookie");
	CHECK(auth_cookie_get("toteuma_session=a; toteuma_session=b",
	    "toteuma_session", out, sizeof(out)) == -1,
	    "a cookie given twice is refused");
	CHECK(auth_cookie_get("other=1", "toteuma_session", out,
	    sizeof(out)) == -1, "a missing cookie");
	CHECK(auth_cookie_get("toteuma_session=0123456789", "toteuma_session",
	    out, 5) == -1, "a value that does not fit is refused");
	return unit_done();
}
