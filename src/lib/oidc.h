/*
 * An OpenID Connect relying party (authorization code flow with PKCE):
 * the provider's discovery document and key set, cached and fetched
 * again when the provider rotates its keys, the token request, and the
 * identity of a verified ID token. The network calls block: call
 * oidc_discover and oidc_exchange from a thread of their own. Every
 * function may be called from several threads.
 */
#ifndef TOTEUMA_OIDC_H
#define TOTEUMA_OIDC_H

#include <stddef.h>

#include "mime.h"

#define OIDC_URL_MAX		1024
#define OIDC_SUBJECT_MAX	255
#define OIDC_EMAIL_MAX		MIME_ADDRESS_MAX
#define OIDC_NAME_MAX		200
/* state, nonce and the PKCE verifier: 43 base64url characters each. */

enum oidc_result {
	OIDC_OK,
	OIDC_UNAVAILABLE,	/* the provider did not answer, or
				   answered 5xx */
	OIDC_REFUSED,		/* the token endpoint refused the code */
	OIDC_INVALID		/* the answer or the ID token did not check */
};

struct oidc_identity {
	/* oid when the token has one (Entra ID), else sub. */
	char	subject[OIDC_SUBJECT_MAX + 1];
	char	email[OIDC_EMAIL_MAX + 1];	/* "" when absent */
	int	email_verified;
	char	name[OIDC_NAME_MAX + 1];
};

/*
 * Configures the client, once, before threads: issuer (https, or http
 * on loopback), client id, the secret's file and the redirect URI.
 * ca_file: a CA bundle read now (NULL: libcurl's own). -1 with err.
 */
int	oidc_configure(const char *issuer, const char *client_id,
	    const char *secret_file, const char *redirect_uri,
	    const char *ca_file, char *err, size_t len);
int	oidc_enabled(void);
const char *oidc_issuer(void);
/*
 * Fetches the discovery document unless it is cached: 0, or -1 with
 * err. Blocks.
 */
int	oidc_discover(char *err, size_t len);
/* 1 once the discovery document is cached. */
int	oidc_discovered(void);
/*
 * The authorization request's URL into out: 0, or -1 before discovery.
 * state and nonce as given, challenge the PKCE S256 challenge.
 */
int	oidc_authorize_url(char *out, size_t len, const char *state,
	    const char *nonce, const char *challenge, const char *locale);
/*
 * The provider's end_session_endpoint, with the client id and after
 * as post_logout_redirect_uri, into out: 0, or -1 if it has none.
 */
int	oidc_end_session_url(char *out, size_t len, const char *after);
/* The PKCE S256 challenge of verifier (43 base64url characters). */
void	oidc_pkce_challenge(const char *verifier, char out[44]);
/*
 * Exchanges code for tokens and verifies the ID token (signature with
 * the cached keys, fetched again once for an unknown kid; claims with
 * nonce). Blocks. why: a reason for the log.
 */
enum oidc_result oidc_exchange(const char *code, const char *verifier,
	    const char *nonce, struct oidc_identity *, char *why, size_t len);
/*
 * The identity in verified claims (a json_t object): 0, or -1 when a
 * claim has another type or is too long (why set).
 */
int	oidc_identity_read(const void *claims, struct oidc_identity *,
	    const char **why);

#endif
