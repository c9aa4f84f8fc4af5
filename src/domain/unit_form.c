/* See unit_form.h. */
#include <string.h>

#include "i18n.h"
#include "unit_form.h"
#include "utf8.h"

const struct form_field unit_fields[NF_COUNT] = {
	/* Its limit is checked after trimming: unit_form_check(). */
	[NF_NAME] = { "name", NULL, 0, PARAM_BYTES(UNIT_NAME_MAX), 0,
	    NULL, NULL, NULL },
	[NF_NAME_SV] = { "name_sv", NULL, 0,
	    PARAM_BYTES(UNIT_NAME_MAX), 0, NULL, NULL, NULL },
	[NF_NAME_EN] = { "name_en", NULL, 0,
	    PARAM_BYTES(UNIT_NAME_MAX), 0, NULL, NULL, NULL },
	[NF_PARENT] = { "parent", NULL, 0, PARAM_ID_BYTES, 0, NULL, NULL,
	    NULL },
	[NF_CSRF] = FORM_CSRF,
};

/* Field i trimmed (names are stored so: the schema insists), checked. */
static const char *
unit_name(struct form *f, int i)
{
	char	*name = f->v[i];
	size_t	 len;

	while (*name == ' ')
		name++;
	len = strlen(name);
	while (len > 0 && name[len - 1] == ' ')
		name[--len] = '\0';
	if (utf8_chars(name) > UNIT_NAME_MAX || strchr(name, ';') != NULL)
		form_fail(f, i, N_("A unit's name can not contain ';' (it "
		    "separates units in the published table) and has at most "
		    "200 characters."));
	return name;
}

int
unit_form_check(struct unit_form *nf)
{
	struct form	*f = &nf->form;
	const char	*parent = f->v[NF_PARENT];

	nf->name = unit_name(f, NF_NAME);
	nf->name_sv = unit_name(f, NF_NAME_SV);
	nf->name_en = unit_name(f, NF_NAME_EN);
	if (*nf->name == '\0')
		form_fail(f, NF_NAME, N_("Give the unit a name."));
	if (*parent != '\0' && !param_is_digits(parent))
		form_fail(f, NF_PARENT, N_("Choose a unit from the list."));
	/* The page says one thing: the first field's message. */
	nf->error = form_first_error(f, NULL);
	return f->nerr;
}

FORM_FREE_DEFINE(unit_form);
