/* libFuzzer target: query strings against a parameter table. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compress.h"
#include "params.h"

static const struct param_spec specs[] = {
	{ "q", 200, NULL, 0 },
	{ "page", 7, param_is_digits, 0 },
	{ "status", 32, param_is_code, 0 },
};

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char		*qs, *v[3];
	const char	*bad;

	if ((qs = malloc(len + 1)) == NULL)
		return 0;
	memcpy(qs, data, len);
	qs[len] = '\0';
	if (params_parse(qs, specs, 3, v, &bad) == PARAM_OK)
		params_free(v, 3);
	/* The same bytes as an Accept-Encoding header. */
	if (accept_encoding(qs) >= ENC_COUNT)
		abort();
	free(qs);
	return 0;
}
