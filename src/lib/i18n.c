/*
 * PO catalogue parsing and lookup; see i18n.h. The parser handles what
 * translators' tools write: comments, multi-line strings, C escapes.
 * msgctxt and plural forms are not used by this product and rejected.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "buf.h"
#include "i18n.h"

const char *const lang_codes[LANG_COUNT] = { "fi", "sv", "en" };

struct po_entry {
	char	*msgid;
	char	*msgstr;
};

struct po {
	struct po_entry	*e;
	size_t		 n;
};

struct message {
	char	*msgid;
	char	*text[LANG_COUNT];
};

static struct message	*messages;
static size_t		 nmessages;

static int	po_parse(const char *, struct po *, char *, size_t);
static int	po_string(const char **, struct buf *);
static void	po_free(struct po *);
static int	message_cmp(const void *, const void *);

/* Reads one or more adjacent "..." strings, with escapes. */
static int
po_string(const char **pp, struct buf *out)
{
	const char	*p = *pp;
	int		 any = 0;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p != '"')
			break;
		any = 1;
		p++;
		while (*p != '"') {
			if (*p == '\0' || *p == '\n')
				return -1;
			if (*p == '\\') {
				p++;
				switch (*p) {
				case 'n': buf_putc(out, '\n'); break;
				case 't': buf_putc(out, '\t'); break;
				case '"': buf_putc(out, '"'); break;
				case '\\': buf_putc(out, '\\'); break;
				default: return -1;
				}
				p++;
			} else
				buf_putc(out, *p++);
		}
		p++;
	}
	*pp = p;
	return any ? 0 : -1;
}

static int
po_parse(const char *text, struct po *po, char *err, size_t errlen)
{
	const char	*p = text;
	struct buf	 id, str;
	size_t		 cap = 0;
	int		 line = 1, rc = -1;

	buf_init(&id);
	buf_init(&str);
	po->e = NULL;
	po->n = 0;
	while (*p != '\0') {
		if (*p == '\n') {
			line++;
			p++;
		} else if (*p == '#') {
			while (*p != '\0' && *p != '\n')
				p++;
		} else if (*p == ' ' || *p == '\t' || *p == '\r') {
			p++;
		} else if (strncmp(p, "msgid ", 6) == 0) {
			const char *start = p;

			buf_reset(&id);
			buf_reset(&str);
			p += 6;
			if (po_string(&p, &id) == -1)
				goto bad;
			while (*p == ' ' || *p == '\t' || *p == '\n')
				p++;
			if (strncmp(p, "msgstr ", 7) != 0)
				goto bad;
			p += 7;
			if (po_string(&p, &str) == -1)
				goto bad;
			for (; start < p; start++)
				if (*start == '\n')
					line++;
			if (id.len == 0)
				continue;	/* the header entry */
			if (po->n == cap) {
				cap = cap ? cap * 2 : 64;
				po->e = xrealloc(po->e, cap * sizeof(*po->e));
			}
			po->e[po->n].msgid = xstrdup(buf_cstr(&id));
			po->e[po->n].msgstr = xstrdup(buf_cstr(&str));
			po->n++;
		} else
			goto bad;
	}
	rc = 0;
	goto out;
bad:
	snprintf(err, errlen, "line %d: expected msgid \"...\" msgstr \"...\"",
	    line);
	po_free(po);
	po->e = NULL;
	po->n = 0;
out:
	buf_free(&id);
	buf_free(&str);
	return rc;
}

static void
po_free(struct po *po)
{
	size_t	i;

	for (i = 0; i < po->n; i++) {
		free(po->e[i].msgid);
		free(po->e[i].msgstr);
	}
	free(po->e);
}

static int
message_cmp(const void *a, const void *b)
{
	return strcmp(((const struct message *)a)->msgid,
	    ((const struct message *)b)->msgid);
}

int
i18n_load(const char *const po_text[LANG_COUNT], char *err, size_t errlen)
{
	struct po	po[LANG_COUNT];
	struct message	key, *m;
	size_t		i;
	int		l, rc = -1, parsed = 0;
	char		perr[100];

	i18n_unload();
	for (l = 0; l < LANG_COUNT; l++, parsed++) {
		if (po_parse(po_text[l], &po[l], perr, sizeof(perr)) == -1) {
			snprintf(err, errlen, "%s.po: %s", lang_codes[l], perr);
			goto out;
		}
	}
	/* The Finnish catalogue lists the messages; the others must match. */
	nmessages = po[LANG_FI].n;
	messages = xcalloc(nmessages + 1, sizeof(*messages));
	for (i = 0; i < nmessages; i++) {
		messages[i].msgid = xstrdup(po[LANG_FI].e[i].msgid);
		for (l = 0; l < LANG_COUNT; l++)
			messages[i].text[l] = NULL;
	}
	qsort(messages, nmessages, sizeof(*messages), message_cmp);
	for (i = 1; i < nmessages; i++) {
		if (strcmp(messages[i - 1].msgid, messages[i].msgid) == 0) {
			snprintf(err, errlen, "fi.po: \"%s\" twice",
			    messages[i].msgid);
			goto out;
		}
	}
	for (l = 0; l < LANG_COUNT; l++) {
		for (i = 0; i < po[l].n; i++) {
			key.msgid = po[l].e[i].msgid;
			m = bsearch(&key, messages, nmessages,
			    sizeof(*messages), message_cmp);
			if (m == NULL) {
				snprintf(err, errlen, "%s.po: \"%s\" is not in "
				    "fi.po", lang_codes[l], key.msgid);
				goto out;
			}
			if (po[l].e[i].msgstr[0] == '\0') {
				snprintf(err, errlen, "%s.po: \"%s\" has no "
				    "translation", lang_codes[l], key.msgid);
				goto out;
			}
			free(m->text[l]);
			m->text[l] = xstrdup(po[l].e[i].msgstr);
		}
	}
	for (i = 0; i < nmessages; i++) {
		for (l = 0; l < LANG_COUNT; l++) {
			if (messages[i].text[l] == NULL) {
				snprintf(err, errlen, "%s.po: \"%s\" is "
				    "missing", lang_codes[l],
				    messages[i].msgid);
				goto out;
			}
		}
	}
	rc = 0;
out:
	for (l = 0; l < parsed; l++)
		po_free(&po[l]);
	if (rc == -1)
		i18n_unload();
	return rc;
}

void
i18n_unload(void)
{
	size_t	i;
	int	l;

	for (i = 0; i < nmessages; i++) {
		free(messages[i].msgid);
		for (l = 0; l < LANG_COUNT; l++)
			free(messages[i].text[l]);
	}
	free(messages);
	messages = NULL;
	nmessages = 0;
}

int
i18n_find(const char *msgid)
{
	struct message	key, *m;

	if (nmessages == 0)
		return -1;
	key.msgid = (char *)(uintptr_t)msgid;
	m = bsearch(&key, messages, nmessages, sizeof(*messages), message_cmp);
	return m == NULL ? -1 : (int)(m - messages);
}

const char *
i18n_get(int index, enum lang lang)
{
	return messages[index].text[lang];
}

const char *
T(enum lang lang, const char *msgid)
{
	int	i;

	if ((i = i18n_find(msgid)) == -1)
		return msgid;
	return messages[i].text[lang];
}

int
lang_from_code(const char *s, size_t n, enum lang *lang)
{
	int	l;

	for (l = 0; l < LANG_COUNT; l++) {
		if (n == 2 && memcmp(s, lang_codes[l], 2) == 0) {
			*lang = (enum lang)l;
			return 0;
		}
	}
	return -1;
}

size_t
i18n_count(void)
{
	return nmessages;
}

const char *
i18n_msgid(int index)
{
	return messages[index].msgid;
}
