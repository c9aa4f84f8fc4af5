/*
 * libFuzzer target: upload bodies and the action form. The first byte
 * chooses: a multipart body with a fixed boundary, its parts read as
 * the import's upload form, or a form body for the action form's
 * checks.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "action_form.h"
#include "import_form.h"
#include "multipart.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct mp_part		 parts[8];
	struct action_form	 f;
	struct form		 up;
	char			*body;
	const char		*bad;
	int			 n;

	if (len < 1)
		return 0;
	if ((body = malloc(len)) == NULL)
		return 0;
	memcpy(body, data + 1, len - 1);
	body[len - 1] = '\0';
	if (data[0] & 1) {
		n = multipart_parse(body, len - 1, "XyZ", parts, 8);
		if (n >= 0 && form_parse_parts(&up, import_fields, IMP_COUNT,
		    parts, n, &bad) == PARAM_OK)
			form_free(&up);
	} else if (action_form_parse(&f, body, &bad) == PARAM_OK) {
		json_decref(action_form_json(&f));
		action_form_free(&f);
	}
	free(body);
	return 0;
}
