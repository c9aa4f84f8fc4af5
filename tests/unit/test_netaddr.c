/*
 * Client addresses behind trusted proxies: X-Forwarded-For is believed
 * only from a trusted peer, and only as far as the chain stays trusted.
 */
#include <string.h>

#include "netaddr.h"
#include "unit.h"

static const char *
client(const struct netaddr_list *l, const char *peer, const char *xff)
{
	static char	out[NETADDR_TEXT];

	netaddr_client(l, peer, xff, out);
	return out;
}

int
main(void)
{
	struct netaddr_list	none, l;
	char			err[128];

	CHECK(netaddr_list_parse(&none, "", err, sizeof(err)) == 0 &&
	    none.n == 0, "an empty list");
	CHECK_STR(client(&none, "127.0.0.1", "203.0.113.9"), "127.0.0.1",
	    "no trusted proxy: X-Forwarded-For is ignored");

	CHECK(netaddr_list_parse(&l, "127.0.0.1, 10.0.0.0/8 ::1 fd00::/8",
	    err, sizeof(err)) == 0 && l.n == 4, "four entries: %s", err);
	CHECK(netaddr_list_has(&l, "10.200.3.4"), "10.200.3.4 is in 10/8");
	CHECK(!netaddr_list_has(&l, "11.0.0.1"), "11.0.0.1 is not");
	CHECK(netaddr_list_has(&l, "fd12::1"), "fd12::1 is in fd00::/8");
	CHECK(!netaddr_list_has(&l, "fe80::1"), "fe80::1 is not");
	CHECK(!netaddr_list_has(&l, "not-an-address"), "text is no address");

	CHECK_STR(client(&l, "203.0.113.5", "198.51.100.7"), "203.0.113.5",
	    "an untrusted peer's X-Forwarded-For is ignored");
	CHECK_STR(client(&l, "127.0.0.1", NULL), "127.0.0.1",
	    "a trusted peer without the header is the client");
	CHECK_STR(client(&l, "127.0.0.1", "198.51.100.7"), "198.51.100.7",
	    "a trusted peer names the client");
	CHECK_STR(client(&l, "127.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.0.2"),
	    "198.51.100.7", "the rightmost untrusted hop, not what the "
	    "client put first");
	CHECK_STR(client(&l, "127.0.0.1", "10.0.0.3,10.0.0.2"), "10.0.0.3",
	    "a chain of trusted hops: the leftmost");
	CHECK_STR(client(&l, "127.0.0.1", "198.51.100.7, garbage"),
	    "127.0.0.1", "a hop that is no address stops the walk");
	CHECK_STR(client(&l, "127.0.0.1", "2001:db8::1"), "2001:db8::1",
	    "IPv6 clients");
	CHECK_STR(client(&l, "127.0.0.1", ""), "127.0.0.1",
	    "an empty header");

	CHECK(netaddr_list_parse(&l, "10.0.0.0/33", err, sizeof(err)) == -1,
	    "a prefix too long is refused: %s", err);
	CHECK(netaddr_list_parse(&l, "example.org", err, sizeof(err)) == -1,
	    "a name is refused: %s", err);
	CHECK(netaddr_list_parse(&l, "10.0.0.0/", err, sizeof(err)) == -1,
	    "an empty prefix is refused");
	return unit_done();
}
