/*
 * HTML output. Text reaches a page only through html_text(), which
 * escapes it; struct html holds markup that the template engine made,
 * so a handler can pass a rendered fragment on without escaping it
 * twice, and can not pass raw text as markup by mistake.
 */
#ifndef TOTEUMA_HTML_H
#define TOTEUMA_HTML_H

#include <stddef.h>

#include "buf.h"

/*
 * HTML being written: text goes in escaped (html_text), rendered
 * templates as they are. Only this module and the template engine touch
 * b; `make lint` checks that no other file does.
 */
struct html {
	struct buf	b;
};

void	html_init(struct html *);
void	html_free(struct html *);
/* Appends text, escaped for element content and quoted attributes. */
void	html_text(struct html *, const char *s, size_t n);
void	html_escape(struct buf *, const char *s, size_t n);
/* Appends markup written in the program itself (a literal). */
/* Escaped text with each line break as <br>. */
void	html_text_lines(struct html *, const char *s);
/* The bytes written, to send: read-only outside this module. */
const char	*html_data(const struct html *);
size_t		 html_len(const struct html *);
/* Appends what another buffer holds (already escaped or rendered). */
void	html_append(struct html *, const struct html *);

#endif
