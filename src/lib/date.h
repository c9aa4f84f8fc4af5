/*
 * Dates as people write them in each language: 30.11.2026 in Finnish
 * and in Finland's Swedish, 30 November 2026 in English; with a time,
 * "30.11.2026 klo 14.05", "30.11.2026 kl. 14.05", "30 November 2026,
 * 14:05". The input is ISO 8601 as PostgreSQL writes it ("2026-11-30",
 * "2026-11-30 14:05:09.5+02"); data downloads and the API keep ISO.
 */
#ifndef TOTEUMA_DATE_H
#define TOTEUMA_DATE_H

#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "i18n.h"

/*
 * Appends the date in s (n bytes) to out in lang's convention. A value
 * that is not an ISO date is appended as it is; the caller escapes.
 */
void	date_format(struct buf *out, const char *s, size_t n, enum lang);

/*
 * The day at t in Finland, YYYY-MM-DD into day (11 bytes): UTC+2, and
 * UTC+3 from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
 * last Sunday of October, as EU law sets summer time. Without the time
 * zone database, which a chrooted server may not see.
 */
void	date_day_finland(time_t t, char day[11]);

#endif
