/* See form.h. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "buf.h"
#include "form.h"
#include "mem.h"
#include "multipart.h"
#include "utf8.h"

void
form_specs(const struct form_field *fields, int n, struct param_spec *specs)
{
	int	i;

	for (i = 0; i < n; i++) {
		specs[i].name = fields[i].name;
		specs[i].maxlen = fields[i].chars > 0 ?
		    PARAM_BYTES(fields[i].chars) : fields[i].bytes;
		specs[i].check = fields[i].check;
		specs[i].flags = fields[i].flags & PARAM_MULTILINE;
	}
}

enum param_error
form_parse(struct form *f, const struct form_field *fields, int n,
    const char *body, const char **bad)
{
	struct param_spec	 specs[FORM_FIELDS_MAX];
	char			*v[FORM_FIELDS_MAX];
	enum param_error	 e;

	memset(f, 0, sizeof(*f));
	if (n > FORM_FIELDS_MAX)
		abort();
	form_specs(fields, n, specs);
	memset(v, 0, sizeof(v));
	e = params_parse_form(body, specs, n, v, bad);
	if (e != PARAM_OK) {
		params_free(v, n);
		f->fields = fields;
		f->n = 0;
		return e;
	}
	form_take(f, fields, n, v);
	return PARAM_OK;
}

enum param_error
form_parse_parts(struct form *f, const struct form_field *fields, int n,
    const struct mp_part *parts, int nparts, const char **bad)
{
	struct param_spec	 specs[FORM_FIELDS_MAX];
	char			*v[FORM_FIELDS_MAX];
	struct buf		 val;
	enum param_error	 e = PARAM_OK;
	int			 i, k;

	memset(f, 0, sizeof(*f));
	f->fields = fields;
	if (n > FORM_FIELDS_MAX)
		abort();
	form_specs(fields, n, specs);
	memset(v, 0, sizeof(v));
	buf_init(&val);
	*bad = "";
	for (k = 0; k < nparts && e == PARAM_OK; k++) {
		for (i = 0; i < n; i++)
			if (strcmp(specs[i].name, parts[k].name) == 0)
				break;
		if (i == n)
			continue;
		*bad = specs[i].name;
		if (v[i] != NULL) {
			e = PARAM_REPEATED;
			break;
		}
		if (parts[k].filename[0] != '\0') {
			e = PARAM_ENCODING;	/* a file where text belongs */
			break;
		}
		buf_reset(&val);
		buf_append(&val, parts[k].data, parts[k].len);
		if ((e = param_value(&specs[i], &val)) == PARAM_OK)
			v[i] = xstrdup(buf_cstr(&val));
	}
	buf_free(&val);
	if (e != PARAM_OK) {
		params_free(v, n);
		return e;
	}
	*bad = "";
	form_take(f, fields, n, v);
	return PARAM_OK;
}

void
form_take(struct form *f, const struct form_field *fields, int n,
    char **values)
{
	int	i;

	memset(f, 0, sizeof(*f));
	if (n > FORM_FIELDS_MAX)
		abort();
	f->fields = fields;
	f->n = n;
	for (i = 0; i < n; i++) {
		f->v[i] = values[i] != NULL ? values[i] : xstrdup("");
		values[i] = NULL;
		if (fields[i].chars > 0 &&
		    utf8_chars(f->v[i]) > (size_t)fields[i].chars)
			form_fail(f, i, fields[i].too_long);
		else if ((fields[i].flags & FORM_REQUIRED) &&
		    f->v[i][0] == '\0')
			form_fail(f, i, fields[i].missing);
	}
}

void
form_fail(struct form *f, int i, const char *msgid)
{
	if (i < 0 || i >= f->n || f->err[i] != NULL || msgid == NULL)
		return;
	f->err[i] = msgid;
	f->nerr++;
}

int
form_fail_code(struct form *f, const char *code,
    const struct form_refusal *refusals)
{
	for (; refusals->code != NULL; refusals++)
		if (strcmp(refusals->code, code) == 0) {
			form_fail(f, refusals->field, refusals->msgid);
			return 1;
		}
	return 0;
}

const char *
form_first_error(const struct form *f, const char *prefer)
{
	int	i;

	for (i = 0; prefer != NULL && i < f->n; i++)
		if (f->err[i] != NULL && strcmp(f->err[i], prefer) == 0)
			return prefer;
	for (i = 0; i < f->n; i++)
		if (f->err[i] != NULL)
			return f->err[i];
	return NULL;
}

const struct form *
form_sent(const struct form *f)
{
	return f->n > 0 ? f : NULL;
}

void
form_wipe(struct form *f, int i)
{
	if (i < f->n && f->v[i] != NULL)
		sodium_memzero(f->v[i], strlen(f->v[i]));
}

int
form_ticked(const struct form *f, int i)
{
	return strcmp(f->v[i], "1") == 0;
}

void
form_free(struct form *f)
{
	int	i;

	for (i = 0; i < f->n; i++)
		free(f->v[i]);
	memset(f, 0, sizeof(*f));
}
