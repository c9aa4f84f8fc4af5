/* Query-string parsing; see params.h. */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "buf.h"
#include "params.h"
#include "utf8.h"

static int	hexval(char);
static const char *next_pair(const char *, struct buf *, struct buf *);
static size_t	max_bytes(const struct param_spec *);
static enum param_error parse(const char *, size_t,
		    const struct param_spec *, size_t, char **, const char **);

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum param_error
params_parse(const char *qs, const struct param_spec *specs, size_t nspecs,
    char **values, const char **bad)
{
	return parse(qs, PARAMS_MAX_QUERY, specs, nspecs, values, bad);
}

enum param_error
params_parse_form(const char *body, const struct param_spec *specs,
    size_t nspecs, char **values, const char **bad)
{
	return parse(body, PARAMS_MAX_FORM, specs, nspecs, values, bad);
}

/* Decodes the pair at p into name and val; returns where the next starts. */
static const char *
next_pair(const char *p, struct buf *name, struct buf *val)
{
	const char	*end, *eq, *v, *s, *e;
	struct buf	*out;
	int		 h1, h2, k;

	end = p + strcspn(p, "&;");
	eq = memchr(p, '=', (size_t)(end - p));
	buf_reset(name);
	buf_reset(val);
	for (k = 0; k < 2; k++) {
		out = k == 0 ? name : val;
		s = k == 0 ? p : (eq ? eq + 1 : end);
		e = k == 0 ? (eq ? eq : end) : end;
		for (v = s; v < e; v++) {
			if (*v == '+')
				buf_putc(out, ' ');
			else if (*v == '%' && v + 2 < e &&
			    (h1 = hexval(v[1])) >= 0 &&
			    (h2 = hexval(v[2])) >= 0) {
				buf_putc(out, (char)(h1 * 16 + h2));
				v += 2;
			} else
				buf_putc(out, *v);
		}
	}
	buf_cstr(name);
	buf_cstr(val);
	return *end ? end + 1 : end;
}

size_t
params_list(const char *qs, char **names, char **values, size_t max)
{
	struct buf	name, val;
	const char	*p;
	size_t		 n = 0;

	buf_init(&name);
	buf_init(&val);
	for (p = qs; *p != '\0' && n < max; ) {
		p = next_pair(p, &name, &val);
		if (name.len == 0 || utf8_check(val.data, val.len) != val.len ||
		    utf8_check(name.data, name.len) != name.len)
			continue;
		names[n] = xstrdup(name.data);
		values[n] = xstrdup(val.data);
		n++;
	}
	buf_free(&name);
	buf_free(&val);
	return n;
}

/* The most bytes a value of spec may have. */
static size_t
max_bytes(const struct param_spec *spec)
{
	return (spec->flags & PARAM_CHARS) ? PARAM_BYTES(spec->maxlen) :
	    spec->maxlen;
}

enum param_error
param_value(const struct param_spec *spec, struct buf *val)
{
	enum param_error	err = PARAM_OK;
	size_t			k, w = 0;

	if (val->len > max_bytes(spec))
		return PARAM_TOO_LONG;
	if (utf8_check(val->data, val->len) != val->len)
		return PARAM_ENCODING;
	if ((spec->flags & PARAM_CHARS) &&
	    utf8_length(val->data, val->len) > spec->maxlen)
		return PARAM_TOO_LONG;
	/* Text areas: CRLF becomes LF; tabs stay. */
	for (k = 0; k < val->len; k++) {
		unsigned char c = (unsigned char)val->data[k];

		if ((spec->flags & PARAM_MULTILINE) && c == '\r')
			continue;
		if ((c < 0x20 && !((spec->flags & PARAM_MULTILINE) &&
		    (c == '\n' || c == '\t'))) || c == 0x7f)
			err = PARAM_ENCODING;
		val->data[w++] = (char)c;
	}
	val->len = w;
	buf_cstr(val);
	if (err == PARAM_OK && spec->check != NULL && val->len > 0 &&
	    !spec->check(val->data))
		err = PARAM_INVALID;
	return err;
}

static enum param_error
parse(const char *qs, size_t max, const struct param_spec *specs,
    size_t nspecs, char **values, const char **bad)
{
	const char		*p;
	struct buf		 name, val;
	enum param_error	 err = PARAM_OK;
	size_t			 i;

	for (i = 0; i < nspecs; i++)
		values[i] = NULL;
	*bad = "";
	if (qs == NULL)
		return PARAM_OK;
	if (strlen(qs) > max)
		return PARAM_QUERY_TOO_LONG;
	buf_init(&name);
	buf_init(&val);
	for (p = qs; *p != '\0' && err == PARAM_OK; ) {
		p = next_pair(p, &name, &val);
		for (i = 0; i < nspecs; i++)
			if (strcmp(specs[i].name, name.data) == 0)
				break;
		if (i == nspecs)
			continue;
		*bad = specs[i].name;
		if (values[i] != NULL)
			err = PARAM_REPEATED;
		else if ((err = param_value(&specs[i], &val)) == PARAM_OK)
			values[i] = xstrdup(val.data);
	}
	buf_free(&name);
	buf_free(&val);
	if (err != PARAM_OK)
		params_free(values, nspecs);
	else
		*bad = "";
	return err;
}

void
params_free(char **values, size_t nspecs)
{
	size_t	i;

	for (i = 0; i < nspecs; i++) {
		free(values[i]);
		values[i] = NULL;
	}
}

int
param_is_digits(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++, n++)
		if (*s < '0' || *s > '9' || n >= 9)
			return 0;
	return n > 0;
}

int
param_int(const char *s, int min, int max, int *out)
{
	long	n;

	if (!param_is_digits(s))
		return -1;
	n = strtol(s, NULL, 10);
	if (n < min || n > max)
		return -1;
	*out = (int)n;
	return 0;
}

int
param_is_code(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || *s == '_') || n >= 32)
			return 0;
	return n > 0;
}

int
param_index(const char *s, const char *const *names, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}
