/* The escaping writer; see html.h. */
#include <string.h>

#include "html.h"

void
html_init(struct html *h)
{
	buf_init(&h->b);
}

void
html_free(struct html *h)
{
	buf_free(&h->b);
}

void
html_escape(struct buf *b, const char *s, size_t n)
{
	size_t	i, start = 0;
	const char *rep;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(b, s + start, i - start);
		buf_puts(b, rep);
		start = i + 1;
	}
	buf_append(b, s + start, n - start);
}

void
html_text(struct html *h, const char *s, size_t n)
{
	html_escape(&h->b, s, n);
}

void
html_literal(struct html *h, const char *s)
{
	buf_puts(&h->b, s);
}
