/*
 * RFC 4180 CSV reading and writing. The reader is strict: a quote inside
 * an unquoted field, text after a closing quote, a quote left open and
 * invalid UTF-8 are errors with their line, never guesses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "csv.h"
#include "i18n.h"
#include "utf8.h"

static char	csv_guess_delim(const char *, size_t);
static void	csv_push_field(struct csv_record *, size_t *, struct buf *);
static void	csv_push_record(struct csv_doc *, size_t *,
		    struct csv_record *);
static int	csv_fail(struct csv_error *, size_t, size_t, const char *,
		    const char *);

static int
csv_fail(struct csv_error *err, size_t line, size_t col, const char *id,
    const char *a)
{
	err->line = line;
	err->column = col;
	msg_set(&err->why, id, a, NULL);
	msg_english(&err->why, err->msg, sizeof(err->msg));
	return -1;
}

/* The delimiter that occurs more often outside quotes on the first line. */
static char
csv_guess_delim(const char *s, size_t n)
{
	size_t	i, commas = 0, semis = 0;
	int	quoted = 0;

	for (i = 0; i < n && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == ',')
			commas++;
		else if (!quoted && s[i] == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

static void
csv_push_field(struct csv_record *rec, size_t *cap, struct buf *field)
{
	struct csv_field	*f;

	if (rec->nfields == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		rec->fields = xrealloc(rec->fields,
		    *cap * sizeof(*rec->fields));
	}
	f = &rec->fields[rec->nfields++];
	f->len = field->len;
	f->data = xmalloc(field->len + 1);
	if (field->len > 0)
		memcpy(f->data, field->data, field->len);
	f->data[field->len] = '\0';
	buf_reset(field);
}

static void
csv_push_record(struct csv_doc *doc, size_t *cap, struct csv_record *rec)
{
	if (doc->nrecords == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		doc->records = xrealloc(doc->records,
		    *cap * sizeof(*doc->records));
	}
	doc->records[doc->nrecords++] = *rec;
	memset(rec, 0, sizeof(*rec));
}

/*
 * One pass over the bytes as a state machine (in a field, in quotes,
 * after a quote), kept in one piece: split into functions, each would
 * need the whole state.
 */
int
csv_parse(const char *data, size_t len, size_t max_field,
    struct csv_doc *doc, struct csv_error *err)
{
	struct csv_record	 rec;
	struct buf		 field;
	size_t			 i, bad, line = 1, qline = 0;
	size_t			 reccap = 0, fieldcap = 0, l;
	int			 quoted = 0, was_quoted = 0, rc = -1;
	char			 c, delim;

	memset(doc, 0, sizeof(*doc));
	memset(&rec, 0, sizeof(rec));
	buf_init(&field);

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if ((bad = utf8_check(data, len)) != len) {
		for (i = 0, l = 1; i < bad; i++)
			if (data[i] == '\n')
				l++;
		csv_fail(err, l, 0, N_("the file is not valid UTF-8 text"),
		    NULL);
		goto out;
	}
	if (memchr(data, '\0', len) != NULL) {
		for (i = 0, l = 1; data[i] != '\0'; i++)
			if (data[i] == '\n')
				l++;
		csv_fail(err, l, 0, N_("the file contains a NUL byte"), NULL);
		goto out;
	}
	delim = doc->delim = csv_guess_delim(data, len);
	rec.line = 1;

	for (i = 0; i <= len; i++) {
		c = i < len ? data[i] : '\n';
		if (quoted) {
			if (i == len) {
				csv_fail(err, qline, rec.nfields + 1,
				    N_("a quoted cell is never closed"), NULL);
				goto out;
			}
			if (c == '"') {
				if (i + 1 < len && data[i + 1] == '"') {
					buf_putc(&field, '"');
					i++;
				} else {
					quoted = 0;
					was_quoted = 1;
				}
			} else {
				if (c == '\n')
					line++;
				buf_putc(&field, c);
			}
		} else if (c == '"') {
			if (field.len > 0 || was_quoted) {
				csv_fail(err, line, rec.nfields + 1,
				    N_("a quote inside a cell that does not "
				    "start with a quote"), NULL);
				goto out;
			}
			quoted = 1;
			qline = line;
		} else if (c == delim) {
			csv_push_field(&rec, &fieldcap, &field);
			was_quoted = 0;
		} else if (c == '\r' || c == '\n') {
			if (c == '\r' && i + 1 < len && data[i + 1] == '\n')
				i++;
			if (rec.nfields == 0 && field.len == 0 && !was_quoted) {
				/* An empty line. */
				if (i < len)
					line++;
				rec.line = line;
				continue;
			}
			csv_push_field(&rec, &fieldcap, &field);
			csv_push_record(doc, &reccap, &rec);
			fieldcap = 0;
			was_quoted = 0;
			line++;
			rec.line = line;
		} else {
			if (was_quoted) {
				csv_fail(err, line, rec.nfields + 1,
				    N_("text after the closing quote of a "
				    "cell"), NULL);
				goto out;
			}
			buf_putc(&field, c);
		}
		if (field.len > max_field) {
			char bytes[24];

			snprintf(bytes, sizeof(bytes), "%zu", max_field);
			csv_fail(err, quoted ? qline : line, rec.nfields + 1,
			    N_("a cell is longer than %a% bytes"), bytes);
			goto out;
		}
	}
	rc = 0;
out:
	for (i = 0; i < rec.nfields; i++)
		free(rec.fields[i].data);
	free(rec.fields);
	buf_free(&field);
	if (rc == -1)
		csv_free(doc);
	return rc;
}

void
csv_free(struct csv_doc *doc)
{
	size_t	i, j;

	for (i = 0; i < doc->nrecords; i++) {
		for (j = 0; j < doc->records[i].nfields; j++)
			free(doc->records[i].fields[j].data);
		free(doc->records[i].fields);
	}
	free(doc->records);
	doc->records = NULL;
	doc->nrecords = 0;
}

void
csv_write_field(struct buf *b, const char *s, char delim)
{
	const char	*p;

	if (strchr(s, '"') == NULL && strchr(s, delim) == NULL &&
	    strchr(s, '\n') == NULL && strchr(s, '\r') == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}
