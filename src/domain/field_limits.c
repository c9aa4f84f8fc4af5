/* See field_limits.h. */
#include "define_form.h"
#include "field_limits.h"
#include "verdict_form.h"
#include "view.h"

const struct tmpl_const template_limits[] = {
	{ "action_weight_max", DEFINE_WEIGHT_MAX },
	{ "action_weight_min", DEFINE_WEIGHT_MIN },
	{ "review_comment", REVIEW_COMMENT_MAX },
	{ "search", VIEW_Q_CHARS },
	{ "verdict_comment", VERDICT_COMMENT_MAX },
	{ "verdict_reason", VERDICT_REASON_MAX },
};

const size_t ntemplate_limits =
    sizeof(template_limits) / sizeof(template_limits[0]);
