/*
 * Staff credentials: Argon2id password hashes, session and CSRF tokens,
 * and the Cookie header. No database and no Kore here: the server
 * (session.c) and toteumactl build on these.
 */
#ifndef TOTEUMA_AUTH_H
#define TOTEUMA_AUTH_H

#include <stddef.h>

#include <sodium.h>

#include "params.h"

/* OWASP's baseline for Argon2id: 19 MiB, 2 passes, 1 lane. */
#define AUTH_OPSLIMIT		2
#define AUTH_MEMLIMIT		(19U * 1024 * 1024)
#define AUTH_HASH_LEN		crypto_pwhash_STRBYTES

#define AUTH_PASSWORD_MIN	12	/* characters */
#define AUTH_PASSWORD_MAX	256	/* characters, as a browser counts */
/* The bytes of the longest password: four a character. */
#define AUTH_PASSWORD_BYTES	PARAM_BYTES(AUTH_PASSWORD_MAX)

/* 256 random bits as unpadded base64url: 43 characters. */
#define AUTH_TOKEN_LEN		43
/* SHA-256 of a token in hex: what the database keeps. */
#define AUTH_TOKEN_HASH_LEN	64

/*
 * NULL when the password is acceptable, or the message (a msgid) that
 * says what is wrong with it.
 */
const char	*auth_password_problem(const char *password);
/* Fills out with an Argon2id hash string; -1 when memory runs out. */
int		 auth_password_hash(const char *password,
		    char out[AUTH_HASH_LEN]);
/* 1 when password matches hash, else 0. */
int		 auth_password_verify(const char *hash, const char *password);
/* 1 when hash was made with other parameters than ours. */
int		 auth_password_needs_rehash(const char *hash);
/* A hash that matches no password, to spend the same time on unknown users. */
const char	*auth_password_dummy(void);

void		 auth_token_new(char out[AUTH_TOKEN_LEN + 1]);
/* 1 when s looks like a token of ours (length and alphabet). */
int		 auth_token_valid(const char *s);
void		 auth_token_hash(const char *token,
		    char out[AUTH_TOKEN_HASH_LEN + 1]);
/* Compares two tokens in constant time; 1 when equal. */
int		 auth_token_equal(const char *a, const char *b);

/*
 * Copies the value of cookie name from a Cookie header into out.
 * Returns 0, or -1 when there is none, it is given twice or it does not
 * fit.
 */
int		 auth_cookie_get(const char *header, const char *name,
		    char *out, size_t outlen);

#endif
