/* Dates as each language writes them; anything else passes unchanged. */
#include "buf.h"
#include "date.h"
#include "unit.h"

static void
check(const char *in, enum lang lang, const char *want)
{
	struct buf	 b;

	buf_init(&b);
	date_format(&b, in, strlen(in), lang);
	CHECK_STR(buf_cstr(&b), want, in);
	buf_free(&b);
}

/* The day in Finland at the UTC time utc ("YYYY-MM-DD HH:MM:SS"). */
static void
day(const char *utc, const char *want)
{
	struct tm	tm;
	char		got[11];

	memset(&tm, 0, sizeof(tm));
	sscanf(utc, "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	date_day_finland(timegm(&tm), got);
	CHECK_STR(got, want, utc);
}

int
main(void)
{
	check("2026-11-30", LANG_FI, "30.11.2026");
	check("2026-11-30", LANG_SV, "30.11.2026");
	check("2026-11-30", LANG_EN, "30 November 2026");
	check("2026-01-05", LANG_FI, "5.1.2026");
	check("2026-01-05", LANG_EN, "5 January 2026");
	/* PostgreSQL's timestamptz text, and to_char's minutes. */
	check("2026-11-30 14:05:09.51+02", LANG_FI, "30.11.2026 klo 14.05");
	check("2026-11-30 09:05", LANG_SV, "30.11.2026 kl. 9.05");
	check("2026-11-30 14:05", LANG_EN, "30 November 2026, 14:05");
	check("2026-11-30T23:59:00Z", LANG_FI, "30.11.2026 klo 23.59");
	/* Not a date: as it is, for the caller to escape. */
	check("", LANG_FI, "");
	check("11/2026", LANG_FI, "11/2026");
	check("2026-13-01", LANG_EN, "2026-13-01");
	check("2026-11-00", LANG_EN, "2026-11-00");
	check("2026-11-30x", LANG_FI, "2026-11-30x");
	check("2026-1-30", LANG_FI, "2026-1-30");
	check("<2026-11-30>", LANG_FI, "<2026-11-30>");
	/* A broken time keeps the date. */
	check("2026-11-30 25:00", LANG_FI, "30.11.2026");
	check("2026-11-30 1", LANG_EN, "30 November 2026");
	/* The day in Finland: 22:30 UTC is the next day there. */
	day("2026-11-30 21:59:59", "2026-11-30");
	day("2026-11-30 22:00:00", "2026-12-01");
	day("2026-11-30 22:30:00", "2026-12-01");
	day("2026-12-31 22:30:00", "2027-01-01");
	/* Summer time: UTC+3 from 29.3.2026 01:00 UTC to 25.10.2026. */
	day("2026-07-14 20:59:59", "2026-07-14");
	day("2026-07-14 21:00:00", "2026-07-15");
	day("2026-03-29 00:59:59", "2026-03-29");
	day("2026-03-28 21:30:00", "2026-03-28");
	day("2026-03-29 21:00:00", "2026-03-30");
	day("2026-10-24 21:00:00", "2026-10-25");
	day("2026-10-25 21:30:00", "2026-10-25");
	day("2026-10-25 22:00:00", "2026-10-26");
	day("2024-03-31 21:00:00", "2024-04-01");
	day("2024-03-30 21:00:00", "2024-03-30");
	return unit_done();
}
