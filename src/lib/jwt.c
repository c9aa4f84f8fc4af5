/*
 * Compact JWS tokens signed with RS256, verified by OpenSSL's EVP
 * against a JSON Web Key Set, and the claims of an OpenID Connect ID
 * token. Every part is bounded and typed before it is used: a claim of
 * another JSON type or an overlong one is refused, never truncated.
 */
#include <stdint.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <sodium.h>

#include "jwt.h"
#include "mem.h"

#define JWT_PART_MAX	JWT_TOKEN_MAX
#define JWT_RSA_MIN	2048		/* bits */
#define JWT_RSA_MAX	8192
#define JWT_CLAIM_MAX	512		/* bytes of iss, aud, nonce, azp */

static json_t	*part_json(const char *, size_t);
static const json_t *key_find(const json_t *, const char *);
static EVP_PKEY	*key_rsa(const json_t *);
static BIGNUM	*key_number(const json_t *, const char *);
static int	signature_ok(EVP_PKEY *, const char *, size_t, const char *,
		    size_t);
static int	header_read(const char *, size_t, char *);
static int	text_claim(const json_t *, const char *, size_t, size_t,
		    const char **);
static int	time_claim(const json_t *, const char *, long long *);
static int	audience_ok(const json_t *, const char *);

/*
 * base64url without padding, by libsodium: an invalid character, bits
 * left over that are not zero (one encoding per value) or more than
 * outlen bytes give -1.
 */
long
jwt_b64url_decode(const char *in, size_t len, unsigned char *out,
    size_t outlen)
{
	size_t	n;

	if (sodium_base642bin(out, outlen, in, len, NULL, &n, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
		return -1;
	return (long)n;
}

/* A base64url part that holds a JSON object, or NULL. */
static json_t *
part_json(const char *in, size_t len)
{
	unsigned char	*raw;
	json_t		*j = NULL;
	long		 n;

	raw = xmalloc(len + 1);
	if ((n = jwt_b64url_decode(in, len, raw, len)) > 0)
		j = json_loadb((const char *)raw, (size_t)n,
		    JSON_REJECT_DUPLICATES, NULL);
	free(raw);
	if (j != NULL && !json_is_object(j)) {
		json_decref(j);
		j = NULL;
	}
	return j;
}

/* The header: RS256, no critical extensions, kid (or "") copied out. */
static int
header_read(const char *in, size_t len, char *kid)
{
	json_t		*h, *alg, *k;
	int		 r = JWT_MALFORMED;

	if ((h = part_json(in, len)) == NULL)
		return JWT_MALFORMED;
	alg = json_object_get(h, "alg");
	k = json_object_get(h, "kid");
	kid[0] = '\0';
	if (!json_is_string(alg) || json_object_get(h, "crit") != NULL)
		r = JWT_MALFORMED;
	else if (strcmp(json_string_value(alg), "RS256") != 0)
		r = JWT_ALG;
	else if (k != NULL && (!json_is_string(k) ||
	    json_string_length(k) == 0 || json_string_length(k) > JWT_KID_MAX))
		r = JWT_MALFORMED;
	else {
		if (k != NULL)
			memcpy(kid, json_string_value(k),
			    json_string_length(k) + 1);
		r = JWT_OK;
	}
	json_decref(h);
	return r;
}

/*
 * The signing key for kid: an RSA key of the set whose kid matches
 * (without a kid, the set's only RSA key), not marked for encryption.
 */
static const json_t *
key_find(const json_t *jwks, const char *kid)
{
	const json_t	*keys, *k, *found = NULL;
	const char	*kty, *use, *kk, *alg;
	size_t		 i, n = 0;

	if (!json_is_object(jwks) ||
	    !json_is_array(keys = json_object_get(jwks, "keys")))
		return NULL;
	json_array_foreach(keys, i, k) {
		kty = json_string_value(json_object_get(k, "kty"));
		use = json_string_value(json_object_get(k, "use"));
		alg = json_string_value(json_object_get(k, "alg"));
		kk = json_string_value(json_object_get(k, "kid"));
		if (kty == NULL || strcmp(kty, "RSA") != 0 ||
		    (use != NULL && strcmp(use, "sig") != 0) ||
		    (alg != NULL && strcmp(alg, "RS256") != 0))
			continue;
		if (*kid != '\0' && kk != NULL && strcmp(kk, kid) == 0)
			return k;
		if (*kid == '\0') {
			found = k;
			n++;
		}
	}
	return n == 1 ? found : NULL;
}

static BIGNUM *
key_number(const json_t *k, const char *name)
{
	const json_t	*v = json_object_get(k, name);
	unsigned char	 raw[JWT_RSA_MAX / 8 + 1];
	long		 n;

	if (!json_is_string(v) || (n = jwt_b64url_decode(json_string_value(v),
	    json_string_length(v), raw, sizeof(raw))) <= 0)
		return NULL;
	return BN_bin2bn(raw, (int)n, NULL);
}

/* An RSA public key of at least JWT_RSA_MIN bits from a JWK, or NULL. */
static EVP_PKEY *
key_rsa(const json_t *k)
{
	OSSL_PARAM_BLD	*bld = NULL;
	OSSL_PARAM	*params = NULL;
	EVP_PKEY_CTX	*ctx = NULL;
	EVP_PKEY	*pkey = NULL;
	BIGNUM		*n, *e;

	n = key_number(k, "n");
	e = key_number(k, "e");
	if (n == NULL || e == NULL || (bld = OSSL_PARAM_BLD_new()) == NULL ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e) ||
	    (params = OSSL_PARAM_BLD_to_param(bld)) == NULL ||
	    (ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL)) == NULL ||
	    EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) <= 0)
		pkey = NULL;
	if (pkey != NULL && EVP_PKEY_get_bits(pkey) < JWT_RSA_MIN) {
		EVP_PKEY_free(pkey);
		pkey = NULL;
	}
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_free(n);
	BN_free(e);
	return pkey;
}

/* 1 when sig (base64url) is an RS256 signature of data by pkey. */
static int
signature_ok(EVP_PKEY *pkey, const char *data, size_t len, const char *sig,
    size_t siglen)
{
	EVP_MD_CTX	*md;
	unsigned char	 raw[JWT_RSA_MAX / 8];
	long		 n;
	int		 ok = 0;

	if ((n = jwt_b64url_decode(sig, siglen, raw, sizeof(raw))) <= 0)
		return 0;
	if ((md = EVP_MD_CTX_new()) == NULL)
		return 0;
	if (EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, pkey) == 1 &&
	    EVP_DigestVerify(md, raw, (size_t)n, (const unsigned char *)data,
	    len) == 1)
		ok = 1;
	EVP_MD_CTX_free(md);
	return ok;
}

enum jwt_result
jwt_verify(const char *token, const json_t *jwks, json_t **claims,
    char kid[JWT_KID_MAX + 1])
{
	const char	*dot1, *dot2;
	const json_t	*k;
	EVP_PKEY	*pkey;
	size_t		 len;
	int		 r;

	*claims = NULL;
	kid[0] = '\0';
	if ((len = strnlen(token, JWT_TOKEN_MAX + 1)) > JWT_TOKEN_MAX ||
	    (dot1 = strchr(token, '.')) == NULL ||
	    (dot2 = strchr(dot1 + 1, '.')) == NULL ||
	    strchr(dot2 + 1, '.') != NULL)
		return JWT_MALFORMED;
	if ((r = header_read(token, (size_t)(dot1 - token), kid)) != JWT_OK)
		return r;
	if (dot2 + 1 == token + len)
		return JWT_SIGNATURE;
	if ((k = key_find(jwks, kid)) == NULL)
		return JWT_NO_KEY;
	if ((pkey = key_rsa(k)) == NULL)
		return JWT_BAD_KEY;
	r = signature_ok(pkey, token, (size_t)(dot2 - token), dot2 + 1,
	    strlen(dot2 + 1));
	EVP_PKEY_free(pkey);
	if (!r)
		return JWT_SIGNATURE;
	if ((*claims = part_json(dot1 + 1, (size_t)(dot2 - dot1 - 1))) == NULL)
		return JWT_MALFORMED;
	return JWT_OK;
}

/* A string claim of min..max bytes without NUL: 1 with *out, else 0. */
static int
text_claim(const json_t *claims, const char *name, size_t min, size_t max,
    const char **out)
{
	const json_t	*v = json_object_get(claims, name);
	size_t		 len;

	if (!json_is_string(v))
		return 0;
	len = json_string_length(v);
	if (len < min || len > max || strlen(json_string_value(v)) != len)
		return 0;
	*out = json_string_value(v);
	return 1;
}

/* A NumericDate: a JSON integer (or a whole real) in range. */
static int
time_claim(const json_t *claims, const char *name, long long *out)
{
	const json_t	*v = json_object_get(claims, name);

	if (json_is_integer(v))
		*out = json_integer_value(v);
	else
		return 0;
	return *out > 0 && *out < 32503680000LL;
}

/* aud is the client id, or an array that holds it, with azp naming it. */
static int
audience_ok(const json_t *claims, const char *client)
{
	const json_t	*aud = json_object_get(claims, "aud"), *a;
	const char	*azp = NULL;
	size_t		 i;
	int		 found = 0;

	if (json_is_string(aud))
		return json_string_length(aud) <= JWT_CLAIM_MAX &&
		    strcmp(json_string_value(aud), client) == 0 &&
		    (json_object_get(claims, "azp") == NULL ||
		    (text_claim(claims, "azp", 1, JWT_CLAIM_MAX, &azp) &&
		    strcmp(azp, client) == 0));
	if (!json_is_array(aud) || json_array_size(aud) == 0 ||
	    json_array_size(aud) > 16)
		return 0;
	json_array_foreach(aud, i, a) {
		if (!json_is_string(a))
			return 0;
		if (strcmp(json_string_value(a), client) == 0)
			found = 1;
	}
	if (!found)
		return 0;
	if (json_array_size(aud) == 1 && json_object_get(claims, "azp") == NULL)
		return 1;
	return text_claim(claims, "azp", 1, JWT_CLAIM_MAX, &azp) &&
	    strcmp(azp, client) == 0;
}

enum jwt_result
jwt_claims_check(const json_t *claims, const struct jwt_expect *want,
    const char **why)
{
	const char	*iss, *nonce, *sub;
	long long	 exp, iat;

	*why = NULL;
	if (!json_is_object(claims))
		*why = "claims are not an object";
	else if (!text_claim(claims, "iss", 1, JWT_CLAIM_MAX, &iss) ||
	    strcmp(iss, want->issuer) != 0)
		*why = "wrong or missing iss";
	else if (!audience_ok(claims, want->audience))
		*why = "wrong or missing aud";
	else if (!time_claim(claims, "exp", &exp) ||
	    exp + JWT_SKEW < want->now)
		*why = "expired or missing exp";
	else if (!time_claim(claims, "iat", &iat) ||
	    iat - JWT_SKEW > want->now ||
	    iat + JWT_AGE_MAX + JWT_SKEW < want->now)
		*why = "iat in the future, too old or missing";
	else if (!text_claim(claims, "nonce", 1, JWT_CLAIM_MAX, &nonce) ||
	    want->nonce == NULL || strcmp(nonce, want->nonce) != 0)
		*why = "wrong or missing nonce";
	else if (!text_claim(claims, "sub", 1, 255, &sub))
		*why = "sub missing, not a string or too long";
	return *why == NULL ? JWT_OK : JWT_CLAIMS;
}

const char *
jwt_result_name(enum jwt_result r)
{
	static const char *const names[] = {
		"ok", "malformed token", "algorithm not RS256",
		"no key with this kid", "unusable key", "bad signature",
		"claims refused"
	};

	return (size_t)r < sizeof(names) / sizeof(names[0]) ? names[r] :
	    "unknown";
}
