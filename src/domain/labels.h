/*
 * The product's vocabularies as a reader sees them: msgids of the kinds
 * of process and of the county's responses, and the fields and values
 * of an action's public history.
 */
#ifndef TOTEUMA_LABELS_H
#define TOTEUMA_LABELS_H

#include "i18n.h"
#include "status.h"
#include "tmpl.h"

/* The kinds of process, in the order a form lists them: code, msgid. */
#define PROCESS_KINDS	6
extern const char *const process_kinds[PROCESS_KINDS][2];
/* The label (msgid) of a kind of process ("resident_panel"). */
const char *kind_label(const char *kind);
/* The label (msgid) of a response to a recommendation by its code. */
const char *response_label(const char *code);
/* What a ?state= value of a table shows (view.h), as a msgid. */
const char *view_state_label(const char *state);
/* A milestone's state (action_milestone_list) as a reader is told it. */
const char *milestone_state_label(const char *state);
/* A value of a changed field as a reader sees it (status as its label). */
const char *history_value(const struct status_list *, const char *field,
	    const char *v, enum lang);
/*
 * One changed public field of an action (a row of action_public_changes):
 * the template variables field, before, after, before_lang, after_lang.
 */
void	history_change_vars(struct tmpl_vars *, const struct status_list *,
	    const char *field, const char *before, const char *after,
	    enum lang);

#endif
