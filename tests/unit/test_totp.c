/*
 * The second factor's pure parts: RFC 6238's test vector through
 * liboath, the window and the step after which a code counts, base32,
 * what a typed code is, recovery codes and their hashes, the otpauth
 * URI and the QR code's image.
 */
#include <stdlib.h>
#include <string.h>

#include "totp.h"
#include "unit.h"

/* RFC 6238 appendix B: the SHA-1 seed, "12345678901234567890". */
static const unsigned char rfc_secret[TOTP_SECRET_LEN] =
    "12345678901234567890";

/* RFC 6238's codes of the seed at three times. */
static const struct {
	time_t		 t;
	const char	*code;
	const char	*made;
	const char	*what;
} rfc_codes[] = {
	{ 59, "287082", "a code is made",
	    "RFC 6238 at 59 s: the last six digits of 94287082" },
	{ 1111111109, "081804", "again",
	    "RFC 6238 at 1111111109 s (07081804)" },
	{ 2000000000, "279037", "again",
	    "RFC 6238 at 2000000000 s (69279037)" },
};

/* Codes typed at a time, the last step used, and whether each counts. */
static const struct {
	time_t		 t;
	const char	*code;
	long long	 used;
	int		 want;
	const char	*what;
} typed[] = {
	{ 89, "287082", 0, 1, "one step later it is still right" },
	{ 29, "287082", 0, 1, "and one step earlier" },
	{ 120, "287082", 0, 0, "two steps later it is not" },
	{ 59, "287082", 1, 0, "a code of a step already used is not" },
	{ 59, "287083", 0, 0, "a wrong code is not" },
	{ 59, "28708", 0, 0, "five digits are not" },
	{ 59, "2870821", 0, 0, "seven digits are not" },
	{ 59, "28708a", 0, 0, "a letter is not" },
};

static void
test_codes(void)
{
	char		code[TOTP_DIGITS + 1];
	long long	step = 0;
	size_t		i;

	for (i = 0; i < UNIT_NCASES(rfc_codes); i++) {
		CHECK_INT(totp_code(rfc_secret, rfc_codes[i].t, code), 0,
		    rfc_codes[i].made);
		CHECK_STR(code, rfc_codes[i].code, rfc_codes[i].what);
	}

	CHECK_INT(totp_check(rfc_secret, 59, "287082", 0, &step), 1,
	    "the code of now is right");
	CHECK_INT((int)step, 1, "of step 1");
	for (i = 0; i < UNIT_NCASES(typed); i++)
		CHECK_INT(totp_check(rfc_secret, typed[i].t, typed[i].code,
		    typed[i].used, &step), typed[i].want, typed[i].what);
	CHECK_INT((int)totp_step(59), 1, "59 s is step 1");
	CHECK_INT((int)totp_step(60), 2, "60 s is step 2");
}

static void
test_base32(void)
{
	unsigned char	 s[TOTP_SECRET_LEN], back[TOTP_SECRET_LEN];
	char		 b32[TOTP_BASE32_LEN + 1], hex[TOTP_SECRET_HEX + 1];

	CHECK_INT(totp_base32(rfc_secret, b32), 0, "base32 of the secret");
	CHECK_STR(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "as RFC 4648 has "
	    "it, no padding");
	totp_secret_new(s);
	totp_secret_hex(s, hex);
	CHECK_INT((int)strlen(hex), TOTP_SECRET_HEX, "hex of a new secret");
	CHECK_INT(totp_secret_from_hex(hex, back), 0, "read back");
	CHECK(memcmp(s, back, sizeof(s)) == 0, "the same secret");
	CHECK_INT(totp_secret_from_hex("00", back), -1, "too short a hex");
	CHECK_INT(totp_secret_from_hex(
	    "zz00000000000000000000000000000000000000", back), -1,
	    "not hex");
	CHECK_INT(totp_secret_from_hex(NULL, back), -1, "none");
}

/* What typed text is, and the code as compared (NULL: not looked at). */
static const struct {
	const char	*typed;
	int		 want;
	const char	*what;
	const char	*out;
	const char	*out_what;
} kinds[] = {
	{ "123456", TOTP_KIND_CODE, "six digits", NULL, NULL },
	{ " 123 456 ", TOTP_KIND_CODE, "with spaces", "123456",
	    "spaces dropped" },
	{ "12345", TOTP_KIND_NONE, "five digits", NULL, NULL },
	{ "1234567", TOTP_KIND_NONE, "seven", NULL, NULL },
	{ "", TOTP_KIND_NONE, "nothing", NULL, NULL },
	{ "abcd-efgh-ijkl-mnop", TOTP_KIND_RECOVERY,
	    "a recovery code in lower case", "ABCDEFGHIJKLMNOP",
	    "upper case, no dashes" },
	{ "ABCD-EFGH-IJKL-MN01", TOTP_KIND_NONE,
	    "0 and 1 are not in the alphabet", NULL, NULL },
	{ "ABCD-EFGH-IJKL-MNOPQ", TOTP_KIND_NONE, "17 characters", NULL, NULL },
	{ "ABCD-EFGH-IJKL-MNO", TOTP_KIND_NONE, "15 characters", NULL, NULL },
	{ "ABCD-EFGH-IJKL-MNÖP", TOTP_KIND_NONE, "a letter outside ASCII",
	    NULL, NULL },
	{ "12345a", TOTP_KIND_NONE, "five digits and a letter", NULL, NULL },
};

static void
test_kinds(void)
{
	char	out[TOTP_RECOVERY_CHARS + 1];
	size_t	i;

	for (i = 0; i < UNIT_NCASES(kinds); i++) {
		CHECK_INT(totp_code_kind(kinds[i].typed, out), kinds[i].want,
		    kinds[i].what);
		if (kinds[i].out != NULL)
			CHECK_STR(out, kinds[i].out, kinds[i].out_what);
	}
}

static void
test_recovery(void)
{
	char	code[TOTP_RECOVERY_SHOWN + 1], other[TOTP_RECOVERY_SHOWN + 1];
	char	norm[TOTP_RECOVERY_CHARS + 1], salt[TOTP_SALT_HEX + 1];
	char	salt2[TOTP_SALT_HEX + 1];
	char	h1[TOTP_RECOVERY_HASH_HEX + 1], h2[TOTP_RECOVERY_HASH_HEX + 1];

	totp_recovery_new(code);
	totp_recovery_new(other);
	CHECK_INT((int)strlen(code), TOTP_RECOVERY_SHOWN, "19 characters");
	CHECK(code[4] == '-' && code[9] == '-' && code[14] == '-',
	    "groups of four");
	CHECK(strcmp(code, other) != 0, "two codes differ");
	CHECK_INT(totp_code_kind(code, norm), TOTP_KIND_RECOVERY,
	    "a new code reads as a recovery code");
	totp_salt_new(salt);
	totp_salt_new(salt2);
	CHECK_INT((int)strlen(salt), TOTP_SALT_HEX, "a salt in hex");
	CHECK_INT(totp_recovery_hash(norm, salt, h1), 0, "hashed");
	CHECK_INT((int)strlen(h1), TOTP_RECOVERY_HASH_HEX, "64 hex digits");
	CHECK_INT(totp_recovery_hash(norm, salt, h2), 0, "again");
	CHECK_STR(h1, h2, "the same code and salt: the same hash");
	CHECK_INT(totp_recovery_hash(norm, salt2, h2), 0, "another salt");
	CHECK(strcmp(h1, h2) != 0, "another salt: another hash");
	CHECK(strstr(h1, norm) == NULL, "the hash is not the code");
	CHECK_INT(totp_recovery_hash(norm, "abc", h2), -1, "a bad salt");
}

static void
test_uri_qr(void)
{
	struct buf	b;
	char		b32[TOTP_BASE32_LEN + 1];

	buf_init(&b);
	totp_base32(rfc_secret, b32);
	totp_uri(&b, "Toteuma Pirkanmaa", "maija+x@example.fi", b32);
	CHECK_STR(buf_cstr(&b), "otpauth://totp/Toteuma%20Pirkanmaa:"
	    "maija%2Bx@example.fi?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	    "&issuer=Toteuma%20Pirkanmaa&algorithm=SHA1&digits=6&period=30",
	    "the otpauth URI, label and issuer escaped");
	buf_reset(&b);
	CHECK_INT(totp_qr_svg(&b, "otpauth://totp/x"), 0, "a QR code");
	CHECK(strncmp(buf_cstr(&b), "<svg xmlns=", 11) == 0 &&
	    strstr(buf_cstr(&b), "h1v1h-1z") != NULL &&
	    strstr(buf_cstr(&b), "</svg>") != NULL, "as an SVG of modules");
	buf_reset(&b);
	CHECK_INT(totp_qr_data_uri(&b, "otpauth://totp/x"), 0, "as data:");
	CHECK(strncmp(buf_cstr(&b), "data:image/svg+xml;base64,PHN2Zy", 32) ==
	    0, "a base64 data: URI of the SVG");
	buf_free(&b);
}

int
main(void)
{
	CHECK_INT(totp_init(), 0, "liboath starts");
	test_codes();
	test_base32();
	test_kinds();
	test_recovery();
	test_uri_qr();
	return unit_done();
}
