/*
 * Growable byte buffers. Every module writes its output through these;
 * html.h adds the escaping writer on top.
 */
#ifndef TOTEUMA_BUF_H
#define TOTEUMA_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	buf_init(struct buf *);
void	buf_free(struct buf *);
void	buf_reset(struct buf *);
void	buf_append(struct buf *, const void *, size_t);
void	buf_puts(struct buf *, const char *);
void	buf_putc(struct buf *, char);
void	buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
/* NUL-terminates and returns data; the buffer still owns it. */
const char *buf_cstr(struct buf *);

#endif
