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

const char *
kind_label(const char *kind)
{
	size_t	k;

	for (k = 0; k < PROCESS_KINDS; k++)
		if (strcmp(process_kinds[k][0], kind) == 0)
			return process_kinds[k][1];
	return N_("Initiative");
}

const char *
response_label(const char *code)
{
	if (strcmp(code, "accepted") == 0)
		return N_("Accepted");
	if (strcmp(code, "partly") == 0)
		return N_("Partly accepted");
	if (strcmp(code, "not_accepted") == 0)
		return N_("Not accepted");
	if (strcmp(code, "under_consideration") == 0)
		return N_("Under consideration");
	return N_("Not answered yet");
}

const char *
view_state_label(const char *state)
{
	if (strcmp(state, "overdue") == 0)
		return N_("Overdue");
	if (strcmp(state, "stale") == 0)
		return N_("Not updated for a long time");
	if (strcmp(state, "completed") == 0)
		return N_("Completed");
	return N_("Will not be done");
}

const char *
milestone_state_label(const char *state)
{
	if (strcmp(state, "done") == 0)
		return N_("Done");
	if (strcmp(state, "overdue") == 0)
		return N_("Late");
	if (strcmp(state, "not_done") == 0)
		return N_("Not done");
	return N_("Planned");
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
	const char	*label = field;
	size_t		 k;
	int		 content;

	for (k = 0; k < sizeof(history_fields) / sizeof(history_fields[0]);
	    k++)
		if (strcmp(history_fields[k][0], field) == 0)
			label = T(lang, history_fields[k][1]);
	tv_text(tv, "field", label);
	tv_text(tv, "before", history_value(statuses, field, before, lang));
	tv_text(tv, "after", history_value(statuses, field, after, lang));
	/* Texts are Finnish content; labels are in the page's language. */
	content = lang != LANG_FI && (strcmp(field, "body") == 0 ||
	    strcmp(field, "status_note") == 0 || strcmp(field, "info") == 0 ||
	    strcmp(field, "response_reason") == 0);
	tv_text(tv, "before_lang", content && *before != '\0' ? "fi" : "");
	tv_text(tv, "after_lang", content && *after != '\0' ? "fi" : "");
}
