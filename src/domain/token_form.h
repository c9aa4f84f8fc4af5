/*
 * The form of a user's API tokens (/b/account/tokens): making one (a
 * name and how many days it lasts, at most a year) or revoking one. The
 * limits are the CHECKs of api_token (migration 0027); tests/limits.c
 * holds them against the database. Also the token itself: made from
 * libsodium's random bytes, kept only as its hash.
 */
#ifndef TOTEUMA_TOKEN_FORM_H
#define TOTEUMA_TOKEN_FORM_H

#include <stddef.h>

#include "form.h"

#define TOKEN_NAME_MAX		100	/* characters */
#define TOKEN_DAYS_MAX		366
#define TOKEN_DAYS_DEFAULT	365
#define TOKEN_PREFIX		"tot_"
/* The prefix and 43 characters of URL-safe base64: 256 random bits. */
#define TOKEN_LEN		(sizeof(TOKEN_PREFIX) - 1 + 43)
#define TOKEN_HASH_LEN		32	/* bytes of crypto_generichash */

enum { TKF_OP, TKF_NAME, TKF_DAYS, TKF_TOKEN, TKF_CSRF, TKF_COUNT };

extern const struct form_field token_fields[TKF_COUNT];

struct token_form {
	struct form	 form;
	int		 revoke;	/* op=revoke, else make one */
	int		 days;
};

/* The form's own checks for what op asks; how many failed. */
int	token_form_check(struct token_form *);
void	token_form_free(struct token_form *);

/* A new token into out (at least TOKEN_LEN + 1 bytes). */
void	token_new(char *out, size_t len);
/*
 * The hex of the hash a token is kept as, into hex (2 * TOKEN_HASH_LEN
 * + 1 bytes): -1 when s does not look like a token at all.
 */
int	token_hash_hex(const char *s, char *hex, size_t len);

#endif
