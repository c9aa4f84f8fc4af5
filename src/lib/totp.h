/*
 * A second factor for local accounts: time-based one-time passwords
 * (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) computed by liboath,
 * secrets and recovery codes drawn from libsodium, the otpauth URI an
 * authenticator app reads and its QR code (libqrencode) as an SVG image.
 * No database and no Kore here.
 */
#ifndef TOTEUMA_TOTP_H
#define TOTEUMA_TOTP_H

#include <stddef.h>
#include <time.h>

#include <sodium.h>

#include "buf.h"

#define TOTP_SECRET_LEN		20	/* bytes: 160 bits, as RFC 4226
					   advises */
#define TOTP_SECRET_HEX		(2 * TOTP_SECRET_LEN)
/* The secret in base32 without padding: 32 characters. */
#define TOTP_BASE32_LEN		32
#define TOTP_STEP		30	/* seconds */
#define TOTP_DIGITS		6
#define TOTP_WINDOW		1	/* steps accepted either side of now */

/* Recovery codes: 16 base32 characters (80 bits), shown in groups of 4. */
#define TOTP_RECOVERY_COUNT	10
#define TOTP_RECOVERY_CHARS	16
#define TOTP_RECOVERY_SHOWN	(TOTP_RECOVERY_CHARS + 3)
#define TOTP_SALT_LEN		crypto_generichash_KEYBYTES
#define TOTP_SALT_HEX		(2 * TOTP_SALT_LEN)
#define TOTP_RECOVERY_HASH_HEX	64	/* BLAKE2b-256 in hex */

/* What a typed code looks like (totp_code_kind). */
enum totp_kind {
	TOTP_KIND_NONE,		/* neither */
	TOTP_KIND_CODE,		/* six digits */
	TOTP_KIND_RECOVERY	/* a recovery code */
};

/* 0 once liboath is ready (at start-up), -1 otherwise. */
int	totp_init(void);

/* A new random secret. */
void	totp_secret_new(unsigned char secret[TOTP_SECRET_LEN]);
/* The secret as hex and back (the database keeps hex): 0, or -1. */
void	totp_secret_hex(const unsigned char secret[TOTP_SECRET_LEN],
	    char out[TOTP_SECRET_HEX + 1]);
int	totp_secret_from_hex(const char *hex,
	    unsigned char secret[TOTP_SECRET_LEN]);
/* The secret in base32 (RFC 4648, no padding), for manual entry: 0, or -1. */
int	totp_base32(const unsigned char secret[TOTP_SECRET_LEN],
	    char out[TOTP_BASE32_LEN + 1]);

/*
 * What a person typed, as a code: spaces and dashes dropped, letters in
 * upper case, into out (at most TOTP_RECOVERY_CHARS + 1 bytes). The
 * kind says whether it is six digits, a recovery code or neither.
 */
enum totp_kind	totp_code_kind(const char *typed,
		    char out[TOTP_RECOVERY_CHARS + 1]);

/* The code of the step that holds the time now: 0, or -1. */
int	totp_code(const unsigned char secret[TOTP_SECRET_LEN], time_t now,
	    char out[TOTP_DIGITS + 1]);
/*
 * Whether code is the secret's within TOTP_WINDOW steps of now and of
 * a later step than after: 1 with the step in *step, else 0.
 */
int	totp_check(const unsigned char secret[TOTP_SECRET_LEN], time_t now,
	    const char *code, long long after, long long *step);
/* The time step that holds now. */
long long totp_step(time_t now);

/*
 * The otpauth:// URI of the secret for account (an e-mail address) at
 * issuer (the service's name), into out.
 */
void	totp_uri(struct buf *out, const char *issuer, const char *account,
	    const char base32[TOTP_BASE32_LEN + 1]);
/*
 * The QR code of text as an SVG document (dark modules on white with a
 * quiet zone of four) into out: 0, or -1 when it cannot be encoded.
 */
int	totp_qr_svg(struct buf *out, const char *text);
/* The same as a data: URI (base64) for an <img src>: 0, or -1. */
int	totp_qr_data_uri(struct buf *out, const char *text);

/* A new recovery code as shown, XXXX-XXXX-XXXX-XXXX. */
void	totp_recovery_new(char out[TOTP_RECOVERY_SHOWN + 1]);
/* A new salt for the recovery codes of a user, in hex. */
void	totp_salt_new(char out[TOTP_SALT_HEX + 1]);
/*
 * The hash the database keeps of a recovery code (as totp_code_kind
 * leaves it, without dashes), keyed with the user's salt (hex): 0, or
 * -1 when the salt is not one.
 */
int	totp_recovery_hash(const char *code, const char *salt_hex,
	    char out[TOTP_RECOVERY_HASH_HEX + 1]);

#endif
