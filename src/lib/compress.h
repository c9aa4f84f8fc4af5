/*
 * Compressed bodies for answers: gzip (zlib) and brotli (libbrotli),
 * and which of them a request's Accept-Encoding allows.
 */
#ifndef TOTEUMA_COMPRESS_H
#define TOTEUMA_COMPRESS_H

#include <stddef.h>

enum encoding {
	ENC_IDENTITY,
	ENC_GZIP,
	ENC_BR,
	ENC_COUNT
};

/* The Content-Encoding token of e ("gzip", "br"); NULL for identity. */
const char *encoding_name(enum encoding e);
/*
 * The best encoding an Accept-Encoding value allows, brotli before
 * gzip: a coding named with q=0 is refused, "*" stands for those not
 * named; ENC_IDENTITY when neither is allowed or header is NULL.
 */
enum encoding accept_encoding(const char *header);
/*
 * in compressed with e into *out (xmalloc'd, *outlen bytes). -1 when
 * the library fails or the result would not be smaller than in.
 */
int	compress_body(enum encoding e, const void *in, size_t n, char **out,
	    size_t *outlen);

#endif
