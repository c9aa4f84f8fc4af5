/*
 * The published-table layout; see table.h. The rules of the layout: an
 * empty Suositus continues the previous recommendation; "2.1. text" in
 * Tarkennus is a numbered sub-recommendation, other text a specification,
 * and an empty Tarkennus continues the previous row's (sub-)
 * recommendation; a row whose action columns are all empty only states
 * the recommendation.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mem.h"
#include "csv.h"
#include "i18n.h"
#include "table.h"
#include "utf8.h"
#include "xlsx.h"

const char *const table_headers[TABLE_COLUMNS] = {
	"Suositus", "Tarkennus", "Toimenpide", "Aikataulu", "Status",
	"Vastuu", "Lisätieto"
};

enum { COL_REC, COL_SPEC, COL_ACTION, COL_SCHEDULE, COL_STATUS, COL_UNIT,
    COL_INFO };

static const char *cut_text(char *, size_t, const char *, size_t);
static char	*clean_cell(const struct csv_field *, size_t, int,
		    struct msg_problems *);
static int	split_number(const char *, char **, char **);
static void	free_node(struct table_node *);
static void	write_row(struct buf *, const char *const *, char);
static void	*grow(void *, size_t, size_t);
static int	is_footer(char *const *);
struct reader;
static int	read_header(const struct csv_doc *, struct msg_problems *);
static int	read_place(struct reader *, char **);
static void	read_status(struct reader *, struct table_action *,
		    const char *);
static void	read_units(struct reader *, struct table_action *,
		    const char *);
static void	read_action(struct reader *, char **);
static void	read_row(struct reader *, const struct csv_record *, int);
static int	read_doc(struct csv_doc *, const struct status_list *,
		    struct table *, struct msg_problems *);
static int	header_is(const char *, int);
static void	sheet_continue(struct csv_doc *);

static void *
grow(void *p, size_t n, size_t size)
{
	/* Arrays grow one element at a time; tables have hundreds. */
	p = xrealloc(p, (n + 1) * size);
	memset((char *)p + n * size, 0, size);
	return p;
}

/*
 * The last row of a downloaded table states its licence and source in
 * its first cell alone; it is not a recommendation.
 */
static int
is_footer(char *const *cell)
{
	int	c;

	if (strncmp(cell[0], TABLE_FOOTER_MARK,
	    strlen(TABLE_FOOTER_MARK)) != 0)
		return 0;
	for (c = 1; c < TABLE_COLUMNS; c++)
		if (cell[c][0] != '\0')
			return 0;
	return 1;
}

/* At most max bytes of s, not cutting a character in two. */
static const char *
cut_text(char *out, size_t len, const char *s, size_t max)
{
	size_t	n = strlen(s);

	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	if (n >= len)
		n = len - 1;
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

/*
 * Trims the cell, turns CRLF into LF and refuses control characters.
 * Returns a new string, or NULL after recording a problem.
 */
static char *
clean_cell(const struct csv_field *f, size_t line, int col,
    struct msg_problems *pr)
{
	char		 byte[8];
	const char	*s = f->data;
	size_t		 n = f->len, i;
	struct buf	 b;

	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	buf_init(&b);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
			continue;
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
			snprintf(byte, sizeof(byte), "0x%02x", c);
			msg_problem(pr, line, col, N_("the cell contains a "
			    "control character (byte %a%)"), byte, NULL);
			buf_free(&b);
			return NULL;
		}
		buf_putc(&b, (char)c);
	}
	buf_cstr(&b);
	/* The apostrophe that table_write() puts before a formula. */
	if (b.len > 1 && b.data[0] == '\'' && table_formula_like(b.data + 1)) {
		memmove(b.data, b.data + 1, b.len);
		b.len--;
	}
	return b.data;
}

/*
 * "2.1. text" -> number "2.1" and text. Returns 0 when numbered, 1 when
 * not (then *text is a copy of s and *number NULL).
 */
static int
split_number(const char *s, char **number, char **text)
{
	const char	*p = s, *end;
	int		 parts = 0, digits;

	for (;;) {
		digits = 0;
		while (isdigit((unsigned char)*p) && digits < 5) {
			p++;
			digits++;
		}
		if (digits == 0 || digits > 4 || isdigit((unsigned char)*p))
			break;
		parts++;
		end = p;
		if (*p != '.')
			break;
		p++;
		if (*p == ' ' || *p == '\t' || *p == '\n') {
			while (*p == ' ' || *p == '\t' || *p == '\n')
				p++;
			if (*p == '\0' || parts > 5)
				break;
			*number = xstrndup(s, (size_t)(end - s));
			*text = xstrdup(p);
			return 0;
		}
	}
	*number = NULL;
	*text = xstrdup(s);
	return 1;
}

/* Where table_read() is: the table so far and the node rows add to. */
struct reader {
	struct table			*t;
	struct msg_problems		*pr;
	const struct status_list	*statuses;
	struct table_node		*rec;	/* the current recommendation */
	struct table_node		*node;	/* it, or its current child */
	size_t				 line;
};

/*
 * Whether s names column c: its name, or the name the application's
 * workbook gives it (Tila, Vastuutaho), or Lisatieto without the dots.
 */
static int
header_is(const char *s, int c)
{
	static const char *const other[TABLE_COLUMNS] = {
		NULL, NULL, NULL, NULL, "Tila", "Vastuutaho", "Lisatieto"
	};

	return strcasecmp(s, table_headers[c]) == 0 ||
	    (other[c] != NULL && strcasecmp(s, other[c]) == 0);
}

/* The header row: 0, or -1 with its problems in pr. */
static int
read_header(const struct csv_doc *doc, struct msg_problems *pr)
{
	const struct csv_record	*r = &doc->records[0];
	char			 count[24], cut[200];
	int			 c;

	for (c = 0; c < TABLE_COLUMNS && (size_t)c < r->nfields; c++)
		if (header_is(r->fields[c].data, c))
			break;
	if (c == TABLE_COLUMNS || (size_t)c == r->nfields) {
		msg_problem(pr, r->line, -1, N_("the first row is not the "
		    "header row: it must name the columns Suositus, "
		    "Tarkennus, Toimenpide, Aikataulu, Status, Vastuu, "
		    "Lisätieto"), NULL, NULL);
		return -1;
	}
	if (r->nfields != TABLE_COLUMNS) {
		snprintf(count, sizeof(count), "%zu", r->nfields);
		msg_problem(pr, r->line, -1, N_("the header has %a% columns; "
		    "expected 7: Suositus, Tarkennus, Toimenpide, Aikataulu, "
		    "Status, Vastuu, Lisätieto"), count, NULL);
		return -1;
	}
	for (c = 0; c < TABLE_COLUMNS; c++) {
		if (!header_is(r->fields[c].data, c))
			msg_problem(pr, r->line, c, N_("the header is \"%a%\"; "
			    "expected \"%b%\""), cut_text(cut, sizeof(cut),
			    r->fields[c].data, 60), table_headers[c]);
	}
	if (pr->count > 0)
		return -1;
	if (doc->nrecords == 1) {
		msg_problem(pr, 1, -1, N_("the file has a header but no rows"),
		    NULL, NULL);
		return -1;
	}
	return 0;
}

/*
 * The recommendation and specification cells of a row: a new
 * recommendation, a new child of the current one, or neither. -1 when
 * the row cannot be placed.
 */
static int
read_place(struct reader *rd, char **cell)
{
	struct table_node	*rec;
	char			*num, *text;

	if (cell[COL_REC][0] != '\0') {
		rd->t->recs = grow(rd->t->recs, rd->t->nrecs,
		    sizeof(*rd->t->recs));
		rec = rd->rec = &rd->t->recs[rd->t->nrecs++];
		rec->kind = NODE_RECOMMENDATION;
		split_number(cell[COL_REC], &rec->number, &rec->body);
		rd->node = rec;
	} else if (rd->rec == NULL) {
		msg_problem(rd->pr, rd->line, COL_REC, N_("the first row must "
		    "name a recommendation"), NULL, NULL);
		return -1;
	}
	if (cell[COL_SPEC][0] == '\0')
		return 0;
	rec = rd->rec;
	split_number(cell[COL_SPEC], &num, &text);
	if (num != NULL && (rec->number == NULL || strncmp(num, rec->number,
	    strlen(rec->number)) != 0 || num[strlen(rec->number)] != '.')) {
		msg_problem(rd->pr, rd->line, COL_SPEC, rec->number ?
		    N_("sub-recommendation %a% does not belong to "
		    "recommendation %b%") : N_("sub-recommendation %a% does "
		    "not belong to an unnumbered recommendation"), num,
		    rec->number);
		free(num);
		free(text);
		return -1;
	}
	rec->children = grow(rec->children, rec->nchildren,
	    sizeof(*rec->children));
	rd->node = &rec->children[rec->nchildren++];
	rd->node->kind = num ? NODE_SUB : NODE_SPECIFICATION;
	rd->node->number = num;
	rd->node->body = text;
	return 0;
}

/* The status cell: a known status label, then the note. */
static void
read_status(struct reader *rd, struct table_action *a, const char *cell)
{
	const char	*note;
	char		 cut[200];
	struct buf	 known;
	size_t		 j;
	int		 st;

	st = status_parse(rd->statuses, cell, &note);
	if (st == -1) {
		buf_init(&known);
		for (j = 0; j < rd->statuses->count; j++)
			buf_printf(&known, "%s%s", j ? ", " : "",
			    rd->statuses->items[j].label[LANG_FI]);
		msg_problem(rd->pr, rd->line, COL_STATUS, N_("\"%a%\" does not "
		    "start with a known status (%b%)"), cut_text(cut,
		    sizeof(cut), cell, 40), buf_cstr(&known));
		buf_free(&known);
	}
	if (st < 0)
		note = "";
	a->status = st >= 0 ? st : -1;
	a->status_note = xstrdup(note);
}

/* The unit cell: names separated by ";" or line breaks. */
static void
read_units(struct reader *rd, struct table_action *a, const char *cell)
{
	const char	*p, *q;
	char		*name;
	size_t		 j;

	for (p = cell; *p != '\0'; p = q) {
		q = p + strcspn(p, ";\n");
		while (p < q && isspace((unsigned char)*p))
			p++;
		j = (size_t)(q - p);
		while (j > 0 && isspace((unsigned char)p[j - 1]))
			j--;
		if (j > 200)
			msg_problem(rd->pr, rd->line, COL_UNIT, N_("a unit "
			    "name is at most 200 bytes"), NULL, NULL);
		else if (j > 0) {
			name = xstrndup(p, j);
			table_action_add_unit(a, name);
			free(name);
		}
		if (*q != '\0')
			q++;
	}
}

/* The action cells of a row, when any is filled, as an action of node. */
static void
read_action(struct reader *rd, char **cell)
{
	struct table_node	*node = rd->node;
	struct table_action	*a;
	struct msg		 why;
	int			 c;

	for (c = COL_ACTION; c < TABLE_COLUMNS; c++)
		if (cell[c][0] != '\0')
			break;
	if (c == TABLE_COLUMNS)
		return;
	node->actions = grow(node->actions, node->nactions,
	    sizeof(*node->actions));
	a = &node->actions[node->nactions++];
	a->status = -1;
	a->body = cell[COL_ACTION];
	cell[COL_ACTION] = NULL;
	a->info = cell[COL_INFO];
	cell[COL_INFO] = NULL;
	if (schedule_parse(cell[COL_SCHEDULE], &a->schedule, &why) == -1)
		msg_problem(rd->pr, rd->line, COL_SCHEDULE, why.id, why.a,
		    why.b);
	if (a->schedule.kind == SCHEDULE_TEXT &&
	    strlen(cell[COL_SCHEDULE]) > 200)
		msg_problem(rd->pr, rd->line, COL_SCHEDULE, N_("a schedule "
		    "is at most 200 bytes"), NULL, NULL);
	a->schedule_text = xstrdup(a->schedule.kind == SCHEDULE_TEXT ?
	    cell[COL_SCHEDULE] : "");
	read_status(rd, a, cell[COL_STATUS]);
	read_units(rd, a, cell[COL_UNIT]);
}

/* One row after the header; last: it may be a footer to skip. */
static void
read_row(struct reader *rd, const struct csv_record *r, int last)
{
	char	*cell[TABLE_COLUMNS], count[24];
	int	 c;

	rd->line = r->line;
	if (r->nfields != TABLE_COLUMNS) {
		snprintf(count, sizeof(count), "%zu", r->nfields);
		msg_problem(rd->pr, r->line, -1, N_("the row has %a% columns; "
		    "expected 7"), count, NULL);
		return;
	}
	memset(cell, 0, sizeof(cell));
	for (c = 0; c < TABLE_COLUMNS; c++)
		if ((cell[c] = clean_cell(&r->fields[c], r->line, c,
		    rd->pr)) == NULL)
			goto out;
	if (last && is_footer(cell))
		goto out;
	if (read_place(rd, cell) == 0)
		read_action(rd, cell);
out:
	for (c = 0; c < TABLE_COLUMNS; c++)
		free(cell[c]);
}

/* The rows of doc (which it frees) into t; see table_read(). */
static int
read_doc(struct csv_doc *doc, const struct status_list *statuses,
    struct table *t, struct msg_problems *pr)
{
	struct reader	rd;
	size_t		i;

	if (doc->nrecords == 0)
		msg_problem(pr, 0, -1, N_("the file is empty"), NULL, NULL);
	else if (read_header(doc, pr) == 0) {
		memset(&rd, 0, sizeof(rd));
		rd.t = t;
		rd.pr = pr;
		rd.statuses = statuses;
		for (i = 1; i < doc->nrecords; i++)
			read_row(&rd, &doc->records[i],
			    i == doc->nrecords - 1);
	}
	csv_free(doc);
	if (pr->count > 0) {
		table_free(t);
		return -1;
	}
	return 0;
}

int
table_read(const char *data, size_t len, const struct status_list *statuses,
    struct table *t, struct msg_problems *pr)
{
	struct csv_doc		 doc;
	struct csv_error	 cerr;

	memset(t, 0, sizeof(*t));
	memset(pr, 0, sizeof(*pr));
	if (len == 0) {
		msg_problem(pr, 0, -1, N_("the file is empty"), NULL, NULL);
		return -1;
	}
	if (csv_parse(data, len, TABLE_MAX_CELL, &doc, &cerr) == -1) {
		msg_problem(pr, cerr.line, cerr.column > 0 &&
		    cerr.column <= TABLE_COLUMNS ? (int)cerr.column - 1 : -1,
		    cerr.why.id, cerr.why.a, cerr.why.b);
		return -1;
	}
	return read_doc(&doc, statuses, t, pr);
}

/*
 * A sheet written in full: a Suositus that repeats the row above's
 * continues its recommendation (emptied, as the CSV layout writes it),
 * and so does a Tarkennus that repeats the row above's under it.
 */
static void
sheet_continue(struct csv_doc *doc)
{
	struct csv_record	*r;
	char			*prev[2] = { NULL, NULL };
	size_t			 i;
	int			 same = 0, c;

	for (i = 1; i < doc->nrecords; i++) {
		r = &doc->records[i];
		for (c = 0; c < 2 && (size_t)c < r->nfields; c++) {
			if (c == 0)
				same = prev[0] != NULL &&
				    r->fields[0].len > 0 &&
				    strcmp(prev[0], r->fields[0].data) == 0;
			else
				same = same && prev[1] != NULL &&
				    r->fields[1].len > 0 &&
				    strcmp(prev[1], r->fields[1].data) == 0;
			free(prev[c]);
			prev[c] = xstrdup(r->fields[c].data);
			if (same) {
				r->fields[c].data[0] = '\0';
				r->fields[c].len = 0;
			}
		}
	}
	free(prev[0]);
	free(prev[1]);
}

int
table_read_xlsx(const char *data, size_t len, const char *sheet,
    const struct status_list *statuses, struct table *t,
    struct msg_problems *pr)
{
	struct csv_doc		 doc;
	int			 rc;

	memset(t, 0, sizeof(*t));
	/* A sheet's problems are at its cells, from the first on. */
	if (xlsx_read(data, len, sheet, TABLE_MAX_CELL, &doc, pr) == -1) {
		pr->cells = 1;
		return -1;
	}
	sheet_continue(&doc);
	rc = read_doc(&doc, statuses, t, pr);
	pr->cells = 1;
	return rc;
}

void
table_problem_place(const struct msg_problems *pr,
    const struct msg_problem *p, char *out, size_t len)
{
	if (p->line == 0)
		snprintf(out, len, "%s", "");
	else if (pr->cells)
		xlsx_cell_name(p->line, p->column, out, len);
	else
		snprintf(out, len, "%zu", p->line);
}

static void
write_row(struct buf *b, const char *const *cells, char delim)
{
	struct buf	 cell;
	const char	*s;
	int		 c;

	buf_init(&cell);
	for (c = 0; c < TABLE_COLUMNS; c++) {
		if (c > 0)
			buf_putc(b, delim);
		s = cells[c] ? cells[c] : "";
		/* A spreadsheet would run these as formulas. */
		if (table_formula_like(s)) {
			buf_reset(&cell);
			buf_putc(&cell, '\'');
			buf_puts(&cell, s);
			s = buf_cstr(&cell);
		}
		csv_write_field(b, s, delim);
	}
	buf_puts(b, "\r\n");
	buf_free(&cell);
}

int
table_formula_like(const char *s)
{
	return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

/* One row per action; a node without actions gets a row of its own. */
void
table_write(const struct table *t, const struct status_list *statuses,
    char delim, struct buf *out)
{
	const struct table_node		*rec, *node;
	const struct table_action	*a;
	const char			*cells[TABLE_COLUMNS];
	struct buf			 recb, specb, sched, st, units;
	size_t				 i, j, k, u, nnodes;
	int				 rec_pending, spec_pending;

	buf_init(&recb);
	buf_init(&specb);
	buf_init(&sched);
	buf_init(&st);
	buf_init(&units);
	write_row(out, table_headers, delim);
	for (i = 0; i < t->nrecs; i++) {
		rec = &t->recs[i];
		buf_reset(&recb);
		if (rec->number)
			buf_printf(&recb, "%s. ", rec->number);
		buf_puts(&recb, rec->body);
		rec_pending = 1;
		nnodes = rec->nchildren + 1;
		for (j = 0; j < nnodes; j++) {
			node = j == 0 ? rec : &rec->children[j - 1];
			buf_reset(&specb);
			if (j > 0) {
				if (node->number)
					buf_printf(&specb, "%s. ",
					    node->number);
				buf_puts(&specb, node->body);
			}
			spec_pending = j > 0;
			/* The recommendation alone, when nothing follows. */
			if (node->nactions == 0 && (j > 0 ||
			    rec->nchildren == 0)) {
				memset(cells, 0, sizeof(cells));
				cells[0] = rec_pending ? buf_cstr(&recb) : "";
				cells[1] = spec_pending ? buf_cstr(&specb) : "";
				write_row(out, cells, delim);
				rec_pending = 0;
				continue;
			}
			for (k = 0; k < node->nactions; k++) {
				a = &node->actions[k];
				buf_reset(&sched);
				buf_reset(&st);
				buf_reset(&units);
				schedule_format(&a->schedule, a->schedule_text,
				    &sched);
				if (a->status >= 0) {
					buf_puts(&st, statuses->items[
					    a->status].label[LANG_FI]);
					if (a->status_note[0] != '\0')
						buf_putc(&st, ' ');
				}
				buf_puts(&st, a->status_note);
				for (u = 0; u < a->nunits; u++)
					buf_printf(&units, "%s%s", u ? "; " :
					    "", a->units[u]);
				cells[0] = rec_pending ? buf_cstr(&recb) : "";
				cells[1] = spec_pending ? buf_cstr(&specb) : "";
				cells[2] = a->body;
				cells[3] = buf_cstr(&sched);
				cells[4] = buf_cstr(&st);
				cells[5] = buf_cstr(&units);
				cells[6] = a->info;
				write_row(out, cells, delim);
				rec_pending = spec_pending = 0;
			}
		}
	}
	buf_free(&recb);
	buf_free(&specb);
	buf_free(&sched);
	buf_free(&st);
	buf_free(&units);
}

static void
free_node(struct table_node *n)
{
	size_t	i, u;

	free(n->number);
	free(n->body);
	for (i = 0; i < n->nactions; i++) {
		free(n->actions[i].body);
		free(n->actions[i].schedule_text);
		free(n->actions[i].status_note);
		free(n->actions[i].info);
		for (u = 0; u < n->actions[i].nunits; u++)
			free(n->actions[i].units[u]);
		free(n->actions[i].units);
	}
	free(n->actions);
	for (i = 0; i < n->nchildren; i++)
		free_node(&n->children[i]);
	free(n->children);
}

void
table_free(struct table *t)
{
	size_t	i;

	for (i = 0; i < t->nrecs; i++)
		free_node(&t->recs[i]);
	free(t->recs);
	t->recs = NULL;
	t->nrecs = 0;
}

struct table_node *
table_add_rec(struct table *t)
{
	t->recs = grow(t->recs, t->nrecs, sizeof(*t->recs));
	t->recs[t->nrecs].kind = NODE_RECOMMENDATION;
	return &t->recs[t->nrecs++];
}

struct table_node *
table_add_child(struct table_node *rec)
{
	rec->children = grow(rec->children, rec->nchildren,
	    sizeof(*rec->children));
	return &rec->children[rec->nchildren++];
}

struct table_action *
table_add_action(struct table_node *n)
{
	n->actions = grow(n->actions, n->nactions, sizeof(*n->actions));
	n->actions[n->nactions].status = -1;
	return &n->actions[n->nactions++];
}

void
table_action_add_unit(struct table_action *a, const char *name)
{
	size_t	u;

	for (u = 0; u < a->nunits; u++)
		if (strcmp(a->units[u], name) == 0)
			return;
	a->units = grow(a->units, a->nunits, sizeof(*a->units));
	a->units[a->nunits++] = xstrdup(name);
}
