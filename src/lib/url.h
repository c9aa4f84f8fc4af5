/* Percent-encoding for the links a page writes. */
#ifndef TOTEUMA_URL_H
#define TOTEUMA_URL_H

#include "buf.h"

/* Appends s encoded for a query-string value (RFC 3986 unreserved). */
void	url_encode(struct buf *, const char *s);
/* Appends "?" or "&", then name=value, encoded; skips empty values. */
void	url_param(struct buf *, const char *name, const char *value);

#endif
