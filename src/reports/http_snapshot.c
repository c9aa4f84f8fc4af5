/*
 * The admin's snapshots of a process (/b/p/ID/snapshots): the list, and
 * a form that freezes the process's table as of a day. The database
 * function snapshot_create() checks the role and the date again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "db.h"
#include "fields.h"
#include "process_form.h"
#include "report.h"
#include "rows.h"
#include "snapshot_form.h"
#include "tmpl.h"

int	page_admin_snapshots(struct http_request *);

struct snapshot_page {
	struct backend	 b;
	long long	 id;
	char		 pid[32];
	char		 slug[80];
	char		 first_day[11];	/* the earliest day to freeze */
	char		 last_day[11];	/* yesterday, in Helsinki */
	char		 title[PROCESS_TITLE_BYTES];
	int		 title_fi;	/* the title shown is the Finnish one */
	const struct form *form;	/* what was sent, or NULL */
	const char	*error;		/* msgid of a failed save, or NULL */
	int		 status;
};

/* Refusals of snapshot_create() that the day's field answers. */
static const struct form_refusal snapshot_refusals[] = {
	{ "22023", SN_AS_OF, N_("That day has not ended yet. A snapshot "
	    "shows a day that has ended: yesterday or earlier.") },
	{ "22008", SN_AS_OF, N_("The process did not exist yet on that day, "
	    "so a snapshot of it would show every action as added later. "
	    "Choose the process's first day or a later one.") },
	{ NULL, 0, NULL }
};

static int	snapshot_load(struct http_request *, struct snapshot_page *);
static int	snapshot_post(struct http_request *, struct snapshot_page *,
		    struct snapshot_form *);
static int	snapshot_rows(struct html *, const struct snapshot_page *);
static void	snapshot_render(struct http_request *, struct snapshot_page *);

int
page_admin_snapshots(struct http_request *req)
{
	struct snapshot_page	sp;
	struct snapshot_form	f;

	memset(&sp, 0, sizeof(sp));
	memset(&f, 0, sizeof(f));
	if (backend_open(req, &sp.b, BACKEND_NEED_ADMIN) == -1)
		goto out;
	sp.id = strtoll(req->path + strlen("/b/p/"), NULL, 10);
	snprintf(sp.pid, sizeof(sp.pid), "%lld", sp.id);
	sp.status = 200;
	if (snapshot_load(req, &sp) == -1)
		goto out;
	if (req->method == HTTP_METHOD_POST &&
	    snapshot_post(req, &sp, &f) == -1)
		goto out;
	snapshot_render(req, &sp);
out:
	snapshot_form_free(&f);
	backend_end(&sp.b);
	return KORE_RESULT_OK;
}

/* The process's address and title; -1 after answering 404 or 503. */
static int
snapshot_load(struct http_request *req, struct snapshot_page *sp)
{
	struct kore_pgsql	 sql;
	struct row_text		 title;
	int			 rc = -1;

	kore_pgsql_init(&sql);
	if (backend_query_one(req, &sp->b, &sql, "SELECT slug, title, "
	    "title_sv, title_en, to_char(process_first_day(id), "
	    "'YYYY-MM-DD') AS first_day, to_char((now() AT TIME ZONE "
	    "'Europe/Helsinki')::date - 1, 'YYYY-MM-DD') AS last_day "
	    "FROM process WHERE id = $1", sp->pid,
	    N_("There is no such process. It may have been removed or the "
	    "address may be mistyped.")) == -1)
		goto out;
	snprintf(sp->slug, sizeof(sp->slug), "%s", db_text(&sql, 0, "slug"));
	snprintf(sp->first_day, sizeof(sp->first_day), "%s",
	    db_text(&sql, 0, "first_day"));
	snprintf(sp->last_day, sizeof(sp->last_day), "%s",
	    db_text(&sql, 0, "last_day"));
	result_text_cols(&title, &sql, "title");
	snprintf(sp->title, sizeof(sp->title), "%s", result_text(&sql, 0,
	    &title, sp->b.pg.lang, &sp->title_fi));
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	return rc;
}

/*
 * Reads the form and makes the snapshot with snapshot_create(). Returns
 * -1 after answering (a redirect, or a refusal); 0 when the form is to
 * be shown again with its messages.
 */
static int
snapshot_post(struct http_request *req, struct snapshot_page *sp,
    struct snapshot_form *f)
{
	const char	*args[3];
	char		 code[8], as_of[16];

	if (backend_form_read(req, &sp->b, &f->form, snapshot_fields,
	    SN_COUNT) == -1)
		return -1;
	sp->form = &f->form;
	sp->status = 422;
	if (snapshot_form_check(f) > 0)
		return 0;
	snapshot_form_as_of(f, as_of, sizeof(as_of));
	args[0] = sp->pid;
	args[1] = as_of;
	args[2] = f->form.v[SN_LABEL];
	if (backend_change(req, &sp->b, NULL, "SELECT snapshot_create($1, $2, "
	    "$3::date, $4, $5)", 3, args, code, sizeof(code)) == 0) {
		backend_redirect_with(req, &sp->b, "saved=1",
		    "/b/p/%lld/snapshots", sp->id);
		return -1;
	}
	if (strcmp(code, "42501") == 0) {
		backend_admins_only(req, &sp->b);
		return -1;
	}
	if (strcmp(code, "P0002") == 0) {
		backend_refused(req, &sp->b, 404, N_("It has been removed "
		    "meanwhile. Nothing was saved."));
		return -1;
	}
	if (form_fail_code(&f->form, code, snapshot_refusals) == 0)
		sp->error = backend_save_error(code, NULL, &sp->status);
	return 0;
}

/* A snapshot of the process of the page arg in the list. */
static void
snapshot_row(struct tmpl_vars *rv, struct kore_pgsql *sql, int i,
    enum lang lang, const void *arg)
{
	const struct snapshot_page	*sp = arg;

	report_snapshot_vars(rv, sql, i, sp->slug, lang);
	db_vars(rv, sql, i, "rows", (char *)NULL);
	tv_date(rv, "made", db_text(sql, i, "created"));
	tv_text(rv, "made_by", db_text(sql, i, "created_by"));
}

/* The process's snapshots, newest first; -1 when the database failed. */
static int
snapshot_rows(struct html *rows, const struct snapshot_page *sp)
{
	const char	*params[1] = { sp->pid };

	return db_render_rows(db_query, rows, tpl("snapshot_admin.row"),
	    sp->b.pg.lang, snapshot_row, sp, "SELECT s.id, "
	    "s.as_of, s.label, "
	    "(SELECT count(*) FROM snapshot_row r WHERE "
	    "r.snapshot_id = s.id) AS rows, "
	    "s.created_at AS created, "
	    "coalesce(u.email, '') AS created_by FROM snapshot s "
	    "LEFT JOIN app_user u ON u.id = s.created_by "
	    "WHERE s.process_id = $1 "
	    "ORDER BY s.as_of DESC, s.id DESC", 1, params) == -1 ? -1 : 0;
}

static void
snapshot_render(struct http_request *req, struct snapshot_page *sp)
{
	static const struct field_view	label[] = {
		{ .field = SN_LABEL, .label = N_("Label"), .hint = N_("For "
		    "example: Report to the regional council, 11/2024.") },
	};
	struct backend			*b = &sp->b;
	struct tmpl_vars		 tv;
	struct html			 rows;
	const struct form		*f = sp->form;
	enum lang			 lang = b->pg.lang;

	tv_init(&tv);
	html_init(&rows);
	if (snapshot_rows(&rows, sp) == -1) {
		backend_unavailable(req, b);
		goto out;
	}
	tv_text(&tv, "title", sp->title);
	tv_text(&tv, "title_lang", lang_attr(lang, sp->title_fi));
	tv_html(&tv, "rows", &rows);
	tv_textf(&tv, "id", "%lld", sp->id);
	tv_text(&tv, "csrf", b->st.csrf);
	tv_text(&tv, "lang_query", lang_query(lang));
	tv_text(&tv, "as_of", f ? f->v[SN_AS_OF] : "");
	tv_text(&tv, "min_day", sp->first_day);
	tv_text(&tv, "max_day", sp->last_day);
	tv_date(&tv, "first_day", sp->first_day);
	tv_date(&tv, "last_day", sp->last_day);
	fields_html(&tv, "label_field", snapshot_fields, FIELD_VIEWS(label),
	    f ? (const char *const *)f->v : NULL, f, lang);
	tv_text(&tv, "err_as_of", f && f->err[SN_AS_OF] ?
	    T(lang, f->err[SN_AS_OF]) : "");
	tv_text(&tv, "error", sp->error ? T(lang, sp->error) : "");
	tv_text(&tv, "saved", sp->status == 200 &&
	    (b->notices & BACKEND_SAVED) ? "1" : "");
	backend_title(b, N_("Snapshots"), "/b/p/%lld/snapshots", sp->id);
	backend_show(req, b, "snapshot_admin", &tv, sp->status);
out:
	tv_free(&tv);
	html_free(&rows);
}
