/*
 * Forms: each form's fields declared once in a table (name, limit,
 * whether it is required, what a person is told), read from a request
 * body into owned values with a message per field. A form's own checks
 * (a choice from a list, a number in a range) add their messages with
 * form_fail(); the page shows the values and messages again.
 */
#ifndef TOTEUMA_FORM_H
#define TOTEUMA_FORM_H

#include <stddef.h>

#include "params.h"

#define FORM_FIELDS_MAX	24

/* Flags besides PARAM_MULTILINE. */
#define FORM_REQUIRED	0x100	/* empty is an error: the missing message */

struct form_field {
	const char	*name;		/* the parameter and its template var */
	const char	*err_var;	/* the template variable of its message;
					   NULL: none (fields_html draws it
					   beside the field, or the page says
					   the form's one message) */
	int		 chars;		/* a text's limit in characters;
					   0: none */
	size_t		 bytes;		/* a value's limit when chars is 0 */
	int		 flags;
	const char	*too_long;	/* msgid when over chars */
	const char	*missing;	/* msgid when FORM_REQUIRED and empty */
	int		(*check)(const char *);	/* refuses the whole request */
};

struct form {
	const struct form_field	*fields;
	int			 n;
	char			*v[FORM_FIELDS_MAX];	/* owned; "" if
							   absent */
	const char		*err[FORM_FIELDS_MAX];	/* msgids, or NULL */
	int			 nerr;
};

/* The CSRF token's field, the same in every form. */
#define FORM_CSRF	{ "csrf", "err_csrf", 0, 64, 0, NULL, NULL, NULL }

/*
 * The parameter specs of fields into specs (n of them), for
 * params_parse_form(): a text's byte limit follows from its characters.
 */
void	form_specs(const struct form_field *, int n, struct param_spec *);
/*
 * Reads an application/x-www-form-urlencoded body into f. A value that
 * is not text, or is beyond any sensible size, fails the whole request
 * (PARAM_OK otherwise, *bad names the field); a text over its limit or
 * a missing required one is a message on that field.
 */
enum param_error form_parse(struct form *, const struct form_field *, int n,
	    const char *body, const char **bad);
/*
 * The same from the parts of a multipart/form-data body (a form with a
 * file): a field's part must be text, not a file, and come once.
 */
struct mp_part;
enum param_error form_parse_parts(struct form *, const struct form_field *,
	    int n, const struct mp_part *parts, int nparts, const char **bad);
/* The same from values already parsed (they become the form's). */
void	form_take(struct form *, const struct form_field *, int n,
	    char **values);
/* Adds msgid as field i's message unless it has one already. */
void	form_fail(struct form *, int i, const char *msgid);
/* What a save the database refused means for one field of a form. */
struct form_refusal {
	const char	*code;		/* the SQLSTATE */
	int		 field;
	const char	*msgid;
};
/*
 * form_fail() for the refusal whose code is code, among refusals (the
 * last has code NULL): 1, or 0 when none has it.
 */
int	form_fail_code(struct form *, const char *code,
	    const struct form_refusal *refusals);
/*
 * The one message of a page that says one thing: the first field's
 * message that is prefer (what is missing, say), or else the first
 * field's message; NULL when there is none.
 */
const char *form_first_error(const struct form *, const char *prefer);
/* f when it holds what a request sent, or NULL before anything was. */
const struct form *form_sent(const struct form *f);
/* Wipes field i's value (a password) before the form is freed. */
void	form_wipe(struct form *, int i);
/* Whether field i is "1" (a ticked box). */
int	form_ticked(const struct form *, int i);
void	form_free(struct form *);
/*
 * FORM_FREE_DEFINE(name) defines name_free(struct name *) for a typed
 * form that owns nothing but its struct form (at form): frees that and
 * empties the typed form. Like RB_GENERATE, one definition for many.
 */
#define FORM_FREE_DEFINE(name)						\
void									\
name##_free(struct name *typed)						\
{									\
	form_free(&typed->form);					\
	memset(typed, 0, sizeof(*typed));				\
}									\
void	name##_free(struct name *)

#endif
