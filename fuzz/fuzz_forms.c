/*
 * libFuzzer target: the staff forms from the request body on. The
 * first byte picks the form; the rest is the body, read as the server
 * reads it (form_parse, or params_parse_form for the action form) and
 * then checked by the form's own checks. Every value the checks leave
 * must be owned text, and every message a message id.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "action_form.h"
#include "form.h"
#include "process_form.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	check_process(const char *);
static void	check_action(const char *);
static void	whole(const struct form *);

static void (*const forms[])(const char *) = {
	check_process,
	check_action,
};
#define NFORMS	(sizeof(forms) / sizeof(forms[0]))

/* Each value is text and each message is set only with a value. */
static void
whole(const struct form *f)
{
	int	i, n = 0;

	for (i = 0; i < f->n; i++) {
		if (f->v[i] == NULL)
			abort();
		(void)strlen(f->v[i]);
		n += f->err[i] != NULL;
	}
	if (n != f->nerr)
		abort();
}

static void
check_process(const char *body)
{
	struct process_form	 pf;
	const char		*bad;
	json_t			*doc;

	memset(&pf, 0, sizeof(pf));
	if (form_parse(&pf.form, process_fields, PF_COUNT, body, &bad) !=
	    PARAM_OK)
		return;
	if (process_form_check(&pf) == 0) {
		doc = process_form_json(&pf);
		json_decref(doc);
	}
	whole(&pf.form);
	process_form_free(&pf);
}

static void
check_action(const char *body)
{
	struct action_form	 f;
	char			*v[AF_COUNT];
	const char		*bad;

	memset(v, 0, sizeof(v));
	if (params_parse_form(body, action_form_params, AF_COUNT, v, &bad) !=
	    PARAM_OK)
		return;
	action_form_check(&f, v);
	action_form_free(&f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char	*body;

	if (len == 0)
		return 0;
	if ((body = malloc(len)) == NULL)
		return 0;
	memcpy(body, data + 1, len - 1);
	body[len - 1] = '\0';
	forms[data[0] % NFORMS](body);
	free(body);
	return 0;
}
