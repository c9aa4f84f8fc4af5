/* See import_confirm_form.h. */
#include "import_confirm_form.h"

const struct form_field import_confirm_fields[IC_COUNT] = {
	[IC_CSRF] = FORM_CSRF,
};
