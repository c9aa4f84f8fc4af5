/*
 * Signed JSON Web Tokens (RFC 7515, 7519) as OpenID Connect hands them
 * out: a compact RS256 token checked against a JSON Web Key Set (RFC
 * 7517) through OpenSSL's EVP, and the registered claims an ID token
 * must carry (iss, aud, exp, iat, nonce). Nothing of the product here.
 */
#ifndef TOTEUMA_JWT_H
#define TOTEUMA_JWT_H

#include <stddef.h>

#include <jansson.h>

/* The longest token and key set read; longer ones are refused. */
#define JWT_TOKEN_MAX		16384
#define JWT_KID_MAX		128
/* Clock skew allowed on exp and iat, in seconds. */
#define JWT_SKEW		60
/* An ID token older than this (by iat) is refused, in seconds. */
#define JWT_AGE_MAX		600

enum jwt_result {
	JWT_OK,
	JWT_MALFORMED,		/* not three base64url parts of JSON */
	JWT_ALG,		/* an algorithm other than RS256 */
	JWT_NO_KEY,		/* no key in the set has the token's kid */
	JWT_BAD_KEY,		/* the key is not a usable RSA key */
	JWT_SIGNATURE,		/* the signature does not verify */
	JWT_CLAIMS		/* a claim is missing, wrong or of a wrong
				   type */
};

struct jwt_expect {
	const char	*issuer;
	const char	*audience;	/* the client id */
	const char	*nonce;
	long long	 now;		/* seconds since the epoch */
};

/*
 * Decodes unpadded base64url of len bytes into out (at most outlen);
 * the decoded length, or -1 for a byte outside the alphabet, padding
 * or a length that cannot be.
 */
long		 jwt_b64url_decode(const char *in, size_t len,
		    unsigned char *out, size_t outlen);
/*
 * Checks the signature of token against jwks (a JWKS object: {"keys":
 * [...]}) and gives its claims in *claims (the caller's reference) and
 * the header's kid in kid. JWT_NO_KEY asks the caller to fetch the
 * key set again once: the provider may have rotated its keys.
 */
enum jwt_result	 jwt_verify(const char *token, const json_t *jwks,
		    json_t **claims, char kid[JWT_KID_MAX + 1]);
/*
 * Checks the claims of an ID token: iss, aud (a string, or an array
 * with azp naming the audience), exp and iat within JWT_SKEW of now,
 * iat no older than JWT_AGE_MAX, nonce, and sub a string of 1 to 255
 * bytes. Any of them with another JSON type fails. why: a short
 * English reason for the log.
 */
enum jwt_result	 jwt_claims_check(const json_t *claims,
		    const struct jwt_expect *, const char **why);
/* A readable name for a result, for logs. */
const char	*jwt_result_name(enum jwt_result);

#endif
