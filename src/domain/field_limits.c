/* See field_limits.h. */
#include "action_form.h"
#include "auth.h"
#include "bulk_form.h"
#include "field_limits.h"
#include "mime.h"
#include "new_process_form.h"
#include "process_form.h"
#include "settings_form.h"
#include "status_form.h"
#include "totp_form.h"
#include "verdict_form.h"
#include "view.h"
#include "xlsx.h"

/* The digits of a whole number up to n, for a numeric field's length. */
#define DIGITS(n)	((n) < 10 ? 1 : (n) < 100 ? 2 : (n) < 1000 ? 3 :	\
	    (n) < 10000 ? 4 : 5)

const struct tmpl_const template_limits[] = {
	{ "bulk_schedule", BULK_SCHEDULE_MAX },
	{ "email", MIME_ADDRESS_MAX },
	{ "password", AUTH_PASSWORD_MAX },
	{ "process_slug", PROCESS_SLUG_MAX },
	{ "process_title", PROCESS_TITLE_MAX },
	{ "review_comment", REVIEW_COMMENT_MAX },
	{ "search", VIEW_Q_CHARS },
	{ "settings_days_digits", DIGITS(SETTINGS_DAYS_MAX) },
	{ "settings_remind_digits", DIGITS(SETTINGS_REMIND_MAX) },
	{ "sheet_name", XLSX_MAX_SHEET_NAME },
	{ "status_progress_digits", DIGITS(STATUS_PROGRESS_MAX) },
	{ "totp_code", TOTP_FORM_CODE_MAX },
	{ "verdict_comment", VERDICT_COMMENT_MAX },
	{ "verdict_reason", VERDICT_REASON_MAX },
	{ "year_digits", DIGITS(PROCESS_YEAR_MAX) },
};

const size_t ntemplate_limits =
    sizeof(template_limits) / sizeof(template_limits[0]);
