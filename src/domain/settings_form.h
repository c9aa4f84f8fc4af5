/*
 * The settings form (an admin's /b/settings): when an action is stale
 * and when it is due soon, in days, and how many days before a round's
 * deadline its reminders go (0 to 60), each limit defined once. The range
 * is the SQL CHECK of the setting table.
 */
#ifndef TOTEUMA_SETTINGS_FORM_H
#define TOTEUMA_SETTINGS_FORM_H

#include "form.h"

#define SETTINGS_DAYS_MIN	1
#define SETTINGS_DAYS_MAX	3650

#define SETTINGS_REMIND_MAX	60	/* days before a round's deadline */

enum { ST_STALE, ST_SOON, ST_REMIND, ST_CSRF, ST_COUNT };

extern const struct form_field settings_fields[ST_COUNT];

struct settings_form {
	struct form	 form;
	int		 stale_days;
	int		 due_soon_days;
	int		 reminder_days;	/* -1: not given, keep */
	const char	*error;		/* the page's one message, or NULL */
};

/* The form's own checks; the number of fields with a message. */
int	settings_form_check(struct settings_form *);
void	settings_form_free(struct settings_form *);

#endif
