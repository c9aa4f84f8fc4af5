/* See sqlq.h. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "sqlq.h"

void
sqlq_init(struct sqlq *q)
{
	memset(q, 0, sizeof(*q));
	buf_init(&q->text);
}

void
sqlq_free(struct sqlq *q)
{
	int	i;

	for (i = 0; i < q->nowned; i++)
		free(q->owned[i]);
	buf_free(&q->text);
	memset(q, 0, sizeof(*q));
}

int
sqlq_param(struct sqlq *q, const char *v)
{
	if (q->n >= SQLQ_PARAMS_MAX) {
		q->full = 1;
		return 0;
	}
	q->params[q->n++] = v;
	return q->n;
}

int
sqlq_paramf(struct sqlq *q, const char *fmt, ...)
{
	va_list	ap;
	char	*s;

	if (q->n >= SQLQ_PARAMS_MAX) {
		q->full = 1;
		return 0;
	}
	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	/* Owned and parameter slots are bounded alike: n < MAX here. */
	q->owned[q->nowned++] = s;
	q->params[q->n++] = s;
	return q->n;
}

void
sqlq_puts(struct sqlq *q, const char *s)
{
	buf_puts(&q->text, s);
}

void
sqlq_printf(struct sqlq *q, const char *fmt, ...)
{
	va_list	ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	buf_puts(&q->text, s);
	free(s);
}

const char *
sqlq_text(struct sqlq *q)
{
	return buf_cstr(&q->text);
}

int
sqlq_consistent(struct sqlq *q)
{
	const char	*t = sqlq_text(q);
	char		 used[SQLQ_PARAMS_MAX + 1];
	long		 k;
	int		 i;

	if (q->full || q->n < 0 || q->n > SQLQ_PARAMS_MAX)
		return 0;
	memset(used, 0, sizeof(used));
	for (; *t != '\0'; t++) {
		if (*t != '$' || t[1] < '0' || t[1] > '9')
			continue;
		k = strtol(t + 1, NULL, 10);
		if (k < 1 || k > q->n)
			return 0;
		used[k] = 1;
	}
	for (i = 1; i <= q->n; i++)
		if (!used[i] || q->params[i - 1] == NULL)
			return 0;
	return 1;
}
