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

#include "buf.h"
#include "i18n.h"

/*
 * Appends the date in s (n bytes) to out in lang's convention. A value
 * that is not an ISO date is appended as it is; the caller escapes.
 */
void	date_format(struct buf *out, const char *s, size_t n, enum lang);

#endif
