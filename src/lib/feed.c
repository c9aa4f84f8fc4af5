/* The Atom writer; see feed.h. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "feed.h"
#include "utf8.h"

#define HOST_MAX	253
#define LABEL_MAX	63

static void	element(struct buf *, const char *, const char *,
		    const char *);
static void	link_element(struct buf *, const char *, const char *,
		    const char *);
static void	escape_str(struct buf *, const char *);
static void	atom_identity(struct buf *, const char *, const char *,
		    const char *);
static int	name_valid(const char *, size_t);
static int	port_valid(const char *);

void
feed_escape(struct buf *b, const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, l;
	uint32_t		 cp;

	while (i < n) {
		if (p[i] < 0x80) {
			switch (p[i]) {
			case '&': buf_puts(b, "&amp;"); break;
			case '<': buf_puts(b, "&lt;"); break;
			case '>': buf_puts(b, "&gt;"); break;
			case '"': buf_puts(b, "&quot;"); break;
			case '\'': buf_puts(b, "&#39;"); break;
			case '\t':
			case '\n':
			case '\r':
				buf_putc(b, (char)p[i]);
				break;
			default:
				/* XML 1.0 has no place for other controls. */
				if (p[i] >= 0x20 && p[i] != 0x7f)
					buf_putc(b, (char)p[i]);
				break;
			}
			i++;
			continue;
		}
		if ((l = utf8_decode(p + i, n - i, &cp)) == 0) {
			buf_puts(b, "\xef\xbf\xbd");
			i++;
			continue;
		}
		if (cp != 0xfffe && cp != 0xffff)
			buf_append(b, p + i, l);
		i += l;
	}
}

static void
escape_str(struct buf *b, const char *s)
{
	feed_escape(b, s, strlen(s));
}

void
feed_excerpt(struct buf *b, const char *s, size_t max)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = strlen(s), i = 0, count = 0, l;
	uint32_t		 cp;

	while (n > 0 && isspace(p[n - 1]))
		n--;
	while (i < n && isspace(p[i]))
		i++;
	while (i < n && count < max) {
		if ((l = utf8_decode(p + i, n - i, &cp)) == 0)
			l = 1;
		if (p[i] == '\n' || p[i] == '\r' || p[i] == '\t')
			buf_putc(b, ' ');
		else
			buf_append(b, p + i, l);
		i += l;
		count++;
	}
	while (i < n && isspace(p[i]))
		i++;
	if (i < n)
		buf_puts(b, "…");
}

void
feed_time(struct buf *b, long long seconds)
{
	struct tm	tm;
	time_t		t = (time_t)seconds;
	char		s[32];

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(s, sizeof(s), "1970-01-01T00:00:00Z");
	buf_puts(b, s);
}

void
feed_entry_id(struct buf *b, long long history_id, long long micros)
{
	unsigned long long	id = (unsigned long long)history_id;
	unsigned long long	sec, us;

	if (micros < 0)
		micros = 0;
	sec = (unsigned long long)micros / 1000000ULL;
	us = (unsigned long long)micros % 1000000ULL;
	/*
	 * time_low: seconds; time_mid: the microsecond's upper 16 bits;
	 * version 8 and its lower 4 bits; variant 10 and the id's bits
	 * 48-61; node: the id's lower 48 bits.
	 */
	buf_printf(b, "urn:uuid:%08llx-%04llx-8%01llx00-%04llx-%012llx",
	    sec & 0xffffffffULL, us >> 4, us & 0xfULL,
	    0x8000ULL | ((id >> 48) & 0x3fffULL), id & 0xffffffffffffULL);
}

static void
element(struct buf *b, const char *name, const char *attrs,
    const char *text)
{
	buf_printf(b, "<%s%s>", name, attrs);
	escape_str(b, text);
	buf_printf(b, "</%s>\n", name);
}

static void
link_element(struct buf *b, const char *rel, const char *type,
    const char *href)
{
	buf_puts(b, "<link rel=\"");
	escape_str(b, rel);
	buf_puts(b, "\"");
	if (type != NULL) {
		buf_puts(b, " type=\"");
		escape_str(b, type);
		buf_puts(b, "\"");
	}
	buf_puts(b, " href=\"");
	escape_str(b, href);
	buf_puts(b, "\"/>\n");
}

/* What Atom asks of a feed and of each entry: id, title, updated. */
static void
atom_identity(struct buf *b, const char *id, const char *title,
    const char *updated)
{
	element(b, "id", "", id);
	element(b, "title", " type=\"text\"", title);
	element(b, "updated", "", updated);
}

void
feed_begin(struct buf *b, const struct feed_head *h)
{
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
	escape_str(b, h->lang);
	buf_puts(b, "\">\n");
	atom_identity(b, h->id, h->title, h->updated);
	link_element(b, "self", "application/atom+xml", h->self);
	link_element(b, "alternate", "text/html", h->alternate);
	link_element(b, "license", "text/html", FEED_LICENSE_URL);
	element(b, "rights", " type=\"text\"", h->rights);
	buf_puts(b, "<author>");
	element(b, "name", "", h->author);
	buf_puts(b, "</author>\n");
}

void
feed_entry(struct buf *b, const struct feed_entry *e)
{
	buf_puts(b, "<entry>\n");
	atom_identity(b, e->id, e->title, e->updated);
	link_element(b, "alternate", "text/html", e->link);
	element(b, "content", " type=\"text\"", e->content);
	buf_puts(b, "</entry>\n");
}

void
feed_end(struct buf *b)
{
	buf_puts(b, "</feed>\n");
}

/* A DNS name or an IPv4 address: dot-separated labels of [A-Za-z0-9-]. */
static int
name_valid(const char *s, size_t n)
{
	size_t	i, label = 0;

	if (n == 0 || n > HOST_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (label == 0 || s[i - 1] == '-')
				return 0;
			label = 0;
			continue;
		}
		if (!isalnum((unsigned char)s[i]) && s[i] != '-')
			return 0;
		if (s[i] == '-' && label == 0)
			return 0;
		if (++label > LABEL_MAX)
			return 0;
	}
	return label > 0 && s[n - 1] != '-';
}

/* 1 to 65535, in at most five digits. */
static int
port_valid(const char *s)
{
	size_t	i;
	long	v = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (i == 5 || !isdigit((unsigned char)s[i]))
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	return i > 0 && v >= 1 && v <= 65535;
}

int
feed_host_valid(const char *s)
{
	const char	*e, *colon;
	size_t		 i, n;

	if (s[0] == '[') {
		/* An IPv6 literal. */
		if ((e = strchr(s, ']')) == NULL)
			return 0;
		n = (size_t)(e - s - 1);
		if (n < 2 || n > 45 || memchr(s + 1, ':', n) == NULL)
			return 0;
		for (i = 1; i <= n; i++)
			if (!isxdigit((unsigned char)s[i]) && s[i] != ':' &&
			    s[i] != '.')
				return 0;
		if (e[1] == '\0')
			return 1;
		return e[1] == ':' && port_valid(e + 2);
	}
	if ((colon = strchr(s, ':')) == NULL)
		return name_valid(s, strlen(s));
	return name_valid(s, (size_t)(colon - s)) && port_valid(colon + 1);
}

int
feed_base_parse(const char *s, char *out, size_t len)
{
	char		 host[HOST_MAX + 16];
	const char	*p, *path;
	size_t		 n, i;

	if (strncmp(s, "https://", 8) == 0)
		p = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		p = s + 7;
	else
		return -1;
	path = p + strcspn(p, "/");
	if ((size_t)(path - p) >= sizeof(host))
		return -1;
	memcpy(host, p, (size_t)(path - p));
	host[path - p] = '\0';
	if (!feed_host_valid(host))
		return -1;
	for (i = 0; path[i] != '\0'; i++)
		if (!isalnum((unsigned char)path[i]) && path[i] != '/' &&
		    path[i] != '-' && path[i] != '.' && path[i] != '_' &&
		    path[i] != '~')
			return -1;
	n = strlen(s);
	while (n > 0 && s[n - 1] == '/')
		n--;
	if (n >= len || n > FEED_BASE_MAX)
		return -1;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}
