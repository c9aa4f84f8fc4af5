/* See totp.h. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <liboath/oath.h>
#include <qrencode.h>

#include "totp.h"

static const char	base32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

static void	uri_escape(struct buf *, const char *);

int
totp_init(void)
{
	return oath_init() == OATH_OK ? 0 : -1;
}

void
totp_secret_new(unsigned char secret[TOTP_SECRET_LEN])
{
	randombytes_buf(secret, TOTP_SECRET_LEN);
}

void
totp_secret_hex(const unsigned char secret[TOTP_SECRET_LEN],
    char out[TOTP_SECRET_HEX + 1])
{
	sodium_bin2hex(out, TOTP_SECRET_HEX + 1, secret, TOTP_SECRET_LEN);
}

int
totp_secret_from_hex(const char *hex, unsigned char secret[TOTP_SECRET_LEN])
{
	size_t	n = 0;

	if (hex == NULL || strlen(hex) != TOTP_SECRET_HEX)
		return -1;
	if (sodium_hex2bin(secret, TOTP_SECRET_LEN, hex, TOTP_SECRET_HEX,
	    NULL, &n, NULL) != 0 || n != TOTP_SECRET_LEN)
		return -1;
	return 0;
}

int
totp_base32(const unsigned char secret[TOTP_SECRET_LEN],
    char out[TOTP_BASE32_LEN + 1])
{
	char	*enc = NULL;
	size_t	 len = 0;

	if (oath_base32_encode((const char *)secret, TOTP_SECRET_LEN, &enc,
	    &len) != OATH_OK || enc == NULL)
		return -1;
	/* 20 bytes are 32 characters exactly: no padding to drop. */
	if (len != TOTP_BASE32_LEN) {
		free(enc);
		return -1;
	}
	memcpy(out, enc, TOTP_BASE32_LEN);
	out[TOTP_BASE32_LEN] = '\0';
	free(enc);
	return 0;
}

enum totp_kind
totp_code_kind(const char *typed, char out[TOTP_RECOVERY_CHARS + 1])
{
	size_t	n = 0, i, digits = 0;
	int	c;

	out[0] = '\0';
	for (; *typed != '\0'; typed++) {
		c = (unsigned char)*typed;
		if (c == ' ' || c == '-' || c == '\t')
			continue;
		if (n == TOTP_RECOVERY_CHARS)
			return TOTP_KIND_NONE;
		out[n++] = (char)toupper(c);
	}
	out[n] = '\0';
	for (i = 0; i < n; i++)
		if (out[i] >= '0' && out[i] <= '9')
			digits++;
	if (n == TOTP_DIGITS && digits == n)
		return TOTP_KIND_CODE;
	if (n != TOTP_RECOVERY_CHARS)
		return TOTP_KIND_NONE;
	for (i = 0; i < n; i++)
		if (out[i] == '\0' || strchr(base32_alphabet, out[i]) == NULL)
			return TOTP_KIND_NONE;
	return TOTP_KIND_RECOVERY;
}

long long
totp_step(time_t now)
{
	return (long long)(now / TOTP_STEP);
}

int
totp_code(const unsigned char secret[TOTP_SECRET_LEN], time_t now,
    char out[TOTP_DIGITS + 1])
{
	return oath_totp_generate((const char *)secret, TOTP_SECRET_LEN, now,
	    TOTP_STEP, OATH_TOTP_DEFAULT_START_TIME, TOTP_DIGITS, out) ==
	    OATH_OK ? 0 : -1;
}

int
totp_check(const unsigned char secret[TOTP_SECRET_LEN], time_t now,
    const char *code, long long after, long long *step)
{
	uint64_t	counter = 0;
	int		pos = 0, rc;
	size_t		i;

	if (strlen(code) != TOTP_DIGITS)
		return 0;
	for (i = 0; i < TOTP_DIGITS; i++)
		if (code[i] < '0' || code[i] > '9')
			return 0;
	rc = oath_totp_validate3((const char *)secret, TOTP_SECRET_LEN, now,
	    TOTP_STEP, OATH_TOTP_DEFAULT_START_TIME, TOTP_WINDOW, &pos,
	    &counter, code);
	if (rc < 0 || (long long)counter <= after)
		return 0;
	*step = (long long)counter;
	return 1;
}

/* RFC 3986 unreserved characters as they are, the rest %XX. */
static void
uri_escape(struct buf *out, const char *s)
{
	for (; *s != '\0'; s++) {
		if (isalnum((unsigned char)*s) || strchr("-._~@", *s) != NULL)
			buf_putc(out, *s);
		else
			buf_printf(out, "%%%02X", (unsigned char)*s);
	}
}

void
totp_uri(struct buf *out, const char *issuer, const char *account,
    const char base32[TOTP_BASE32_LEN + 1])
{
	buf_puts(out, "otpauth://totp/");
	uri_escape(out, issuer);
	buf_puts(out, ":");
	uri_escape(out, account);
	buf_printf(out, "?secret=%s&issuer=", base32);
	uri_escape(out, issuer);
	buf_printf(out, "&algorithm=SHA1&digits=%d&period=%d", TOTP_DIGITS,
	    TOTP_STEP);
}

int
totp_qr_svg(struct buf *out, const char *text)
{
	QRcode	*qr;
	int	 x, y, size;

	if ((qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8,
	    1)) == NULL)
		return -1;
	size = qr->width + 8;
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
	    "<path fill=\"#000\" d=\"", size, size, size, size);
	for (y = 0; y < qr->width; y++)
		for (x = 0; x < qr->width; x++)
			if (qr->data[y * qr->width + x] & 1)
				buf_printf(out, "M%d %dh1v1h-1z", x + 4, y + 4);
	buf_puts(out, "\"/></svg>");
	QRcode_free(qr);
	return 0;
}

int
totp_qr_data_uri(struct buf *out, const char *text)
{
	struct buf	 svg;
	char		*b64;
	size_t		 len;
	int		 rc = -1;

	buf_init(&svg);
	if (totp_qr_svg(&svg, text) == 0) {
		len = sodium_base64_encoded_len(svg.len,
		    sodium_base64_VARIANT_ORIGINAL);
		b64 = malloc(len);
		if (b64 != NULL) {
			sodium_bin2base64(b64, len,
			    (const unsigned char *)svg.data, svg.len,
			    sodium_base64_VARIANT_ORIGINAL);
			buf_puts(out, "data:image/svg+xml;base64,");
			buf_puts(out, b64);
			free(b64);
			rc = 0;
		}
	}
	buf_free(&svg);
	return rc;
}

void
totp_recovery_new(char out[TOTP_RECOVERY_SHOWN + 1])
{
	size_t	i, k = 0;

	for (i = 0; i < TOTP_RECOVERY_CHARS; i++) {
		if (i > 0 && i % 4 == 0)
			out[k++] = '-';
		out[k++] = base32_alphabet[randombytes_uniform(32)];
	}
	out[k] = '\0';
}

void
totp_salt_new(char out[TOTP_SALT_HEX + 1])
{
	unsigned char	salt[TOTP_SALT_LEN];

	randombytes_buf(salt, sizeof(salt));
	sodium_bin2hex(out, TOTP_SALT_HEX + 1, salt, sizeof(salt));
}

int
totp_recovery_hash(const char *code, const char *salt_hex,
    char out[TOTP_RECOVERY_HASH_HEX + 1])
{
	unsigned char	salt[TOTP_SALT_LEN], h[TOTP_RECOVERY_HASH_HEX / 2];
	size_t		n = 0;

	if (salt_hex == NULL || strlen(salt_hex) != TOTP_SALT_HEX ||
	    sodium_hex2bin(salt, sizeof(salt), salt_hex, TOTP_SALT_HEX, NULL,
	    &n, NULL) != 0 || n != sizeof(salt))
		return -1;
	crypto_generichash(h, sizeof(h), (const unsigned char *)code,
	    strlen(code), salt, sizeof(salt));
	sodium_bin2hex(out, TOTP_RECOVERY_HASH_HEX + 1, h, sizeof(h));
	sodium_memzero(salt, sizeof(salt));
	return 0;
}
