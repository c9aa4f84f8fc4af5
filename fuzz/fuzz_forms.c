/*
 * libFuzzer target: the forms from the request body on. The
 * first byte picks the form; the rest is the body, read as the server
 * reads it (form_parse, or params_parse_form for the action form) and
 * then checked by the form's own checks. Every value the checks leave
 * must be owned text, and every message a message id.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "action_form.h"
#include "bulk_form.h"
#include "define_form.h"
#include "follow_form.h"
#include "login_form.h"
#include "new_process_form.h"
#include "password_form.h"
#include "rec_form.h"
#include "response_form.h"
#include "round_confirm_form.h"
#include "round_form.h"
#include "settings_form.h"
#include "snapshot_form.h"
#include "milestone_form.h"
#include "reason_form.h"
#include "status_form.h"
#include "token_form.h"
#include "unit_form.h"
#include "user_form.h"
#include "form.h"
#include "process_form.h"
#include "reset_form.h"
#include "totp_form.h"
#include "verdict_form.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	check_process(const char *);
static void	check_action(const char *);
static void	whole(const struct form *);
static int	read_form(void *, size_t, struct form *,
		    const struct form_field *, int, const char *);

/* A form on the pattern: read as the server reads it, then checked. */
#define FORM(name, fields, n, check)					\
static void								\
check_##name(const char *body)						\
{									\
	struct name##_form	 tf;					\
									\
	if (read_form(&tf, sizeof(tf), &tf.form, fields, n, body) != 0)	\
		return;							\
	(void)check;							\
	whole(&tf.form);						\
	name##_form_free(&tf);						\
}



/* Empties the typed form *tf (size bytes), reads body into its form. */
static int
read_form(void *tf, size_t size, struct form *form,
    const struct form_field *fields, int n, const char *body)
{
	const char	*bad;

	memset(tf, 0, size);
	return form_parse(form, fields, n, body, &bad) == PARAM_OK ? 0 : -1;
}

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

FORM(define, define_fields, DF_COUNT, define_form_check(&tf, 1))
FORM(login, login_fields, LF_COUNT, login_form_check(&tf))
FORM(new_process, new_process_fields, NP_COUNT, new_process_form_check(&tf, 1))
FORM(password, password_fields, PWF_COUNT, password_form_check(&tf))
FORM(rec, rec_fields, RD_COUNT, rec_form_check(&tf))
FORM(response, response_fields, RSP_COUNT, response_form_check(&tf))
FORM(round_confirm, round_confirm_fields, RC_COUNT,
    round_confirm_form_check(&tf))
FORM(round, round_fields, RF_COUNT, round_form_check(&tf))
FORM(settings, settings_fields, ST_COUNT, settings_form_check(&tf))
FORM(snapshot, snapshot_fields, SN_COUNT, snapshot_form_check(&tf))
FORM(milestone, milestone_fields, MF_COUNT,
    milestone_form_check(&tf, "2026-11-30"))
FORM(status, status_fields, SF_COUNT, status_form_check(&tf, 1))
FORM(reason, reason_fields, RNF_COUNT, reason_form_check(&tf, 1))
FORM(unit, unit_fields, NF_COUNT, unit_form_check(&tf))
FORM(user, user_fields, UF_COUNT, user_form_check(&tf, 1, 1))
FORM(reset, reset_fields, RSF_COUNT, reset_form_check(&tf))
FORM(totp, totp_fields, TF_COUNT, totp_form_check(&tf, 1))
FORM(token, token_fields, TKF_COUNT, token_form_check(&tf))
FORM(follow, follow_fields, FOL_COUNT, follow_form_check(&tf))

/* The admins' verdict form: a check of -1 only refuses the request. */
static void
check_verdict_admin(const char *body)
{
	struct verdict_admin_form	 af;
	int				 i;

	if (read_form(&af, sizeof(af), &af.form, verdict_admin_fields, VA_COUNT,
	    body) != 0)
		return;
	if (verdict_admin_form_check(&af) >= 0) {
		if (af.links < 0 || af.links > VERDICT_LINKS_MAX ||
		    af.nemails > VERDICT_LINKS_MAX)
			abort();
		for (i = 0; i < af.nemails; i++)
			(void)strlen(af.emails[i]);
	}
	whole(&af.form);
	verdict_admin_form_free(&af);
}

/* A panel member's rating form, and its document for the database. */
static void
check_verdict(const char *body)
{
	struct verdict_form	 vf;
	char			*doc;
	size_t			 i;

	if (verdict_form_read(&vf, body) == 0) {
		for (i = 0; i < vf.n; i++)
			if (vf.items[i].comment == NULL ||
			    vf.items[i].response < 0 ||
			    vf.items[i].response > 5 ||
			    vf.items[i].progress < 0 ||
			    vf.items[i].progress > 5)
				abort();
		if ((doc = verdict_form_doc(&vf)) == NULL)
			abort();
		free(doc);
	}
	verdict_form_free(&vf);
}

static void
check_process(const char *body)
{
	struct process_form	 pf;
	json_t			*doc;

	if (read_form(&pf, sizeof(pf), &pf.form, process_fields, PF_COUNT,
	    body) != 0)
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
	const char		*bad;

	if (action_form_parse(&f, body, &bad) != PARAM_OK)
		return;
	whole(&f.form);
	action_form_free(&f);
}

/* The bulk form: its choices are read from the same body. */
static void
check_bulk(const char *body)
{
	struct bulk_form	 bf;
	json_t			*o;
	size_t			 i;

	if (read_form(&bf, sizeof(bf), &bf.form, bulk_fields, BF_COUNT,
	    body) != 0)
		return;
	(void)bulk_form_check(&bf, body);
	if (bf.nchosen > BULK_ACTIONS_MAX)
		abort();
	for (i = 0; i < bf.nchosen; i++)
		if (bf.chosen[i].id <= 0 || bf.chosen[i].revision < 0)
			abort();
	o = bulk_form_change(&bf, 0);
	json_decref(o);
	whole(&bf.form);
	bulk_form_free(&bf);
}

static void (*const forms[])(const char *) = {
	check_bulk,
	check_process,
	check_action,
	check_define,
	check_login,
	check_new_process,
	check_password,
	check_rec,
	check_response,
	check_round_confirm,
	check_round,
	check_settings,
	check_snapshot,
	check_milestone,
	check_status,
	check_reason,
	check_unit,
	check_user,
	check_reset,
	check_totp,
	check_token,
	check_verdict_admin,
	check_verdict,
	check_follow,
};
#define NFORMS	(sizeof(forms) / sizeof(forms[0]))

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
