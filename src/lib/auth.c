/* See auth.h. */
#include <string.h>

#include "auth.h"
#include "i18n.h"
#include "utf8.h"

static char	dummy[AUTH_HASH_LEN];

const char *
auth_password_problem(const char *pw)
{
	size_t	len = strlen(pw), chars = 0, i;

	if (utf8_check(pw, len) != len)
		return N_("The password contains characters that are not "
		    "allowed.");
	for (i = 0; i < len; i++) {
		if ((unsigned char)pw[i] < 0x20 || pw[i] == 0x7f)
			return N_("The password contains characters that are "
			    "not allowed.");
		if (((unsigned char)pw[i] & 0xc0) != 0x80)
			chars++;
	}
	if (chars > AUTH_PASSWORD_MAX)
		return N_("The password is too long: at most 256 characters.");
	if (chars < AUTH_PASSWORD_MIN)
		return N_("The password is too short: use at least 12 "
		    "characters.");
	return NULL;
}

int
auth_password_hash(const char *pw, char out[AUTH_HASH_LEN])
{
	return crypto_pwhash_str_alg(out, pw, strlen(pw), AUTH_OPSLIMIT,
	    AUTH_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) == 0 ? 0 : -1;
}

int
auth_password_verify(const char *hash, const char *pw)
{
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

int
auth_password_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, AUTH_OPSLIMIT,
	    AUTH_MEMLIMIT) != 0;
}

const char *
auth_password_dummy(void)
{
	char	pw[AUTH_TOKEN_LEN + 1];

	/* A random password nobody knows, hashed once per process. */
	if (dummy[0] == '\0') {
		auth_token_new(pw);
		if (auth_password_hash(pw, dummy) == -1)
			dummy[0] = '\0';
		sodium_memzero(pw, sizeof(pw));
	}
	return dummy;
}

void
auth_token_new(char out[AUTH_TOKEN_LEN + 1])
{
	unsigned char	raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, AUTH_TOKEN_LEN + 1, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

int
auth_token_valid(const char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++) {
		if (i >= AUTH_TOKEN_LEN)
			return 0;
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		    s[i] == '_'))
			return 0;
	}
	return i == AUTH_TOKEN_LEN;
}

void
auth_token_hash(const char *token, char out[AUTH_TOKEN_HASH_LEN + 1])
{
	unsigned char	h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, AUTH_TOKEN_HASH_LEN + 1, h, sizeof(h));
}

int
auth_token_equal(const char *a, const char *b)
{
	size_t	la = strlen(a);

	if (la != strlen(b) || la == 0)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}

int
auth_cookie_get(const char *h, const char *name, char *out, size_t outlen)
{
	size_t		 nlen = strlen(name), vlen;
	const char	*p = h, *v, *e;
	int		 found = 0;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		e = strchr(p, ';');
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) > nlen && strncmp(p, name, nlen) == 0 &&
		    p[nlen] == '=') {
			if (found++)
				return -1;
			v = p + nlen + 1;
			vlen = (size_t)(e - v);
			while (vlen > 0 && (v[vlen - 1] == ' ' ||
			    v[vlen - 1] == '\t'))
				vlen--;
			if (vlen >= outlen)
				return -1;
			memcpy(out, v, vlen);
			out[vlen] = '\0';
		}
		p = e;
	}
	return found == 1 ? 0 : -1;
}
