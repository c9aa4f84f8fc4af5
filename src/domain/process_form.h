/*
 * The process form (an admin's /b/p/ID and /b/p/new): its fields, each
 * limit defined once, and the checks that read the submitted values
 * into a typed form or a message per field. The limits are the SQL
 * CHECKs of the process table; tests/limits.c prints them for
 * tests/sql.sh to hold against the database.
 */
#ifndef TOTEUMA_PROCESS_FORM_H
#define TOTEUMA_PROCESS_FORM_H

#include <jansson.h>

#include "form.h"
#include "i18n.h"

#define PROCESS_SLUG_MAX	64	/* bytes, as process.slug */
#define PROCESS_TITLE_MAX	300	/* characters */
/* A buffer that holds any title, with its NUL. */
#define PROCESS_TITLE_BYTES	(PARAM_BYTES(PROCESS_TITLE_MAX) + 1)
/* What a title over its limit is told. */
#define PROCESS_TITLE_LONG	\
	N_("The title is too long: at most 300 characters.")
/* What an address name is, beside its field. */
#define PROCESS_SLUG_HINT	N_("Lowercase letters, digits and hyphens, " \
	"such as asukaspaneeli-2025; the process will be at " \
	"/p/asukaspaneeli-2025.")
/* What an address name that is not one is told. */
#define PROCESS_SLUG_BAD	N_("Give the process an address name of " \
	"lowercase letters a-z, digits and hyphens, such as " \
	"asukaspaneeli-2025.")
#define PROCESS_QUESTION_MAX	2000
#define PROCESS_DESCRIPTION_MAX	20000
#define PROCESS_YEAR_MIN	1900
#define PROCESS_YEAR_MAX	2200

enum { PF_TITLE, PF_KIND, PF_YEAR, PF_QUESTION, PF_DESCRIPTION,
    PF_PUBLISHED, PF_TITLE_SV, PF_TITLE_EN, PF_QUESTION_SV, PF_QUESTION_EN,
    PF_DESCRIPTION_SV, PF_DESCRIPTION_EN, PF_REVIEW, PF_CSRF, PF_COUNT };

extern const struct form_field process_fields[PF_COUNT];

struct process_form {
	struct form	 form;		/* the values and their messages */
	int		 year;		/* 0: none */
	int		 published;
	int		 review;	/* unit updates wait for review */
};

/*
 * The process form's own checks on a form read with process_fields;
 * the number of fields with a message.
 */
int	process_form_check(struct process_form *);
/*
 * 1 for a slug the process table takes (its CHECK): 1 to
 * PROCESS_SLUG_MAX lowercase letters and digits, in runs joined by
 * single hyphens.
 */
int	process_slug_valid(const char *);
/*
 * A process's kind (one of process_kinds) and year (empty, or
 * PROCESS_YEAR_MIN to _MAX) in fields i_kind and i_year of a form; the
 * year into *year (0: none). The process and new-process forms.
 */
void	process_kind_year_check(struct form *, int i_kind, int i_year,
	    int *year);
void	process_form_free(struct process_form *);
/* The document process_save() and process_create() take. */
json_t	*process_form_json(const struct process_form *);

#endif
