/* See milestone_form.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "action_form.h"
#include "i18n.h"
#include "milestone_form.h"

#define TITLE_LONG	N_("A title has at most 200 characters.")
#define TITLE(name) { name, NULL, MILESTONE_TITLE_MAX, 0, 0, \
	TITLE_LONG, NULL, NULL }

const struct form_field milestone_fields[MF_COUNT] = {
	[MF_TITLE] = { "title", NULL, MILESTONE_TITLE_MAX, 0,
	    FORM_REQUIRED, TITLE_LONG, N_("Give the milestone a title in "
	    "Finnish."), NULL },
	[MF_TITLE_SV] = TITLE("title_sv"),
	[MF_TITLE_EN] = TITLE("title_en"),
	[MF_TARGET] = { "target", NULL, 0, FORM_MONTH_BYTES, 0, NULL,
	    NULL, NULL },
	[MF_DONE] = { "done", NULL, 0, FORM_MONTH_BYTES, 0, NULL, NULL,
	    NULL },
	[MF_NOTE] = { "note", NULL, MILESTONE_NOTE_MAX, 0,
	    PARAM_MULTILINE, N_("The note is too long: at most 2,000 "
	    "characters."), NULL, NULL },
	[MF_REVISION] = { "revision", "err_revision", 0, 9, 0, NULL, NULL,
	    param_is_digits },
	[MF_REMOVE] = { "remove", NULL, 0, 1, 0, NULL, NULL, NULL },
	[MF_CSRF] = FORM_CSRF,
};

int
milestone_form_check(struct milestone_form *mf, const char *today)
{
	struct form	*f = &mf->form;
	const char	*why;
	int		 i;

	mf->remove = form_ticked(f, MF_REMOVE);
	mf->revision = 0;
	if (f->v[MF_REVISION][0] == '\0')
		form_fail(f, MF_REVISION, N_("The form is incomplete. Open "
		    "the action again."));
	else
		mf->revision = atoi(f->v[MF_REVISION]);
	if (mf->remove) {
		/* Nothing else is read: a removal's messages are moot. */
		for (i = 0; i < MF_COUNT; i++)
			if (i != MF_REVISION)
				f->err[i] = NULL;
		f->nerr = f->err[MF_REVISION] != NULL;
		return f->nerr;
	}
	if (f->v[MF_TARGET][0] == '\0')
		form_fail(f, MF_TARGET, N_("Give the month by which the "
		    "milestone is to be reached."));
	else if (form_month(f->v[MF_TARGET], &mf->target_month,
	    &mf->target_year, &why) == -1)
		form_fail(f, MF_TARGET, why);
	mf->done[0] = '\0';
	if (f->v[MF_DONE][0] != '\0') {
		if (form_date(f->v[MF_DONE], &why) == -1)
			form_fail(f, MF_DONE, why);
		else if (strcmp(f->v[MF_DONE], today) > 0)
			form_fail(f, MF_DONE, N_("The day it was done can not "
			    "be in the future."));
		else
			snprintf(mf->done, sizeof(mf->done), "%s",
			    f->v[MF_DONE]);
	}
	return f->nerr;
}

char *
milestone_form_document(const struct milestone_form *mf)
{
	const struct form	*f = &mf->form;
	json_t			*doc;
	char			 target[16], *s;

	if (mf->remove)
		return NULL;
	snprintf(target, sizeof(target), "%04d-%02d-01", mf->target_year,
	    mf->target_month);
	doc = json_pack("{s:s, s:s, s:s, s:s, s:o, s:s}",
	    "title", f->v[MF_TITLE], "title_sv", f->v[MF_TITLE_SV],
	    "title_en", f->v[MF_TITLE_EN], "target", target,
	    "done", mf->done[0] ? json_string(mf->done) : json_null(),
	    "note", f->v[MF_NOTE]);
	if (doc == NULL)
		return NULL;
	s = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	return s;
}

FORM_FREE_DEFINE(milestone_form);
