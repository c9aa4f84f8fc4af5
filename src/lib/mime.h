/*
 * Internet mail messages (RFC 5322, MIME): a plain-text part and its
 * HTML alternative in UTF-8, headers encoded per RFC 2047. Nothing of
 * a header comes from outside unchecked: addresses are allow-listed
 * and a header value with a line break or another control character
 * is refused, so no header can be injected. No network here; the
 * sender hands the bytes to an SMTP client.
 */
#ifndef TOTEUMA_MIME_H
#define TOTEUMA_MIME_H

#include <stddef.h>
#include <time.h>

#include "buf.h"

#define MIME_ADDRESS_MAX	254	/* bytes of an address (RFC 5321) */
#define MIME_EXTRA_MAX		4

struct mime_header {
	const char	*name;		/* "List-Unsubscribe" */
	const char	*value;		/* printable ASCII */
};

struct mime_mail {
	const char	*from;		/* an address (mime_address_valid) */
	const char	*from_name;	/* UTF-8 display name, or NULL */
	const char	*to;
	const char	*subject;	/* UTF-8, one line */
	const char	*lang;		/* Content-Language, or NULL */
	time_t		 date;
	const char	*message_id;	/* "local@domain", without <> */
	int		 auto_submitted; /* Auto-Submitted: auto-generated */
	struct mime_header extra[MIME_EXTRA_MAX];
	size_t		 nextra;
	const char	*text;		/* UTF-8, LF or CRLF line ends */
	const char	*html;		/* UTF-8; NULL for text alone */
};

/*
 * 1 when s is an address we send to: ASCII, local@domain, the local
 * part of RFC 5322 atext and single dots, the domain of letters, digits,
 * hyphens and dots, at most MIME_ADDRESS_MAX bytes. No quoting, no
 * comments, no spaces or line breaks.
 */
int	mime_address_valid(const char *s);
/*
 * An address's ASCII capitals in lower case, in place: the form an
 * address is stored, looked up and compared in.
 */
void	mime_address_lower(char *s);
/*
 * A header "Name: value" with value in RFC 2047 encoded words when it
 * is not plain ASCII, folded so that no line exceeds 78 characters.
 * -1 (nothing appended) when value is not UTF-8 or has a control
 * character.
 */
int	mime_header(struct buf *out, const char *name, const char *value);
/* RFC 5322 date in UTC ("Mon, 30 Nov 2026 17:04:02 +0000"). */
void	mime_date(struct buf *out, time_t);
/*
 * The whole message with CRLF line ends, bodies in base64. -1 with a
 * reason (static text) when an address or a header value is unsafe;
 * out is then reset.
 */
int	mime_build(struct buf *out, const struct mime_mail *,
	    const char **why);

#endif
