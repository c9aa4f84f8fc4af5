/*
 * The review queue (an admin's /b/review): each unit update that waits
 * for review with what it changes, field by field, and two answers:
 * approve (action_pending_approve: saved as the editor's update) or
 * return with a comment (action_pending_return). And what "My actions"
 * says of one's own updates that wait or were returned.
 */
#include <libpq-fe.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "catalog_cache.h"
#include "db.h"
#include "field_limits.h"
#include "form.h"
#include "review.h"

int	page_backend_review(struct http_request *);
int	page_backend_review_decide(struct http_request *);

static void	returned_row(struct tmpl_vars *, struct kore_pgsql *, int,
		    enum lang, const void *);
static int	review_returned(struct html *, const char *const *,
		    enum lang);
static void	review_item(struct html *, struct kore_pgsql *, int *,
		    const struct backend *);
static const char *review_value(const char *, const char *, enum lang);
static const char *review_label(const char *);

/* The fields of action_pending_diff() and what the form calls them. */
static const char *const diff_fields[][2] = {
	{ "status", N_("Status") },
	{ "status_note", N_("Status note") },
	{ "schedule", N_("Schedule") },
	{ "actual_start", N_("Started on") },
	{ "actual_end", N_("Finished on") },
	{ "info", N_("Additional information") },
	{ "evidence", N_("Evidence links") },
	{ "status_note_sv", N_("Status note in Swedish") },
	{ "status_note_en", N_("Status note in English") },
	{ "info_sv", N_("Additional information in Swedish") },
	{ "info_en", N_("Additional information in English") },
	{ "reason", N_("Why it will not be done") },
};

#define RETURNED_SQL \
	"SELECT ap.action_id, a.body, p.title, ap.comment, " \
	"coalesce(d.email, '') AS decided_by, " \
	"to_char(ap.decided_at, 'YYYY-MM-DD') AS decided_at, " \
	"(SELECT count(*) FROM action_pending w WHERE w.state = 'pending' " \
	"AND w.submitted_by = $1) AS waiting " \
	"FROM action_pending ap JOIN action a ON a.id = ap.action_id " \
	"JOIN process p ON p.id = a.process_id " \
	"LEFT JOIN app_user d ON d.id = ap.decided_by " \
	"WHERE ap.state = 'returned' AND ap.submitted_by = $1 " \
	"AND a.deleted_at IS NULL ORDER BY ap.decided_at DESC, ap.id DESC"

#define WAITING_SQL \
	"SELECT count(*) AS waiting FROM action_pending " \
	"WHERE state = 'pending' AND submitted_by = $1"

#define QUEUE_SQL \
	"SELECT ap.id, ap.action_id, a.body, p.title, " \
	"coalesce(u.email, '') AS submitted_by, " \
	"to_char(ap.submitted_at, 'YYYY-MM-DD HH24:MI') AS submitted_at, " \
	"coalesce(d.field, '') AS field, coalesce(d.before, '') AS before, " \
	"coalesce(d.after, '') AS after " \
	"FROM action_pending ap JOIN action a ON a.id = ap.action_id " \
	"JOIN process p ON p.id = a.process_id " \
	"LEFT JOIN app_user u ON u.id = ap.submitted_by " \
	"LEFT JOIN LATERAL action_pending_diff(ap.id, $1, $2) d ON true " \
	"WHERE ap.state = 'pending' ORDER BY ap.submitted_at, ap.id"

/* A returned update, row i of sql, with its comment. */
static void
returned_row(struct tmpl_vars *rv, struct kore_pgsql *sql, int i,
    enum lang lang, const void *arg)
{
	(void)arg;
	backend_action_vars(rv, db_text(sql, i, "action_id"),
	    db_text(sql, i, "body"), lang);
	tv_text(rv, "process", db_text(sql, i, "title"));
	tv_text(rv, "comment", db_text(sql, i, "comment"));
	tv_text(rv, "by", db_text(sql, i, "decided_by"));
	tv_date(rv, "at", db_text(sql, i, "decided_at"));
	tv_text(rv, "content_lang", lang_attr(lang, 1));
}

/*
 * The user's returned updates (params: the user), each with its
 * comment, into out: 0, or -1 when the database failed.
 */
static int
review_returned(struct html *out, const char *const *params, enum lang lang)
{
	struct tmpl_vars	 gv;
	struct html		 rows;
	int			 n;

	html_init(&rows);
	n = db_render_rows(db_query, &rows, tpl("dashboard.returned_row"),
	    lang, returned_row, NULL, RETURNED_SQL, 1, params);
	if (n > 0) {
		tv_init(&gv);
		tv_textf(&gv, "count", "%d", n);
		tv_html(&gv, "rows", &rows);
		tmpl_render(out, tpl("dashboard.returned"), &gv, lang);
		tv_free(&gv);
	}
	html_free(&rows);
	return n == -1 ? -1 : 0;
}

int
review_dashboard(struct tmpl_vars *tv, const struct backend *b)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 wv;
	struct html		 out;
	char			 uid[32];
	const char		*params[1] = { uid };
	int			 rc = -1;

	kore_pgsql_init(&sql);
	tv_init(&wv);
	html_init(&out);
	snprintf(uid, sizeof(uid), "%lld", b->st.id);
	if (review_returned(&out, params, b->pg.lang) == -1 ||
	    db_query(&sql, WAITING_SQL, 1, params) == -1 ||
	    kore_pgsql_ntuples(&sql) != 1)
		goto out;
	if (strcmp(db_text(&sql, 0, "waiting"), "0") != 0) {
		tv_text(&wv, "count", db_text(&sql, 0, "waiting"));
		tmpl_render(&out, tpl("dashboard.waiting"), &wv, b->pg.lang);
	}
	tv_html(tv, "returned", &out);
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	tv_free(&wv);
	html_free(&out);
	return rc;
}

int
review_action_notice(struct html *out, const char *aid, enum lang lang)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 tv;
	const char		*params[1] = { aid };
	int			 rc = -1;

	kore_pgsql_init(&sql);
	tv_init(&tv);
	if (db_query(&sql, "SELECT ap.state, ap.comment, "
	    "coalesce(u.email, '') AS by, to_char(ap.submitted_at, "
	    "'YYYY-MM-DD HH24:MI') AS at FROM action_pending ap "
	    "LEFT JOIN app_user u ON u.id = ap.submitted_by "
	    "WHERE ap.action_id = $1 AND ap.state IN ('pending', 'returned') "
	    "ORDER BY ap.id DESC LIMIT 1", 1, params) == -1)
		goto out;
	if (kore_pgsql_ntuples(&sql) == 1) {
		tv_text(&tv, "waiting", strcmp(db_text(&sql, 0, "state"),
		    "pending") == 0 ? "1" : "");
		tv_text(&tv, "by", db_text(&sql, 0, "by"));
		tv_date(&tv, "at", db_text(&sql, 0, "at"));
		tv_text(&tv, "comment", db_text(&sql, 0, "comment"));
		tmpl_render(out, tpl("backend_action.review"), &tv, lang);
	}
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	tv_free(&tv);
	return rc;
}

/* The msgid of a field of action_pending_diff(), or NULL. */
static const char *
review_label(const char *field)
{
	size_t	i;

	for (i = 0; i < sizeof(diff_fields) / sizeof(diff_fields[0]); i++)
		if (strcmp(diff_fields[i][0], field) == 0)
			return diff_fields[i][1];
	return NULL;
}

/* A value of field as a person reads it. */
static const char *
review_value(const char *field, const char *v, enum lang lang)
{
	const struct status	*st;

	if (strcmp(field, "status") == 0) {
		st = status_by_code(&catalog_get()->statuses, v);
		return st ? st->label[lang] : T(lang, "Not given");
	}
	return *v != '\0' ? v : T(lang, "Not given");
}

/*
 * The pending update at row *i of sql with every row of its fields
 * (*i moves past them), and its two forms.
 */
static void
review_item(struct html *out, struct kore_pgsql *sql, int *i,
    const struct backend *b)
{
	struct tmpl_vars	 tv, fv;
	struct html		 rows;
	enum lang		 lang = b->pg.lang;
	const char		*id = db_text(sql, *i, "id"), *f, *label;
	int			 n = kore_pgsql_ntuples(sql);

	tv_init(&tv);
	tv_init(&fv);
	html_init(&rows);
	tv_text(&tv, "id", id);
	backend_action_vars(&tv, db_text(sql, *i, "action_id"),
	    db_text(sql, *i, "body"), lang);
	tv_text(&tv, "process", db_text(sql, *i, "title"));
	tv_text(&tv, "by", db_text(sql, *i, "submitted_by"));
	tv_date(&tv, "at", db_text(sql, *i, "submitted_at"));
	tv_text(&tv, "csrf", b->st.csrf);
	tv_text(&tv, "lang_query", lang_query(lang));
	tv_text(&tv, "content_lang", lang_attr(lang, 1));
	for (; *i < n && strcmp(db_text(sql, *i, "id"), id) == 0; (*i)++) {
		f = db_text(sql, *i, "field");
		if ((label = review_label(f)) == NULL)
			continue;
		tv_reset(&fv);
		tv_text(&fv, "label", T(lang, label));
		tv_text(&fv, "before", review_value(f, db_text(sql, *i,
		    "before"), lang));
		tv_text(&fv, "after", review_value(f, db_text(sql, *i,
		    "after"), lang));
		tmpl_render(&rows, tpl("review.field"), &fv, lang);
	}
	tv_text(&tv, "has_rows", html_len(&rows) ? "1" : "");
	tv_html(&tv, "rows", &rows);
	tmpl_render(out, tpl("review.item"), &tv, lang);
	tv_free(&tv);
	tv_free(&fv);
	html_free(&rows);
}

/* GET /b/review: the updates that wait, oldest first. */
BACKEND_VIEW_DEFINE(page_backend_review, BACKEND_NEED_ADMIN |
    BACKEND_NEED_CATALOG, "review", queue_render);

static int
queue_render(struct http_request *req, void *arg, struct tmpl_vars *tv)
{
	struct backend_page	*p = arg;
	struct html		 items;
	const char		*params[2];
	int			 i, count = 0;

	params[0] = T(p->b.pg.lang, "Continuous");
	params[1] = lang_codes[p->b.pg.lang];
	if (db_query(&p->row, QUEUE_SQL, 2, params) == -1) {
		backend_unavailable(req, &p->b);
		return -1;
	}
	html_init(&items);
	for (i = 0; i < kore_pgsql_ntuples(&p->row); count++)
		review_item(&items, &p->row, &i, &p->b);
	tv_html(tv, "items", &items);
	tv_textf(tv, "count", "%d", count);
	tv_text(tv, "saved", (p->b.notices & BACKEND_SAVED) ? "1" : "");
	tv_text(tv, "returned", (p->b.notices & BACKEND_REMOVED) ? "1" : "");
	backend_title(&p->b, N_("Review queue"), "/b/review");
	html_free(&items);
	return 0;
}

enum { RV_OP, RV_COMMENT, RV_CSRF, RV_COUNT };
static const struct param_spec review_form[RV_COUNT] = {
	{ "op", 8, NULL, 0 },
	{ "comment", PARAM_BYTES(REVIEW_COMMENT_MAX), NULL,
	    PARAM_MULTILINE },
	PARAM_CSRF,
};

/* What a refused approval or return tells the admin. */
static const struct backend_refusal review_refusals[] = {
	{ "P0002", 404, N_("This update no longer waits: someone approved or "
	    "returned it, or the editor replaced it. Nothing was saved."),
	    BACKEND_REFUSE },
	{ "40001", 409, N_("The action was changed after this update was "
	    "made. Return the update to the editor to be made again. Nothing "
	    "was saved."), BACKEND_REFUSE },
	{ "42501", 403, N_("The editor may no longer update this action. "
	    "Return the update instead. Nothing was saved."), BACKEND_REFUSE },
	{ "TP001", 422, N_("Write a comment: the editor needs to know what "
	    "to change. Nothing was saved."), BACKEND_REFUSE },
	{ "TP002", 422, N_("The comment is too long: at most 2,000 "
	    "characters. Nothing was saved."), BACKEND_REFUSE },
	{ "23503", 422, N_("The update names a reason that has been removed "
	    "meanwhile. Return it to the editor to be made again. Nothing was "
	    "saved."), BACKEND_REFUSE },
	BACKEND_AS_ADMIN	/* the rest: saving failed (503) */
};

BACKEND_BUTTON_DEFINE(page_backend_review_decide, BACKEND_NEED_ADMIN,
    review_form, RV_COUNT, review_decide_post);

/* POST /b/review/ID: op=approve, or op=return with a comment. */
static void
review_decide_post(struct http_request *req, struct backend *b, char **v)
{
	char		 pid[32];
	const char	*args[2];
	int		 approve;

	approve = strcmp(v[RV_OP], "approve") == 0;
	if (backend_path_id(req->path, "/b/review/", pid, sizeof(pid)) <= 0 ||
	    (!approve && strcmp(v[RV_OP], "return") != 0)) {
		backend_bad_form(req, b);
		return;
	}
	args[0] = pid;
	args[1] = v[RV_COMMENT];
	(void)backend_change_answer(req, b, approve ?
	    "SELECT action_pending_approve($1, $2, $3)" :
	    "SELECT action_pending_return($1, $2, $3, $4)", approve ? 1 : 2,
	    args, review_refusals, approve ? "saved=1" : "removed=1",
	    "/b/review");
}
