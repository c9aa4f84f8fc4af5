/* See round_close_form.h. */
#include "round_close_form.h"

const struct form_field round_close_fields[RX_COUNT] = {
	[RX_CSRF] = { "csrf", "err_csrf", 0, 64, 0, NULL, NULL, NULL },
	[RX_CONFIRM] = { "confirm", "err_confirm", 0, 1, 0, NULL, NULL,
	    NULL },
};
