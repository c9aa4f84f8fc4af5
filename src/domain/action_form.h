/*
 * The form a unit editor fills in for an action: its fields as typed,
 * checked without the database. Every problem is kept per field as a
 * message (msgid) so that the form can be shown again with the person's
 * own text and the reasons beside it.
 */
#ifndef TOTEUMA_ACTION_FORM_H
#define TOTEUMA_ACTION_FORM_H

#include <jansson.h>

#include "form.h"
#include "schedule.h"
#include "status.h"

#define ACTION_TEXT_MAX		20000	/* characters, as the schema */
#define ACTION_LINKS_MAX	20
#define ACTION_LINK_MAX		2000	/* bytes */
#define CORRECTION_MAX		500	/* characters, as history.correction */
#define ACTION_SCHEDULE_TEXT_MAX 200	/* characters of a schedule in words */
#define FORM_MONTH_BYTES	16	/* a month or a date as typed */

enum action_field {
	AF_STATUS, AF_STATUS_NOTE, AF_SCHEDULE_KIND, AF_START, AF_END,
	AF_SCHEDULE_TEXT, AF_ACTUAL_START, AF_ACTUAL_END, AF_INFO,
	AF_EVIDENCE, AF_STATUS_NOTE_SV, AF_STATUS_NOTE_EN, AF_INFO_SV,
	AF_INFO_EN, AF_REASON, AF_CORRECTION, AF_CORRECTION_REASON,
	AF_REVISION, AF_CSRF, AF_COUNT
};

/*
 * The form's fields: the page's and the API's names, each one's limit
 * and the template variable of its message where the page's template
 * writes the field itself.
 */
extern const struct form_field action_fields[AF_COUNT];

struct action_form {
	struct form		 form;	/* the values as typed, messages */
	enum schedule_kind	 kind;
	int			 start_month, start_year;
	int			 end_month, end_year;
	char			 actual_start[11], actual_end[11]; /* or "" */
	int			 revision;
};

/*
 * Takes ownership of the parsed values (NULLs become "") and checks
 * them. Returns the number of fields with a problem. The status code is
 * checked against the status list by action_form_check_status.
 */
int	action_form_check(struct action_form *, char **values);
/*
 * The same from an application/x-www-form-urlencoded body: PARAM_OK,
 * or what refused the whole request (*bad names the field; f then
 * holds nothing).
 */
enum param_error action_form_parse(struct action_form *, const char *body,
	    const char **bad);
/*
 * The status code against the list, and a reason's category when the
 * action will not be done (a status that is not progress); the reason
 * is emptied otherwise.
 */
void	action_form_check_status(struct action_form *,
	    const struct status_list *);
void	action_form_free(struct action_form *);

/*
 * Parses "3/2025", "03/2025" or "2025-03". Returns 0, or -1 with a msgid
 * in *why.
 */
int	form_month(const char *, int *month, int *year, const char **why);
/* Parses an ISO date "2025-03-31"; 0 or -1 with a msgid in *why. */
int	form_date(const char *, const char **why);

/*
 * The values to save, as action_save() in the database reads them; the
 * caller adds "lexemes".
 */
json_t	*action_form_json(const struct action_form *);
/*
 * A schedule into o as action_save() reads it: schedule_kind, the
 * months of a range ("2025-03-01", null) and text for a free one.
 */
void	 action_schedule_json(json_t *o, const struct schedule *,
	    const char *text);
/*
 * The same with "lexemes", the search terms of the action's body and
 * of the form's texts, as JSON text for action_save(); the caller
 * frees it.
 */
char	*action_form_document(const struct action_form *, const char *body);

#endif
