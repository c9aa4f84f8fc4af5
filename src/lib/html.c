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
html_text_lines(struct html *h, const char *s)
{
	const char	*nl;

	while ((nl = strchr(s, '\n')) != NULL) {
		html_escape(&h->b, s, (size_t)(nl - s));
		buf_puts(&h->b, "<br>");
		s = nl + 1;
	}
	html_escape(&h->b, s, strlen(s));
}

void
html_append(struct html *h, const struct html *from)
{
	buf_append(&h->b, from->b.data, from->b.len);
}

const char *
html_data(const struct html *h)
{
	return h->b.data != NULL ? h->b.data : "";
}

size_t
html_len(const struct html *h)
{
	return h->b.len;
}
