/* See bulk_form.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "action_form.h"
#include "bulk_form.h"
#include "i18n.h"
#include "msg.h"
#include "params.h"
#include "utf8.h"

static int	parse_choice(const char *, struct bulk_choice *);
static void	read_choices(struct bulk_form *, const char *);

const struct form_field bulk_fields[BF_COUNT] = {
	[BF_STATUS] = { "status", "err_status", 0, 32, 0, NULL, NULL, NULL },
	[BF_REASON] = { "reason", "err_reason", 0, 9, 0, NULL, NULL,
	    param_is_digits },
	[BF_STATUS_NOTE] = { "status_note", NULL,
	    ACTION_TEXT_MAX, 0, PARAM_MULTILINE, N_("The text is too long: "
	    "at most 20,000 characters."), NULL, NULL },
	[BF_SCHEDULE] = { "schedule", NULL, BULK_SCHEDULE_MAX, 0, 0,
	    N_("The text is too long: at most 200 characters."), NULL,
	    NULL },
	[BF_CONFIRM] = { "confirm", NULL, 0, 1, 0, NULL, NULL, NULL },
	[BF_CSRF] = FORM_CSRF,
};

/* "ID:REVISION", both whole numbers without signs. */
static int
parse_choice(const char *s, struct bulk_choice *c)
{
	const char	*colon = strchr(s, ':');
	char		 id[20];
	size_t		 n;

	if (colon == NULL || (n = (size_t)(colon - s)) == 0 ||
	    n >= sizeof(id))
		return -1;
	memcpy(id, s, n);
	id[n] = '\0';
	if (!param_is_digits(id) || !param_is_digits(colon + 1) ||
	    strlen(colon + 1) > 9 || param_int(colon + 1, 0, 999999999,
	    &c->revision) == -1)
		return -1;
	c->id = strtoll(id, NULL, 10);
	return c->id > 0 ? 0 : -1;
}

/* Every "a" of body into f->chosen, each id once. */
static void
read_choices(struct bulk_form *f, const char *body)
{
	enum { MAX = BULK_ACTIONS_MAX + BF_COUNT + 8 };
	char			**names, **values;
	struct bulk_choice	 c;
	size_t			 n, i, j, seen = 0;

	names = xcalloc(MAX + 1, sizeof(*names));
	values = xcalloc(MAX + 1, sizeof(*values));
	f->chosen = xcalloc(BULK_ACTIONS_MAX, sizeof(*f->chosen));
	n = params_list(body, names, values, MAX + 1);
	for (i = 0; i < n; i++) {
		if (strcmp(names[i], "a") != 0)
			continue;
		if (++seen > BULK_ACTIONS_MAX) {
			f->choice_error = N_("Choose at most 500 actions at "
			    "a time.");
			continue;
		}
		if (parse_choice(values[i], &c) == -1) {
			f->bad_choice = 1;
			continue;
		}
		for (j = 0; j < f->nchosen; j++)
			if (f->chosen[j].id == c.id)
				break;
		if (j == f->nchosen)
			f->chosen[f->nchosen++] = c;
	}
	if (n > MAX)
		f->choice_error = N_("Choose at most 500 actions at a time.");
	for (i = 0; i < n; i++) {
		free(names[i]);
		free(values[i]);
	}
	free(names);
	free(values);
	if (f->nchosen == 0 && f->choice_error == NULL)
		f->choice_error = N_("Choose the actions to change: tick the "
		    "box of each.");
}

int
bulk_form_check(struct bulk_form *f, const char *body)
{
	struct msg	why;
	int		n;

	read_choices(f, body);
	f->confirm = form_ticked(&f->form, BF_CONFIRM);
	memset(&f->schedule, 0, sizeof(f->schedule));
	if (f->form.v[BF_SCHEDULE][0] != '\0' && f->form.err[BF_SCHEDULE] ==
	    NULL && (schedule_parse(f->form.v[BF_SCHEDULE], &f->schedule,
	    &why) == -1 || f->schedule.kind == SCHEDULE_NONE))
		form_fail(&f->form, BF_SCHEDULE, N_("Write the schedule as "
		    "months (3/2025 \xe2\x80\x93 12/2026), as \xe2\x80\x9c"
		    "Jatkuvaa\xe2\x80\x9d or in words."));
	if (f->form.v[BF_STATUS][0] == '\0' &&
	    f->form.v[BF_STATUS_NOTE][0] == '\0' &&
	    f->form.v[BF_SCHEDULE][0] == '\0' && !f->confirm)
		form_fail(&f->form, BF_STATUS, N_("Choose what to change: a "
		    "status, a status note, a schedule or a confirmation."));
	n = f->form.nerr;
	return n + (f->choice_error != NULL) + f->bad_choice;
}

json_t *
bulk_form_change(const struct bulk_form *f, int reason)
{
	const struct schedule	*sc = &f->schedule;
	json_t			*o = json_object();

	if (f->form.v[BF_STATUS][0] != '\0') {
		json_object_set_new(o, "status", json_string(
		    f->form.v[BF_STATUS]));
		json_object_set_new(o, "reason_category", reason > 0 ?
		    json_integer(reason) : json_null());
	}
	if (f->form.v[BF_STATUS_NOTE][0] != '\0')
		json_object_set_new(o, "status_note", json_string(
		    f->form.v[BF_STATUS_NOTE]));
	if (f->form.v[BF_SCHEDULE][0] != '\0') {
		action_schedule_json(o, sc, f->form.v[BF_SCHEDULE]);
	}
	if (f->confirm)
		json_object_set_new(o, "confirm", json_true());
	return o;
}

void
bulk_form_free(struct bulk_form *f)
{
	form_free(&f->form);
	free(f->chosen);
	f->chosen = NULL;
	f->nchosen = 0;
}
