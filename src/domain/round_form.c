/* See round_form.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action_form.h"
#include "i18n.h"
#include "params.h"
#include "round_form.h"

/* Every name of a form read for its process boxes, beside the fields. */
#define ROUND_BODY_FIELDS	(ROUND_PROCESSES_MAX + RF_COUNT + 8)

const struct form_field round_fields[RF_COUNT] = {
	[RF_TITLE] = { "title", NULL, ROUND_TITLE_MAX, 0,
	    FORM_REQUIRED, N_("The title is too long: at most 300 "
	    "characters."), N_("Give the round a title."), NULL },
	[RF_DEADLINE] = { "deadline", NULL, 0, ROUND_DEADLINE_BYTES,
	    0, NULL, NULL, NULL },
	[RF_MESSAGE] = { "message", NULL, ROUND_MESSAGE_MAX, 0,
	    PARAM_MULTILINE, N_("The message is too long: at most 5,000 "
	    "characters."), NULL, NULL },
	[RF_CSRF] = FORM_CSRF,
	[RF_UNITS_OK] = { "units_ok", "err_units_ok", 0, 1, 0, NULL, NULL,
	    NULL },
};

void
round_form_processes(struct round_form *rf, const char *body)
{
	char	*names[ROUND_BODY_FIELDS], *values[ROUND_BODY_FIELDS];
	size_t	 n, i;

	rf->nprocesses = 0;
	n = params_list(body, names, values, ROUND_BODY_FIELDS);
	for (i = 0; i < n; i++) {
		if (strcmp(names[i], "process") == 0 &&
		    rf->nprocesses < ROUND_PROCESSES_MAX &&
		    param_is_digits(values[i]) &&
		    strlen(values[i]) <= ROUND_PROCESS_DIGITS)
			rf->processes[rf->nprocesses++] =
			    strtoll(values[i], NULL, 10);
		free(names[i]);
		free(values[i]);
	}
}

int
round_form_check(struct round_form *rf)
{
	struct form	*f = &rf->form;
	const char	*why, *d = f->v[RF_DEADLINE];

	rf->deadline_year = rf->deadline_month = rf->deadline_day = 0;
	if (form_date(d, &why) == -1)
		form_fail(f, RF_DEADLINE, why);
	else {
		rf->deadline_year = atoi(d);
		rf->deadline_month = atoi(d + 5);
		rf->deadline_day = atoi(d + 8);
	}
	rf->err_processes = rf->nprocesses == 0 ?
	    N_("Choose at least one process.") : NULL;
	return f->nerr + (rf->err_processes != NULL);
}

int
round_form_ticked(const struct round_form *rf, long long id)
{
	size_t	k;

	for (k = 0; k < rf->nprocesses; k++)
		if (rf->processes[k] == id)
			return 1;
	return 0;
}

void
round_form_deadline(const struct round_form *rf, char *buf, size_t len)
{
	snprintf(buf, len, "%04d-%02d-%02d", rf->deadline_year,
	    rf->deadline_month, rf->deadline_day);
}

FORM_FREE_DEFINE(round_form);
