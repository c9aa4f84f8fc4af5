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

struct html {
	struct buf	b;
};

void	html_init(struct html *);
void	html_free(struct html *);
/* Appends text, escaped for element content and quoted attributes. */
void	html_text(struct html *, const char *s, size_t n);
void	html_escape(struct buf *, const char *s, size_t n);
/* Appends markup written in the program itself (a literal). */
void	html_literal(struct html *, const char *);

#endif
