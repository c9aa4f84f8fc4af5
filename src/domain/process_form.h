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

#include "params.h"

#define PROCESS_TITLE_MAX	300	/* characters */
#define PROCESS_QUESTION_MAX	2000
#define PROCESS_DESCRIPTION_MAX	20000
#define PROCESS_YEAR_MIN	1900
#define PROCESS_YEAR_MAX	2200

enum { PF_TITLE, PF_KIND, PF_YEAR, PF_QUESTION, PF_DESCRIPTION,
    PF_PUBLISHED, PF_TITLE_SV, PF_TITLE_EN, PF_QUESTION_SV, PF_QUESTION_EN,
    PF_DESCRIPTION_SV, PF_DESCRIPTION_EN, PF_CSRF, PF_COUNT };

extern const struct param_spec process_form_params[PF_COUNT];
/* Each field's error variable in the template: "err_title", ... */
extern const char *const process_form_errors[PF_COUNT];
/* Each text field's limit in characters (0: not a limited text). */
extern const int process_form_chars[PF_COUNT];

struct process_form {
	char		*v[PF_COUNT];	/* owned; "" when not given */
	const char	*err[PF_COUNT];	/* a msgid, or NULL */
	int		 nerr;
	int		 year;		/* 0: none */
};

/*
 * Takes the values of process_form_params (values[i] NULL when absent;
 * they become the form's) and checks them; the number of errors.
 */
int	process_form_check(struct process_form *, char **values);
void	process_form_free(struct process_form *);
/* The document process_save() and process_create() take. */
json_t	*process_form_json(const struct process_form *);

#endif
