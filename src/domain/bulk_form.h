/*
 * The bulk form of "My actions" (POST /b/bulk): the actions chosen,
 * each with the revision the list showed ("a=ID:REVISION", one per
 * ticked box), and the one change to make to all of them: a status
 * (and why it will not be done), a status note, a schedule written as
 * in the table ("3/2025 – 12/2026", "Jatkuvaa", words), or a
 * confirmation as up to date in the open round. Checked without the
 * database; the status code is checked against the list by the caller.
 */
#ifndef TOTEUMA_BULK_FORM_H
#define TOTEUMA_BULK_FORM_H

#include <jansson.h>

#include "action_form.h"
#include "form.h"
#include "schedule.h"

#define BULK_ACTIONS_MAX	500	/* actions in one save */
#define BULK_SCHEDULE_MAX	ACTION_SCHEDULE_TEXT_MAX	/* characters */

enum { BF_STATUS, BF_REASON, BF_STATUS_NOTE, BF_SCHEDULE, BF_CONFIRM,
    BF_CSRF, BF_COUNT };

extern const struct form_field bulk_fields[BF_COUNT];

struct bulk_choice {
	long long	id;
	int		revision;
};

struct bulk_form {
	struct form		 form;
	struct bulk_choice	*chosen;	/* owned; nchosen of them */
	size_t			 nchosen;
	const char		*choice_error;	/* msgid, or NULL */
	int			 bad_choice;	/* an "a" not ID:REVISION */
	struct schedule		 schedule;	/* when one was written */
	int			 confirm;	/* the box was ticked */
};

/*
 * The chosen actions from body (the same form body; an id given twice
 * counts once), and the fields' own checks: a message on BF_STATUS
 * when nothing is to change, on BF_SCHEDULE for a schedule that is not
 * one, choice_error when no action (or too many) is chosen, bad_choice
 * for a choice that is not "ID:REVISION" (the request is refused).
 * Returns the number of problems.
 */
int	bulk_form_check(struct bulk_form *, const char *body);
/*
 * The change as action_bulk_save() takes it; reason is the category's
 * id or 0.
 */
json_t	*bulk_form_change(const struct bulk_form *, int reason);
void	bulk_form_free(struct bulk_form *);

#endif
