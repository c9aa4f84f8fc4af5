/* See field_limits.h. */
#include "auth.h"
#include "bulk_form.h"
#include "field_limits.h"
#include "mime.h"
#include "process_form.h"
#include "verdict_form.h"
#include "view.h"
#include "xlsx.h"

const struct tmpl_const template_limits[] = {
	{ "bulk_schedule", BULK_SCHEDULE_MAX },
	{ "email", MIME_ADDRESS_MAX },
	{ "password", AUTH_PASSWORD_MAX },
	{ "process_slug", PROCESS_SLUG_MAX },
	{ "process_title", PROCESS_TITLE_MAX },
	{ "review_comment", REVIEW_COMMENT_MAX },
	{ "search", VIEW_Q_CHARS },
	{ "sheet_name", XLSX_MAX_SHEET_NAME },
	{ "verdict_comment", VERDICT_COMMENT_MAX },
	{ "verdict_reason", VERDICT_REASON_MAX },
};

const size_t ntemplate_limits =
    sizeof(template_limits) / sizeof(template_limits[0]);
