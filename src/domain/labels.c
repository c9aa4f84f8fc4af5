/*
 * The product's vocabularies as a reader sees them: kinds of process,
 * the county's responses, and the fields of an action's history. See
 * labels.h.
 */
#include <stdlib.h>
#include <string.h>

#include "labels.h"

/* Labels of the fields action_public_history() and
 * recommendation_public_history() name. */
static const char *const history_fields[][2] = {
	{ "body", N_("Action") },
	{ "status", N_("Status") },
	{ "status_note", N_("Status note") },
	{ "schedule", N_("Schedule") },
	{ "actual", N_("Actual dates") },
	{ "info", N_("Additional information") },
	{ "evidence", N_("Evidence links") },
	{ "deleted", N_("Removed") },
	{ "milestones", N_("Milestones") },
	{ "reason_category", N_("Reason category") },
	/* A recommendation's (recommendation_public_history()). */
	{ "response", N_("The county's response") },
	{ "response_reason", N_("Reason") },
};

/* As the CHECK of process.kind lists them (tests/sql/limits). */
const char *const process_kinds[PROCESS_KINDS][2] = {
	{ "resident_panel", N_("Resident panel") },
	{ "staff_panel", N_("Staff panel") },
	{ "polis", N_("Pol.is conversation") },
	{ "statement", N_("Statement of an influencing body") },
	{ "programme", N_("Participation programme") },
	{ "initiative", N_("Initiative") },
};

static const char *const responses[][2] = {
	{ "accepted", N_("Accepted") },
	{ "partly", N_("Partly accepted") },
	{ "not_accepted", N_("Not accepted") },
	{ "under_consideration", N_("Under consideration") },
};

/* The labels of view.c's view_states, in its order. */
static const char *const view_state_labels[][2] = {
	{ "overdue", N_("Overdue") },
	{ "stale", N_("Not updated for a long time") },
	{ "completed", N_("Completed") },
	{ "not_done", N_("Will not be done") },
};

static const char *const milestone_states[][2] = {
	{ "done", N_("Done") },
	{ "overdue", N_("Late") },
	{ "not_done", N_("Not done") },
};

#define LABEL_OF(table, code, otherwise) \
	label_of((table), sizeof(table) / sizeof((table)[0]), (code), \
	    (otherwise))

/* The msgid of code in a table of n codes and msgids, or otherwise. */
static const char *
label_of(const char *const (*table)[2], size_t n, const char *code,
    const char *otherwise)
{
	size_t	k;

	for (k = 0; k < n; k++)
		if (strcmp(table[k][0], code) == 0)
			return table[k][1];
	return otherwise;
}

const char *
kind_label(const char *kind)
{
	return LABEL_OF(process_kinds, kind, N_("Initiative"));
}

const char *
response_label(const char *code)
{
	return LABEL_OF(responses, code, N_("Not answered yet"));
}

const char *
view_state_label(const char *state)
{
	return LABEL_OF(view_state_labels, state, N_("Will not be done"));
}

const char *
milestone_state_label(const char *state)
{
	return LABEL_OF(milestone_states, state, N_("Planned"));
}

const char *
history_value(const struct status_list *statuses, const char *field,
    const char *v, enum lang lang)
{
	const struct status	*st;

	/* No response yet is a response's own state, not "(empty)". */
	if (strcmp(field, "response") == 0)
		return T(lang, response_label(v));
	if (*v == '\0')
		return T(lang, "(empty)");
	if (strcmp(field, "status") == 0) {
		st = status_by_id(statuses, atoi(v));
		return st ? st->label[lang] : v;
	}
	if (strcmp(field, "deleted") == 0)
		return T(lang, "Removed");
	return v;
}

void
history_change_vars(struct tmpl_vars *tv,
    const struct status_list *statuses, const char *field,
    const char *before, const char *after, enum lang lang)
{
	const char	*label = LABEL_OF(history_fields, field, NULL);
	int		 content;

	tv_text(tv, "field", label != NULL ? T(lang, label) : field);
	tv_text(tv, "before", history_value(statuses, field, before, lang));
	tv_text(tv, "after", history_value(statuses, field, after, lang));
	/* Texts are Finnish content; labels are in the page's language. */
	content = lang != LANG_FI && (strcmp(field, "body") == 0 ||
	    strcmp(field, "status_note") == 0 || strcmp(field, "info") == 0 ||
	    strcmp(field, "response_reason") == 0);
	tv_text(tv, "before_lang", content && *before != '\0' ? "fi" : "");
	tv_text(tv, "after_lang", content && *after != '\0' ? "fi" : "");
}
