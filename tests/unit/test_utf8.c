/* UTF-8: checking, counting, and shortening without cutting a character. */
#include "buf.h"
#include "unit.h"
#include "utf8.h"

/* utf8_put_short() of s into a fresh buffer, compared with want. */
static void
check_short(const char *s, size_t chars, const char *want, const char *what)
{
	struct buf	b;

	buf_init(&b);
	utf8_put_short(&b, s, chars);
	CHECK_STR(buf_cstr(&b), want, what);
	CHECK(utf8_check(b.data, b.len) == b.len, "%s: valid UTF-8", what);
	buf_free(&b);
}

int
main(void)
{
	/* "aä€🙂": characters of 1, 2, 3 and 4 bytes. */
	const char	*mixed = "a\xc3\xa4\xe2\x82\xac\xf0\x9f\x99\x82";

	CHECK_INT((int)utf8_check(mixed, 10), 10, "all of it is valid");
	CHECK_INT((int)utf8_check("a\xc3", 2), 1, "a cut character is not");
	CHECK_INT((int)utf8_chars(mixed), 4, "four characters");
	CHECK_INT((int)utf8_prefix(mixed, 0), 0, "none of them: no bytes");
	CHECK_INT((int)utf8_prefix(mixed, 1), 1, "one: one byte");
	CHECK_INT((int)utf8_prefix(mixed, 2), 3, "two: after the ä");
	CHECK_INT((int)utf8_prefix(mixed, 3), 6, "three: after the euro sign");
	CHECK_INT((int)utf8_prefix(mixed, 4), 10, "four: all of it");
	CHECK_INT((int)utf8_prefix(mixed, 99), 10, "more than it has: all");
	CHECK_INT((int)utf8_prefix("", 3), 0, "an empty text");
	check_short(mixed, 4, mixed, "as many characters as it has: whole");
	check_short(mixed, 2, "a\xc3\xa4\xe2\x80\xa6",
	    "two of four: the two and an ellipsis");
	check_short("\xc3\xa4\xc3\xa4\xc3\xa4", 1, "\xc3\xa4\xe2\x80\xa6",
	    "a two-byte letter is kept whole");
	check_short("", 5, "", "nothing stays nothing");
	return unit_done();
}
