/*
 * Mail messages; see mime.h. Every header value is checked before a
 * byte of it is written, so that a value with a line break can never
 * start a header of its own.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "mime.h"
#include "utf8.h"

/* An encoded word is at most 75 characters: 60 of base64 hold 45 bytes. */
#define WORD_BYTES	45
#define B64_LINE	57	/* bytes per 76-character line */

static int	atext(int);
static int	header_safe(const char *);
static int	plain_ascii(const char *);
static void	put_base64(struct buf *, const unsigned char *, size_t);
static void	put_words(struct buf *, const char *, size_t);
static void	put_body(struct buf *, const char *boundary, const char *type,
		    const char *);
static int	put_headers(struct buf *, const struct mime_mail *,
		    const char *, const char **);

static int
atext(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' &&
	    strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

int
mime_address_valid(const char *s)
{
	const char	*at, *p;

	if (s == NULL || strlen(s) > MIME_ADDRESS_MAX ||
	    (at = strchr(s, '@')) == NULL || at == s || at - s > 64 ||
	    strchr(at + 1, '@') != NULL)
		return 0;
	for (p = s; p < at; p++)
		if (!atext((unsigned char)*p) && !(*p == '.' && p > s &&
		    p[1] != '@' && p[-1] != '.'))
			return 0;
	if (at[1] == '\0')
		return 0;
	for (p = at + 1; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9'))
			continue;
		if ((*p == '-' || *p == '.') && p > at + 1 && p[1] != '\0' &&
		    p[-1] != '.' && !(*p == '.' && p[-1] == '-') &&
		    !(*p == '.' && p[1] == '-'))
			continue;
		return 0;
	}
	return 1;
}

void
mime_address_lower(char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/* 1 when s is UTF-8 without control characters. */
static int
header_safe(const char *s)
{
	size_t	n = strlen(s), i;

	if (utf8_check(s, n) != n)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

/* 1 when s needs no encoding: printable ASCII, no "=?", lines short. */
static int
plain_ascii(const char *s)
{
	const char	*p;

	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p > 0x7e)
			return 0;
	return strstr(s, "=?") == NULL && strlen(s) <= 900;
}

static void
put_base64(struct buf *out, const unsigned char *s, size_t n)
{
	char	line[B64_LINE * 4 / 3 + 4];

	sodium_bin2base64(line, sizeof(line), s, n,
	    sodium_base64_VARIANT_ORIGINAL);
	buf_puts(out, line);
}

/*
 * s as encoded words, each whole characters only, one per folded line.
 */
static void
put_words(struct buf *out, const char *s, size_t n)
{
	size_t		off = 0, len, step;
	uint32_t	cp;

	while (off < n) {
		for (len = 0; off + len < n; len += step) {
			step = utf8_decode((const unsigned char *)s + off +
			    len, n - off - len, &cp);
			if (step == 0 || len + step > WORD_BYTES)
				break;
		}
		if (off > 0)
			buf_puts(out, "\r\n ");
		buf_puts(out, "=?UTF-8?B?");
		put_base64(out, (const unsigned char *)s + off, len);
		buf_puts(out, "?=");
		off += len;
	}
}

int
mime_header(struct buf *out, const char *name, const char *value)
{
	if (!header_safe(value))
		return -1;
	buf_printf(out, "%s: ", name);
	if (plain_ascii(value))
		buf_puts(out, value);
	else
		put_words(out, value, strlen(value));
	buf_puts(out, "\r\n");
	return 0;
}

void
mime_date(struct buf *out, time_t t)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed",
	    "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm	tm;

	gmtime_r(&t, &tm);
	buf_printf(out, "%s, %02d %s %04d %02d:%02d:%02d +0000",
	    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* One part: its headers and its text with CRLF line ends in base64. */
static void
put_body(struct buf *out, const char *boundary, const char *type,
    const char *s)
{
	struct buf	crlf;
	size_t		i;

	if (boundary != NULL)
		buf_printf(out, "--%s\r\n", boundary);
	buf_printf(out, "Content-Type: %s; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", type);
	buf_init(&crlf);
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
			buf_putc(&crlf, '\r');
		buf_putc(&crlf, s[i]);
	}
	for (i = 0; i < crlf.len; i += B64_LINE) {
		put_base64(out, (const unsigned char *)crlf.data + i,
		    crlf.len - i < B64_LINE ? crlf.len - i : B64_LINE);
		buf_puts(out, "\r\n");
	}
	buf_free(&crlf);
}

static int
put_headers(struct buf *out, const struct mime_mail *m,
    const char *boundary, const char **why)
{
	struct buf	from;
	size_t		i;
	int		rc = -1;

	buf_init(&from);
	buf_puts(out, "Date: ");
	mime_date(out, m->date);
	buf_puts(out, "\r\n");
	if (m->from_name != NULL && *m->from_name != '\0') {
		if (!header_safe(m->from_name)) {
			*why = "the sender's name has a control character";
			goto out;
		}
		put_words(&from, m->from_name, strlen(m->from_name));
		buf_putc(&from, ' ');
	}
	buf_printf(&from, "<%s>", m->from);
	buf_printf(out, "From: %s\r\nTo: <%s>\r\n", buf_cstr(&from), m->to);
	if (mime_header(out, "Subject", m->subject) == -1) {
		*why = "the subject is not one line of UTF-8";
		goto out;
	}
	buf_printf(out, "Message-ID: <%s>\r\nMIME-Version: 1.0\r\n",
	    m->message_id);
	if (m->lang != NULL && strspn(m->lang, "abcdefghijklmnopqrstuvwxyz-")
	    == strlen(m->lang) && *m->lang != '\0')
		buf_printf(out, "Content-Language: %s\r\n", m->lang);
	if (m->auto_submitted)
		buf_puts(out, "Auto-Submitted: auto-generated\r\n");
	for (i = 0; i < m->nextra && i < MIME_EXTRA_MAX; i++) {
		if (!plain_ascii(m->extra[i].value) ||
		    !header_safe(m->extra[i].value) ||
		    mime_header(out, m->extra[i].name, m->extra[i].value)
		    == -1) {
			*why = "a header is not one line of printable ASCII";
			goto out;
		}
	}
	if (boundary != NULL)
		buf_printf(out, "Content-Type: multipart/alternative; "
		    "boundary=\"%s\"\r\n\r\n", boundary);
	rc = 0;
out:
	buf_free(&from);
	return rc;
}

int
mime_build(struct buf *out, const struct mime_mail *m, const char **why)
{
	char		boundary[80];
	const char	*p;

	buf_reset(out);
	*why = "an address is not one we send to";
	if (!mime_address_valid(m->from) || !mime_address_valid(m->to))
		return -1;
	*why = "the Message-ID is not an address-like token";
	if ((p = strchr(m->message_id, '@')) == NULL ||
	    strspn(m->message_id, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_@") !=
	    strlen(m->message_id) || strlen(m->message_id) > 200)
		return -1;
	/* "=_" never occurs in base64, so no body can hold the boundary. */
	snprintf(boundary, sizeof(boundary), "=_alt_%.*s",
	    (int)(p - m->message_id), m->message_id);
	if (put_headers(out, m, m->html != NULL ? boundary : NULL, why)
	    == -1) {
		buf_reset(out);
		return -1;
	}
	if (m->html == NULL) {
		put_body(out, NULL, "text/plain", m->text);
		return 0;
	}
	buf_puts(out, "This is a message in MIME format.\r\n\r\n");
	put_body(out, boundary, "text/plain", m->text);
	buf_puts(out, "\r\n");
	put_body(out, boundary, "text/html", m->html);
	buf_printf(out, "\r\n--%s--\r\n", boundary);
	return 0;
}
