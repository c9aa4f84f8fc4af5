/* See token_form.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "i18n.h"
#include "token_form.h"

const struct form_field token_fields[TKF_COUNT] = {
	[TKF_OP] = { "op", NULL, 0, 8, 0, NULL, NULL, NULL },
	[TKF_NAME] = { "name", NULL, TOKEN_NAME_MAX, 0, 0,
	    N_("A name has at most 100 characters."), NULL, NULL },
	[TKF_DAYS] = { "days", NULL, 0, 6, 0, NULL, NULL, NULL },
	[TKF_TOKEN] = { "token", NULL, 0, PARAM_ID_BYTES, 0, NULL, NULL,
	    param_is_digits },
	[TKF_CSRF] = FORM_CSRF,
};

int
token_form_check(struct token_form *tf)
{
	struct form	*f = &tf->form;
	const char	*s = f->v[TKF_DAYS];
	char		*end;
	long		 d;

	tf->revoke = strcmp(f->v[TKF_OP], "revoke") == 0;
	tf->days = 0;
	if (tf->revoke) {
		if (f->v[TKF_TOKEN][0] == '\0')
			form_fail(f, TKF_TOKEN, N_("Choose the token to "
			    "revoke."));
		return f->nerr;
	}
	if (f->v[TKF_NAME][0] == '\0')
		form_fail(f, TKF_NAME, N_("Give the token a name that says "
		    "which system uses it."));
	d = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || d < 1 || d > TOKEN_DAYS_MAX)
		form_fail(f, TKF_DAYS, N_("A token lasts from 1 to 366 "
		    "days."));
	else
		tf->days = (int)d;
	return f->nerr;
}

FORM_FREE_DEFINE(token_form);

void
token_new(char *out, size_t len)
{
	unsigned char	raw[32];
	char		b64[64];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(b64, sizeof(b64), raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	snprintf(out, len, "%s%s", TOKEN_PREFIX, b64);
	sodium_memzero(raw, sizeof(raw));
	sodium_memzero(b64, sizeof(b64));
}

int
token_hash_hex(const char *s, char *hex, size_t len)
{
	unsigned char	h[TOKEN_HASH_LEN];
	size_t		n = strlen(s), i;

	if (n != TOKEN_LEN || strncmp(s, TOKEN_PREFIX,
	    sizeof(TOKEN_PREFIX) - 1) != 0 || len < 2 * TOKEN_HASH_LEN + 1)
		return -1;
	for (i = sizeof(TOKEN_PREFIX) - 1; i < n; i++)
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789-_", s[i]) == NULL)
			return -1;
	crypto_generichash(h, sizeof(h), (const unsigned char *)s, n, NULL,
	    0);
	sodium_bin2hex(hex, len, h, sizeof(h));
	return 0;
}
