/* See import_form.h. */
#include "i18n.h"
#include "import_form.h"
#include "process_form.h"

const struct form_field import_fields[IMP_COUNT] = {
	[IMP_CSRF] = FORM_CSRF,
	[IMP_PROCESS] = { "process", NULL, 0, PROCESS_SLUG_MAX, 0, NULL,
	    NULL, NULL },
	[IMP_NEW_SLUG] = { "new_slug", NULL, PROCESS_SLUG_MAX, 0, 0,
	    IMPORT_SLUG_BAD, NULL, NULL },
	[IMP_TITLE] = { "title", NULL, PROCESS_TITLE_MAX, 0, 0,
	    PROCESS_TITLE_LONG, NULL, NULL },
	[IMP_SHEET] = { "sheet", NULL, IMPORT_SHEET_MAX, 0, 0,
	    N_("The sheet's name is too long: at most 100 characters."),
	    NULL, NULL },
};
