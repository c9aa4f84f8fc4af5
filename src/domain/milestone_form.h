/*
 * The form of one milestone of an action (/b/a/ID/m/MID and
 * /b/a/ID/m/new): a title in three languages, the target month, the day
 * it was done and a note; or its removal. The limits are those of the
 * CHECK of action.milestones (milestones_valid, migration 0021);
 * tests/limits.c holds them against the database.
 */
#ifndef TOTEUMA_MILESTONE_FORM_H
#define TOTEUMA_MILESTONE_FORM_H

#include "form.h"

#define MILESTONE_TITLE_MAX	200	/* characters */
#define MILESTONE_NOTE_MAX	2000	/* characters */
#define MILESTONES_MAX		20	/* per action */

enum { MF_TITLE, MF_TITLE_SV, MF_TITLE_EN, MF_TARGET, MF_DONE, MF_NOTE,
    MF_REVISION, MF_REMOVE, MF_CSRF, MF_COUNT };

extern const struct form_field milestone_fields[MF_COUNT];

struct milestone_form {
	struct form	 form;
	int		 target_month, target_year;
	char		 done[11];	/* YYYY-MM-DD, or "" */
	int		 revision;
	int		 remove;	/* the milestone is to be removed */
};

/*
 * The form's own checks, with today (YYYY-MM-DD in Finland): a month
 * that exists, a done day that exists and is not after today. A removal
 * needs only the revision. Returns the number of fields with a message.
 */
int	milestone_form_check(struct milestone_form *, const char *today);
/*
 * The document action_milestone_save() takes (NULL for a removal);
 * the caller owns it.
 */
char	*milestone_form_document(const struct milestone_form *);
void	milestone_form_free(struct milestone_form *);

#endif
