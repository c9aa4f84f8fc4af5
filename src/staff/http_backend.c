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

#include "mem.h"
#include "action_form.h"
#include "admin.h"
#include "backend.h"
#include "catalog_cache.h"
#include "db.h"
#include "rounds.h"
#include "search.h"
#include "tmpl.h"

int	page_backend(struct http_request *);
int	page_backend_action(struct http_request *);

/* The stored action as the form shows it. */
enum {
	A_ID, A_SLUG, A_TITLE, A_BODY, A_STATUS, A_STATUS_NOTE, A_KIND,
	A_START, A_END, A_SCHED_TEXT, A_ACTUAL_START, A_ACTUAL_END, A_INFO,
	A_EVIDENCE, A_REVISION, A_UPDATED, A_MAY_EDIT, A_UNITS, A_BY,
	A_RECS, A_STATUS_NOTE_SV, A_STATUS_NOTE_EN, A_INFO_SV, A_INFO_EN,
	A_BODY_SV, A_BODY_EN, A_COUNT
};

#define ACTION_SQL \
	"SELECT a.id, p.slug, p.title, a.body, coalesce(s.code, ''), " \
	"a.status_note, a.schedule_kind, " \
	"coalesce(to_char(a.schedule_start, 'FMMM/YYYY'), ''), " \
	"coalesce(to_char(a.schedule_end, 'FMMM/YYYY'), ''), " \
	"a.schedule_text, coalesce(a.actual_start::text, ''), " \
	"coalesce(a.actual_end::text, ''), a.info, " \
	"array_to_string(a.evidence, E'\\n'), a.revision, " \
	"to_char(a.updated_at, 'YYYY-MM-DD HH24:MI'), " \
	"user_may_edit_action($2, a.id), " \
	"coalesce((SELECT string_agg(un.name, '; ' ORDER BY au.position) " \
	"FROM action_unit au JOIN unit un ON un.id = au.unit_id " \
	"WHERE au.action_id = a.id), ''), " \
	"coalesce((SELECT actor FROM history WHERE table_name = 'action' " \
	"AND row_id = a.id ORDER BY id DESC LIMIT 1), ''), " \
	"coalesce((SELECT string_agg(coalesce(r.number, '–'), ', ' " \
	"ORDER BY r.position) FROM recommendation_action ra " \
	"JOIN recommendation r ON r.id = ra.recommendation_id " \
	"WHERE ra.action_id = a.id), ''), a.status_note_sv, " \
	"a.status_note_en, a.info_sv, a.info_en, a.body_sv, a.body_en " \
	"FROM action a JOIN process p ON p.id = a.process_id " \
	"LEFT JOIN status s ON s.id = a.status_id " \
	"WHERE a.id = $1 AND a.deleted_at IS NULL"

/* Form fields in the order of enum action_field, from a stored row. */
static const int form_from_row[AF_COUNT] = {
	A_STATUS, A_STATUS_NOTE, A_KIND, A_START, A_END, A_SCHED_TEXT,
	A_ACTUAL_START, A_ACTUAL_END, A_INFO, A_EVIDENCE, A_STATUS_NOTE_SV,
	A_STATUS_NOTE_EN, A_INFO_SV, A_INFO_EN, A_REVISION, -1
};

static const char *const field_names[AF_COUNT] = {
	"status", "status_note", "schedule_kind", "start", "end",
	"schedule_text", "actual_start", "actual_end", "info", "evidence",
	"status_note_sv", "status_note_en", "info_sv", "info_en",
	"revision", "csrf"
};

static const char *const error_names[AF_COUNT] = {
	"err_status", "err_status_note", "err_schedule_kind", "err_start",
	"err_end", "err_schedule_text", "err_actual_start", "err_actual_end",
	"err_info", "err_evidence", "err_status_note_sv",
	"err_status_note_en", "err_info_sv", "err_info_en", "err_revision",
	"err_csrf"
};

static const char *const field_labels[AF_COUNT] = {
	N_("Status"), N_("Status note"), N_("Schedule"), N_("Start month"),
	N_("End month"), N_("Schedule in words"), N_("Started on"),
	N_("Finished on"), N_("Additional information"),
	N_("Evidence links"), N_("Status note in Swedish"),
	N_("Status note in English"), N_("Additional information in Swedish"),
	N_("Additional information in English"), N_("Revision"), ""
};

static int	load_action(struct kore_pgsql *, long long, long long);
static void	render_form(struct backend *, struct kore_pgsql *,
		    char **, const char **, struct kore_pgsql *, int);
static void	status_options(struct html *, enum lang, const char *);
static void	schedule_summary(struct buf *, enum lang, const char *,
		    const char *, const char *, const char *);
static void	save_action(struct http_request *, struct backend *,
		    long long);

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
	struct tmpl_vars	 tv;
	size_t			 i;

	tv_init(&tv);
	for (i = 0; i < c->statuses.count; i++) {
		tv_reset(&tv);
		tv_text(&tv, "value", c->statuses.items[i].code);
		tv_text(&tv, "label", c->statuses.items[i].label[lang]);
		tv_text(&tv, "selected", strcmp(cur,
		    c->statuses.items[i].code) == 0 ? "1" : "");
		tmpl_render(h, tpl("backend_action.option"), &tv, lang);
	}
	tv_free(&tv);
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

/*
 * The form with values v (as stored or as typed), the problems found,
 * and when other is not NULL the version someone else saved meanwhile.
 */
static void
render_form(struct backend *b, struct kore_pgsql *row, char **v,
    const char **errors, struct kore_pgsql *other, int saved)
{
	struct tmpl_vars	 tv, ev;
	struct html		 options, errlist;
	struct buf		 s;
	enum lang		 lang = b->pg.lang;
	const struct status	*st;
	int			 i;

	tv_init(&tv);
	tv_init(&ev);
	html_init(&options);
	html_init(&errlist);
	buf_init(&s);
	status_options(&options, lang, v[AF_STATUS]);
	for (i = 0; i < AF_COUNT; i++) {
		tv_text(&tv, field_names[i], v[i]);
		if (errors == NULL || errors[i] == NULL)
			continue;
		tv_text(&tv, error_names[i], T(lang, errors[i]));
		tv_reset(&ev);
		tv_textf(&ev, "href", "#%s", i == AF_SCHEDULE_KIND ?
		    "kind_none" : field_names[i]);
		tv_text(&ev, "label", T(lang, field_labels[i]));
		tv_text(&ev, "message", T(lang, errors[i]));
		tmpl_render(&errlist, tpl("backend_action.error"), &ev, lang);
	}
	tv_html(&tv, "status_options", &options);
	tv_html(&tv, "errors", &errlist);
	tv_text(&tv, "kind_none", strcmp(v[AF_SCHEDULE_KIND], "none") == 0 ||
	    v[AF_SCHEDULE_KIND][0] == '\0' ? "1" : "");
	tv_text(&tv, "kind_months", strcmp(v[AF_SCHEDULE_KIND], "months") ==
	    0 ? "1" : "");
	tv_text(&tv, "kind_continuous", strcmp(v[AF_SCHEDULE_KIND],
	    "continuous") == 0 ? "1" : "");
	tv_text(&tv, "kind_text", strcmp(v[AF_SCHEDULE_KIND], "text") == 0 ?
	    "1" : "");
	tv_text(&tv, "saved", saved ? "1" : "");
	tv_text(&tv, "csrf", b->st.csrf);
	tv_text(&tv, "id", kore_pgsql_getvalue(row, 0, A_ID));
	tv_text(&tv, "body", kore_pgsql_getvalue(row, 0, A_BODY));
	tv_text(&tv, "process", kore_pgsql_getvalue(row, 0, A_TITLE));
	tv_textf(&tv, "public_url", "/p/%s/a/%s%s",
	    kore_pgsql_getvalue(row, 0, A_SLUG),
	    kore_pgsql_getvalue(row, 0, A_ID), lang_query(lang));
	tv_text(&tv, "units", kore_pgsql_getvalue(row, 0, A_UNITS));
	tv_text(&tv, "recs", kore_pgsql_getvalue(row, 0, A_RECS));
	tv_text(&tv, "updated", kore_pgsql_getvalue(row, 0, A_UPDATED));
	tv_text(&tv, "updated_by", kore_pgsql_getvalue(row, 0, A_BY));
	tv_text(&tv, "lang_query", lang_query(lang));
	tv_text(&tv, "content_lang", lang == LANG_FI ? "" : "fi");
	if (other != NULL) {
		tv_text(&tv, "conflict", "1");
		tv_text(&tv, "other_by", kore_pgsql_getvalue(other, 0, A_BY));
		tv_text(&tv, "other_at", kore_pgsql_getvalue(other, 0,
		    A_UPDATED));
		st = status_by_code(&catalog_get()->statuses,
		    kore_pgsql_getvalue(other, 0, A_STATUS));
		tv_text(&tv, "other_status", st ? st->label[lang] :
		    T(lang, "Not given"));
		tv_text(&tv, "other_status_note", kore_pgsql_getvalue(other,
		    0, A_STATUS_NOTE));
		schedule_summary(&s, lang, kore_pgsql_getvalue(other, 0,
		    A_KIND), kore_pgsql_getvalue(other, 0, A_START),
		    kore_pgsql_getvalue(other, 0, A_END),
		    kore_pgsql_getvalue(other, 0, A_SCHED_TEXT));
		tv_text(&tv, "other_schedule", buf_cstr(&s));
		buf_reset(&s);
		buf_printf(&s, "%s \xe2\x80\x93 %s",
		    kore_pgsql_getvalue(other, 0, A_ACTUAL_START),
		    kore_pgsql_getvalue(other, 0, A_ACTUAL_END));
		tv_text(&tv, "other_actual", buf_cstr(&s));
		tv_text(&tv, "other_info", kore_pgsql_getvalue(other, 0,
		    A_INFO));
		tv_text(&tv, "other_evidence", kore_pgsql_getvalue(other, 0,
		    A_EVIDENCE));
	}
	snprintf(b->pg.title, sizeof(b->pg.title), "%s", T(lang,
	    "Update action"));
	buf_reset(&b->pg.path);
	buf_printf(&b->pg.path, "/b/a/%s", kore_pgsql_getvalue(row, 0, A_ID));
	tmpl_render(&b->pg.content, tpl("backend_action"), &tv, lang);
	if (b->st.is_admin && other == NULL) {
		struct html	admin;

		/* The action's text goes into the admin's form. */
		html_init(&admin);
		admin_action_section(&admin, b, strtoll(kore_pgsql_getvalue(
		    row, 0, A_ID), NULL, 10), v[AF_REVISION],
		    kore_pgsql_getvalue(row, 0, A_BODY),
		    kore_pgsql_getvalue(row, 0, A_BODY_SV),
		    kore_pgsql_getvalue(row, 0, A_BODY_EN));
		html_append(&b->pg.content, &admin);
		html_free(&admin);
	}
	tv_free(&tv);
	tv_free(&ev);
	html_free(&options);
	html_free(&errlist);
	buf_free(&s);
}

/* Checks and saves a posted form; answers in every case. */
static void
save_action(struct http_request *req, struct backend *b, long long id)
{
	struct kore_pgsql	 row, save, other;
	struct action_form	 f;
	struct strset		 terms = { NULL, 0, 0 };
	char			*v[AF_COUNT];
	const char		*bad, *params[5], *state;
	json_t			*doc, *lex;
	char			*docs = NULL, uid[32], aid[32], rev[16];
	char			 ip[64], sqlstate[8];
	size_t			 i;
	int			 status;

	memset(&f, 0, sizeof(f));
	kore_pgsql_init(&row);
	kore_pgsql_init(&save);
	kore_pgsql_init(&other);
	if (params_parse_form(buf_cstr(&b->body), action_form_params,
	    AF_COUNT, v, &bad) != PARAM_OK) {
		backend_refused(req, b, 400, N_("A field of the form is too "
		    "long or contains characters that are not allowed. Nothing "
		    "was saved."));
		goto out;
	}
	action_form_check(&f, v);
	if (!session_csrf_ok(&b->st, f.v[AF_CSRF])) {
		audit(req, &b->st, NULL, "forged", req->path, NULL);
		backend_refused(req, b, 403, N_("This form did not come from "
		    "this site, or it was opened in another session. Nothing "
		    "was saved."));
		goto out;
	}
	if (load_action(&row, id, b->st.id) == -1) {
		backend_unavailable(req, b);
		goto out;
	}
	if (kore_pgsql_ntuples(&row) != 1) {
		backend_refused(req, b, 404, N_("There is no such action. It "
		    "may have been removed. Nothing was saved."));
		goto out;
	}
	if (kore_pgsql_getvalue(&row, 0, A_MAY_EDIT)[0] != 't') {
		audit(req, &b->st, NULL, "denied", req->path, NULL);
		backend_refused(req, b, 403, N_("This action belongs to another "
		    "unit. You can update the actions of your own units only."));
		goto out;
	}
	if (f.v[AF_STATUS][0] != '\0' && status_by_code(
	    &catalog_get()->statuses, f.v[AF_STATUS]) == NULL)
		f.error[AF_STATUS] = N_("Choose a status from the list.");
	for (i = 0; i < AF_COUNT; i++)
		if (f.error[i] != NULL)
			break;
	if (i < AF_COUNT) {
		render_form(b, &row, f.v, f.error, NULL, 0);
		backend_send(req, &b->pg, 422);
		goto out;
	}

	/* The search terms of the texts as they will be. */
	search_terms(kore_pgsql_getvalue(&row, 0, A_BODY), &terms);
	search_terms(f.v[AF_STATUS_NOTE], &terms);
	search_terms(f.v[AF_INFO], &terms);
	if (f.kind == SCHEDULE_TEXT)
		search_terms(f.v[AF_SCHEDULE_TEXT], &terms);
	strset_finish(&terms);
	doc = action_form_json(&f);
	lex = json_array();
	for (i = 0; i < terms.count; i++)
		json_array_append_new(lex, json_string(terms.items[i]));
	json_object_set_new(doc, "lexemes", lex);
	docs = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	snprintf(uid, sizeof(uid), "%lld", b->st.id);
	snprintf(aid, sizeof(aid), "%lld", id);
	snprintf(rev, sizeof(rev), "%d", f.revision);
	client_ip(req, ip, sizeof(ip));
	params[0] = uid;
	params[1] = aid;
	params[2] = rev;
	params[3] = docs;
	params[4] = ip;
	if (db_write(&save, "SELECT action_save($1, $2, $3, $4::jsonb, $5)",
	    5, params) == 0) {
		backend_redirect_with(req, b, "saved=1", "/b/a/%lld", id);
		goto out;
	}
	/* Each query holds a connection until cleaned up: free this one. */
	snprintf(sqlstate, sizeof(sqlstate), "%s", save.result &&
	    (state = PQresultErrorField(save.result, PG_DIAG_SQLSTATE)) ?
	    state : "");
	kore_pgsql_cleanup(&save);
	state = sqlstate;
	if (strcmp(state, "42501") == 0) {
		backend_refused(req, b, 403, N_("This action belongs to another "
		    "unit. You can update the actions of your own units only."));
		goto out;
	}
	/* The action as it is now: two connections are all there is. */
	kore_pgsql_cleanup(&row);
	if (load_action(&other, id, b->st.id) == -1 ||
	    kore_pgsql_ntuples(&other) != 1) {
		backend_refused(req, b, 503, N_("Saving failed. Try again in a "
		    "moment; your text is still in the form."));
		goto out;
	}
	if (strcmp(state, "40001") == 0) {
		/* Yours stays in the form, now based on their revision. */
		free(f.v[AF_REVISION]);
		f.v[AF_REVISION] = xstrdup(kore_pgsql_getvalue(&other, 0,
		    A_REVISION));
		render_form(b, &other, f.v, NULL, &other, 0);
		status = 409;
	} else {
		f.error[AF_REVISION] = N_("Saving failed. Try again in a "
		    "moment; your text is still in the form.");
		render_form(b, &other, f.v, f.error, NULL, 0);
		status = 503;
	}
	backend_send(req, &b->pg, status);
out:
	free(docs);
	strset_free(&terms);
	action_form_free(&f);
	kore_pgsql_cleanup(&row);
	kore_pgsql_cleanup(&save);
	kore_pgsql_cleanup(&other);
}

int
page_backend_action(struct http_request *req)
{
	struct kore_pgsql	 row;
	struct backend		 b;
	char			*v[AF_COUNT];
	long long		 id;
	int			 i;

	kore_pgsql_init(&row);
	if (backend_begin(req, &b) == -1)
		goto done;
	if (backend_need_session(req, &b) == -1)
		goto out;
	if (catalog_refresh() == -1) {
		backend_unavailable(req, &b);
		goto out;
	}
	id = strtoll(req->path + strlen("/b/a/"), NULL, 10);
	if (req->method == HTTP_METHOD_POST) {
		save_action(req, &b, id);
		goto out;
	}
	if (load_action(&row, id, b.st.id) == -1) {
		backend_unavailable(req, &b);
		goto out;
	}
	if (kore_pgsql_ntuples(&row) != 1) {
		render_error(&b.pg, 404, N_("There is no such action. It may "
		    "have been removed."), "");
		backend_send(req, &b.pg, 404);
		goto out;
	}
	if (kore_pgsql_getvalue(&row, 0, A_MAY_EDIT)[0] != 't') {
		audit(req, &b.st, NULL, "denied", req->path, NULL);
		render_error(&b.pg, 403, N_("This action belongs to another "
		    "unit. You can update the actions of your own units "
		    "only."), "");
		backend_send(req, &b.pg, 403);
		goto out;
	}
	for (i = 0; i < AF_COUNT; i++)
		v[i] = form_from_row[i] >= 0 ? kore_pgsql_getvalue(&row, 0,
		    form_from_row[i]) : "";
	render_form(&b, &row, v, NULL, NULL, (b.notices & BACKEND_SAVED));
	backend_send(req, &b.pg, 200);
out:
	backend_end(&b);
done:
	kore_pgsql_cleanup(&row);
	return KORE_RESULT_OK;
}

/* Attention groups of "my actions", in the order shown. */
static const char *const group_names[] = {
	"overdue", "stale", "due_soon", "other"
};
static const char *const group_titles[] = {
	N_("Overdue"), N_("Not updated for a long time"), N_("Due soon"),
	N_("Other actions")
};
static const char *const group_help[] = {
	N_("The schedule has ended but the status is not final."),
	N_("Not updated in %days% days. Check that the status is still "
	    "right, and save."),
	N_("The schedule ends within %soon% days."),
	""
};

int
page_backend(struct http_request *req)
{
	struct kore_pgsql	 sql;
	struct backend		 b;
	struct tmpl_vars	 tv, rv, gv;
	struct html		 groups, rows, rounds;
	const struct status	*st;
	const char		*params[3];
	char			 uid[32];
	int			 i, g, n, count;

	kore_pgsql_init(&sql);
	tv_init(&tv);
	tv_init(&rv);
	tv_init(&gv);
	html_init(&groups);
	html_init(&rows);
	html_init(&rounds);
	if (backend_begin(req, &b) == -1)
		goto done;
	if (backend_need_session(req, &b) == -1)
		goto out;
	if (catalog_refresh() == -1 || rounds_dashboard(&rounds, &b) == -1) {
		backend_unavailable(req, &b);
		goto out;
	}
	snprintf(uid, sizeof(uid), "%lld", b.st.id);
	params[0] = uid;
	params[1] = b.st.is_admin ? "t" : "f";
	params[2] = T(b.pg.lang, "Continuous");
	if (db_query(&sql, "SELECT a.id, p.title, a.body, "
	    "coalesce(a.status_id, 0), CASE a.schedule_kind "
	    "WHEN 'months' THEN concat_ws(' – ', "
	    "to_char(a.schedule_start, 'FMMM/YYYY'), "
	    "to_char(a.schedule_end, 'FMMM/YYYY')) "
	    "WHEN 'continuous' THEN $3 WHEN 'text' THEN a.schedule_text "
	    "ELSE '' END, to_char(a.updated_at, 'YYYY-MM-DD'), "
	    "action_attention(a.schedule_end, a.updated_at, s.is_final, "
	    "set.stale_days, set.due_soon_days) AS attention, "
	    "set.stale_days, set.due_soon_days, "
	    "coalesce((SELECT string_agg(un.name, '; ' ORDER BY au.position) "
	    "FROM action_unit au JOIN unit un ON un.id = au.unit_id "
	    "WHERE au.action_id = a.id), '') "
	    "FROM action a JOIN process p ON p.id = a.process_id "
	    "CROSS JOIN setting set LEFT JOIN status s ON s.id = a.status_id "
	    "WHERE a.deleted_at IS NULL AND ($2::boolean OR EXISTS "
	    "(SELECT 1 FROM action_unit au WHERE au.action_id = a.id AND "
	    "au.unit_id IN (SELECT user_units($1)))) "
	    "ORDER BY attention, a.schedule_end NULLS LAST, a.updated_at, "
	    "a.id", 3, params) == -1) {
		backend_unavailable(req, &b);
		goto out;
	}
	n = kore_pgsql_ntuples(&sql);
	for (g = 0, i = 0; g < 4; g++) {
		html_free(&rows);
		html_init(&rows);
		for (count = 0; i < n &&
		    atoi(kore_pgsql_getvalue(&sql, i, 6)) == g; i++, count++) {
			tv_reset(&rv);
			tv_textf(&rv, "url", "/b/a/%s%s",
			    kore_pgsql_getvalue(&sql, i, 0),
			    lang_query(b.pg.lang));
			tv_text(&rv, "body", kore_pgsql_getlength(&sql, i, 2) ?
			    kore_pgsql_getvalue(&sql, i, 2) :
			    T(b.pg.lang, "(action without a description)"));
			tv_text(&rv, "process", kore_pgsql_getvalue(&sql, i,
			    1));
			st = status_by_id(&catalog_get()->statuses,
			    atoi(kore_pgsql_getvalue(&sql, i, 3)));
			tv_text(&rv, "status", st ? st->label[b.pg.lang] :
			    T(b.pg.lang, "Not given"));
			tv_text(&rv, "schedule", kore_pgsql_getvalue(&sql, i,
			    4));
			tv_text(&rv, "updated", kore_pgsql_getvalue(&sql, i,
			    5));
			tv_text(&rv, "units", kore_pgsql_getvalue(&sql, i, 9));
			tv_text(&rv, "content_lang", b.pg.lang == LANG_FI ?
			    "" : "fi");
			tmpl_render(&rows, tpl("dashboard.row"), &rv,
			    b.pg.lang);
		}
		if (count == 0 && g != 3)
			continue;
		tv_reset(&gv);
		tv_text(&gv, "id", group_names[g]);
		tv_text(&gv, "title", T(b.pg.lang, group_titles[g]));
		tv_textf(&gv, "count", "%d", count);
		tv_text(&gv, "days", n ? kore_pgsql_getvalue(&sql, 0, 7) : "");
		tv_text(&gv, "soon", n ? kore_pgsql_getvalue(&sql, 0, 8) : "");
		if (group_help[g][0] != '\0') {
			struct html	help;

			html_init(&help);
			tmpl_message(&help, group_help[g], &gv, b.pg.lang);
			tv_html(&gv, "help", &help);
			html_free(&help);
		}
		tv_html(&gv, "rows", &rows);
		tv_text(&gv, "has_rows", count ? "1" : "");
		tmpl_render(&groups, tpl("dashboard.group"), &gv, b.pg.lang);
	}
	tv_html(&tv, "groups", &groups);
	tv_html(&tv, "rounds", &rounds);
	tv_text(&tv, "confirmed", (b.notices & BACKEND_CONFIRMED) ? "1" : "");
	tv_textf(&tv, "total", "%d", n);
	tv_text(&tv, "admin", b.st.is_admin ? "1" : "");
	tv_text(&tv, "password_changed",
	    (b.notices & BACKEND_PASSWORD) ? "1" : "");
	snprintf(b.pg.title, sizeof(b.pg.title), "%s", T(b.pg.lang,
	    "My actions"));
	buf_reset(&b.pg.path);
	buf_puts(&b.pg.path, "/b");
	tmpl_render(&b.pg.content, tpl("dashboard"), &tv, b.pg.lang);
	backend_send(req, &b.pg, 200);
out:
	backend_end(&b);
done:
	kore_pgsql_cleanup(&sql);
	tv_free(&tv);
	tv_free(&rv);
	tv_free(&gv);
	html_free(&groups);
	html_free(&rows);
	html_free(&rounds);
	return KORE_RESULT_OK;
}
