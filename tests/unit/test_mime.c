/* Mail messages (mime.c): addresses, encoded headers, the MIME parts. */
#include <sodium.h>

#include "mime.h"
#include "unit.h"

static const char *
header(struct buf *b, const char *name, const char *value)
{
	buf_reset(b);
	if (mime_header(b, name, value) == -1)
		return NULL;
	return buf_cstr(b);
}

/* Addresses a message may name, and those refused. */
static const struct unit_valid_case addresses[] = {
	{ "maija.meikalainen@keusote.fi", 1, "an ordinary address" },
	{ "a+b@localhost", 1, "a plus and no dot" },
	{ "a@b.fi\r\nBcc: x@y.fi", 0, "CR LF in an address" },
	{ "a@b.fi\nBcc: x@y.fi", 0, "LF in an address" },
	{ "a b@c.fi", 0, "a space" },
	{ "\"a\"@c.fi", 0, "a quoted local part" },
	{ "a@b@c.fi", 0, "two @" },
	{ "@c.fi", 0, "no local part" },
	{ "a@", 0, "no domain" },
	{ ".a@c.fi", 0, "a leading dot" },
	{ "a..b@c.fi", 0, "two dots in a row" },
	{ "a@c..fi", 0, "two dots in the domain" },
	{ "a@-c.fi", 0, "a domain starting with -" },
	{ "a@c.fi>", 0, "an angle bracket" },
	{ "ä@c.fi", 0, "non-ASCII" },
	{ "a@c,d.fi", 0, "a comma" },
};

int
main(void)
{
	struct buf		 b;
	struct mime_mail	 m;
	const char		*why, *s;
	unsigned char		 dec[256];
	size_t			 declen;

	if (sodium_init() < 0)
		return 1;
	buf_init(&b);

	CHECK_VALID(addresses, mime_address_valid);

	CHECK_STR(header(&b, "Subject", "Hello there"),
	    "Subject: Hello there\r\n", "plain ASCII stays as it is");
	CHECK_STR(header(&b, "Subject", "Päivitä toimenpiteet"),
	    "Subject: =?UTF-8?B?UMOkaXZpdMOkIHRvaW1lbnBpdGVldA==?=\r\n",
	    "UTF-8 is an RFC 2047 encoded word");
	CHECK_STR(header(&b, "Subject", "=?x?"),
	    "Subject: =?UTF-8?B?PT94Pw==?=\r\n",
	    "text that looks like an encoded word is encoded");
	CHECK(header(&b, "Subject", "a\r\nBcc: x@y.fi") == NULL,
	    "CR LF in a subject is refused");
	CHECK(header(&b, "Subject", "a\nb") == NULL, "LF is refused");
	CHECK(header(&b, "Subject", "a\tb") == NULL, "a tab is refused");
	CHECK(header(&b, "Subject", "bad \xff utf-8") == NULL,
	    "invalid UTF-8 is refused");
	s = header(&b, "Subject", "Äää äää äää äää äää äää "
	    "äää äää äää äää äää äää äää äää äää "
	    "äää äää äää äää äää");
	CHECK(s != NULL && strstr(s, "?=\r\n =?UTF-8?B?") != NULL,
	    "a long subject is folded between encoded words");
	CHECK(s != NULL && strstr(s, "w7\r\n") == NULL,
	    "no line ends inside a word");

	buf_reset(&b);
	mime_date(&b, 1796058242);
	CHECK_STR(buf_cstr(&b), "Mon, 30 Nov 2026 17:04:02 +0000",
	    "the date is RFC 5322, in English, in UTC");

	memset(&m, 0, sizeof(m));
	m.from = "toteuma@keusote.fi";
	m.from_name = "Keusote – toteuma";
	m.to = "editor@keusote.fi";
	m.subject = "Kutsu";
	m.lang = "fi";
	m.date = 1796058242;
	m.message_id = "42.abc-def@keusote.fi";
	m.auto_submitted = 1;
	m.extra[0] = (struct mime_header){ "List-Id", "<x.keusote.fi>" };
	m.nextra = 1;
	m.text = "Hei\nrivi kaksi\n";
	m.html = "<p>Hei</p>";
	CHECK(mime_build(&b, &m, &why) == 0, "a message is built");
	s = buf_cstr(&b);
	CHECK(strstr(s, "From: =?UTF-8?B?") != NULL && strstr(s,
	    " <toteuma@keusote.fi>\r\n") != NULL,
	    "the sender's name is encoded, the address in <>");
	CHECK(strstr(s, "To: <editor@keusote.fi>\r\n") != NULL, "To");
	CHECK(strstr(s, "Message-ID: <42.abc-def@keusote.fi>\r\n") != NULL,
	    "Message-ID");
	CHECK(strstr(s, "Auto-Submitted: auto-generated\r\n") != NULL,
	    "Auto-Submitted");
	CHECK(strstr(s, "Content-Language: fi\r\n") != NULL,
	    "Content-Language");
	CHECK(strstr(s, "List-Id: <x.keusote.fi>\r\n") != NULL,
	    "an extra header");
	CHECK(strstr(s, "Content-Type: multipart/alternative; "
	    "boundary=\"=_alt_42.abc-def\"\r\n\r\n") != NULL,
	    "multipart/alternative with the boundary from the Message-ID");
	CHECK(strstr(s, "--=_alt_42.abc-def\r\nContent-Type: text/plain; "
	    "charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	    != NULL, "the text part first");
	CHECK(strstr(s, "--=_alt_42.abc-def\r\nContent-Type: text/html; "
	    "charset=UTF-8\r\n") != NULL, "then the HTML part");
	CHECK(strstr(s, "\r\n--=_alt_42.abc-def--\r\n") != NULL,
	    "the closing boundary");
	CHECK(strstr(s, "\n") == NULL || strstr(s, "\r\n") != NULL,
	    "CRLF line ends");
	s = strstr(s, "base64\r\n\r\n");
	CHECK(s != NULL && sodium_base642bin(dec, sizeof(dec), s + 10,
	    strcspn(s + 10, "\r"), NULL, &declen, NULL,
	    sodium_base64_VARIANT_ORIGINAL) == 0 && declen == 17 &&
	    memcmp(dec, "Hei\r\nrivi kaksi\r\n", 17) == 0,
	    "the text body is its text with CRLF line ends");

	m.to = "editor@keusote.fi\r\nBcc: all@keusote.fi";
	CHECK(mime_build(&b, &m, &why) == -1 && b.len == 0,
	    "a recipient with CR LF builds nothing: %s", why);
	m.to = "editor@keusote.fi";
	m.subject = "Kutsu\r\nBcc: all@keusote.fi";
	CHECK(mime_build(&b, &m, &why) == -1 && b.len == 0,
	    "a subject with CR LF builds nothing: %s", why);
	m.subject = "Kutsu";
	m.extra[0].value = "<x>\r\nBcc: y@z.fi";
	CHECK(mime_build(&b, &m, &why) == -1,
	    "an extra header with CR LF builds nothing");
	m.nextra = 0;
	m.message_id = "a b@c";
	CHECK(mime_build(&b, &m, &why) == -1, "a Message-ID with a space");
	m.message_id = "1.x@c";
	m.html = NULL;
	CHECK(mime_build(&b, &m, &why) == 0 && strstr(buf_cstr(&b),
	    "multipart") == NULL && strstr(buf_cstr(&b), "Content-Type: "
	    "text/plain; charset=UTF-8\r\n") != NULL,
	    "text alone is a single part");

	buf_free(&b);
	return unit_done();
}
