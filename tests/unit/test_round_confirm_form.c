/* The form that confirms an action in a reporting round. */
#include <string.h>

#include "round_confirm_form.h"
#include "unit.h"

static void
round_confirm(void)
{
	struct round_confirm_form	 cf;
	const char			*bad = NULL;

	memset(&cf, 0, sizeof(cf));
	CHECK_INT(form_parse(&cf.form, round_confirm_fields, RC_COUNT,
	    "action=42&csrf=t", &bad), PARAM_OK, "a confirmation is read");
	CHECK_INT(round_confirm_form_check(&cf), 0, "and is whole");
	CHECK_INT(cf.action, 42, "the action as a number");
	CHECK_INT(cf.checked, 0, "the box not ticked");
	round_confirm_form_free(&cf);

	CHECK_INT(form_parse(&cf.form, round_confirm_fields, RC_COUNT,
	    "action=42&checked=1&csrf=t", &bad), PARAM_OK,
	    "a confirmation with the box ticked is read");
	CHECK_INT(round_confirm_form_check(&cf), 0, "and is whole");
	CHECK_INT(cf.checked, 1, "the box ticked");
	round_confirm_form_free(&cf);

	CHECK_INT(form_parse(&cf.form, round_confirm_fields, RC_COUNT,
	    "csrf=t", &bad), PARAM_OK, "a confirmation without an action");
	CHECK_INT(round_confirm_form_check(&cf), 1, "is one error");
	CHECK_STR(cf.form.err[RC_ACTION], "The form does not say which "
	    "action to confirm. Nothing was saved.", "which says so");
	CHECK_INT(cf.action, 0, "and no action");
	round_confirm_form_free(&cf);

	CHECK_REFUSED(&cf.form, round_confirm_fields, RC_COUNT, "action=4x",
	    PARAM_INVALID, "action", "an action not digits refuses the "
	    "request");
}

int
main(void)
{
	round_confirm();
	return unit_done();
}
