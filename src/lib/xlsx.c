/*
 * See xlsx.h. The parts are read in order: workbook.xml names the
 * sheets, its relations say where each part is, sharedStrings.xml
 * holds the text the cells point to, styles.xml says which number
 * formats are dates, and the sheet's XML is read as a stream.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>
#include <libxml/xmlreader.h>

#include "mem.h"
#include "i18n.h"
#include "xlsx.h"

#define NS_REL	"http://schemas.openxmlformats.org/officeDocument/2006/" \
		"relationships"

/* One workbook being read. */
struct book {
	zip_t			*zip;
	size_t			 total;		/* bytes unpacked so far */
	char			**strings;	/* the shared strings */
	size_t			 nstrings;
	unsigned char		*date_style;	/* per cell style: a date */
	size_t			 nstyles;
	struct msg_problems	*pr;
};

/* The cell being read in the sheet. */
struct cell {
	int		 col;
	char		 type[16];
	long		 style;
	int		 formula;
	int		 has_value;
	struct buf	 value;		/* <v>, or an inline string */
};

/* The sheet being read into rows. */
struct sheet {
	struct csv_doc		*doc;
	size_t			 cap;
	struct csv_record	 rec;	/* the current row */
	size_t			 fcap;
	size_t			 row;
	size_t			 width;	/* of the header, once known */
	size_t			 max_cell;
	int			 stop;	/* a problem that ends the reading */
};

static void	unreadable(struct book *, const char *);
static int	part_read(struct book *, const char *, size_t, struct buf *);
static int	too_large(struct book *, zip_int64_t, size_t);
static xmlTextReaderPtr reader_open(const struct buf *);
static int	doctype(xmlTextReaderPtr);
static char	*attr(xmlTextReaderPtr, const char *);
static int	cell_ref(const char *, size_t *, int *);
static int	sheet_target(struct book *, const char *, char *, size_t);
static int	rels_read(struct book *, const char *, char *, size_t,
		    char *, size_t, char *, size_t);
static int	strings_read(struct book *, const char *);
static int	styles_read(struct book *, const char *);
static int	format_is_date(long, const char *);
static int	sheet_read(struct book *, const char *, size_t,
		    struct csv_doc *);
static void	row_end(struct sheet *);
static void	cell_end(struct book *, struct sheet *, struct cell *);
static void	cell_put(struct sheet *, int, const char *, size_t);
static void	merge_check(struct book *, const char *);
static int	stream_read(void *, char *, int);
static int	stream_close(void *);
static void	quiet(void *, xmlErrorPtr);

/* A part read as a stream, stopped at its cap. */
struct stream {
	struct book	*bk;
	zip_file_t	*zf;
	size_t		 len;
	size_t		 cap;
	int		 over;
};

int
xlsx_sniff(const char *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\003\004", 4) == 0;
}

void
xlsx_cell_name(size_t row, int col, char *out, size_t len)
{
	char	letters[8];
	int	n = 0, i;

	if (col < 0) {
		snprintf(out, len, "%zu", row);
		return;
	}
	col++;
	while (col > 0 && n < (int)sizeof(letters)) {
		letters[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n / 2; i++) {
		char t = letters[i];

		letters[i] = letters[n - 1 - i];
		letters[n - 1 - i] = t;
	}
	snprintf(out, len, "%.*s%zu", n, letters, row);
}

/* The workbook's part name could not be read: the problem said. */
static void
unreadable(struct book *bk, const char *name)
{
	msg_problem(bk->pr, 0, -1, N_("the workbook could not be read (%a%): "
	    "save it again as an Excel workbook (.xlsx)"), name, NULL);
}

/*
 * 1 with a problem when part idx says it unpacks to more than cap: then
 * it is not read at all. (What it says is not trusted either: reading
 * stops at the cap.)
 */
static int
too_large(struct book *bk, zip_int64_t idx, size_t cap)
{
	zip_stat_t	st;
	char		mb[24];

	zip_stat_init(&st);
	if (zip_stat_index(bk->zip, (zip_uint64_t)idx, 0, &st) == -1 ||
	    !(st.valid & ZIP_STAT_SIZE) || st.size <= cap)
		return 0;
	snprintf(mb, sizeof(mb), "%u", (unsigned)(cap >> 20));
	msg_problem(bk->pr, 0, -1, N_("the workbook unpacks to more than "
	    "%a% MB: it is refused"), mb, NULL);
	return 1;
}

/*
 * The part name of the container into out, at most cap bytes: -1 with
 * a problem when it is missing (and required), too large or unreadable.
 * The size in the directory is not trusted: reading stops at the cap.
 */
static int
part_read(struct book *bk, const char *name, size_t cap, struct buf *out)
{
	zip_int64_t	 idx;
	zip_file_t	*zf;
	zip_int64_t	 n;
	char		 chunk[16384], mb[24];
	int		 rc = -1;

	buf_reset(out);
	if ((idx = zip_name_locate(bk->zip, name, 0)) < 0)
		return 1;
	if (too_large(bk, idx, cap))
		return -1;
	if ((zf = zip_fopen_index(bk->zip, (zip_uint64_t)idx, 0)) == NULL) {
		unreadable(bk, name);
		return -1;
	}
	while ((n = zip_fread(zf, chunk, sizeof(chunk))) > 0) {
		buf_append(out, chunk, (size_t)n);
		bk->total += (size_t)n;
		if (out->len > cap || bk->total > XLSX_MAX_TOTAL) {
			snprintf(mb, sizeof(mb), "%u", (unsigned)(
			    (out->len > cap ? cap : XLSX_MAX_TOTAL) >> 20));
			msg_problem(bk->pr, 0, -1, N_("the workbook unpacks to "
			    "more than %a% MB: it is refused"), mb, NULL);
			goto out;
		}
	}
	if (n < 0) {
		unreadable(bk, name);
		goto out;
	}
	rc = 0;
out:
	zip_fclose(zf);
	return rc;
}

/* libxml2's input callback: the next bytes of the part, up to its cap. */
static int
stream_read(void *ctx, char *out, int len)
{
	struct stream	*st = ctx;
	zip_int64_t	 n;

	if ((n = zip_fread(st->zf, out, (zip_uint64_t)len)) < 0)
		return -1;
	st->len += (size_t)n;
	st->bk->total += (size_t)n;
	if (st->len > st->cap || st->bk->total > XLSX_MAX_TOTAL) {
		st->over = 1;
		return -1;
	}
	return (int)n;
}

static int
stream_close(void *ctx)
{
	(void)ctx;
	return 0;
}

/* A broken part is a problem for the person: nothing for the log. */
static void
quiet(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/* A reader of an XML part that never loads anything from outside. */
static xmlTextReaderPtr
reader_open(const struct buf *b)
{
	xmlTextReaderPtr	r;

	r = xmlReaderForMemory(b->data ? b->data : "", (int)b->len, NULL,
	    NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (r != NULL)
		xmlTextReaderSetStructuredErrorHandler(r, quiet, NULL);
	return r;
}

/* 1 at a document type declaration: no part of a workbook has one. */
static int
doctype(xmlTextReaderPtr r)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_DOCUMENT_TYPE;
}

/* An attribute as an owned string, or NULL. */
static char *
attr(xmlTextReaderPtr r, const char *name)
{
	xmlChar	*v;
	char	*s;

	if ((v = xmlTextReaderGetAttribute(r, (const xmlChar *)name)) == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* "C7" into row 7 and column 2; -1 when it is not a cell reference. */
static int
cell_ref(const char *s, size_t *row, int *col)
{
	long	c = 0, r = 0;
	int	n = 0;

	while (isupper((unsigned char)*s) && n < 3) {
		c = c * 26 + (*s++ - 'A' + 1);
		n++;
	}
	if (n == 0 || !isdigit((unsigned char)*s) || *s == '0')
		return -1;
	while (isdigit((unsigned char)*s) && r < 10000000)
		r = r * 10 + (*s++ - '0');
	if (*s != '\0')
		return -1;
	*row = (size_t)r;
	*col = (int)c - 1;
	return 0;
}

/*
 * The workbook's relations: the part of relation id into sheet, and of
 * the shared strings and styles ("" when there are none).
 */
static int
rels_read(struct book *bk, const char *id, char *sheet, size_t slen,
    char *strings, size_t stlen, char *styles, size_t sylen)
{
	xmlTextReaderPtr	 r;
	struct buf		 b;
	char			*rid, *type, *target, *out;
	size_t			 olen;
	int			 ret, rc = -1;

	*sheet = *strings = *styles = '\0';
	buf_init(&b);
	if (part_read(bk, "xl/_rels/workbook.xml.rels", 1u << 20, &b) != 0)
		goto out;
	if ((r = reader_open(&b)) == NULL)
		goto out;
	while ((ret = xmlTextReaderRead(r)) == 1 && !doctype(r)) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    !xmlStrEqual(xmlTextReaderConstLocalName(r),
		    (const xmlChar *)"Relationship"))
			continue;
		rid = attr(r, "Id");
		type = attr(r, "Type");
		target = attr(r, "Target");
		out = NULL;
		olen = 0;
		if (rid && type && target && strcmp(rid, id) == 0) {
			out = sheet;
			olen = slen;
		} else if (type && target && strlen(type) > 14 &&
		    strcmp(type + strlen(type) - 14, "/sharedStrings") == 0) {
			out = strings;
			olen = stlen;
		} else if (type && target && strlen(type) > 7 &&
		    strcmp(type + strlen(type) - 7, "/styles") == 0) {
			out = styles;
			olen = sylen;
		}
		/* Targets are relative to xl/, or absolute in the package. */
		if (out != NULL)
			snprintf(out, olen, "%s%s", target[0] == '/' ? "" :
			    "xl/", target[0] == '/' ? target + 1 : target);
		free(rid);
		free(type);
		free(target);
	}
	xmlFreeTextReader(r);
	if (ret == 0 && *sheet != '\0')
		rc = 0;
out:
	if (rc == -1 && bk->pr->count == 0)
		unreadable(bk, "xl/_rels/workbook.xml.rels");
	buf_free(&b);
	return rc;
}

/*
 * The part of the sheet named name (the first when empty) into path,
 * with the shared strings and styles read. -1 with a problem.
 */
static int
sheet_target(struct book *bk, const char *name, char *path, size_t plen)
{
	xmlTextReaderPtr	 r;
	struct buf		 b, names;
	char			*n, *id = NULL, strings[256], styles[256];
	int			 ret, rc = -1;

	buf_init(&b);
	buf_init(&names);
	if (part_read(bk, "xl/workbook.xml", 4u << 20, &b) != 0) {
		if (bk->pr->count == 0)
			msg_problem(bk->pr, 0, -1, N_("the file is not an "
			    "Excel workbook (.xlsx) or a CSV file"), NULL,
			    NULL);
		goto out;
	}
	if ((r = reader_open(&b)) == NULL)
		goto out;
	while (id == NULL && (ret = xmlTextReaderRead(r)) == 1 &&
	    !doctype(r)) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    !xmlStrEqual(xmlTextReaderConstLocalName(r),
		    (const xmlChar *)"sheet"))
			continue;
		if ((n = attr(r, "name")) == NULL)
			continue;
		if (name == NULL || *name == '\0' || strcmp(n, name) == 0) {
			xmlChar *v = xmlTextReaderGetAttributeNs(r,
			    (const xmlChar *)"id", (const xmlChar *)NS_REL);

			id = xstrdup(v ? (const char *)v : "");
			xmlFree(v);
		} else if (names.len < 400)
			buf_printf(&names, "%s%s", names.len ? ", " : "", n);
		free(n);
	}
	xmlFreeTextReader(r);
	if (id == NULL) {
		if (name != NULL && *name != '\0')
			msg_problem(bk->pr, 0, -1, N_("the workbook has no "
			    "sheet named \"%a%\"; its sheets: %b%"), name,
			    buf_cstr(&names));
		else
			msg_problem(bk->pr, 0, -1, N_("the workbook has no "
			    "sheets"), NULL, NULL);
		goto out;
	}
	if (rels_read(bk, id, path, plen, strings, sizeof(strings), styles,
	    sizeof(styles)) == -1)
		goto out;
	if (*strings != '\0' && strings_read(bk, strings) == -1)
		goto out;
	if (*styles != '\0' && styles_read(bk, styles) == -1)
		goto out;
	rc = 0;
out:
	if (rc == -1 && bk->pr->count == 0)
		unreadable(bk, "xl/workbook.xml");
	free(id);
	buf_free(&b);
	buf_free(&names);
	return rc;
}

/*
 * The shared strings: each <si> is the text of its <t> elements, but
 * for the phonetic hints (<rPh>).
 */
static int
strings_read(struct book *bk, const char *path)
{
	xmlTextReaderPtr	 r;
	struct buf		 b, s;
	const xmlChar		*name;
	xmlChar			*t;
	size_t			 cap = 0;
	int			 ret, type, in_si = 0, in_rph = 0;

	buf_init(&b);
	buf_init(&s);
	if (part_read(bk, path, XLSX_MAX_PART, &b) == -1 ||
	    (r = reader_open(&b)) == NULL) {
		buf_free(&b);
		return -1;
	}
	while ((ret = xmlTextReaderRead(r)) == 1 && !doctype(r)) {
		type = xmlTextReaderNodeType(r);
		name = xmlTextReaderConstLocalName(r);
		if (type == XML_READER_TYPE_ELEMENT &&
		    xmlStrEqual(name, (const xmlChar *)"si")) {
			buf_reset(&s);
			in_si = 1;
			if (!xmlTextReaderIsEmptyElement(r))
				continue;
		} else if (type == XML_READER_TYPE_ELEMENT && in_si &&
		    xmlStrEqual(name, (const xmlChar *)"rPh")) {
			in_rph = !xmlTextReaderIsEmptyElement(r);
			continue;
		} else if (type == XML_READER_TYPE_END_ELEMENT &&
		    xmlStrEqual(name, (const xmlChar *)"rPh")) {
			in_rph = 0;
			continue;
		} else if (type == XML_READER_TYPE_ELEMENT && in_si &&
		    !in_rph && xmlStrEqual(name, (const xmlChar *)"t")) {
			if ((t = xmlTextReaderReadString(r)) != NULL) {
				buf_puts(&s, (const char *)t);
				xmlFree(t);
			}
			continue;
		} else if (!(type == XML_READER_TYPE_END_ELEMENT &&
		    xmlStrEqual(name, (const xmlChar *)"si")))
			continue;
		/* The end of an <si> (or an empty one). */
		if (bk->nstrings == cap) {
			cap = cap ? cap * 2 : 256;
			bk->strings = xrealloc(bk->strings, cap *
			    sizeof(*bk->strings));
		}
		bk->strings[bk->nstrings++] = xstrdup(buf_cstr(&s));
		in_si = 0;
	}
	xmlFreeTextReader(r);
	buf_free(&b);
	buf_free(&s);
	return ret == 0 ? 0 : -1;
}

/*
 * Whether number format id (with its code when it is the workbook's
 * own) shows a date or a time: the built-in ones 14-22 and 45-47, or a
 * code with d, m, y, h or s outside quotes and brackets.
 */
static int
format_is_date(long id, const char *code)
{
	const char	*p;
	int		 quoted = 0, bracket = 0;

	if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47))
		return 1;
	if (code == NULL)
		return 0;
	for (p = code; *p != '\0'; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == '[')
			bracket = 1;
		else if (!quoted && *p == ']')
			bracket = 0;
		else if (!quoted && !bracket && *p == '\\' && p[1] != '\0')
			p++;
		else if (!quoted && !bracket &&
		    strchr("dmyhsDMYHS", *p) != NULL)
			return 1;
	}
	return 0;
}

/* The cell styles (cellXfs) whose number format is a date. */
static int
styles_read(struct book *bk, const char *path)
{
	xmlTextReaderPtr	 r;
	struct buf		 b;
	const xmlChar		*name;
	char			*id, *code, **codes = NULL;
	long			*ids = NULL, fid;
	size_t			 ncodes = 0, cap = 0, i;
	int			 ret, in_xfs = 0, date;

	buf_init(&b);
	if (part_read(bk, path, 8u << 20, &b) == -1 ||
	    (r = reader_open(&b)) == NULL) {
		buf_free(&b);
		return -1;
	}
	while ((ret = xmlTextReaderRead(r)) == 1 && !doctype(r)) {
		name = xmlTextReaderConstLocalName(r);
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT &&
		    xmlStrEqual(name, (const xmlChar *)"cellXfs"))
			in_xfs = 0;
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		if (xmlStrEqual(name, (const xmlChar *)"cellXfs"))
			in_xfs = !xmlTextReaderIsEmptyElement(r);
		else if (xmlStrEqual(name, (const xmlChar *)"numFmt") &&
		    ncodes < 1000) {
			id = attr(r, "numFmtId");
			code = attr(r, "formatCode");
			codes = xrealloc(codes, (ncodes + 1) * sizeof(*codes));
			ids = xrealloc(ids, (ncodes + 1) * sizeof(*ids));
			ids[ncodes] = id ? strtol(id, NULL, 10) : -1;
			codes[ncodes++] = code ? code : xstrdup("");
			free(id);
		} else if (in_xfs && xmlStrEqual(name,
		    (const xmlChar *)"xf") && bk->nstyles < 65536) {
			id = attr(r, "numFmtId");
			fid = id ? strtol(id, NULL, 10) : 0;
			free(id);
			code = NULL;
			for (i = 0; i < ncodes; i++)
				if (ids[i] == fid)
					code = codes[i];
			date = format_is_date(fid, code);
			if (bk->nstyles == cap) {
				cap = cap ? cap * 2 : 64;
				bk->date_style = xrealloc(bk->date_style, cap);
			}
			bk->date_style[bk->nstyles++] = (unsigned char)date;
		}
	}
	xmlFreeTextReader(r);
	for (i = 0; i < ncodes; i++)
		free(codes[i]);
	free(codes);
	free(ids);
	buf_free(&b);
	return ret == 0 ? 0 : -1;
}

/* Field col of the current row: "" up to it, then the text. */
static void
cell_put(struct sheet *sh, int col, const char *s, size_t len)
{
	struct csv_field	*f;

	while (sh->rec.nfields <= (size_t)col) {
		if (sh->rec.nfields == sh->fcap) {
			sh->fcap = sh->fcap ? sh->fcap * 2 : 8;
			sh->rec.fields = xrealloc(sh->rec.fields, sh->fcap *
			    sizeof(*sh->rec.fields));
		}
		f = &sh->rec.fields[sh->rec.nfields++];
		f->data = xstrdup("");
		f->len = 0;
	}
	f = &sh->rec.fields[col];
	free(f->data);
	f->data = xstrndup(s, len);
	f->len = len;
}

/* The text of a cell that was read, or its problem. */
static void
cell_end(struct book *bk, struct sheet *sh, struct cell *c)
{
	const char	*v = buf_cstr(&c->value);
	char		 bytes[24];
	long		 i;

	if (c->col < 0)
		return;
	if (c->formula && !c->has_value) {
		msg_problem(bk->pr, sh->row, c->col, N_("the cell has a "
		    "formula without a saved result: open the file in a "
		    "spreadsheet and save it, or paste the values in place "
		    "of the formulas"), NULL, NULL);
		return;
	}
	if (!c->has_value)
		return;
	if (strcmp(c->type, "s") == 0) {
		i = strtol(v, NULL, 10);
		if (i < 0 || (size_t)i >= bk->nstrings) {
			msg_problem(bk->pr, sh->row, c->col, N_("the cell "
			    "points to text that is not in the workbook"), NULL,
			    NULL);
			return;
		}
		v = bk->strings[i];
	} else if (strcmp(c->type, "e") == 0) {
		msg_problem(bk->pr, sh->row, c->col, N_("the cell holds the "
		    "error %a%"), v, NULL);
		return;
	} else if (strcmp(c->type, "b") == 0)
		v = strcmp(v, "1") == 0 ? "TRUE" : "FALSE";
	else if ((c->type[0] == '\0' || strcmp(c->type, "n") == 0) &&
	    c->style >= 0 && (size_t)c->style < bk->nstyles &&
	    bk->date_style[c->style]) {
		msg_problem(bk->pr, sh->row, c->col, N_("the cell holds a date "
		    "stored as a number (%a%): write it as text, such as "
		    "3/2025, and format the cell as text"), v, NULL);
		return;
	}
	if (strlen(v) > sh->max_cell) {
		snprintf(bytes, sizeof(bytes), "%zu", sh->max_cell);
		msg_problem(bk->pr, sh->row, c->col, N_("a cell is longer than "
		    "%a% bytes"), bytes, NULL);
		return;
	}
	cell_put(sh, c->col, v, strlen(v));
}

/* The row read: kept when a cell has text, padded to the header. */
static void
row_end(struct sheet *sh)
{
	struct csv_doc	*doc = sh->doc;
	size_t		 i, last = 0;
	int		 any = 0;

	for (i = 0; i < sh->rec.nfields; i++)
		if (sh->rec.fields[i].len > 0) {
			any = 1;
			last = i + 1;
		}
	if (!any) {
		for (i = 0; i < sh->rec.nfields; i++)
			free(sh->rec.fields[i].data);
		free(sh->rec.fields);
		goto out;
	}
	if (sh->width == 0)
		sh->width = last;
	/* Empty cells past the header's width are not columns. */
	while (sh->rec.nfields > sh->width && sh->rec.nfields > last)
		free(sh->rec.fields[--sh->rec.nfields].data);
	if (sh->rec.nfields < sh->width)
		cell_put(sh, (int)sh->width - 1, "", 0);
	sh->rec.line = sh->row;
	if (doc->nrecords == sh->cap) {
		sh->cap = sh->cap ? sh->cap * 2 : 64;
		doc->records = xrealloc(doc->records, sh->cap *
		    sizeof(*doc->records));
	}
	doc->records[doc->nrecords++] = sh->rec;
out:
	memset(&sh->rec, 0, sizeof(sh->rec));
	sh->fcap = 0;
}

/*
 * A merged range: fine within one column (the cells below the first
 * are empty, as a table that continues the cell above writes them),
 * a problem across columns.
 */
static void
merge_check(struct book *bk, const char *ref)
{
	char	 a[16], b[16];
	size_t	 r1, r2;
	int	 c1, c2;

	if (sscanf(ref, "%15[A-Z0-9]:%15[A-Z0-9]", a, b) != 2 ||
	    cell_ref(a, &r1, &c1) == -1 || cell_ref(b, &r2, &c2) == -1 ||
	    c1 == c2)
		return;
	msg_problem(bk->pr, r1, c1, N_("the cells %a% are merged across "
	    "columns: unmerge them, so that each column has its own cell"),
	    ref, NULL);
}

/*
 * The sheet's rows, read as a stream of elements (row, c, v, f, is,
 * t, mergeCell), kept in one piece: the state is the current row and
 * cell, which every element changes.
 */
static int
sheet_read(struct book *bk, const char *path, size_t max_cell,
    struct csv_doc *doc)
{
	xmlTextReaderPtr	 r;
	struct sheet		 sh;
	struct cell		 c;
	struct stream		 st;
	zip_int64_t		 idx;
	const char		*name;
	char			*s, rows[24];
	xmlChar			*t;
	size_t			 row;
	int			 ret = -1, type, col = -1, in_row = 0;
	int			 in_is = 0;

	memset(&sh, 0, sizeof(sh));
	memset(&c, 0, sizeof(c));
	sh.doc = doc;
	sh.max_cell = max_cell;
	c.col = -1;
	buf_init(&c.value);
	memset(&st, 0, sizeof(st));
	st.bk = bk;
	st.cap = XLSX_MAX_PART;
	if ((idx = zip_name_locate(bk->zip, path, 0)) >= 0 &&
	    too_large(bk, idx, st.cap))
		goto done;
	if (idx < 0 ||
	    (st.zf = zip_fopen_index(bk->zip, (zip_uint64_t)idx, 0)) == NULL ||
	    (r = xmlReaderForIO(stream_read, stream_close, &st, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)) ==
	    NULL) {
		unreadable(bk, path);
		goto done;
	}
	xmlTextReaderSetStructuredErrorHandler(r, quiet, NULL);
	while (!sh.stop && (ret = xmlTextReaderRead(r)) == 1) {
		if (doctype(r)) {
			ret = -1;
			break;
		}
		type = xmlTextReaderNodeType(r);
		name = (const char *)xmlTextReaderConstLocalName(r);
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (strcmp(name, "c") == 0) {
				cell_end(bk, &sh, &c);
				c.col = -1;
			} else if (strcmp(name, "row") == 0) {
				row_end(&sh);
				in_row = 0;
			} else if (strcmp(name, "is") == 0)
				in_is = 0;
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		if (strcmp(name, "row") == 0) {
			s = attr(r, "r");
			row = s ? strtoul(s, NULL, 10) : sh.row + 1;
			free(s);
			if (row <= sh.row) {
				msg_problem(bk->pr, row, -1, N_("the rows of "
				    "the sheet are out of order"), NULL, NULL);
				sh.stop = 1;
			} else if (row > XLSX_MAX_ROWS) {
				snprintf(rows, sizeof(rows), "%d",
				    XLSX_MAX_ROWS);
				msg_problem(bk->pr, row, -1, N_("the sheet has "
				    "more than %a% rows: a table this long is "
				    "refused"), rows, NULL);
				sh.stop = 1;
			}
			sh.row = row;
			col = -1;
			in_row = !xmlTextReaderIsEmptyElement(r);
		} else if (strcmp(name, "c") == 0 && in_row) {
			s = attr(r, "r");
			if (s == NULL)
				col = col + 1;
			else if (cell_ref(s, &row, &col) == -1 ||
			    row != sh.row)
				col = -2;
			free(s);
			if (col < 0 || col >= XLSX_MAX_COLUMNS ||
			    (size_t)col < sh.rec.nfields) {
				msg_problem(bk->pr, sh.row, -1, N_("a cell of "
				    "the row is out of place, or beyond column "
				    "CV"), NULL, NULL);
				sh.stop = 1;
				continue;
			}
			if (xmlTextReaderIsEmptyElement(r))
				continue;
			c.col = col;
			s = attr(r, "t");
			snprintf(c.type, sizeof(c.type), "%s", s ? s : "");
			free(s);
			s = attr(r, "s");
			c.style = s ? strtol(s, NULL, 10) : -1;
			free(s);
			c.formula = c.has_value = 0;
			buf_reset(&c.value);
		} else if (c.col >= 0 && strcmp(name, "f") == 0)
			c.formula = 1;
		else if (c.col >= 0 && strcmp(name, "is") == 0) {
			in_is = 1;
			c.has_value = 1;
		} else if (c.col >= 0 && (strcmp(name, "v") == 0 ||
		    (in_is && strcmp(name, "t") == 0))) {
			if ((t = xmlTextReaderReadString(r)) != NULL) {
				buf_puts(&c.value, (const char *)t);
				xmlFree(t);
			}
			c.has_value = 1;
		} else if (strcmp(name, "mergeCell") == 0) {
			if ((s = attr(r, "ref")) != NULL)
				merge_check(bk, s);
			free(s);
		}
	}
	if (st.over) {
		snprintf(rows, sizeof(rows), "%u", (unsigned)(XLSX_MAX_PART >>
		    20));
		msg_problem(bk->pr, 0, -1, N_("the workbook unpacks to more "
		    "than %a% MB: it is refused"), rows, NULL);
	} else if (ret == -1 && !sh.stop)
		msg_problem(bk->pr, sh.row, -1, N_("the sheet's XML is broken "
		    "here: save the file again as an Excel workbook (.xlsx)"),
		    NULL, NULL);
	xmlFreeTextReader(r);
done:
	if (st.zf != NULL)
		zip_fclose(st.zf);
	row_end(&sh);
	buf_free(&c.value);
	return bk->pr->count > 0 ? -1 : 0;
}

int
xlsx_read(const char *data, size_t len, const char *sheet, size_t max_cell,
    struct csv_doc *doc, struct msg_problems *pr)
{
	struct book	 bk;
	zip_source_t	*src;
	zip_error_t	 zerr;
	char		 path[256], n[24];
	size_t		 i;
	int		 rc = -1;

	memset(doc, 0, sizeof(*doc));
	memset(pr, 0, sizeof(*pr));
	memset(&bk, 0, sizeof(bk));
	bk.pr = pr;
	doc->delim = ',';
	xmlInitParser();
	zip_error_init(&zerr);
	if ((src = zip_source_buffer_create(data, len, 0, &zerr)) == NULL)
		goto bad;
	if ((bk.zip = zip_open_from_source(src, ZIP_RDONLY, &zerr)) == NULL) {
		zip_source_free(src);
		goto bad;
	}
	if (zip_get_num_entries(bk.zip, 0) > XLSX_MAX_ENTRIES) {
		snprintf(n, sizeof(n), "%d", XLSX_MAX_ENTRIES);
		msg_problem(pr, 0, -1, N_("the workbook has more than %a% "
		    "parts: it is refused"), n, NULL);
		goto out;
	}
	if (sheet_target(&bk, sheet, path, sizeof(path)) == -1)
		goto out;
	rc = sheet_read(&bk, path, max_cell, doc);
	goto out;
bad:
	msg_problem(pr, 0, -1, N_("the file is not an Excel workbook "
	    "(.xlsx) or a CSV file"), NULL, NULL);
out:
	zip_error_fini(&zerr);
	if (bk.zip != NULL)
		zip_discard(bk.zip);
	for (i = 0; i < bk.nstrings; i++)
		free(bk.strings[i]);
	free(bk.strings);
	free(bk.date_style);
	if (rc == -1)
		csv_free(doc);
	return rc;
}
