/* The Atom writer: escaping, times, entry ids, base addresses. */
#include "buf.h"
#include "feed.h"
#include "unit.h"

static const char	*escaped(const char *, size_t);
static const char	*excerpt(const char *, size_t);

static struct buf	out;

static const char *
escaped(const char *s, size_t n)
{
	buf_reset(&out);
	feed_escape(&out, s, n);
	return buf_cstr(&out);
}

static const char *
excerpt(const char *s, size_t max)
{
	buf_reset(&out);
	feed_excerpt(&out, s, max);
	return buf_cstr(&out);
}

/* Host names for a feed's base address: which are taken, and why. */
static const struct unit_valid_case hosts[] = {
	{ "toteuma.example.fi", 1, "a DNS name" },
	{ "127.0.0.1:8301", 1, "an address and a port" },
	{ "[::1]:8080", 1, "an IPv6 literal and a port" },
	{ "localhost", 1, "one label" },
	{ "", 0, "empty" },
	{ "evil.example\"><x", 0, "markup" },
	{ "a b", 0, "a space" },
	{ "host:0", 0, "port 0" },
	{ "host:65536", 0, "a port past 65535" },
	{ "host:", 0, "an empty port" },
	{ "host:80:80", 0, "two ports" },
	{ "-a.example", 0, "a label starting with -" },
	{ "a..example", 0, "an empty label" },
	{ "user@host", 0, "user information" },
	{ "[::1", 0, "an unclosed IPv6 literal" },
	{ "[zz]", 0, "an IPv6 literal of other characters" },
};

int
main(void)
{
	struct feed_head	 h;
	struct feed_entry	 e;
	char			 base[FEED_BASE_MAX + 1];
	const char		*doc;

	buf_init(&out);
	CHECK_STR(escaped("<script>&\"'", 11),
	    "&lt;script&gt;&amp;&quot;&#39;", "markup characters are escaped");
	CHECK_STR(escaped("a\x01" "b\x1f" "c\x7f" "d\te\nf", 12),
	    "abcd\te\nf", "control characters other than tab and newline "
	    "are left out");
	CHECK_STR(escaped("\xef\xbf\xbe" "x" "\xef\xbf\xbf", 7), "x",
	    "U+FFFE and U+FFFF are left out");
	CHECK_STR(escaped("a\xff" "b", 3), "a\xef\xbf\xbd" "b",
	    "a byte that is not UTF-8 becomes U+FFFD");
	CHECK_STR(escaped("Käsitelty → 😀", strlen("Käsitelty → 😀")),
	    "Käsitelty → 😀", "UTF-8 text stays as it is");
	CHECK_STR(escaped("a\0b", 3), "ab", "NUL is left out");

	CHECK_STR(excerpt("  Nuorten\npalvelut  ", 80), "Nuorten palvelut",
	    "an excerpt is one line without surrounding space");
	CHECK_STR(excerpt("äöåäöå", 3), "äöå…",
	    "an excerpt counts characters, not bytes, and marks the cut");
	CHECK_STR(excerpt("abc   ", 3), "abc",
	    "trailing space is not a cut");

	buf_reset(&out);
	feed_time(&out, 0);
	CHECK_STR(buf_cstr(&out), "1970-01-01T00:00:00Z", "the epoch");
	buf_reset(&out);
	feed_time(&out, 1735689600LL + 3600 + 61);
	CHECK_STR(buf_cstr(&out), "2025-01-01T01:01:01Z",
	    "RFC 3339 in UTC");

	buf_reset(&out);
	feed_entry_id(&out, 1234, 1735689600123456LL);
	CHECK_STR(buf_cstr(&out),
	    "urn:uuid:67748580-1e24-8000-8000-0000000004d2",
	    "an entry id is a version 8 UUID of the time and the history id");
	buf_reset(&out);
	feed_entry_id(&out, 1235, 1735689600123456LL);
	CHECK(strcmp(buf_cstr(&out),
	    "urn:uuid:67748580-1e24-8000-8000-0000000004d2") != 0,
	    "another history row has another id");

	CHECK_VALID(hosts, feed_host_valid);

	CHECK(feed_base_parse("https://toteuma.example.fi/", base,
	    sizeof(base)) == 0, "a base address with a slash");
	CHECK_STR(base, "https://toteuma.example.fi",
	    "the trailing slash goes");
	CHECK(feed_base_parse("http://127.0.0.1:8080/toteuma", base,
	    sizeof(base)) == 0, "a base address with a port and a path");
	CHECK_STR(base, "http://127.0.0.1:8080/toteuma", "kept as it is");
	CHECK(feed_base_parse("ftp://example.fi", base, sizeof(base)) == -1,
	    "another scheme is refused");
	CHECK(feed_base_parse("https://example.fi/a?b", base, sizeof(base)) ==
	    -1, "a query is refused");
	CHECK(feed_base_parse("https://exa mple.fi", base, sizeof(base)) ==
	    -1, "a bad host is refused");
	CHECK(feed_base_parse("https://example.fi", base, 8) == -1,
	    "an address that does not fit is refused");

	memset(&h, 0, sizeof(h));
	h.lang = "sv";
	h.id = "http://x/feed.atom?lang=sv";
	h.title = "Paneeli <2025> & \"muut\"";
	h.updated = "2025-01-01T00:00:00Z";
	h.self = "http://x/feed.atom?lang=sv&a=1";
	h.alternate = "http://x/?lang=sv";
	h.rights = "CC BY 4.0";
	h.author = "Toteuma";
	memset(&e, 0, sizeof(e));
	e.id = "urn:uuid:67748580-1e24-8000-8000-0000000004d2";
	e.title = "Status: A → B";
	e.updated = "2025-01-01T00:00:00Z";
	e.link = "http://x/p/s/a/1";
	e.content = "<script>&\"'";
	buf_reset(&out);
	feed_begin(&out, &h);
	feed_entry(&out, &e);
	feed_end(&out);
	doc = buf_cstr(&out);
	CHECK(strncmp(doc, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"sv\">",
	    95) == 0, "the document starts with the declaration and the "
	    "Atom namespace in the language");
	CHECK(strstr(doc, "<title type=\"text\">Paneeli &lt;2025&gt; &amp; "
	    "&quot;muut&quot;</title>") != NULL, "the feed title is escaped");
	CHECK(strstr(doc, "href=\"http://x/feed.atom?lang=sv&amp;a=1\"") !=
	    NULL, "an attribute value is escaped");
	CHECK(strstr(doc, "<link rel=\"license\" type=\"text/html\" "
	    "href=\"https://creativecommons.org/licenses/by/4.0/\"/>") != NULL,
	    "the licence is linked");
	CHECK(strstr(doc, "<rights type=\"text\">CC BY 4.0</rights>") != NULL,
	    "the rights are stated");
	CHECK(strstr(doc, "<author><name>Toteuma</name>") != NULL,
	    "the author is the service");
	CHECK(strstr(doc, "<content type=\"text\">&lt;script&gt;&amp;&quot;"
	    "&#39;</content>") != NULL, "the entry's content is escaped");
	CHECK(strstr(doc, "<script") == NULL, "no markup of the data");
	CHECK(strlen(doc) > 10 && strcmp(doc + strlen(doc) - 8,
	    "</feed>\n") == 0, "the document ends with the feed");
	buf_free(&out);
	return unit_done();
}
