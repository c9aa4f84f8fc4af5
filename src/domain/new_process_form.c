/* See new_process_form.h. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "labels.h"
#include "new_process_form.h"

const struct form_field new_process_fields[NP_COUNT] = {
	[NP_SLUG] = { "slug", NULL, PROCESS_SLUG_MAX, 0, 0, PROCESS_SLUG_BAD,
	    NULL, NULL },
	[NP_TITLE] = { "title", NULL, PROCESS_TITLE_MAX, 0,
	    FORM_REQUIRED, PROCESS_TITLE_LONG,
	    N_("Give the process a title."), NULL },
	[NP_KIND] = { "kind", "err_kind", 0, 32, 0, NULL, NULL, NULL },
	[NP_YEAR] = { "year", NULL, 0, 8, 0, NULL, NULL, NULL },
	[NP_CSRF] = FORM_CSRF,
};

int
new_process_form_check(struct new_process_form *nf, int slug_ok)
{
	struct form	*f = &nf->form;

	if (!slug_ok)
		form_fail(f, NP_SLUG, PROCESS_SLUG_BAD);
	process_kind_year_check(f, NP_KIND, NP_YEAR, &nf->year);
	/* The page says one thing: the first field's message. */
	nf->error = form_first_error(f, NULL);
	return f->nerr;
}

FORM_FREE_DEFINE(new_process_form);

json_t *
new_process_form_json(const struct new_process_form *nf)
{
	const struct form	*f = &nf->form;
	json_t			*doc;

	doc = json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:b}",
	    "slug", f->v[NP_SLUG], "title", f->v[NP_TITLE],
	    "kind", f->v[NP_KIND],
	    "year", nf->year ? json_integer(nf->year) : json_null(),
	    "question", "", "description", "", "published", 0);
	if (doc == NULL)
		abort();
	return doc;
}
