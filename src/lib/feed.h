/*
 * Atom 1.0 feeds (RFC 4287) of the changes to actions: the XML writer,
 * which escapes every text and attribute value and leaves out what XML
 * can not carry, the entry identifiers, the time format, and the checks
 * of the public base address the absolute links are made from. No
 * database and no HTTP here; http_feed.c fills these in.
 */
#ifndef TOTEUMA_FEED_H
#define TOTEUMA_FEED_H

#include <stddef.h>

#include "buf.h"

#define FEED_MAX_ENTRIES	50
#define FEED_LICENSE_URL	"https://creativecommons.org/licenses/by/4.0/"
#define FEED_CONTENT_TYPE	"application/atom+xml; charset=utf-8"
#define FEED_BASE_MAX		200	/* bytes of a base address */

/* The feed element's own children; absolute URLs, RFC 3339 times. */
struct feed_head {
	const char	*lang;		/* xml:lang: "fi", "sv", "en" */
	const char	*id;
	const char	*title;
	const char	*updated;
	const char	*self;
	const char	*alternate;
	const char	*rights;
	const char	*author;
};

struct feed_entry {
	const char	*id;
	const char	*title;
	const char	*updated;
	const char	*link;		/* rel="alternate" */
	const char	*content;	/* plain text */
};

void	feed_begin(struct buf *, const struct feed_head *);
void	feed_entry(struct buf *, const struct feed_entry *);
void	feed_end(struct buf *);

/*
 * Appends s escaped for XML text and quoted attribute values. Characters
 * that XML 1.0 does not allow (control characters, U+FFFE, U+FFFF) are
 * left out, and a byte that is not UTF-8 becomes U+FFFD.
 */
void	feed_escape(struct buf *, const char *s, size_t n);
/* Appends at most max characters of s on one line, "…" when cut. */
void	feed_excerpt(struct buf *, const char *s, size_t max);
/* Appends the time (seconds since 1970) as RFC 3339 in UTC. */
void	feed_time(struct buf *, long long seconds);
/*
 * Appends the identifier of the entry of one history row: a urn:uuid
 * (RFC 9562 version 8) made of the row's id and the microsecond of its
 * change, neither of which ever changes.
 */
void	feed_entry_id(struct buf *, long long history_id, long long micros);

/* 1 when s is a syntactically valid host[:port] (a Host header). */
int	feed_host_valid(const char *s);
/*
 * Checks a configured base address, http[s]://host[:port][/path], and
 * copies it without trailing slashes to out. Returns 0, or -1 when it
 * is not such an address or does not fit.
 */
int	feed_base_parse(const char *s, char *out, size_t len);

#endif
