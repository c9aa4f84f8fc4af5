/*
 * /b/mail: the outbox as the participation team's admins see it (what
 * waits, what failed with the relay's answer, what was sent) and
 * /b/mail/ID, which sends a failed message again or cancels one.
 * mail_admin() (sql/functions/mail.sql) checks the
 * role again and write the audit row; the sender (toteumactl mail run)
 * does the sending.
 */
#include <libpq-fe.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "db.h"
#include "mail.h"
#include "tmpl.h"

int	page_admin_mail(struct http_request *);
int	page_admin_mail_item(struct http_request *);

static void	mail_row(struct tmpl_vars *, struct kore_pgsql *, int,
		    enum lang);
static const char *state_label(const char *);
static int	mail_counts(struct tmpl_vars *, struct kore_pgsql *);

static const char *
state_label(const char *state)
{
	if (strcmp(state, "waiting") == 0)
		return N_("Waiting");
	if (strcmp(state, "sent") == 0)
		return N_("Sent");
	if (strcmp(state, "failed") == 0)
		return N_("Failed");
	return N_("Cancelled");
}

static void
mail_row(struct tmpl_vars *tv, struct kore_pgsql *sql, int i, enum lang lang)
{
	const char	*state = db_text(sql, i, "state");

	db_vars(tv, sql, i, "id", "recipient", "attempts", "answer",
	    (char *)NULL);
	tv_date(tv, "created", db_text(sql, i, "created"));
	tv_date(tv, "sent", db_text(sql, i, "sent"));
	tv_date(tv, "next", strcmp(state, "waiting") == 0 ?
	    db_text(sql, i, "next") : "");
	tv_text(tv, "kind", T(lang, mail_kind_label(db_text(sql, i, "kind"))));
	tv_text(tv, "mail_lang", db_text(sql, i, "lang"));
	tv_text(tv, "state", T(lang, state_label(state)));
	tv_text(tv, "can_retry", strcmp(state, "failed") == 0 ? "1" : "");
	tv_text(tv, "can_cancel", strcmp(state, "failed") == 0 ||
	    strcmp(state, "waiting") == 0 ? "1" : "");
}

/* The counts at the top of the page: 0, or -1. */
static int
mail_counts(struct tmpl_vars *tv, struct kore_pgsql *sql)
{
	if (db_query(sql, "SELECT "
	    "count(*) FILTER (WHERE state = 'waiting') AS waiting, "
	    "count(*) FILTER (WHERE state = 'failed') AS failed, "
	    "count(*) FILTER (WHERE state = 'sent' AND "
	    "sent_at > now() - interval '7 days') AS sent "
	    "FROM mail_outbox", 0, NULL) == -1)
		return -1;
	db_vars(tv, sql, 0, "waiting", "failed", "sent", (char *)NULL);
	kore_pgsql_cleanup(sql);
	kore_pgsql_init(sql);
	return 0;
}

/* /b/mail: the 200 newest messages, failed and waiting first. */
int
page_admin_mail(struct http_request *req)
{
	struct backend		 b;
	struct kore_pgsql	 sql;
	struct tmpl_vars	 tv;

	memset(&b, 0, sizeof(b));
	kore_pgsql_init(&sql);
	tv_init(&tv);
	if (backend_open(req, &b, BACKEND_NEED_ADMIN) == -1)
		goto out;
	if (mail_counts(&tv, &sql) == -1) {
		backend_unavailable(req, &b);
		goto out;
	}
	backend_list(req, &b, &tv, "admin_mail", N_("Outgoing mail"),
	    "/b/mail", mail_row, "SELECT id, recipient, kind, lang, state, "
	    "attempts, last_answer AS answer, "
	    "to_char(created_at AT TIME ZONE 'Europe/Helsinki', "
	    "'YYYY-MM-DD HH24:MI') AS created, "
	    "coalesce(to_char(sent_at AT TIME ZONE 'Europe/Helsinki', "
	    "'YYYY-MM-DD HH24:MI'), '') AS sent, "
	    "to_char(next_attempt AT TIME ZONE 'Europe/Helsinki', "
	    "'YYYY-MM-DD HH24:MI') AS next "
	    "FROM mail_outbox ORDER BY CASE state WHEN 'failed' THEN 0 "
	    "WHEN 'waiting' THEN 1 ELSE 2 END, created_at DESC, id DESC "
	    "LIMIT 200");
out:
	backend_end(&b);
	tv_free(&tv);
	kore_pgsql_cleanup(&sql);
	return KORE_RESULT_OK;
}

enum { MI_CSRF, MI_OP, MI_COUNT };
/* What both a retry and a cancel may be told. */
#define MAIL_REFUSALS \
	{ "P0002", 404, N_("There is no such message."), \
	    BACKEND_ERROR_PAGE }, \
	{ "42501", 403, BACKEND_ADMINS_ONLY, BACKEND_ERROR_PAGE }, \
	{ NULL, 503, N_("Please try again in a moment."), BACKEND_REFUSE }
static const struct param_spec item_form[MI_COUNT] = {
	PARAM_CSRF,
	{ "op", 6, NULL, 0 },
};

BACKEND_BUTTON_DEFINE(page_admin_mail_item, BACKEND_NEED_ADMIN, item_form,
    MI_COUNT, mail_item_post);

/* /b/mail/ID: op=retry sends a failed message again, op=cancel drops it. */
static void
mail_item_post(struct http_request *req, struct backend *b, char **v)
{
	/* The answers to a retry, then to a cancel. */
	static const struct backend_refusal	refusals[2][5] = { {
		{ "22023", 409, N_("Only a failed message can be sent "
		    "again."), BACKEND_ERROR_PAGE },
		MAIL_REFUSALS
	}, {
		{ "22023", 409, N_("A message that was sent or cancelled "
		    "cannot be cancelled."), BACKEND_ERROR_PAGE },
		MAIL_REFUSALS
	} };
	char		 id[24];
	const char	*args[2];
	int		 retry;

	retry = strcmp(v[MI_OP], "retry") == 0;
	if (!retry && strcmp(v[MI_OP], "cancel") != 0) {
		backend_bad_form(req, b);
		return;
	}
	backend_path_id(req->path, "/b/mail/", id, sizeof(id));
	args[0] = id;
	args[1] = v[MI_OP];
	(void)backend_change_answer(req, b, "SELECT mail_admin($1, $2, $3, "
	    "$4)", 2, args, refusals[retry ? 0 : 1], "saved=1", "/b/mail");
}
