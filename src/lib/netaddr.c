/* See netaddr.h. */
#include <sys/socket.h>
#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netaddr.h"

static int	addr_parse(const char *, int *, unsigned char *);
static int	net_has(const struct netaddr_net *, int,
		    const unsigned char *);

/* An address in text: its family and 4 or 16 bytes. -1 when not one. */
static int
addr_parse(const char *s, int *family, unsigned char *a)
{
	if (inet_pton(AF_INET, s, a) == 1)
		*family = AF_INET;
	else if (inet_pton(AF_INET6, s, a) == 1)
		*family = AF_INET6;
	else
		return -1;
	return 0;
}

static int
net_has(const struct netaddr_net *n, int family, const unsigned char *a)
{
	int	full, rest;

	if (n->family != family)
		return 0;
	full = n->prefix / 8;
	rest = n->prefix % 8;
	if (memcmp(n->addr, a, (size_t)full) != 0)
		return 0;
	return rest == 0 || ((n->addr[full] ^ a[full]) &
	    (0xff << (8 - rest)) & 0xff) == 0;
}

int
netaddr_list_parse(struct netaddr_list *l, const char *s, char *err,
    size_t errlen)
{
	struct netaddr_net	*n;
	char			 tok[64], *slash, *end;
	size_t			 len;
	long			 bits;
	int			 max;

	memset(l, 0, sizeof(*l));
	while (*s != '\0') {
		s += strspn(s, " ,\t");
		if ((len = strcspn(s, " ,\t")) == 0)
			break;
		if (len >= sizeof(tok) || l->n == NETADDR_MAX_NETS) {
			snprintf(err, errlen, "too long or too many entries "
			    "(at most %d)", NETADDR_MAX_NETS);
			return -1;
		}
		memcpy(tok, s, len);
		tok[len] = '\0';
		s += len;
		n = &l->nets[l->n];
		if ((slash = strchr(tok, '/')) != NULL)
			*slash = '\0';
		if (addr_parse(tok, &n->family, n->addr) == -1)
			goto bad;
		max = n->family == AF_INET ? 32 : 128;
		n->prefix = max;
		if (slash != NULL) {
			bits = strtol(slash + 1, &end, 10);
			if (slash[1] == '\0' || *end != '\0' || bits < 0 ||
			    bits > max)
				goto bad;
			n->prefix = (int)bits;
		}
		l->n++;
		continue;
bad:
		if (slash != NULL)
			*slash = '/';
		snprintf(err, errlen, "not an address or network: %.63s", tok);
		return -1;
	}
	return 0;
}

int
netaddr_list_has(const struct netaddr_list *l, const char *addr)
{
	unsigned char	a[16];
	size_t		i;
	int		family;

	if (addr_parse(addr, &family, a) == -1)
		return 0;
	for (i = 0; i < l->n; i++)
		if (net_has(&l->nets[i], family, a))
			return 1;
	return 0;
}

static int
is_sep(char c)
{
	return c == ',' || c == ' ' || c == '\t';
}

void
netaddr_client(const struct netaddr_list *l, const char *peer,
    const char *xff, char *out)
{
	unsigned char	 a[16];
	char		 tok[NETADDR_TEXT];
	const char	*end, *start;
	int		 family;

	snprintf(out, NETADDR_TEXT, "%s", peer);
	if (xff == NULL || !netaddr_list_has(l, peer))
		return;
	/* From the right: each hop appended the address it saw. */
	end = xff + strlen(xff);
	for (;;) {
		while (end > xff && is_sep(end[-1]))
			end--;
		for (start = end; start > xff && !is_sep(start[-1]); start--)
			;
		if (start == end || (size_t)(end - start) >= sizeof(tok))
			return;
		memcpy(tok, start, (size_t)(end - start));
		tok[end - start] = '\0';
		end = start;
		if (addr_parse(tok, &family, a) == -1)
			return;
		memcpy(out, tok, sizeof(tok));
		if (!netaddr_list_has(l, tok))
			return;
	}
}
