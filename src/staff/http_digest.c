/*
 * The weekly digest of an editor's actions that need attention (mailed
 * on Mondays, sql/functions/staff_mail.sql): each user turns their own
 * on or off from "My actions" (POST /b/digest, user_digest_set()).
 * Admins see every action and get no digest.
 */
#include <stdio.h>
#include <string.h>

#include "backend.h"
#include "db.h"
#include "digest.h"
#include "tmpl.h"

int	page_digest(struct http_request *);

int
digest_vars(struct tmpl_vars *tv, const struct backend *b)
{
	struct kore_pgsql	 sql;
	char			 uid[32];
	const char		*params[1] = { uid };
	int			 rc = -1;

	snprintf(uid, sizeof(uid), "%lld", b->st.id);
	if (db_query(&sql, "SELECT weekly_digest FROM app_user WHERE id = $1",
	    1, params) == 0 && kore_pgsql_ntuples(&sql) == 1) {
		tv_text(tv, "digest_shown", b->st.is_admin ? "" : "1");
		tv_text(tv, "digest_on", db_true(&sql, 0, "weekly_digest") ?
		    "1" : "");
		tv_text(tv, "digest_saved", (b->notices & BACKEND_SAVED) ?
		    "1" : "");
		tv_text(tv, "csrf", b->st.csrf);
		tv_text(tv, "lang_query", lang_query(b->pg.lang));
		rc = 0;
	}
	kore_pgsql_cleanup(&sql);
	return rc;
}

enum { DG_CSRF, DG_ON, DG_COUNT };
static const struct param_spec digest_form[DG_COUNT] = {
	PARAM_CSRF,
	PARAM_FLAG("on"),
};

BACKEND_BUTTON_DEFINE(page_digest, BACKEND_NEED_SESSION, digest_form,
    DG_COUNT, digest_post);

/* POST /b/digest: on=1 turns the user's weekly digest on, on=0 off. */
static void
digest_post(struct http_request *req, struct backend *b, char **v)
{
	static const struct backend_refusal	refusals[] = {
		{ NULL, 503, N_("Please try again in a moment."),
		    BACKEND_REFUSE }
	};
	const char	*args[1];

	if (strcmp(v[DG_ON], "0") != 0 && strcmp(v[DG_ON], "1") != 0) {
		backend_bad_form(req, b);
		return;
	}
	args[0] = strcmp(v[DG_ON], "1") == 0 ? "true" : "false";
	(void)backend_change_answer(req, b, "SELECT user_digest_set($1, "
	    "$2::boolean, $3)", 1, args, refusals, "saved=1", "/b");
}
