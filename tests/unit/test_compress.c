/* Accept-Encoding and the compressed bodies that go with it. */
#include <brotli/decode.h>
#include <zlib.h>

#include "buf.h"
#include "compress.h"
#include "unit.h"

static void
accepts(const char *header, enum encoding want)
{
	CHECK(accept_encoding(header) == want, "Accept-Encoding \"%s\": %s",
	    header ? header : "(none)",
	    want == ENC_IDENTITY ? "identity" : encoding_name(want));
}

/* gzip back to the original with zlib. */
static int
gunzip_equals(const char *z, size_t zn, const char *orig, size_t n)
{
	z_stream	 s;
	char		*out = xmalloc(n + 1);
	int		 ok;

	memset(&s, 0, sizeof(s));
	if (inflateInit2(&s, 31) != Z_OK)
		return 0;
	s.next_in = (Bytef *)(uintptr_t)z;
	s.avail_in = (uInt)zn;
	s.next_out = (Bytef *)out;
	s.avail_out = (uInt)n + 1;
	ok = inflate(&s, Z_FINISH) == Z_STREAM_END && s.total_out == n &&
	    memcmp(out, orig, n) == 0;
	inflateEnd(&s);
	free(out);
	return ok;
}

static int
unbrotli_equals(const char *z, size_t zn, const char *orig, size_t n)
{
	size_t	 got = n + 1;
	char	*out = xmalloc(n + 1);
	int	 ok;

	ok = BrotliDecoderDecompress(zn, (const uint8_t *)z, &got,
	    (uint8_t *)out) == BROTLI_DECODER_RESULT_SUCCESS && got == n &&
	    memcmp(out, orig, n) == 0;
	free(out);
	return ok;
}

static void
round_trip(size_t rows)
{
	struct buf	 b;
	char		*z;
	size_t		 zn, i;
	int		 rc;

	buf_init(&b);
	for (i = 0; i < rows; i++)
		buf_printf(&b, "<tr><td>%zu</td><td>Nuorten mielen hyvinvointi "
		    "– toimenpide %zu</td></tr>\n", i, i * 7919 % 1000);
	rc = compress_body(ENC_GZIP, b.data, b.len, &z, &zn);
	CHECK(rc == 0 && zn < b.len / 4 && gunzip_equals(z, zn, b.data, b.len),
	    "%zu bytes gzip to %zu and back", b.len, rc == 0 ? zn : 0);
	if (rc == 0)
		free(z);
	rc = compress_body(ENC_BR, b.data, b.len, &z, &zn);
	CHECK(rc == 0 && zn < b.len / 4 && unbrotli_equals(z, zn, b.data,
	    b.len), "%zu bytes brotli to %zu and back", b.len,
	    rc == 0 ? zn : 0);
	if (rc == 0)
		free(z);
	buf_free(&b);
}

int
main(void)
{
	char	*z = NULL;
	size_t	 zn;

	accepts(NULL, ENC_IDENTITY);
	accepts("", ENC_IDENTITY);
	accepts("identity", ENC_IDENTITY);
	accepts("gzip", ENC_GZIP);
	accepts("x-gzip", ENC_GZIP);
	accepts("GZip, deflate", ENC_GZIP);
	accepts("gzip, deflate, br", ENC_BR);
	accepts("br;q=0.5, gzip", ENC_GZIP);
	accepts("br;q=1.0, gzip;q=0.8", ENC_BR);
	accepts("gzip;q=0, br;q=0", ENC_IDENTITY);
	accepts("br;q=0, gzip", ENC_GZIP);
	accepts("*", ENC_BR);
	accepts("*;q=0", ENC_IDENTITY);
	accepts("gzip, *;q=0", ENC_GZIP);
	accepts("br ; q=0.2 , gzip ; q=0.1", ENC_BR);
	accepts("brotli, gzipx, zstd", ENC_IDENTITY);
	/* A malformed q is ignored rather than read as 1. */
	accepts("br;q=2, gzip", ENC_GZIP);
	accepts("br;q=x", ENC_IDENTITY);
	accepts(",,, ;q=1,br", ENC_BR);
	round_trip(40);
	round_trip(4000);
	CHECK(compress_body(ENC_GZIP, "ab", 2, &z, &zn) == -1 && z == NULL,
	    "a body that would not shrink is left as it is");
	CHECK(compress_body(ENC_IDENTITY, "abc", 3, &z, &zn) == -1,
	    "identity is no compression");
	return unit_done();
}
