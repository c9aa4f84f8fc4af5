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
	return unit_done();
}
