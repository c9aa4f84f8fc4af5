/* Compressed bodies and Accept-Encoding; see compress.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <brotli/encode.h>
#include <zlib.h>

#include "mem.h"
#include "compress.h"

/*
 * A body is compressed once per data version and then served many
 * times, so the level leans to size; a large one (a whole table or a
 * download) gets quicker levels, as brotli's 11 would take seconds.
 */
#define GZIP_LEVEL		9
#define GZIP_LEVEL_LARGE	6
#define BROTLI_QUALITY		11
#define BROTLI_QUALITY_LARGE	6
#define BROTLI_LARGE		(256 * 1024)

static int	gzip_body(const void *, size_t, char **, size_t *);
static int	brotli_body(const void *, size_t, char **, size_t *);
static double	coding_q(const char *, size_t, int *);

const char *
encoding_name(enum encoding e)
{
	switch (e) {
	case ENC_GZIP:
		return "gzip";
	case ENC_BR:
		return "br";
	default:
		return NULL;
	}
}

/*
 * The q of one element "coding;q=0.5" (its parameters after the first
 * ';'); 1 when absent, -1 when malformed (then the element is ignored).
 */
static double
coding_q(const char *p, size_t n, int *bad)
{
	const char	*e = p + n, *q;
	char		 num[8];
	size_t		 len;
	char		*end;
	double		 v;

	*bad = 0;
	for (q = p; q < e; q++) {
		if (*q != ';')
			continue;
		q++;
		while (q < e && (*q == ' ' || *q == '\t'))
			q++;
		if (q + 2 > e || (q[0] != 'q' && q[0] != 'Q') || q[1] != '=')
			continue;
		q += 2;
		len = (size_t)(e - q);
		while (len > 0 && (q[len - 1] == ' ' || q[len - 1] == '\t'))
			len--;
		if (len == 0 || len >= sizeof(num))
			return *bad = 1, -1;
		memcpy(num, q, len);
		num[len] = '\0';
		v = strtod(num, &end);
		if (*end != '\0' || v < 0 || v > 1)
			return *bad = 1, -1;
		return v;
	}
	return 1;
}

enum encoding
accept_encoding(const char *header)
{
	/* q of gzip, br and "*"; -1 while not named. */
	double		 q[3] = { -1, -1, -1 }, v;
	const char	*p, *e, *t;
	size_t		 n, tl;
	int		 bad, i;

	if (header == NULL)
		return ENC_IDENTITY;
	for (p = header; *p != '\0'; p = *e ? e + 1 : e) {
		e = p + strcspn(p, ",");
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		n = (size_t)(e - p);
		t = p;
		tl = strcspn(t, ";, \t");
		if (tl > n)
			tl = n;
		v = coding_q(p, n, &bad);
		if (bad || tl == 0)
			continue;
		if (tl == 4 && strncasecmp(t, "gzip", 4) == 0)
			i = 0;
		else if (tl == 6 && strncasecmp(t, "x-gzip", 6) == 0)
			i = 0;
		else if (tl == 2 && strncasecmp(t, "br", 2) == 0)
			i = 1;
		else if (tl == 1 && *t == '*')
			i = 2;
		else
			continue;
		if (v > q[i])
			q[i] = v;
	}
	for (i = 0; i < 2; i++)
		if (q[i] < 0)
			q[i] = q[2];
	if (q[1] > 0 && q[1] >= q[0])
		return ENC_BR;
	if (q[0] > 0)
		return ENC_GZIP;
	if (q[1] > 0)
		return ENC_BR;
	return ENC_IDENTITY;
}

static int
gzip_body(const void *in, size_t n, char **out, size_t *outlen)
{
	z_stream	 z;
	size_t		 cap;
	char		*buf;
	int		 rc;

	memset(&z, 0, sizeof(z));
	/* 31: a gzip wrapper (16) around a 32 KB window (15). */
	if (deflateInit2(&z, n > BROTLI_LARGE ? GZIP_LEVEL_LARGE : GZIP_LEVEL,
	    Z_DEFLATED, 31, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	cap = deflateBound(&z, (uLong)n);
	buf = xmalloc(cap);
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)buf;
	z.avail_out = (uInt)cap;
	rc = deflate(&z, Z_FINISH);
	*outlen = z.total_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END) {
		free(buf);
		return -1;
	}
	*out = buf;
	return 0;
}

static int
brotli_body(const void *in, size_t n, char **out, size_t *outlen)
{
	size_t	 cap = BrotliEncoderMaxCompressedSize(n);
	char	*buf;

	if (cap == 0)
		return -1;
	buf = xmalloc(cap);
	*outlen = cap;
	if (!BrotliEncoderCompress(n > BROTLI_LARGE ? BROTLI_QUALITY_LARGE :
	    BROTLI_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, n, in,
	    outlen, (uint8_t *)buf)) {
		free(buf);
		return -1;
	}
	*out = buf;
	return 0;
}

int
compress_body(enum encoding e, const void *in, size_t n, char **out,
    size_t *outlen)
{
	int	rc;

	if (n > (size_t)UINT32_MAX / 2)
		return -1;
	if (e == ENC_GZIP)
		rc = gzip_body(in, n, out, outlen);
	else if (e == ENC_BR)
		rc = brotli_body(in, n, out, outlen);
	else
		return -1;
	if (rc == 0 && *outlen >= n) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return rc;
}
