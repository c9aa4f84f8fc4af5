/* See round_close_form.h. */
#include "round_close_form.h"

const struct form_field round_close_fields[RX_COUNT] = {
	[RX_CSRF] = FORM_CSRF,
	[RX_CONFIRM] = { "confirm", NULL, 0, 1, 0, NULL, NULL,
	    NULL },
};
