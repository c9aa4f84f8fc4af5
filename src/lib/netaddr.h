/*
 * Client addresses behind trusted proxies: a list of addresses and
 * networks (TOTEUMA_TRUSTED_PROXIES, "10.0.0.0/8 ::1"), and the client
 * a request comes from: the TCP peer, unless the peer is a trusted
 * proxy; then the nearest address in X-Forwarded-For that is not one.
 */
#ifndef TOTEUMA_NETADDR_H
#define TOTEUMA_NETADDR_H

#include <stddef.h>

#define NETADDR_MAX_NETS	32
#define NETADDR_TEXT		48	/* INET6_ADDRSTRLEN and a NUL */

struct netaddr_net {
	int		 family;	/* AF_INET or AF_INET6 */
	unsigned char	 addr[16];
	int		 prefix;	/* bits */
};

struct netaddr_list {
	struct netaddr_net	nets[NETADDR_MAX_NETS];
	size_t			n;
};

/*
 * Reads a list separated by spaces or commas. Returns 0, or -1 with the
 * entry at fault in err.
 */
int	netaddr_list_parse(struct netaddr_list *, const char *, char *err,
	    size_t errlen);
/* 1 when the address (text) is in one of the networks. */
int	netaddr_list_has(const struct netaddr_list *, const char *addr);
/*
 * The client's address into out (NETADDR_TEXT bytes): peer, or when the
 * peer is trusted the rightmost X-Forwarded-For entry (xff may be NULL)
 * that is not trusted. An entry that is not an address ends the walk:
 * the last good one before it is the client.
 */
void	netaddr_client(const struct netaddr_list *, const char *peer,
	    const char *xff, char *out);

#endif
