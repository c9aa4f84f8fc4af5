/* See process_form.h. */
#include <stdlib.h>
#include <string.h>

#include "labels.h"
#include "mem.h"
#include "process_form.h"
#include "utf8.h"

/* Bytes a field may have: four per character, the most UTF-8 needs. */
#define BYTES(chars)	(4 * (chars))

const struct param_spec process_form_params[PF_COUNT] = {
	{ "title", BYTES(PROCESS_TITLE_MAX), NULL, 0 },
	{ "kind", 32, NULL, 0 },
	{ "year", 8, NULL, 0 },
	{ "question", BYTES(PROCESS_QUESTION_MAX), NULL, PARAM_MULTILINE },
	{ "description", BYTES(PROCESS_DESCRIPTION_MAX), NULL,
	  PARAM_MULTILINE },
	{ "published", 1, NULL, 0 },
	{ "title_sv", BYTES(PROCESS_TITLE_MAX), NULL, 0 },
	{ "title_en", BYTES(PROCESS_TITLE_MAX), NULL, 0 },
	{ "question_sv", BYTES(PROCESS_QUESTION_MAX), NULL, PARAM_MULTILINE },
	{ "question_en", BYTES(PROCESS_QUESTION_MAX), NULL, PARAM_MULTILINE },
	{ "description_sv", BYTES(PROCESS_DESCRIPTION_MAX), NULL,
	  PARAM_MULTILINE },
	{ "description_en", BYTES(PROCESS_DESCRIPTION_MAX), NULL,
	  PARAM_MULTILINE },
	{ "csrf", 64, NULL, 0 },
};

const char *const process_form_errors[PF_COUNT] = {
	"err_title", "err_kind", "err_year", "err_question",
	"err_description", "err_published", "err_title_sv", "err_title_en",
	"err_question_sv", "err_question_en", "err_description_sv",
	"err_description_en", "err_csrf"
};

/* What a text over its limit is told, per field. */
#define TITLE_LONG	N_("The title is too long: at most 300 characters.")
#define TEXT_LONG	N_("The text is too long: at most 2,000 characters.")
#define LONG_TEXT_LONG	N_("The text is too long: at most 20,000 characters.")
static const char *const too_long[PF_COUNT] = {
	[PF_TITLE] = TITLE_LONG, [PF_TITLE_SV] = TITLE_LONG,
	[PF_TITLE_EN] = TITLE_LONG,
	[PF_QUESTION] = TEXT_LONG, [PF_QUESTION_SV] = TEXT_LONG,
	[PF_QUESTION_EN] = TEXT_LONG,
	[PF_DESCRIPTION] = LONG_TEXT_LONG,
	[PF_DESCRIPTION_SV] = LONG_TEXT_LONG,
	[PF_DESCRIPTION_EN] = LONG_TEXT_LONG,
};

const int process_form_chars[PF_COUNT] = {
	[PF_TITLE] = PROCESS_TITLE_MAX,
	[PF_QUESTION] = PROCESS_QUESTION_MAX,
	[PF_DESCRIPTION] = PROCESS_DESCRIPTION_MAX,
	[PF_TITLE_SV] = PROCESS_TITLE_MAX,
	[PF_TITLE_EN] = PROCESS_TITLE_MAX,
	[PF_QUESTION_SV] = PROCESS_QUESTION_MAX,
	[PF_QUESTION_EN] = PROCESS_QUESTION_MAX,
	[PF_DESCRIPTION_SV] = PROCESS_DESCRIPTION_MAX,
	[PF_DESCRIPTION_EN] = PROCESS_DESCRIPTION_MAX,
};


int
process_form_check(struct process_form *f, char **values)
{
	const char	*y;
	size_t		 k;
	int		 i;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < PF_COUNT; i++) {
		f->v[i] = values[i] != NULL ? values[i] : xstrdup("");
		values[i] = NULL;
		if (process_form_chars[i] > 0 &&
		    utf8_chars(f->v[i]) > (size_t)process_form_chars[i])
			f->err[i] = too_long[i];
	}
	if (f->v[PF_TITLE][0] == '\0')
		f->err[PF_TITLE] = N_("Give the process a title.");
	for (k = 0; k < PROCESS_KINDS; k++)
		if (strcmp(process_kinds[k][0], f->v[PF_KIND]) == 0)
			break;
	if (k == PROCESS_KINDS)
		f->err[PF_KIND] = N_("Choose a kind from the list.");
	y = f->v[PF_YEAR];
	if (*y != '\0') {
		f->year = param_is_digits(y) && strlen(y) <= 4 ? atoi(y) : 0;
		if (f->year < PROCESS_YEAR_MIN || f->year > PROCESS_YEAR_MAX)
			f->err[PF_YEAR] = N_("The year must be between 1900 "
			    "and 2200.");
	}
	for (i = 0; i < PF_COUNT; i++)
		f->nerr += f->err[i] != NULL;
	return f->nerr;
}

void
process_form_free(struct process_form *f)
{
	int	i;

	for (i = 0; i < PF_COUNT; i++)
		free(f->v[i]);
	memset(f, 0, sizeof(*f));
}

json_t *
process_form_json(const struct process_form *f)
{
	json_t	*doc;

	doc = json_pack("{s:s, s:s, s:o, s:s, s:s, s:b, s:s, s:s, s:s, s:s, "
	    "s:s, s:s}",
	    "title", f->v[PF_TITLE], "kind", f->v[PF_KIND],
	    "year", f->year ? json_integer(f->year) : json_null(),
	    "question", f->v[PF_QUESTION],
	    "description", f->v[PF_DESCRIPTION],
	    "published", f->v[PF_PUBLISHED][0] == '1',
	    "title_sv", f->v[PF_TITLE_SV], "title_en", f->v[PF_TITLE_EN],
	    "question_sv", f->v[PF_QUESTION_SV],
	    "question_en", f->v[PF_QUESTION_EN],
	    "description_sv", f->v[PF_DESCRIPTION_SV],
	    "description_en", f->v[PF_DESCRIPTION_EN]);
	if (doc == NULL)
		abort();
	return doc;
}
