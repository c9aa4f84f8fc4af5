/*
 * The unit editor's pages: "my actions" with what needs attention first,
 * and the form that updates an action. Who may edit what is decided in
 * the database (user_may_edit_action) for every request; a save based on
 * an older revision is refused and both versions are shown.
 */
#include <libpq-fe.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "mem.h"
#include "milestones.h"
#include "reasons.h"
#include "action_form.h"
#include "bulk_form.h"
#include "admin.h"
#include "backend.h"
#include "digest.h"
#include "catalog_cache.h"
#include "db.h"
#include "fields.h"
#include "review.h"
#include "rounds.h"
#include "search.h"
#include "tmpl.h"

int	page_backend(struct http_request *);
int	page_backend_action(struct http_request *);

/*
 * The stored action as the form shows it: the form's fields under
 * their own names (action_fields), and what the page says about
 * it.
 */
#define ACTION_SQL \
	"SELECT a.id, p.slug, p.title, a.body, " \
	"coalesce(s.code, '') AS status, a.status_note, a.schedule_kind, " \
	"coalesce(to_char(a.schedule_start, 'FMMM/YYYY'), '') AS start, " \
	"coalesce(to_char(a.schedule_end, 'FMMM/YYYY'), '') AS \"end\", " \
	"a.schedule_text, " \
	"coalesce(a.actual_start::text, '') AS actual_start, " \
	"coalesce(a.actual_end::text, '') AS actual_end, a.info, " \
	"array_to_string(a.evidence, E'\\n') AS evidence, a.revision, " \
	"to_char(a.updated_at, 'YYYY-MM-DD HH24:MI') AS updated, " \
	"user_may_edit_action($2, a.id) AS may_edit, " \
	"action_unit_names(a.id) AS units, " \
	"coalesce((SELECT actor FROM history WHERE table_name = 'action' " \
	"AND row_id = a.id ORDER BY id DESC LIMIT 1), '') AS updated_by, " \
	"coalesce((SELECT json_agg(json_build_object('number', " \
	"coalesce(r.number, ''), 'id', r.id, 'text', CASE WHEN " \
	"length(r.body) > 140 THEN regexp_replace(left(r.body, 140), " \
	"'\\s+\\S*$', '') || '…' ELSE r.body END) ORDER BY r.position) " \
	"FROM recommendation_action ra " \
	"JOIN recommendation r ON r.id = ra.recommendation_id " \
	"WHERE ra.action_id = a.id AND r.deleted_at IS NULL), '[]') " \
	"AS recs, a.status_note_sv, " \
	"a.status_note_en, a.info_sv, a.info_en, a.body_sv, a.body_en, " \
	"coalesce(a.reason_category::text, '') AS reason, " \
	"'' AS correction, '' AS correction_reason " \
	"FROM action a JOIN process p ON p.id = a.process_id " \
	"LEFT JOIN status s ON s.id = a.status_id " \
	"WHERE a.id = $1 AND a.deleted_at IS NULL"

/* What the list of messages calls each field, and where it links. */
static const char *const field_labels[AF_COUNT] = {
	N_("Status"), N_("Status note"), N_("Schedule"), N_("Start month"),
	N_("End month"), N_("Schedule in words"), N_("Started on"),
	N_("Finished on"), N_("Additional information"),
	N_("Evidence links"), N_("Status note in Swedish"),
	N_("Status note in English"), N_("Additional information in Swedish"),
	N_("Additional information in English"), N_("Why it will not be done"),
	N_("Correction"), N_("What was corrected and why"), N_("Revision"), ""
};
static const char *const field_anchors[AF_COUNT] = {
	[AF_SCHEDULE_KIND] = "kind_none"
};
static const struct form_summary action_summary = { NULL, field_anchors,
	field_labels };

/* Where the columns of the dashboard's rows are in its result. */
struct dash_cols {
	int	id, revision, title, body, status_id, schedule, updated;
	int	attention;
	int	stale_days, due_soon_days, units;
};

static int	load_action(struct kore_pgsql *, long long, long long);
static void	form_dates(struct tmpl_vars *, const char *const *,
		    const struct form *, enum lang);
static void	form_texts(struct tmpl_vars *, const char *const *,
		    const struct form *, enum lang);
static void	form_fields(struct tmpl_vars *, struct html *,
		    char *const *, const struct form *, enum lang);
static void	form_conflict(struct tmpl_vars *, struct kore_pgsql *,
		    char *const *, enum lang);
static int	texts_differ(const char *, const char *);
static void	conflict_row(struct html *, const char *, const char *,
		    const char *, int, enum lang);
static const char *status_label(const char *, enum lang);
static void	form_admin(struct backend *, struct kore_pgsql *,
		    char *const *);
static void	render_form(struct backend *, struct kore_pgsql *,
		    char *const *, const struct form *, struct kore_pgsql *,
		    struct html *);
static void	form_recs(struct tmpl_vars *, struct kore_pgsql *, enum lang);
static void	form_milestones(struct tmpl_vars *, const char *, enum lang);
static int	save_check(struct http_request *, struct backend *,
		    long long, struct kore_pgsql *, struct action_form *);
static void	save_failed(struct http_request *, struct backend *,
		    long long, struct kore_pgsql *, struct action_form *,
		    const char *);
static void	dashboard_group(struct html *, struct kore_pgsql *,
		    const struct dash_cols *, int *, int, enum lang);
static void	dashboard_cols(struct dash_cols *, struct kore_pgsql *);
static void	status_options(struct html *, enum lang, const char *);
static void	schedule_summary(struct buf *, enum lang, const char *,
		    const char *, const char *, const char *);
static void	save_action(struct http_request *, struct backend *,
		    long long);
static int	dashboard_bulk(struct tmpl_vars *, struct backend *);

static int
load_action(struct kore_pgsql *sql, long long id, long long user)
{
	char		 aid[32], uid[32];
	const char	*params[2] = { aid, uid };

	snprintf(aid, sizeof(aid), "%lld", id);
	snprintf(uid, sizeof(uid), "%lld", user);
	return db_query(sql, ACTION_SQL, 2, params);
}

static void
status_options(struct html *h, enum lang lang, const char *cur)
{
	const struct catalog	*c = catalog_get();
	size_t			 i;

	for (i = 0; i < c->statuses.count; i++)
		backend_option(h, c->statuses.items[i].code,
		    c->statuses.items[i].label[lang],
		    strcmp(cur, c->statuses.items[i].code) == 0, lang);
}

/* A schedule in words, for the other person's version of a conflict. */
static void
schedule_summary(struct buf *b, enum lang lang, const char *kind,
    const char *start, const char *end, const char *text)
{
	if (strcmp(kind, "months") == 0) {
		buf_puts(b, start);
		buf_puts(b, " \xe2\x80\x93 ");
		buf_puts(b, end);
	} else if (strcmp(kind, "continuous") == 0)
		buf_puts(b, T(lang, "Continuous"));
	else if (strcmp(kind, "text") == 0)
		buf_puts(b, text);
	else
		buf_puts(b, T(lang, "Not given"));
}

/* The form's months and dates with their labels, hints and messages. */
static void
form_dates(struct tmpl_vars *tv, const char *const *v, const struct form *f,
    enum lang lang)
{
	static const struct field_view	months[] = {
		{ .field = AF_START, .label = N_("Start month"),
		    .hint = FIELD_MONTH_HINT, FIELD_MONTH },
		{ .field = AF_END, .label = N_("End month"),
		    .hint_id = "start-hint", FIELD_MONTH },
	};
	static const struct field_view	dates[] = {
		{ .field = AF_ACTUAL_START, .label = N_("Started on"),
		    .type = "date" },
		{ .field = AF_ACTUAL_END, .label = N_("Finished on"),
		    .type = "date" },
	};

	fields_html(tv, "month_fields", action_fields, FIELD_VIEWS(months), v,
	    f, lang);
	fields_html(tv, "date_fields", action_fields, FIELD_VIEWS(dates), v, f,
	    lang);
}

/* The form's texts with their labels, hints and messages. */
static void
form_texts(struct tmpl_vars *tv, const char *const *v, const struct form *f,
    enum lang lang)
{
	static const struct field_view	note[] = {
		{ .field = AF_STATUS_NOTE, .label = N_("Status note"),
		    .hint = N_("What has happened and what comes next, in "
		    "plain words."), .lang = "fi", .rows = 5 },
	};
	static const struct field_view	schedule[] = {
		{ .field = AF_SCHEDULE_TEXT, .label = N_("Schedule in words"),
		    .chars = ACTION_SCHEDULE_TEXT_MAX },
	};
	static const struct field_view	info[] = {
		{ .field = AF_INFO, .label = N_("Additional information"),
		    .lang = "fi", .rows = 4 },
	};
	static const struct field_view	translations[] = {
		FIELD_VIEWS_SV_EN(AF_STATUS_NOTE_SV,
		    N_("Status note in Swedish"), N_("Status note in English"),
		    3),
		FIELD_VIEWS_SV_EN(AF_INFO_SV,
		    N_("Additional information in Swedish"),
		    N_("Additional information in English"), 3),
	};
	static const struct field_view	evidence[] = {
		{ .field = AF_EVIDENCE, .label = N_("Evidence links"),
		    .hint = N_("One web address per line, starting with "
		    "https://"), .rows = 3 },
	};
	static const struct field_view	correction[] = {
		{ .field = AF_CORRECTION_REASON,
		    .label = N_("What was corrected and why"), .rows = 2,
		    .chars = CORRECTION_MAX },
	};

	fields_html(tv, "note_field", action_fields, FIELD_VIEWS(note), v, f,
	    lang);
	fields_html(tv, "schedule_text_field", action_fields,
	    FIELD_VIEWS(schedule), v, f, lang);
	fields_html(tv, "info_field", action_fields, FIELD_VIEWS(info), v, f,
	    lang);
	fields_html(tv, "translation_fields", action_fields,
	    FIELD_VIEWS(translations), v, f, lang);
	fields_html(tv, "evidence_field", action_fields, FIELD_VIEWS(evidence),
	    v, f, lang);
	fields_html(tv, "correction_field", action_fields,
	    FIELD_VIEWS(correction), v, f, lang);
}

/*
 * The fields' values v, and the messages of f (or NULL) and their list.
 * The template writes the revision and the correction box itself;
 * form_dates() and form_texts() draw the rest.
 */
static void
form_fields(struct tmpl_vars *tv, struct html *errlist, char *const *v,
    const struct form *f, enum lang lang)
{
	tv_text(tv, "correction", v[AF_CORRECTION]);
	tv_text(tv, "revision", v[AF_REVISION]);
	form_dates(tv, (const char *const *)v, f, lang);
	form_texts(tv, (const char *const *)v, f, lang);
	if (f != NULL)
		backend_form_summary(tv, errlist, f, &action_summary, lang);
}

/* Whether two texts differ, ignoring carriage returns and end spaces. */
static int
texts_differ(const char *x, const char *y)
{
	size_t	nx = strlen(x), ny = strlen(y);

	while (nx > 0 && (x[nx - 1] == '\n' || x[nx - 1] == '\r' ||
	    x[nx - 1] == ' '))
		nx--;
	while (ny > 0 && (y[ny - 1] == '\n' || y[ny - 1] == '\r' ||
	    y[ny - 1] == ' '))
		ny--;
	for (;;) {
		while (nx > 0 && *x == '\r')
			x++, nx--;
		while (ny > 0 && *y == '\r')
			y++, ny--;
		if (nx == 0 || ny == 0)
			return nx != ny;
		if (*x != *y)
			return 1;
		x++, nx--;
		y++, ny--;
	}
}

/* One field of the conflict table: their value, yours, and a marker. */
static void
conflict_row(struct html *out, const char *label, const char *theirs,
    const char *yours, int pre, enum lang lang)
{
	struct tmpl_vars	rv;

	tv_init(&rv);
	tv_text(&rv, "label", T(lang, label));
	tv_text(&rv, "theirs", theirs);
	tv_text(&rv, "yours", yours);
	tv_text(&rv, "pre", pre ? "1" : "");
	tv_text(&rv, "differs", texts_differ(theirs, yours) ? "1" : "");
	tmpl_render(out, tpl("backend_action.conflict"), &rv, lang);
	tv_free(&rv);
}

/* A status code as its label, or "Not given". */
static const char *
status_label(const char *code, enum lang lang)
{
	const struct status	*st;

	st = status_by_code(&catalog_get()->statuses, code);
	return st ? st->label[lang] : T(lang, "Not given");
}

/*
 * The version someone else saved meanwhile beside yours (v), field by
 * field, each that differs marked.
 */
static void
form_conflict(struct tmpl_vars *tv, struct kore_pgsql *o, char *const *v,
    enum lang lang)
{
	struct html	 rows;
	struct buf	 s, y;

	buf_init(&s);
	buf_init(&y);
	html_init(&rows);
	tv_text(tv, "conflict", "1");
	tv_text(tv, "other_by", db_text(o, 0, "updated_by"));
	tv_date(tv, "other_at", db_text(o, 0, "updated"));
	conflict_row(&rows, N_("Status"), status_label(db_text(o, 0,
	    "status"), lang), status_label(v[AF_STATUS], lang), 0, lang);
	conflict_row(&rows, N_("Status note"), db_text(o, 0, "status_note"),
	    v[AF_STATUS_NOTE], 1, lang);
	schedule_summary(&s, lang, db_text(o, 0, "schedule_kind"),
	    db_text(o, 0, "start"), db_text(o, 0, "end"),
	    db_text(o, 0, "schedule_text"));
	schedule_summary(&y, lang, v[AF_SCHEDULE_KIND], v[AF_START],
	    v[AF_END], v[AF_SCHEDULE_TEXT]);
	conflict_row(&rows, N_("Schedule"), buf_cstr(&s), buf_cstr(&y), 0,
	    lang);
	buf_reset(&s);
	buf_reset(&y);
	buf_printf(&s, "%s \xe2\x80\x93 %s", db_text(o, 0, "actual_start"),
	    db_text(o, 0, "actual_end"));
	buf_printf(&y, "%s \xe2\x80\x93 %s", v[AF_ACTUAL_START],
	    v[AF_ACTUAL_END]);
	conflict_row(&rows, N_("Actual dates"), buf_cstr(&s), buf_cstr(&y),
	    0, lang);
	conflict_row(&rows, N_("Additional information"), db_text(o, 0,
	    "info"), v[AF_INFO], 1, lang);
	conflict_row(&rows, N_("Evidence links"), db_text(o, 0, "evidence"),
	    v[AF_EVIDENCE], 1, lang);
	tv_html(tv, "conflict_rows", &rows);
	html_free(&rows);
	buf_free(&s);
	buf_free(&y);
}

/*
 * The recommendations the action answers, each with its number (if it
 * has one) and its text shortened, linked to its public page.
 */
static void
form_recs(struct tmpl_vars *tv, struct kore_pgsql *row, enum lang lang)
{
	struct tmpl_vars	 rv;
	struct html		 recs;
	json_t			*list, *r;
	size_t			 i;

	tv_init(&rv);
	html_init(&recs);
	list = json_loads(db_text(row, 0, "recs"), 0, NULL);
	json_array_foreach(list, i, r) {
		tv_reset(&rv);
		tv_text(&rv, "number", json_string_value(json_object_get(r,
		    "number")));
		tv_text(&rv, "text", json_string_value(json_object_get(r,
		    "text")));
		tv_textf(&rv, "url", "/p/%s/r/%lld%s", db_text(row, 0, "slug"),
		    (long long)json_integer_value(json_object_get(r, "id")),
		    lang_query(lang));
		tv_text(&rv, "content_lang", lang_attr(lang, 1));
		tmpl_render(&recs, tpl("backend_action.rec"), &rv, lang);
	}
	tv_text(tv, "has_recs", json_array_size(list) ? "1" : "");
	tv_html(tv, "recs", &recs);
	json_decref(list);
	tv_free(&rv);
	html_free(&recs);
}

/* The admin's part of the form: the action's text goes into it. */
static void
form_admin(struct backend *b, struct kore_pgsql *row, char *const *v)
{
	struct html	admin;

	html_init(&admin);
	admin_action_section(&admin, b, strtoll(db_text(row, 0, "id"), NULL,
	    10), v[AF_REVISION], db_text(row, 0, "body"),
	    db_text(row, 0, "body_sv"), db_text(row, 0, "body_en"));
	html_append(&b->pg.content, &admin);
	html_free(&admin);
}

/*
 * The form with values v (as stored or as typed), the problems found
 * (f's, or none for NULL), and when other is not NULL the version
 * someone else saved meanwhile.
 * rounds (or NULL) are the requests of open rounds to confirm the
 * action, shown as it is stored (a GET).
 */
static void
render_form(struct backend *b, struct kore_pgsql *row, char *const *v,
    const struct form *f, struct kore_pgsql *other, struct html *rounds)
{
	struct tmpl_vars	 tv;
	struct html		 options, errlist, reasons;
	enum lang		 lang = b->pg.lang;
	const char		*kind = v[AF_SCHEDULE_KIND];

	tv_init(&tv);
	html_init(&options);
	html_init(&reasons);
	html_init(&errlist);
	status_options(&options, lang, v[AF_STATUS]);
	form_fields(&tv, &errlist, v, f, lang);
	tv_html(&tv, "status_options", &options);
	tv_html(&tv, "errors", &errlist);
	tv_text(&tv, "kind_none", strcmp(kind, "none") == 0 ||
	    kind[0] == '\0' ? "1" : "");
	tv_text(&tv, "kind_months", strcmp(kind, "months") == 0 ? "1" : "");
	tv_text(&tv, "kind_continuous", strcmp(kind, "continuous") == 0 ?
	    "1" : "");
	tv_text(&tv, "kind_text", strcmp(kind, "text") == 0 ? "1" : "");
	tv_text(&tv, "saved", rounds != NULL && (b->notices & BACKEND_SAVED) ?
	    "1" : "");
	tv_text(&tv, "pending", rounds != NULL &&
	    (b->notices & BACKEND_PENDING) ? "1" : "");
	if (rounds != NULL)
		tv_html(&tv, "rounds", rounds);
	tv_text(&tv, "csrf", b->st.csrf);
	tv_text(&tv, "is_admin", b->st.is_admin ? "1" : "");
	tv_text(&tv, "id", db_text(row, 0, "id"));
	tv_text(&tv, "body", db_text(row, 0, "body"));
	tv_text(&tv, "process", db_text(row, 0, "title"));
	tv_textf(&tv, "public_url", "/p/%s/a/%s%s", db_text(row, 0, "slug"),
	    db_text(row, 0, "id"), lang_query(lang));
	tv_text(&tv, "units", db_text(row, 0, "units"));
	form_recs(&tv, row, lang);
	tv_date(&tv, "updated", db_text(row, 0, "updated"));
	tv_text(&tv, "updated_by", db_text(row, 0, "updated_by"));
	tv_text(&tv, "lang_query", lang_query(lang));
	tv_text(&tv, "content_lang", lang_attr(lang, 1));
	if (other != NULL)
		form_conflict(&tv, other, v, lang);
	form_milestones(&tv, db_text(row, 0, "id"), lang);
	(void)reason_options(&reasons, v[AF_REASON], lang);
	tv_html(&tv, "reason_options", &reasons);
	backend_title(b, N_("Update action"), "/b/a/%s", db_text(row, 0, "id"));
	tmpl_render(&b->pg.content, tpl("backend_action"), &tv, lang);
	if (b->st.is_admin && other == NULL)
		form_admin(b, row, v);
	tv_free(&tv);
	html_free(&options);
	html_free(&reasons);
	html_free(&errlist);
}

/* The action's milestones, each with a link to its own form. */
static void
form_milestones(struct tmpl_vars *tv, const char *aid, enum lang lang)
{
	struct html	list;
	int		n;

	html_init(&list);
	n = milestones_render(&list, "backend_action.milestone", aid, 1, lang);
	tv_html(tv, "milestones", &list);
	tv_text(tv, "milestones_failed", n == -1 ? "1" : "");
	html_free(&list);
}

/*
 * Reads a posted form into f and the stored action into row: 0 when it
 * may be saved, or -1 after answering (a refusal, or the form again
 * with its messages).
 */
static int
save_check(struct http_request *req, struct backend *b, long long id,
    struct kore_pgsql *row, struct action_form *f)
{
	const char	*bad;

	if (action_form_parse(f, buf_cstr(&b->body), &bad) != PARAM_OK) {
		backend_bad_form(req, b);
		return -1;
	}
	if (!session_csrf_ok(&b->st, f->form.v[AF_CSRF])) {
		backend_forged(req, b);
		return -1;
	}
	if (load_action(row, id, b->st.id) == -1) {
		backend_unavailable(req, b);
		return -1;
	}
	if (kore_pgsql_ntuples(row) != 1) {
		backend_refused(req, b, 404, N_("There is no such action. It "
		    "may have been removed. Nothing was saved."));
		return -1;
	}
	if (!db_true(row, 0, "may_edit")) {
		backend_denied(req, b, N_("This action belongs to another "
		    "unit. You can update the actions of your own units "
		    "only."));
		return -1;
	}
	action_form_check_status(f, &catalog_get()->statuses);
	if (f->form.v[AF_CORRECTION][0] != '\0' && !b->st.is_admin)
		form_fail(&f->form, AF_CORRECTION, N_("Only administrators "
		    "mark a save as a correction."));
	if (f->form.nerr > 0) {
		render_form(b, row, f->form.v, &f->form, NULL, NULL);
		page_send(req, &b->pg, 422);
		return -1;
	}
	return 0;
}

/*
 * A save that failed with SQLSTATE state: refused, or the form again
 * with the version saved meanwhile (409) or a message (503).
 */
static void
save_failed(struct http_request *req, struct backend *b, long long id,
    struct kore_pgsql *row, struct action_form *f, const char *state)
{
	struct kore_pgsql	 other;
	int			 status;

	kore_pgsql_init(&other);
	if (strcmp(state, "42501") == 0) {
		backend_refused(req, b, 403, N_("This action belongs to "
		    "another unit. You can update the actions of your own "
		    "units only."));
		goto out;
	}
	/* The action as it is now: two connections are all there is. */
	kore_pgsql_cleanup(row);
	if (load_action(&other, id, b->st.id) == -1 ||
	    kore_pgsql_ntuples(&other) != 1) {
		backend_refused(req, b, 503, BACKEND_NOTHING_SAVED);
		goto out;
	}
	if (strcmp(state, "23503") == 0) {
		form_fail(&f->form, AF_REASON, N_("Choose a reason from the "
		    "list."));
		render_form(b, &other, f->form.v, &f->form, NULL, NULL);
		status = 422;
	} else if (strcmp(state, "40001") == 0) {
		/* Yours stays in the form, now based on their revision. */
		free(f->form.v[AF_REVISION]);
		f->form.v[AF_REVISION] = xstrdup(db_text(&other, 0,
		    "revision"));
		render_form(b, &other, f->form.v, NULL, &other, NULL);
		status = 409;
	} else {
		form_fail(&f->form, AF_REVISION, N_("Saving failed. Try "
		    "again in a moment; your text is still in the form."));
		render_form(b, &other, f->form.v, &f->form, NULL, NULL);
		status = 503;
	}
	page_send(req, &b->pg, status);
out:
	kore_pgsql_cleanup(&other);
}

/* Checks and saves a posted form; answers in every case. */
static void
save_action(struct http_request *req, struct backend *b, long long id)
{
	struct kore_pgsql	 row, save;
	struct action_form	 f;
	const char		*args[3];
	char			*docs = NULL, aid[32], rev[16], sqlstate[8];

	memset(&f, 0, sizeof(f));
	kore_pgsql_init(&row);
	kore_pgsql_init(&save);
	if (save_check(req, b, id, &row, &f) == -1)
		goto out;
	docs = action_form_document(&f, db_text(&row, 0, "body"));
	snprintf(aid, sizeof(aid), "%lld", id);
	snprintf(rev, sizeof(rev), "%d", f.revision);
	args[0] = aid;
	args[1] = rev;
	args[2] = docs;
	if (backend_change(req, b, &save, "SELECT action_save($1, $2, $3, "
	    "$4::jsonb, $5) AS revision", 3, args, sqlstate,
	    sizeof(sqlstate)) == 0) {
		/* 0: the process has a review step and the update waits. */
		backend_redirect_with(req, b, strcmp(db_text(&save, 0,
		    "revision"), "0") == 0 ? "pending=1" : "saved=1",
		    "/b/a/%lld", id);
		goto out;
	}
	/* Each query holds a connection until cleaned up: free this one. */
	kore_pgsql_cleanup(&save);
	save_failed(req, b, id, &row, &f, sqlstate);
out:
	free(docs);
	action_form_free(&f);
	kore_pgsql_cleanup(&row);
	kore_pgsql_cleanup(&save);
}

int
page_backend_action(struct http_request *req)
{
	struct kore_pgsql	 row;
	struct backend		 b;
	struct html		 rounds;
	char			*v[AF_COUNT], aid[32];
	long long		 id;
	int			 i;

	kore_pgsql_init(&row);
	html_init(&rounds);
	if (backend_open(req, &b, BACKEND_NEED_SESSION |
	    BACKEND_NEED_CATALOG) == -1)
		goto out;
	id = strtoll(req->path + strlen("/b/a/"), NULL, 10);
	if (req->method == HTTP_METHOD_POST) {
		save_action(req, &b, id);
		goto out;
	}
	snprintf(aid, sizeof(aid), "%lld", id);
	if (rounds_action(&rounds, &b, aid) == -1 ||
	    review_action_notice(&rounds, aid, b.pg.lang) == -1 ||
	    load_action(&row, id, b.st.id) == -1) {
		backend_unavailable(req, &b);
		goto out;
	}
	if (kore_pgsql_ntuples(&row) != 1) {
		backend_error(req, &b, 404, N_("There is no such action. It "
		    "may have been removed."));
		goto out;
	}
	if (!db_true(&row, 0, "may_edit")) {
		audit(req, &b.st, NULL, "denied", req->path, NULL);
		backend_error(req, &b, 403, N_("This action belongs to another "
		    "unit. You can update the actions of your own units "
		    "only."));
		goto out;
	}
	/* The form's fields have the names of the row's columns. */
	for (i = 0; i < AF_COUNT; i++)
		v[i] = i == AF_CSRF ? "" : (char *)db_text(&row, 0,
		    action_fields[i].name);
	render_form(&b, &row, v, NULL, NULL, &rounds);
	page_send(req, &b.pg, 200);
out:
	backend_end(&b);
	kore_pgsql_cleanup(&row);
	html_free(&rounds);
	return KORE_RESULT_OK;
}

/*
 * "My actions": every live action of the user's units (of all for an
 * admin) with what needs attention first.
 */
#define DASHBOARD_SQL \
	"SELECT a.id, a.revision, p.title, a.body, " \
	"coalesce(a.status_id, 0) AS status_id, action_schedule_words(" \
	"a.schedule_kind, a.schedule_start, a.schedule_end, " \
	"a.schedule_text, $3) AS schedule, " \
	"to_char(a.updated_at, 'YYYY-MM-DD') AS updated, " \
	"action_attention(a.schedule_end, a.updated_at, s.is_final, " \
	"set.stale_days, set.due_soon_days, milestones => a.milestones) " \
	"AS attention, " \
	"set.stale_days, set.due_soon_days, " \
	"action_unit_names(a.id) AS units " \
	"FROM action a JOIN process p ON p.id = a.process_id " \
	"CROSS JOIN setting set LEFT JOIN status s ON s.id = a.status_id " \
	"WHERE a.deleted_at IS NULL AND ($2::boolean OR EXISTS " \
	"(SELECT 1 FROM action_unit au WHERE au.action_id = a.id AND " \
	"au.unit_id IN (SELECT user_units($1)))) " \
	"ORDER BY attention, a.schedule_end NULLS LAST, a.updated_at, " \
	"a.id"

/* Attention groups of "my actions", in the order shown. */
static const char *const group_names[] = {
	"overdue", "stale", "due_soon", "other"
};
static const char *const group_titles[] = {
	N_("Overdue"), N_("Not updated for a long time"), N_("Due soon"),
	N_("Other actions")
};
static const char *const group_help[] = {
	N_("The schedule or a milestone has passed but the status is not "
	    "final."),
	N_("Not updated in %days% days. Check that the status is still "
	    "right, and save."),
	N_("The schedule ends within %soon% days."),
	""
};

/*
 * The group g of "my actions": the rows from *i on that are in it
 * (*i moves past them), unless it is empty and not the last group.
 */
static void
dashboard_group(struct html *groups, struct kore_pgsql *sql,
    const struct dash_cols *c, int *i, int g, enum lang lang)
{
	struct tmpl_vars	 rv, gv;
	struct html		 rows;
	const struct status	*st;
	int			 n = kore_pgsql_ntuples(sql), count;

	tv_init(&rv);
	tv_init(&gv);
	html_init(&rows);
	for (count = 0; *i < n && atoi(kore_pgsql_getvalue(sql, *i,
	    c->attention)) == g; (*i)++, count++) {
		tv_reset(&rv);
		backend_action_vars(&rv, kore_pgsql_getvalue(sql, *i, c->id),
		    kore_pgsql_getvalue(sql, *i, c->body), lang);
		tv_text(&rv, "id", kore_pgsql_getvalue(sql, *i, c->id));
		tv_text(&rv, "revision", kore_pgsql_getvalue(sql, *i,
		    c->revision));
		tv_text(&rv, "process", kore_pgsql_getvalue(sql, *i,
		    c->title));
		st = status_by_id(&catalog_get()->statuses,
		    atoi(kore_pgsql_getvalue(sql, *i, c->status_id)));
		tv_text(&rv, "status", st ? st->label[lang] :
		    T(lang, "Not given"));
		tv_text(&rv, "schedule", kore_pgsql_getvalue(sql, *i,
		    c->schedule));
		tv_date(&rv, "updated", kore_pgsql_getvalue(sql, *i,
		    c->updated));
		tv_text(&rv, "units", kore_pgsql_getvalue(sql, *i, c->units));
		tv_text(&rv, "content_lang", lang_attr(lang, 1));
		tmpl_render(&rows, tpl("dashboard.row"), &rv, lang);
	}
	if (count == 0 && g != 3)
		goto out;
	tv_text(&gv, "id", group_names[g]);
	tv_text(&gv, "title", T(lang, group_titles[g]));
	tv_textf(&gv, "count", "%d", count);
	tv_text(&gv, "days", n ? kore_pgsql_getvalue(sql, 0, c->stale_days) :
	    "");
	tv_text(&gv, "soon", n ? kore_pgsql_getvalue(sql, 0,
	    c->due_soon_days) : "");
	if (group_help[g][0] != '\0') {
		struct html	help;

		html_init(&help);
		tmpl_message(&help, group_help[g], &gv, lang);
		tv_html(&gv, "help", &help);
		html_free(&help);
	}
	tv_html(&gv, "rows", &rows);
	tv_text(&gv, "has_rows", count ? "1" : "");
	tmpl_render(groups, tpl("dashboard.group"), &gv, lang);
out:
	tv_free(&rv);
	tv_free(&gv);
	html_free(&rows);
}

/* The dashboard's columns in sql, by name. */
static void
dashboard_cols(struct dash_cols *c, struct kore_pgsql *sql)
{
	c->id = db_col(sql, "id");
	c->revision = db_col(sql, "revision");
	c->title = db_col(sql, "title");
	c->body = db_col(sql, "body");
	c->status_id = db_col(sql, "status_id");
	c->schedule = db_col(sql, "schedule");
	c->updated = db_col(sql, "updated");
	c->attention = db_col(sql, "attention");
	c->stale_days = db_col(sql, "stale_days");
	c->due_soon_days = db_col(sql, "due_soon_days");
	c->units = db_col(sql, "units");
}

/*
 * The bulk form's choices (statuses, reasons) and what its POST needs;
 * -1 when the database failed.
 */
static int
dashboard_bulk(struct tmpl_vars *tv, struct backend *b)
{
	static const struct field_view	texts[] = {
		{ .field = BF_STATUS_NOTE, .label = N_("Status note"),
		    .hint = N_("Replaces the status note of each chosen "
		    "action; their Swedish and English notes are emptied."),
		    .lang = "fi", .rows = 3, .id = "bulk-note" },
		{ .field = BF_SCHEDULE, .label = N_("Planned schedule"),
		    .hint = N_("As in the table: 3/2025 – 12/2026, 12/2026, "
		    "Jatkuvaa, or in words."), .id = "bulk-schedule",
		    .autocomplete = "off" },
	};
	struct html			options, reasons;
	int				rc = 0;

	fields_html(tv, "bulk_fields", bulk_fields, FIELD_VIEWS(texts), NULL,
	    NULL, b->pg.lang);
	html_init(&options);
	html_init(&reasons);
	status_options(&options, b->pg.lang, "");
	if (reason_options(&reasons, "", b->pg.lang) == -1)
		rc = -1;
	tv_html(tv, "status_options", &options);
	tv_html(tv, "reason_options", &reasons);
	tv_text(tv, "csrf", b->st.csrf);
	tv_text(tv, "lang_query", lang_query(b->pg.lang));
	html_free(&options);
	html_free(&reasons);
	return rc;
}

BACKEND_VIEW_DEFINE(page_backend, BACKEND_NEED_SESSION, "dashboard",
    dashboard_render);

static int
dashboard_render(struct http_request *req, void *arg, struct tmpl_vars *tv)
{
	struct backend_page	*p = arg;
	struct backend		*b = &p->b;
	struct dash_cols	 cols;
	struct html		 groups, rounds;
	const char		*params[3];
	char			 uid[32];
	int			 i, g, n, rc = -1;

	html_init(&groups);
	html_init(&rounds);
	snprintf(uid, sizeof(uid), "%lld", b->st.id);
	params[0] = uid;
	params[1] = b->st.is_admin ? "t" : "f";
	params[2] = T(b->pg.lang, "Continuous");
	if (catalog_refresh() == -1 || rounds_dashboard(&rounds, b) == -1 ||
	    dashboard_bulk(tv, b) == -1 || review_dashboard(tv, b) == -1 ||
	    db_query(&p->row, DASHBOARD_SQL, 3, params) == -1) {
		backend_unavailable(req, b);
		goto out;
	}
	n = kore_pgsql_ntuples(&p->row);
	dashboard_cols(&cols, &p->row);
	for (g = 0, i = 0; g < 4; g++)
		dashboard_group(&groups, &p->row, &cols, &i, g, b->pg.lang);
	tv_html(tv, "groups", &groups);
	tv_html(tv, "rounds", &rounds);
	tv_text(tv, "confirmed", (b->notices & BACKEND_CONFIRMED) ? "1" : "");
	tv_textf(tv, "total", "%d", n);
	tv_text(tv, "has_actions", n > 0 ? "1" : "");
	tv_text(tv, "admin", b->st.is_admin ? "1" : "");
	tv_text(tv, "password_changed",
	    (b->notices & BACKEND_PASSWORD) ? "1" : "");
	if (digest_vars(tv, b) == -1) {
		backend_unavailable(req, b);
		goto out;
	}
	backend_title(b, N_("My actions"), "/b");
	rc = 0;
out:
	html_free(&groups);
	html_free(&rounds);
	return rc;
}
