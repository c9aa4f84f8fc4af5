/* See multipart.h. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "multipart.h"

static int	header_param(const char *, size_t, const char *, char *,
		    size_t);

int
multipart_boundary(const char *ct, char *out, size_t len)
{
	const char	*p;
	size_t		 n;

	while (isspace((unsigned char)*ct))
		ct++;
	if (strncasecmp(ct, "multipart/form-data", 19) != 0)
		return -1;
	if ((p = strcasestr(ct, "boundary=")) == NULL)
		return -1;
	p += 9;
	if (*p == '"') {
		p++;
		n = strcspn(p, "\"");
		if (p[n] != '"')
			return -1;
	} else
		n = strcspn(p, "; \t");
	if (n == 0 || n > MULTIPART_MAX_BOUNDARY || n >= len)
		return -1;
	memcpy(out, p, n);
	out[n] = '\0';
	return 0;
}

/* The value of name="..." in a Content-Disposition header line. */
static int
header_param(const char *h, size_t hlen, const char *name, char *out,
    size_t outlen)
{
	const char	*p = h, *end = h + hlen, *v;
	size_t		 nlen = strlen(name), n;

	while ((p = memmem(p, (size_t)(end - p), name, nlen)) != NULL) {
		/* A whole parameter name: not "filename" for "name". */
		if ((p == h || p[-1] == ' ' || p[-1] == ';' || p[-1] == '\t')
		    && p + nlen + 1 < end && p[nlen] == '=' &&
		    p[nlen + 1] == '"') {
			v = p + nlen + 2;
			for (n = 0; v + n < end && v[n] != '"'; n++)
				;
			if (v + n >= end || n >= outlen)
				return -1;
			memcpy(out, v, n);
			out[n] = '\0';
			return 0;
		}
		p += nlen;
	}
	return -1;
}

int
multipart_parse(const char *body, size_t len, const char *boundary,
    struct mp_part *parts, size_t max)
{
	char		 delim[MULTIPART_MAX_BOUNDARY + 5];
	const char	*p, *end = body + len, *hend, *next, *line, *eol;
	size_t		 dlen, n = 0;

	dlen = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
	/* The first delimiter may open the body without its CRLF. */
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
		p = body + dlen - 2;
	else if ((p = memmem(body, len, delim, dlen)) != NULL)
		p += dlen;
	else
		return -1;
	for (;;) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return (int)n;		/* the closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return -1;
		p += 2;
		if ((hend = memmem(p, (size_t)(end - p), "\r\n\r\n", 4)) ==
		    NULL)
			return -1;
		if (n == max)
			return -1;
		memset(&parts[n], 0, sizeof(parts[n]));
		for (line = p; line < hend; line = eol + 2) {
			if ((eol = memmem(line, (size_t)(hend + 2 - line),
			    "\r\n", 2)) == NULL)
				eol = hend;
			if ((size_t)(eol - line) > 20 && strncasecmp(line,
			    "content-disposition:", 20) == 0) {
				if (header_param(line, (size_t)(eol - line),
				    "name", parts[n].name,
				    sizeof(parts[n].name)) == -1)
					return -1;
				header_param(line, (size_t)(eol - line),
				    "filename", parts[n].filename,
				    sizeof(parts[n].filename));
			}
		}
		if (parts[n].name[0] == '\0')
			return -1;
		p = hend + 4;
		if ((next = memmem(p, (size_t)(end - p), delim, dlen)) ==
		    NULL)
			return -1;
		parts[n].data = p;
		parts[n].len = (size_t)(next - p);
		n++;
		p = next + dlen;
	}
}

const struct mp_part *
multipart_get(const struct mp_part *parts, int n, const char *name)
{
	int	i;

	for (i = 0; i < n; i++)
		if (strcmp(parts[i].name, name) == 0)
			return &parts[i];
	return NULL;
}
