/*
 * ID token verification (src/lib/jwt.c) and the identity read from its
 * claims (src/lib/oidc.c): tokens signed here with OpenSSL by a key of
 * the test's own, checked against a key set made of its public half.
 */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <sodium.h>

#include "jwt.h"
#include "oidc.h"
#include "unit.h"

#define NOW	1700000000LL

static char	*b64(const void *, size_t);
static json_t	*jwk_of(EVP_PKEY *, const char *);
static char	*token_make(EVP_PKEY *, const char *, const char *);
static char	*claims_text(const char *, long long, long long);

static char *
b64(const void *data, size_t len)
{
	size_t	 n = sodium_base64_ENCODED_LEN(len,
		    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char	*out = xmalloc(n);

	sodium_bin2base64(out, n, data, len,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return out;
}

/* The public JWK of key, with kid. */
static json_t *
jwk_of(EVP_PKEY *key, const char *kid)
{
	BIGNUM		*n = NULL, *e = NULL;
	unsigned char	 nb[1024], eb[8];
	char		*ns, *es;
	json_t		*j;
	int		 nl, el;

	EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n);
	EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_E, &e);
	nl = BN_bn2bin(n, nb);
	el = BN_bn2bin(e, eb);
	ns = b64(nb, (size_t)nl);
	es = b64(eb, (size_t)el);
	j = json_pack("{s:s,s:s,s:s,s:s,s:s}", "kty", "RSA", "use", "sig",
	    "kid", kid, "n", ns, "e", es);
	free(ns);
	free(es);
	BN_free(n);
	BN_free(e);
	return j;
}

/* A compact token of header and claims (JSON texts) signed by key. */
static char *
token_make(EVP_PKEY *key, const char *header, const char *claims)
{
	EVP_MD_CTX	*md = EVP_MD_CTX_new();
	unsigned char	 sig[1024];
	size_t		 siglen = sizeof(sig);
	char		*h = b64(header, strlen(header));
	char		*c = b64(claims, strlen(claims));
	char		*input = xasprintf("%s.%s", h, c), *s, *out;

	EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, key);
	EVP_DigestSign(md, sig, &siglen, (unsigned char *)input,
	    strlen(input));
	s = b64(sig, siglen);
	out = xasprintf("%s.%s", input, s);
	EVP_MD_CTX_free(md);
	free(h);
	free(c);
	free(input);
	free(s);
	return out;
}

static char *
claims_text(const char *extra, long long iat, long long exp)
{
	return xasprintf("{\"iss\":\"https://id.test\",\"aud\":\"toteuma\","
	    "\"sub\":\"s-1\",\"nonce\":\"n-1\",\"iat\":%lld,\"exp\":%lld%s}",
	    iat, exp, extra);
}

/* The result of checking claims text c against the test's expectation. */
static int
check_claims(const char *c)
{
	struct jwt_expect	 want = { "https://id.test", "toteuma", "n-1",
				    NOW };
	json_t			*j = json_loads(c, 0, NULL);
	const char		*why;
	int			 r = j == NULL ? -1 :
				    (int)jwt_claims_check(j, &want, &why);

	json_decref(j);
	return r;
}

static void
test_base64url(void)
{
	unsigned char	out[16];

	CHECK(jwt_b64url_decode("aGk", 3, out, sizeof(out)) == 2 &&
	    memcmp(out, "hi", 2) == 0, "aGk is \"hi\"");
	CHECK(jwt_b64url_decode("aGk=", 4, out, sizeof(out)) == -1,
	    "padding refused");
	CHECK(jwt_b64url_decode("a+k", 3, out, sizeof(out)) == -1,
	    "+ of base64 (not base64url) refused");
	CHECK(jwt_b64url_decode("aGl", 3, out, sizeof(out)) == -1,
	    "left-over bits that are not zero refused");
	CHECK(jwt_b64url_decode("aGkha", 5, out, sizeof(out)) == -1,
	    "a length that cannot be refused");
	CHECK(jwt_b64url_decode("aGVsbG8", 7, out, 2) == -1,
	    "output bound kept");
}

/* Headers of tokens signed by the right key that still fail. */
static const struct {
	const char		*header;
	enum jwt_result		 want;
	const char		*what;
} bad_headers[] = {
	{ "{\"alg\":\"RS256\",\"kid\":\"k9\"}", JWT_NO_KEY,
	    "an unknown kid asks for the key set again" },
	{ "{\"alg\":\"HS256\",\"kid\":\"k1\"}", JWT_ALG, "HS256 refused" },
	{ "{\"alg\":\"RS256\",\"kid\":\"k1\",\"kid\":\"k1\"}", JWT_MALFORMED,
	    "a header with a name twice is refused" },
	{ "{\"alg\":\"RS256\",\"kid\":5}", JWT_MALFORMED,
	    "a kid that is not a string is refused" },
};

static void
test_signature(EVP_PKEY *key, EVP_PKEY *other, json_t *set)
{
	const char	*hdr = "{\"alg\":\"RS256\",\"kid\":\"k1\"}";
	char		*c = claims_text("", NOW, NOW + 300), *t;
	char		 kid[JWT_KID_MAX + 1];
	json_t		*claims;
	size_t		 i;

	t = token_make(key, hdr, c);
	CHECK(jwt_verify(t, set, &claims, kid) == JWT_OK && claims != NULL,
	    "a good token verifies");
	CHECK_STR(kid, "k1", "kid read");
	json_decref(claims);
	t[strlen(t) - 3] = t[strlen(t) - 3] == 'A' ? 'B' : 'A';
	CHECK(jwt_verify(t, set, &claims, kid) == JWT_SIGNATURE,
	    "a changed signature fails");
	free(t);
	t = token_make(other, hdr, c);
	CHECK(jwt_verify(t, set, &claims, kid) == JWT_SIGNATURE,
	    "another key under the same kid fails");
	free(t);
	for (i = 0; i < UNIT_NCASES(bad_headers); i++) {
		t = token_make(key, bad_headers[i].header, c);
		CHECK(jwt_verify(t, set, &claims, kid) == bad_headers[i].want,
		    "%s", bad_headers[i].what);
		free(t);
	}
	CHECK(jwt_verify("eyJhbGciOiJub25lIn0.e30.", set, &claims, kid) ==
	    JWT_ALG, "alg none refused");
	CHECK(jwt_verify("a.b", set, &claims, kid) == JWT_MALFORMED,
	    "two parts refused");
	CHECK(jwt_verify("a.b.c.d", set, &claims, kid) == JWT_MALFORMED,
	    "four parts refused");
	free(c);
}

static void
test_claims(void)
{
	char	*c;

#define CLAIMS(extra, iat, exp, want, what) do {			\
	c = claims_text(extra, iat, exp);				\
	CHECK(check_claims(c) == (want), what);				\
	free(c);							\
} while (0)
	CLAIMS("", NOW, NOW + 300, JWT_OK, "good claims");
	CLAIMS("", NOW - 100, NOW - 30, JWT_OK, "expired within the skew");
	CLAIMS("", NOW - 200, NOW - 61, JWT_CLAIMS, "expired beyond the skew");
	CLAIMS("", NOW + 120, NOW + 300, JWT_CLAIMS, "iat in the future");
	CLAIMS("", NOW - 3600, NOW + 300, JWT_CLAIMS, "iat an hour ago");
	CLAIMS(",\"azp\":\"other\"", NOW, NOW + 300, JWT_CLAIMS,
	    "azp of another client");
#undef CLAIMS
	CHECK(check_claims("{\"iss\":\"https://id.test\",\"aud\":[\"toteuma\","
	    "\"api\"],\"azp\":\"toteuma\",\"sub\":\"s\",\"nonce\":\"n-1\","
	    "\"iat\":1700000000,\"exp\":1700000300}") == JWT_OK,
	    "aud array with azp");
	CHECK(check_claims("{\"iss\":\"https://id.test\",\"aud\":[\"toteuma\","
	    "\"api\"],\"sub\":\"s\",\"nonce\":\"n-1\","
	    "\"iat\":1700000000,\"exp\":1700000300}") == JWT_CLAIMS,
	    "aud array of two without azp");
	CHECK(check_claims("{\"iss\":\"https://id.test\",\"aud\":\"other\","
	    "\"sub\":\"s\",\"nonce\":\"n-1\","
	    "\"iat\":1700000000,\"exp\":1700000300}") == JWT_CLAIMS,
	    "another audience");
	CHECK(check_claims("{\"iss\":\"https://evil.test\",\"aud\":\"toteuma\","
	    "\"sub\":\"s\",\"nonce\":\"n-1\","
	    "\"iat\":1700000000,\"exp\":1700000300}") == JWT_CLAIMS,
	    "another issuer");
	CHECK(check_claims("{\"iss\":\"https://id.test\",\"aud\":\"toteuma\","
	    "\"sub\":\"s\",\"nonce\":\"n-2\","
	    "\"iat\":1700000000,\"exp\":1700000300}") == JWT_CLAIMS,
	    "another nonce");
	CHECK(check_claims("{\"iss\":\"https://id.test\",\"aud\":\"toteuma\","
	    "\"sub\":\"s\",\"nonce\":\"n-1\","
	    "\"iat\":1700000000,\"exp\":\"1700000300\"}") == JWT_CLAIMS,
	    "exp as a string");
	CHECK(check_claims("{\"iss\":\"https://id.test\",\"aud\":\"toteuma\","
	    "\"sub\":\"s\",\"nonce\":\"n-1\","
	    "\"iat\":1700000000,\"exp\":1700000300.5}") == JWT_CLAIMS,
	    "exp as a real");
	CHECK(check_claims("{\"iss\":\"https://id.test\",\"aud\":\"toteuma\","
	    "\"sub\":7,\"nonce\":\"n-1\","
	    "\"iat\":1700000000,\"exp\":1700000300}") == JWT_CLAIMS,
	    "sub as a number");
}

static void
test_identity(void)
{
	struct oidc_identity	 id;
	const char		*why;
	json_t			*c;
	char			*big;

	c = json_pack("{s:s,s:s,s:s,s:b}", "sub", "s-1", "oid", "o-1",
	    "email", "a@b.fi", "email_verified", 1);
	CHECK(oidc_identity_read(c, &id, &why) == 0, "identity read");
	CHECK_STR(id.subject, "o-1", "oid before sub");
	CHECK(id.email_verified == 1, "email_verified");
	json_decref(c);
	c = json_pack("{s:s,s:s}", "sub", "s-1", "email_verified", "true");
	CHECK(oidc_identity_read(c, &id, &why) == -1,
	    "email_verified as a string refused");
	json_decref(c);
	big = xmalloc(300);
	memset(big, 'x', 299);
	big[299] = '\0';
	c = json_pack("{s:s,s:s}", "sub", "s-1", "name", big);
	CHECK(oidc_identity_read(c, &id, &why) == -1,
	    "a name too long is refused, not cut");
	json_decref(c);
	c = json_pack("{s:s}", "sub", big);
	CHECK(oidc_identity_read(c, &id, &why) == -1, "sub too long refused");
	json_decref(c);
	free(big);
	c = json_pack("{s:s,s:i}", "sub", "s-1", "email", 5);
	CHECK(oidc_identity_read(c, &id, &why) == -1,
	    "email as a number refused");
	json_decref(c);
}

int
main(void)
{
	EVP_PKEY	*key = EVP_RSA_gen(2048), *other = EVP_RSA_gen(2048);
	EVP_PKEY	*small = EVP_RSA_gen(1024);
	json_t		*set, *claims;
	char		*c, *t, kid[JWT_KID_MAX + 1];

	set = json_pack("{s:[o]}", "keys", jwk_of(key, "k1"));
	test_base64url();
	test_signature(key, other, set);
	test_claims();
	test_identity();
	json_decref(set);
	set = json_pack("{s:[o]}", "keys", jwk_of(small, "k1"));
	c = claims_text("", NOW, NOW + 300);
	t = token_make(small, "{\"alg\":\"RS256\",\"kid\":\"k1\"}", c);
	CHECK(jwt_verify(t, set, &claims, kid) == JWT_BAD_KEY,
	    "a 1024-bit key is not used");
	free(t);
	free(c);
	json_decref(set);
	EVP_PKEY_free(key);
	EVP_PKEY_free(other);
	EVP_PKEY_free(small);
	return unit_done();
}
