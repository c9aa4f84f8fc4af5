/* libFuzzer target: a PO catalogue (what translators' tools write). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const char	*po[LANG_COUNT];
	char		*text, err[200];

	if ((text = malloc(len + 1)) == NULL)
		return 0;
	memcpy(text, data, len);
	text[len] = '\0';
	po[0] = po[1] = po[2] = text;
	if (i18n_load(po, err, sizeof(err)) == 0)
		(void)T(LANG_SV, "x");
	i18n_unload();
	free(text);
	return 0;
}
