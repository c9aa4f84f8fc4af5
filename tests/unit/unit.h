/*
 * A minimal test harness for the C unit tests: every check prints one
 * TAP line, "ok N - what" or "not ok N - what (file:line)".
 */
#ifndef TOTEUMA_UNIT_H
#define TOTEUMA_UNIT_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int	unit_count, unit_failed;

static void	unit_check(int, const char *, int, const char *, ...)
		    __attribute__((format(printf, 4, 5)));

static void
unit_check(int ok, const char *file, int line, const char *fmt, ...)
{
	va_list	ap;

	unit_count++;
	printf("%s %d - ", ok ? "ok" : "not ok", unit_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (!ok) {
		printf(" (%s:%d)", file, line);
		unit_failed++;
	}
	printf("\n");
}

#define CHECK(cond, ...)	unit_check((cond) != 0, __FILE__, __LINE__, \
				    __VA_ARGS__)
#define CHECK_STR(got, want, what) do {					\
	const char *g_ = (got), *w_ = (want);				\
	unit_check(g_ != NULL && strcmp(g_, w_) == 0, __FILE__, __LINE__, \
	    "%s: expected \"%s\", got \"%s\"", (what), w_,		\
	    g_ ? g_ : "(null)");					\
} while (0)
#define CHECK_INT(got, want, what) do {					\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	unit_check(g_ == w_, __FILE__, __LINE__,			\
	    "%s: expected %lld, got %lld", (what), w_, g_);		\
} while (0)

static int
unit_done(void)
{
	printf("1..%d\n", unit_count);
	return unit_failed > 0 ? 1 : 0;
}

#endif
