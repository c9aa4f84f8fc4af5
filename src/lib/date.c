/*
 * Dates in each language's convention; see date.h.
 */
#include <stdio.h>
#include <string.h>

#include "date.h"

static const char *const months_en[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

static int	digits(const char *, size_t, int *);

/* n decimal digits at s into *v; 0 when they are all digits. */
static int
digits(const char *s, size_t n, int *v)
{
	size_t	i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

void
date_format(struct buf *out, const char *s, size_t n, enum lang lang)
{
	int	y, m, d, hh, mm, timed;

	if (n < 10 || digits(s, 4, &y) != 0 || s[4] != '-' ||
	    digits(s + 5, 2, &m) != 0 || s[7] != '-' ||
	    digits(s + 8, 2, &d) != 0 || m < 1 || m > 12 || d < 1 ||
	    d > 31 || (n > 10 && s[10] != ' ' && s[10] != 'T')) {
		buf_append(out, s, n);
		return;
	}
	timed = n >= 16 && digits(s + 11, 2, &hh) == 0 && s[13] == ':' &&
	    digits(s + 14, 2, &mm) == 0 && hh < 24 && mm < 60;
	if (lang == LANG_EN) {
		buf_printf(out, "%d %s %d", d, months_en[m - 1], y);
		if (timed)
			buf_printf(out, ", %02d:%02d", hh, mm);
		return;
	}
	buf_printf(out, "%d.%d.%d", d, m, y);
	if (timed)
		buf_printf(out, " %s %d.%02d", lang == LANG_SV ? "kl." : "klo",
		    hh, mm);
}

/* The day of month of the last Sunday of month m (1-12) of year y. */
static int
last_sunday(int y, int m)
{
	struct tm	tm;
	time_t		t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m;		/* the first day of the next month */
	tm.tm_mday = 1;
	tm.tm_hour = 12;
	t = timegm(&tm) - 24 * 3600;
	gmtime_r(&t, &tm);
	return tm.tm_mday - tm.tm_wday;
}

void
date_day_finland(time_t t, char day[11])
{
	struct tm	tm;
	int		summer, mar, oct;

	gmtime_r(&t, &tm);
	mar = last_sunday(tm.tm_year + 1900, 3);
	oct = last_sunday(tm.tm_year + 1900, 10);
	/* Summer time from mar 01:00 UTC to oct 01:00 UTC. */
	summer = (tm.tm_mon > 2 && tm.tm_mon < 9) ||
	    (tm.tm_mon == 2 && (tm.tm_mday > mar ||
	    (tm.tm_mday == mar && tm.tm_hour >= 1))) ||
	    (tm.tm_mon == 9 && (tm.tm_mday < oct ||
	    (tm.tm_mday == oct && tm.tm_hour < 1)));
	t += (summer ? 3 : 2) * 3600;
	gmtime_r(&t, &tm);
	if (strftime(day, 11, "%Y-%m-%d", &tm) == 0)
		day[0] = '\0';
}
