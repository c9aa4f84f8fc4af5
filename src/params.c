/* Query-string parsing; see params.h. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "params.h"
#include "utf8.h"

static int	hexval(char);

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
	const char		*p, *end, *eq, *v;
	struct buf		 name, val;
	enum param_error	 err = PARAM_OK;
	size_t			 i, k;
	int			 h1, h2;

	for (i = 0; i < nspecs; i++)
		values[i] = NULL;
	*bad = "";
	if (qs == NULL)
		return PARAM_OK;
	if (strlen(qs) > PARAMS_MAX_QUERY)
		return PARAM_QUERY_TOO_LONG;
	buf_init(&name);
	buf_init(&val);
	for (p = qs; *p != '\0' && err == PARAM_OK; p = *end ? end + 1 : end) {
		end = p + strcspn(p, "&;");
		eq = memchr(p, '=', (size_t)(end - p));
		buf_reset(&name);
		buf_reset(&val);
		for (k = 0; k < 2; k++) {
			struct buf *out = k == 0 ? &name : &val;
			const char *s = k == 0 ? p : (eq ? eq + 1 : end);
			const char *e = k == 0 ? (eq ? eq : end) : end;

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
		buf_cstr(&name);
		buf_cstr(&val);
		for (i = 0; i < nspecs; i++)
			if (strcmp(specs[i].name, name.data) == 0)
				break;
		if (i == nspecs)
			continue;
		*bad = specs[i].name;
		if (values[i] != NULL)
			err = PARAM_REPEATED;
		else if (val.len > specs[i].maxlen)
			err = PARAM_TOO_LONG;
		else if (utf8_check(val.data, val.len) != val.len)
			err = PARAM_ENCODING;
		else {
			for (k = 0; k < val.len; k++) {
				unsigned char c = (unsigned char)val.data[k];

				if (c < 0x20 || c == 0x7f)
					err = PARAM_ENCODING;
			}
			if (err == PARAM_OK && specs[i].check != NULL &&
			    val.len > 0 && !specs[i].check(val.data))
				err = PARAM_INVALID;
			if (err == PARAM_OK && (values[i] =
			    strdup(val.data)) == NULL)
				abort();
		}
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
param_is_code(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || *s == '_') || n >= 32)
			return 0;
	return n > 0;
}
