/*
 * The one allocation policy: memory is allocated or the program stops
 * with a message (as Kore's kore_malloc does). A worker that cannot
 * allocate has nothing sensible left to do; the parent restarts it.
 * No caller checks for NULL.
 */
#ifndef TOTEUMA_MEM_H
#define TOTEUMA_MEM_H

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list)
	    __attribute__((format(printf, 1, 0)));

#endif
