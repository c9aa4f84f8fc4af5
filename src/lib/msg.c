/* See msg.h. */
#include <stdio.h>
#include <string.h>

#include "msg.h"

void
msg_set(struct msg *m, const char *id, const char *a, const char *b)
{
	m->id = id;
	snprintf(m->a, sizeof(m->a), "%s", a ? a : "");
	snprintf(m->b, sizeof(m->b), "%s", b ? b : "");
}

void
msg_english(const struct msg *m, char *out, size_t len)
{
	const char	*p = m->id ? m->id : "";
	size_t		 n = 0, k;
	const char	*v;

	while (*p != '\0' && n + 1 < len) {
		if (strncmp(p, "%a%", 3) == 0 || strncmp(p, "%b%", 3) == 0) {
			v = p[1] == 'a' ? m->a : m->b;
			for (k = 0; v[k] != '\0' && n + 1 < len; k++)
				out[n++] = v[k];
			p += 3;
		} else
			out[n++] = *p++;
	}
	out[n] = '\0';
}

void
msg_problem(struct msg_problems *pr, size_t line, int column,
    const char *id, const char *a, const char *b)
{
	struct msg_problem	*p;

	if (pr->count == MSG_MAX_PROBLEMS) {
		pr->more++;
		return;
	}
	p = &pr->items[pr->count++];
	p->line = line;
	p->column = column;
	msg_set(&p->why, id, a, b);
}
