/*
 * The template engine; see tmpl.h. A template is parsed into segments:
 * literal text, a variable, a message, or a conditional that skips to
 * the end of its block.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "date.h"
#include "embedded.h"
#include "tmpl.h"

enum seg_type {
	SEG_TEXT,
	SEG_VAR,
	SEG_MSG,
	SEG_IF,
	SEG_IFNOT
};

struct segment {
	enum seg_type	 type;
	const char	*text;		/* TEXT: bytes; VAR/IF: name */
	size_t		 len;
	int		 msg;		/* MSG: catalogue index */
	size_t		 skip;		/* IF: index after the block */
	int		 line;		/* VAR/IF: where, for errors */
};

struct tmpl {
	char		*name;
	const char	*file;		/* "process.html", for errors */
	struct segment	*segs;
	size_t		 nsegs;
};

static struct tmpl	*templates;
static size_t		 ntemplates;
/* Indexes into templates by name's hash (open addressing), + 1; 0: free. */
static size_t		*by_name;
static size_t		 by_name_mask;
/* The numbers of {{=name}} and their text, which segments point into. */
static const struct tmpl_const	*consts;
static size_t			 nconsts;
static char			(*const_text)[24];

static uint64_t	name_hash(const char *);
static void	index_names(void);

static int	parse_file(const struct embedded *, char *, size_t);
static void	seg_add(struct tmpl *, struct segment);
static int	const_add(struct tmpl *, const char *, size_t, int);
static int	var_find(const struct tmpl_vars *, const char *, size_t);
static void	put_var(struct buf *, const struct tmpl_vars *, int,
		    enum lang, int);
static void	fill_message(struct buf *, const char *,
		    const struct tmpl_vars *, enum lang, int);
static void	render(struct buf *, const struct tmpl *,
		    const struct tmpl_vars *, enum lang, int);

static int
var_find(const struct tmpl_vars *v, const char *name, size_t n)
{
	int	i;

	/* The first letter first: most names differ there. */
	for (i = v->count - 1; i >= 0; i--)
		if (v->vars[i].name[0] == name[0] &&
		    strncmp(v->vars[i].name, name, n) == 0 &&
		    v->vars[i].name[n] == '\0')
			return i;
	return -1;
}

/* A variable escaped for HTML, or as it is in plain text (raw). */
static void
put_var(struct buf *out, const struct tmpl_vars *v, int i, enum lang lang,
    int raw)
{
	const struct tmpl_var	*var = &v->vars[i];
	const char		*s = v->arena.data + var->off;
	struct buf	 date;

	switch (var->kind) {
	case TV_HTML:
		/* Markup has no place in plain text. */
		if (!raw)
			buf_append(out, s, var->len);
		break;
	case TV_DATE:
		buf_init(&date);
		date_format(&date, s, var->len, lang);
		if (raw)
			buf_append(out, date.data, date.len);
		else
			html_escape(out, date.data, date.len);
		buf_free(&date);
		break;
	default:
		if (raw)
			buf_append(out, s, var->len);
		else
			html_escape(out, s, var->len);
		break;
	}
}

static void
seg_add(struct tmpl *t, struct segment seg)
{
	t->segs = xrealloc(t->segs, (t->nsegs + 1) * sizeof(*t->segs));
	t->segs[t->nsegs++] = seg;
}

/* Constant name (n bytes) as text in t: 0, or -1 when it is unknown. */
static int
const_add(struct tmpl *t, const char *name, size_t n, int line)
{
	size_t	i;

	for (i = 0; i < nconsts; i++)
		if (strncmp(consts[i].name, name, n) == 0 &&
		    consts[i].name[n] == '\0') {
			seg_add(t, (struct segment){ SEG_TEXT, const_text[i],
			    strlen(const_text[i]), 0, 0, line });
			return 0;
		}
	return -1;
}

/*
 * Parses one file into one template per block plus the file itself.
 * Segment texts point into the embedded data, which lives as long as
 * the program. A state machine over the tags (text, variable, message,
 * if, block, end) kept in one piece: each tag changes the nesting that
 * the next one is checked against.
 */
static int
parse_file(const struct embedded *f, char *err, size_t errlen)
{
	const char	*src = (const char *)f->data, *p, *end, *tag, *close;
	struct tmpl	*t;
	size_t		 stack[16], depth = 0, tlen, cur_stack[4] = { 0 };
	size_t		 nfile, cur_depth = 0;
	int		 line = 1, cur;
	char		 base[64], full[128], msgid[512];
	const char	*q;

	snprintf(base, sizeof(base), "%.*s", (int)(strcspn(f->name, ".")),
	    f->name);
	templates = xrealloc(templates, (ntemplates + 1) * sizeof(*templates));
	nfile = ntemplates++;
	memset(&templates[nfile], 0, sizeof(*templates));
	templates[nfile].name = xstrdup(base);
	templates[nfile].file = f->name;
	cur = (int)nfile;

	p = src;
	end = src + f->len;
	while (p < end) {
		t = &templates[cur];
		tag = strstr(p, "{{");
		if (tag == NULL || tag >= end)
			tag = end;
		if (tag > p) {
			seg_add(t, (struct segment){ SEG_TEXT, p,
			    (size_t)(tag - p), 0, 0, line });
			for (q = p; q < tag; q++)
				if (*q == '\n')
					line++;
		}
		if (tag == end)
			break;
		close = strstr(tag + 2, "}}");
		if (close == NULL) {
			snprintf(err, errlen, "%s:%d: {{ is never closed",
			    f->name, line);
			return -1;
		}
		tag += 2;
		tlen = (size_t)(close - tag);
		p = close + 2;
		for (q = tag; q < close; q++)
			if (*q == '\n')
				line++;

		if (tlen > 2 && tag[0] == '_' && tag[1] == ' ') {
			int idx;

			snprintf(msgid, sizeof(msgid), "%.*s", (int)tlen - 2,
			    tag + 2);
			/* Messages may span lines in the template. */
			for (char *m = msgid; *m; m++)
				if (*m == '\n' || *m == '\t')
					*m = ' ';
			for (char *m = strstr(msgid, "  "); m != NULL;
			    m = strstr(msgid, "  "))
				memmove(m, m + 1, strlen(m));
			if ((idx = i18n_find(msgid)) == -1) {
				snprintf(err, errlen, "%s:%d: message \"%s\" "
				    "is not in the catalogue", f->name, line,
				    msgid);
				return -1;
			}
			seg_add(t, (struct segment){ SEG_MSG, NULL, 0, idx, 0,
			    line });
		} else if (tlen > 4 && strncmp(tag, "#if ", 4) == 0) {
			int neg = tag[4] == '!';

			if (depth == 16) {
				snprintf(err, errlen, "%s:%d: too deep",
				    f->name, line);
				return -1;
			}
			stack[depth++] = t->nsegs;
			seg_add(t, (struct segment){ neg ? SEG_IFNOT : SEG_IF,
			    tag + 4 + neg, tlen - 4 - (size_t)neg, 0, 0,
			    line });
		} else if (tlen == 3 && strncmp(tag, "/if", 3) == 0) {
			if (depth == 0 || (cur_depth > 0 &&
			    depth <= cur_stack[0])) {
				snprintf(err, errlen, "%s:%d: {{/if}} without "
				    "{{#if}}", f->name, line);
				return -1;
			}
			t->segs[stack[--depth]].skip = t->nsegs;
		} else if (tlen > 7 && strncmp(tag, "@block ", 7) == 0) {
			if (cur != (int)nfile) {
				snprintf(err, errlen, "%s:%d: blocks do not "
				    "nest", f->name, line);
				return -1;
			}
			snprintf(full, sizeof(full), "%s.%.*s", base,
			    (int)tlen - 7, tag + 7);
			templates = xrealloc(templates, (ntemplates + 1) *
			    sizeof(*templates));
			memset(&templates[ntemplates], 0, sizeof(*templates));
			templates[ntemplates].name = xstrdup(full);
			templates[ntemplates].file = f->name;
			cur = (int)ntemplates++;
			cur_stack[0] = depth;
			cur_depth = 1;
			/* Drop the newline after the tag. */
			if (*p == '\n') {
				p++;
				line++;
			}
		} else if (tlen == 4 && strncmp(tag, "@end", 4) == 0) {
			if (cur == (int)nfile || depth != cur_stack[0]) {
				snprintf(err, errlen, "%s:%d: {{@end}} without "
				    "{{@block}} or with an open {{#if}}",
				    f->name, line);
				return -1;
			}
			cur = (int)nfile;
			cur_depth = 0;
			if (*p == '\n') {
				p++;
				line++;
			}
		} else if (tlen > 1 && tag[0] == '=') {
			if (const_add(t, tag + 1, tlen - 1, line) == -1) {
				snprintf(err, errlen, "%s:%d: unknown constant "
				    "{{%.*s}}", f->name, line,
				    (int)(tlen > 40 ? 40 : tlen), tag);
				return -1;
			}
		} else if (tlen > 0 && tlen < 40 && strspn(tag,
		    "abcdefghijklmnopqrstuvwxyz_0123456789") == tlen) {
			seg_add(t, (struct segment){ SEG_VAR, tag, tlen, 0, 0,
			    line });
		} else {
			snprintf(err, errlen, "%s:%d: unknown tag {{%.*s}}",
			    f->name, line, (int)(tlen > 40 ? 40 : tlen), tag);
			return -1;
		}
	}
	if (depth != 0 || cur != (int)nfile) {
		snprintf(err, errlen, "%s: an {{#if}} or {{@block}} is never "
		    "closed", f->name);
		return -1;
	}
	return 0;
}

static uint64_t
name_hash(const char *s)
{
	uint64_t	h = 14695981039346656037ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Pages look templates up per row: by hash, not by a walk. */
static void
index_names(void)
{
	size_t	i, size = 16, h;

	while (size < ntemplates * 2)
		size *= 2;
	free(by_name);
	by_name = xcalloc(size, sizeof(*by_name));
	by_name_mask = size - 1;
	for (i = 0; i < ntemplates; i++) {
		h = name_hash(templates[i].name) & by_name_mask;
		while (by_name[h] != 0)
			h = (h + 1) & by_name_mask;
		by_name[h] = i + 1;
	}
}

int
tmpl_load(const struct embedded *files, const struct tmpl_const *c,
    size_t n, char *err, size_t errlen)
{
	size_t	i;

	tmpl_unload();
	consts = c;
	nconsts = n;
	const_text = xcalloc(n > 0 ? n : 1, sizeof(*const_text));
	for (i = 0; i < n; i++)
		snprintf(const_text[i], sizeof(const_text[i]), "%ld",
		    c[i].value);
	for (; files->name != NULL; files++)
		if (parse_file(files, err, errlen) == -1)
			return -1;
	index_names();
	return 0;
}

void
tmpl_unload(void)
{
	size_t	i;

	for (i = 0; i < ntemplates; i++) {
		free(templates[i].name);
		free(templates[i].segs);
	}
	free(templates);
	templates = NULL;
	ntemplates = 0;
	free(by_name);
	by_name = NULL;
	by_name_mask = 0;
	free(const_text);
	const_text = NULL;
	consts = NULL;
	nconsts = 0;
}

const struct tmpl *
tmpl_get(const char *name)
{
	size_t	h;

	if (by_name == NULL)
		return NULL;
	for (h = name_hash(name) & by_name_mask; by_name[h] != 0;
	    h = (h + 1) & by_name_mask)
		if (strcmp(templates[by_name[h] - 1].name, name) == 0)
			return &templates[by_name[h] - 1];
	return NULL;
}

void
tv_init(struct tmpl_vars *v)
{
	v->vars = NULL;
	v->count = 0;
	v->cap = 0;
	buf_init(&v->arena);
}

void
tv_reset(struct tmpl_vars *v)
{
	v->count = 0;
	buf_reset(&v->arena);
}

void
tv_free(struct tmpl_vars *v)
{
	buf_free(&v->arena);
	free(v->vars);
	v->vars = NULL;
	v->count = 0;
	v->cap = 0;
}

static void	tv_add(struct tmpl_vars *, const char *, const char *, size_t,
		    enum tv_kind);

static void
tv_add(struct tmpl_vars *v, const char *name, const char *s, size_t n,
    enum tv_kind kind)
{
	struct tmpl_var	*var;
	int		 i;

	/* A later value replaces an earlier one of the same name. */
	if ((i = var_find(v, name, strlen(name))) == -1) {
		if (v->count == v->cap) {
			v->cap = v->cap > 0 ? v->cap * 2 : 32;
			v->vars = xrealloc(v->vars, (size_t)v->cap *
			    sizeof(*v->vars));
		}
		i = v->count++;
	}
	var = &v->vars[i];
	var->name = name;
	var->off = v->arena.len;
	var->len = n;
	var->kind = kind;
	buf_append(&v->arena, s, n);
}

void
tv_text(struct tmpl_vars *v, const char *name, const char *value)
{
	tv_add(v, name, value ? value : "", value ? strlen(value) : 0,
	    TV_TEXT);
}

void
tv_date(struct tmpl_vars *v, const char *name, const char *iso)
{
	tv_add(v, name, iso ? iso : "", iso ? strlen(iso) : 0, TV_DATE);
}

void
tv_textf(struct tmpl_vars *v, const char *name, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	/* Whatever its length: nothing is cut. */
	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	tv_add(v, name, s, strlen(s), TV_TEXT);
	free(s);
}

void
tv_html(struct tmpl_vars *v, const char *name, const struct html *h)
{
	tv_add(v, name, h->b.data ? h->b.data : "", h->b.len, TV_HTML);
}

void
tmpl_message(struct html *out, const char *msgid, const struct tmpl_vars *v,
    enum lang lang)
{
	int	idx;

	fill_message(&out->b, (idx = i18n_find(msgid)) == -1 ? msgid :
	    i18n_get(idx, lang), v, lang, 0);
}

static void
fill_message(struct buf *out, const char *s, const struct tmpl_vars *v,
    enum lang lang, int raw)
{
	const char	*p, *e;
	int		 i;

	while ((p = strchr(s, '%')) != NULL) {
		buf_append(out, s, (size_t)(p - s));
		e = strchr(p + 1, '%');
		if (e != NULL && v != NULL &&
		    (i = var_find(v, p + 1, (size_t)(e - p - 1))) != -1) {
			put_var(out, v, i, lang, raw);
			s = e + 1;
		} else {
			buf_putc(out, '%');
			s = p + 1;
		}
	}
	buf_puts(out, s);
}

void
tmpl_render(struct html *out, const struct tmpl *t,
    const struct tmpl_vars *v, enum lang lang)
{
	render(&out->b, t, v, lang, 0);
}

void
tmpl_render_text(struct buf *out, const struct tmpl *t,
    const struct tmpl_vars *v, enum lang lang)
{
	render(out, t, v, lang, 1);
}

static void
render(struct buf *out, const struct tmpl *t, const struct tmpl_vars *v,
    enum lang lang, int raw)
{
	const struct segment	*s;
	size_t			 i;
	int			 k, empty;

	for (i = 0; i < t->nsegs; i++) {
		s = &t->segs[i];
		switch (s->type) {
		case SEG_TEXT:
			buf_append(out, s->text, s->len);
			break;
		case SEG_VAR:
			if ((k = var_find(v, s->text, s->len)) != -1)
				put_var(out, v, k, lang, raw);
			break;
		case SEG_MSG:
			fill_message(out, i18n_get(s->msg, lang), v, lang,
			    raw);
			break;
		case SEG_IF:
		case SEG_IFNOT:
			k = var_find(v, s->text, s->len);
			empty = k == -1 || v->vars[k].len == 0;
			if (empty == (s->type == SEG_IF))
				i = s->skip - 1;
			break;
		}
	}
}

static int
name_cmp(const void *key, const void *elem)
{
	const struct segment	*k = key;
	const char		*name = *(const char *const *)elem;
	int			 c = strncmp(k->text, name, k->len);

	return c != 0 ? c : (name[k->len] == '\0' ? 0 : -1);
}

int
tmpl_check_names(const char *const *known, size_t n, char *err,
    size_t errlen)
{
	const struct segment	*s;
	size_t			 i, k;

	for (i = 0; i < ntemplates; i++) {
		for (k = 0; k < templates[i].nsegs; k++) {
			s = &templates[i].segs[k];
			if (s->type != SEG_VAR && s->type != SEG_IF &&
			    s->type != SEG_IFNOT)
				continue;
			if (bsearch(s, known, n, sizeof(*known),
			    name_cmp) != NULL)
				continue;
			snprintf(err, errlen, "%s:%d: {{%.*s}}: no code sets "
			    "this variable", templates[i].file, s->line,
			    (int)s->len, s->text);
			return -1;
		}
	}
	return 0;
}
