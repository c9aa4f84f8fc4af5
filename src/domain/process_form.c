/* See process_form.h. */
#include <stdlib.h>
#include <string.h>

#include "labels.h"
#include "mem.h"
#include "process_form.h"

/* What a text over its limit is told, per field. */
#define TEXT_LONG	N_("The text is too long: at most 2,000 characters.")
#define LONG_TEXT_LONG	N_("The text is too long: at most 20,000 characters.")

#define TITLE(name, err) { name, err, PROCESS_TITLE_MAX, 0, 0, \
	PROCESS_TITLE_LONG, NULL, NULL }
#define TEXT(name, err, max, msg) { name, err, max, 0, PARAM_MULTILINE, \
	msg, NULL, NULL }

const struct form_field process_fields[PF_COUNT] = {
	[PF_TITLE] = { "title", NULL, PROCESS_TITLE_MAX, 0,
	    FORM_REQUIRED, PROCESS_TITLE_LONG,
	    N_("Give the process a title."), NULL },
	[PF_KIND] = { "kind", "err_kind", 0, 32, 0, NULL, NULL, NULL },
	[PF_YEAR] = { "year", NULL, 0, 8, 0, NULL, NULL, NULL },
	[PF_QUESTION] = TEXT("question", NULL,
	    PROCESS_QUESTION_MAX, TEXT_LONG),
	[PF_DESCRIPTION] = TEXT("description", NULL,
	    PROCESS_DESCRIPTION_MAX, LONG_TEXT_LONG),
	[PF_PUBLISHED] = { "published", NULL, 0, 1, 0, NULL,
	    NULL, NULL },
	[PF_TITLE_SV] = TITLE("title_sv", NULL),
	[PF_TITLE_EN] = TITLE("title_en", NULL),
	[PF_QUESTION_SV] = TEXT("question_sv", NULL,
	    PROCESS_QUESTION_MAX, TEXT_LONG),
	[PF_QUESTION_EN] = TEXT("question_en", NULL,
	    PROCESS_QUESTION_MAX, TEXT_LONG),
	[PF_DESCRIPTION_SV] = TEXT("description_sv", NULL,
	    PROCESS_DESCRIPTION_MAX, LONG_TEXT_LONG),
	[PF_DESCRIPTION_EN] = TEXT("description_en", NULL,
	    PROCESS_DESCRIPTION_MAX, LONG_TEXT_LONG),
	[PF_REVIEW] = { "review", NULL, 0, 1, 0, NULL, NULL, NULL },
	[PF_CSRF] = FORM_CSRF,
};

int
process_slug_valid(const char *s)
{
	size_t	i, n = strlen(s);

	if (n == 0 || n > PROCESS_SLUG_MAX || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
		if (s[i] == '-' && s[i + 1] == '-')
			return 0;
	}
	return 1;
}

void
process_kind_year_check(struct form *f, int i_kind, int i_year, int *year)
{
	const char	*y = f->v[i_year];
	size_t		 k;

	for (k = 0; k < PROCESS_KINDS; k++)
		if (strcmp(process_kinds[k][0], f->v[i_kind]) == 0)
			break;
	if (k == PROCESS_KINDS)
		form_fail(f, i_kind, N_("Choose a kind from the list."));
	*year = 0;
	if (*y != '\0') {
		*year = param_is_digits(y) && strlen(y) <= 4 ? atoi(y) : 0;
		if (*year < PROCESS_YEAR_MIN || *year > PROCESS_YEAR_MAX)
			form_fail(f, i_year, N_("The year must be between "
			    "1900 and 2200."));
	}
}

int
process_form_check(struct process_form *pf)
{
	struct form	*f = &pf->form;

	process_kind_year_check(f, PF_KIND, PF_YEAR, &pf->year);
	pf->published = form_ticked(f, PF_PUBLISHED);
	pf->review = form_ticked(f, PF_REVIEW);
	return f->nerr;
}

FORM_FREE_DEFINE(process_form);

json_t *
process_form_json(const struct process_form *pf)
{
	const struct form	*f = &pf->form;
	json_t	*doc;

	doc = json_pack("{s:s, s:s, s:o, s:s, s:s, s:b, s:s, s:s, s:s, s:s, "
	    "s:s, s:s, s:b}",
	    "title", f->v[PF_TITLE], "kind", f->v[PF_KIND],
	    "year", pf->year ? json_integer(pf->year) : json_null(),
	    "question", f->v[PF_QUESTION],
	    "description", f->v[PF_DESCRIPTION],
	    "published", pf->published,
	    "title_sv", f->v[PF_TITLE_SV], "title_en", f->v[PF_TITLE_EN],
	    "question_sv", f->v[PF_QUESTION_SV],
	    "question_en", f->v[PF_QUESTION_EN],
	    "description_sv", f->v[PF_DESCRIPTION_SV],
	    "description_en", f->v[PF_DESCRIPTION_EN],
	    "review", pf->review);
	if (doc == NULL)
		abort();
	return doc;
}
