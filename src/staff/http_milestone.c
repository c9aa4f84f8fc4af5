/*
 * One milestone of an action, by an editor of its unit (or an admin):
 * /b/a/ID/m/new adds one, /b/a/ID/m/MID changes or removes it. GET
 * shows the form; POST saves it with action_milestone_save() and goes
 * back to the action's form, or shows the form again with the messages
 * (422), or with the action's new revision when someone saved the
 * action meanwhile (409). Who may edit is decided in the database
 * (user_may_edit_action) for every request. Also the list of the
 * milestones on the action's form (milestones.h).
 */
#include <libpq-fe.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend.h"
#include "fields.h"
#include "date.h"
#include "db.h"
#include "milestone_form.h"

int	page_backend_milestone(struct http_request *);

/* The action and the milestone the form shows, by their own names. */
#define MILESTONE_SQL \
	"SELECT a.id, a.body, p.title AS process, a.revision, " \
	"user_may_edit_action($2, a.id) AS may_edit, " \
	"coalesce(m.title, '') AS title, coalesce(m.title_sv, '') " \
	"AS title_sv, coalesce(m.title_en, '') AS title_en, " \
	"coalesce(m.target, '') AS target, coalesce(m.done::text, '') " \
	"AS done, coalesce(m.note, '') AS note, m.id IS NOT NULL AS found " \
	"FROM action a JOIN process p ON p.id = a.process_id " \
	"LEFT JOIN action_milestone_list(a.id) m ON m.id = $3::integer " \
	"WHERE a.id = $1 AND a.deleted_at IS NULL"

struct milestone_page {
	struct backend_page	 p;
	struct milestone_form	 f;		/* what was sent */
	char			 aid[32], mid[16];	/* mid: "new" or id */
	const char		*cur[MF_COUNT];	/* what the form shows */
};

BACKEND_FORM_PAGE_DEFINE(page_backend_milestone, BACKEND_NEED_SESSION,
    milestone_page, "backend_milestone", milestone_load, milestone_post,
    milestone_render);

static int	milestone_saved(struct http_request *, struct milestone_page *,
		    struct milestone_form *, const char *);

/*
 * The action and the milestone of the path into mp (its values into
 * mp->cur): 0, or -1 after answering (404, 403, 503).
 */
static int
milestone_load(struct http_request *req, void *arg)
{
	struct milestone_page	*mp = arg;
	const char		*p = req->path + strlen("/b/a/"), *params[3];
	char			 uid[32];
	int			 i;

	snprintf(mp->aid, sizeof(mp->aid), "%lld", strtoll(p, NULL, 10));
	p = strstr(p, "/m/") + 3;
	snprintf(mp->mid, sizeof(mp->mid), "%s", p);
	snprintf(uid, sizeof(uid), "%lld", mp->p.b.st.id);
	params[0] = mp->aid;
	params[1] = uid;
	params[2] = strcmp(p, "new") == 0 ? "0" : p;
	if (backend_query_row(req, &mp->p.b, &mp->p.row, MILESTONE_SQL, 3,
	    params, N_("There is no such action. It may have been "
	    "removed.")) == -1)
		return -1;
	if (strcmp(p, "new") != 0 && !db_true(&mp->p.row, 0, "found")) {
		backend_error(req, &mp->p.b, 404, N_("There is no such "
		    "milestone. It may have been removed."));
		return -1;
	}
	if (!db_true(&mp->p.row, 0, "may_edit")) {
		backend_denied(req, &mp->p.b, N_("This action belongs to "
		    "another unit. You can update the actions of your own "
		    "units only."));
		return -1;
	}
	for (i = 0; i < MF_COUNT; i++)
		mp->cur[i] = "";
	for (i = MF_TITLE; i <= MF_NOTE; i++)
		mp->cur[i] = db_text(&mp->p.row, 0, milestone_fields[i].name);
	mp->cur[MF_REVISION] = db_text(&mp->p.row, 0, "revision");
	return 0;
}

/* -1 after answering; 0 when the form is to be shown again. */
static int
milestone_post(struct http_request *req, void *arg)
{
	struct milestone_page	*mp = arg;
	struct milestone_form	*f = &mp->f;
	const char		*args[4];
	char			 today[11], code[8], *doc;
	int			 i, rc;

	if (backend_page_read(req, &mp->p, &f->form, milestone_fields,
	    MF_COUNT) == -1)
		return -1;
	date_day_finland(time(NULL), today);
	if (milestone_form_check(f, today) > 0) {
		if (!f->remove)
			for (i = MF_TITLE; i <= MF_REVISION; i++)
				mp->cur[i] = f->form.v[i];
		mp->p.error = N_("Nothing was saved yet. Check these fields:");
		return 0;
	}
	doc = milestone_form_document(f);
	args[0] = mp->aid;
	args[1] = f->form.v[MF_REVISION];
	args[2] = strcmp(mp->mid, "new") == 0 ? NULL : mp->mid;
	args[3] = doc;
	rc = backend_change(req, &mp->p.b, NULL, "SELECT action_milestone_save("
	    "$1, $2, $3, $4::integer, $5::jsonb, $6)", 4, args, code,
	    sizeof(code));
	free(doc);
	return milestone_saved(req, mp, f, rc == 0 ? NULL : code);
}

#define MILESTONE_GONE	N_("The action or its milestone is no longer yours " \
	"to change, or it was removed. Nothing was saved.")

/*
 * After a save that failed with SQLSTATE code (NULL: it did not fail):
 * -1 after answering, or 0 with the form to show again and why.
 */
static int
milestone_saved(struct http_request *req, struct milestone_page *mp,
    struct milestone_form *f, const char *code)
{
	static const struct backend_refusal	codes[] = {
		{ "42501", 403, MILESTONE_GONE, BACKEND_REFUSE },
		{ "P0002", 404, MILESTONE_GONE, BACKEND_REFUSE },
		{ "40001", 409, N_("Someone else saved this action while "
		    "you were editing it. Check the milestone and save "
		    "again."), BACKEND_FORM_AGAIN },
		BACKEND_AGAIN("TM001", N_("An action has at most 20 "
		    "milestones.")),
		BACKEND_AGAIN("TM002", N_("The day it was done can not be "
		    "in the future.")),
		BACKEND_END
	};
	int	i;

	if (code == NULL) {
		backend_redirect_with(req, &mp->p.b, "saved=1",
		    "/b/a/%s", mp->aid);
		return -1;
	}
	mp->p.status = 422;
	if (backend_save_refused(req, &mp->p.b, code, codes, &mp->p.error,
	    &mp->p.status) == -1)
		return -1;
	if (!f->remove)
		for (i = MF_TITLE; i <= MF_NOTE; i++)
			mp->cur[i] = f->form.v[i];
	/* The stored revision, read before the save: the next try's base. */
	mp->cur[MF_REVISION] = db_text(&mp->p.row, 0, "revision");
	return 0;
}

/* With the message of each field sent, when it is shown again. */
static int
milestone_render(struct http_request *req, void *arg,
    struct tmpl_vars *tv)
{
	static const struct field_view	titles[] = {
		FIELD_VIEWS_FI_SV_EN(MF_TITLE, N_("Title in Finnish"),
		    N_("Title in Swedish"), N_("Title in English"), 0)
	};
	static const struct field_view	dates[] = {
		{ .field = MF_TARGET, .label = N_("Target month"),
		    .hint = FIELD_MONTH_HINT, .required = 1, FIELD_MONTH },
		{ .field = MF_DONE, .label = N_("Done on"), .hint = N_("Leave "
		    "it empty until the milestone is reached."),
		    .type = "date" },
	};
	static const struct field_view	note[] = {
		{ .field = MF_NOTE, .label = N_("Note"), .lang = "fi",
		    .rows = 3 }
	};
	struct milestone_page		*mp = arg;
	struct backend			*b = &mp->p.b;
	struct html			 list;

	html_init(&list);
	if (mp->p.error != NULL && mp->f.form.fields != NULL)
		backend_form_errors(tv, &list, &mp->f.form, b->pg.lang);
	tv_html(tv, "errors", &list);
	tv_text(tv, "revision", mp->cur[MF_REVISION]);
	fields_html(tv, "title_fields", milestone_fields, FIELD_VIEWS(titles),
	    mp->cur, &mp->f.form, b->pg.lang);
	fields_html(tv, "date_fields", milestone_fields, FIELD_VIEWS(dates),
	    mp->cur, &mp->f.form, b->pg.lang);
	fields_html(tv, "note_field", milestone_fields, FIELD_VIEWS(note),
	    mp->cur, &mp->f.form, b->pg.lang);
	tv_text(tv, "new", strcmp(mp->mid, "new") == 0 ? "1" : "");
	tv_text(tv, "id", mp->aid);
	tv_text(tv, "mid", mp->mid);
	tv_text(tv, "body", db_text(&mp->p.row, 0, "body"));
	tv_text(tv, "process", db_text(&mp->p.row, 0, "process"));
	tv_text(tv, "content_lang", lang_attr(b->pg.lang, 1));
	backend_title(b, strcmp(mp->mid, "new") == 0 ? N_("Add a milestone") :
	    N_("Edit milestone"), "/b/a/%s/m/%s", mp->aid, mp->mid);
	html_free(&list);
	return 0;
}
