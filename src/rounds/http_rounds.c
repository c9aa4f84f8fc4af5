/*
 * Reporting rounds: the participation team asks the responsible units of
 * one or more processes to check their actions by a deadline, and sees
 * which units have answered. Admins open and close rounds and read the
 * report (/b/rounds, /b/rounds/ID); a unit editor sees the request on
 * their own page and confirms actions (/b/rounds/ID/confirm); residents
 * read the report of a round of published processes (/round/ID) without
 * any staff member's name or address. The rules (who may answer, when a
 * unit has answered) are in the database: migrations/0005_rounds.sql.
 */
#include <libpq-fe.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "backend.h"
#include "cache.h"
#include "catalog_cache.h"
#include "db.h"
#include "fields.h"
#include "page.h"
#include "round_close_form.h"
#include "round_confirm_form.h"
#include "round_form.h"
#include "rounds.h"
#include "rows.h"
#include "serve.h"
#include "tmpl.h"

int	page_rounds(struct http_request *);
int	page_round(struct http_request *);
int	page_round_close(struct http_request *);
int	page_round_confirm(struct http_request *);
int	page_public_round(struct http_request *);

/*
 * Per unit of a round: its names (unit, unit_sv, unit_en), the counts
 * of round_units(), those that have not answered first, by name in the
 * language whose code is $2.
 */
#define UNITS_OF_ROUND_SQL \
	"SELECT ru.unit_name AS unit, un.name_sv AS unit_sv, " \
	"un.name_en AS unit_en, ru.actions, ru.answered, ru.confirmed, " \
	"ru.updated, ru.last_answer AS last, ru.has_answered " \
	"FROM round_units($1) ru JOIN unit un ON un.id = ru.unit_id " \
	"ORDER BY ru.has_answered, in_lang($2, ru.unit_name, un.name_sv, " \
	"un.name_en) COLLATE \"fi-x-icu\""

static int	rounds_post(struct http_request *, struct backend *,
		    struct round_form *);
static int	rounds_open(struct http_request *, struct backend *,
		    struct round_form *, int *);
static int	rounds_render(struct backend *, const struct round_form *);
static int	rounds_list(struct html *, struct tmpl_vars *, enum lang);
static int	rounds_processes(struct html *, const struct round_form *,
		    enum lang);
static int	rounds_no_editors(struct tmpl_vars *, const struct round_form *,
		    enum lang);
static void	rounds_errors(struct tmpl_vars *, struct html *,
		    const struct round_form *, enum lang);
static long long path_round(const char *, char *, size_t);
static void	unit_rows(struct html *, struct kore_pgsql *, enum lang,
		    int, int *, int *, struct buf *);
static void	summary(struct html *, enum lang, int, int, const char *);
static void	unit_table(struct html *, struct kore_pgsql *, enum lang,
		    int);
static int	round_units(struct html *, const char *, enum lang, int);
static void	answer_row(struct tmpl_vars *, struct kore_pgsql *, int,
		    enum lang, const void *);
static int	round_answers(struct tmpl_vars *, struct html *,
		    const char *, enum lang);
static int	round_render(struct http_request *, struct backend *,
		    const char *);
static void	round_header(struct tmpl_vars *, struct kore_pgsql *,
		    struct backend *, const char *);
static void	dashboard_round(struct html *, struct kore_pgsql *, int, int,
		    struct backend *);
static void	confirm_why(struct buf *, const char *, enum lang);
static void	confirm_vars(struct tmpl_vars *, struct kore_pgsql *, int,
		    struct backend *);
static int	round_actions(struct kore_pgsql *, struct backend *,
		    const char *);
static void	confirm_second_step(struct http_request *, struct backend *,
		    const char *, const char *);
static int	public_round_processes(struct tmpl_vars *, struct html *,
		    struct page *, const char *);
static int	public_round_render(struct page *, const char *);
static void	round_close_render(struct http_request *, struct backend *,
		    const char *, int);


/*
 * "/b/rounds/12", "/b/rounds/12/close", "/round/12" -> 12, and the same
 * as text into rid (len bytes).
 */
static long long
path_round(const char *path, char *rid, size_t len)
{
	long long	id = -1;

	if (strncmp(path, "/b/rounds/", 10) == 0)
		id = strtoll(path + 10, NULL, 10);
	else if (strncmp(path, "/round/", 7) == 0)
		id = strtoll(path + 7, NULL, 10);
	snprintf(rid, len, "%lld", id);
	return id;
}

/* A round in the list. */
static void
rounds_row(struct tmpl_vars *rv, struct kore_pgsql *sql, int i,
    enum lang lang, const void *arg)
{
	tv_textf(rv, "url", "/b/rounds/%s%s", db_text(sql, i, "id"),
	    lang_query(lang));
	db_vars(rv, sql, i, "title", "deadline", "open", "overdue", "done",
	    "units", "opened", "closed", "published", (char *)NULL);
	tv_textf(rv, "public_url", "/round/%s%s", db_text(sql, i, "id"),
	    lang_query(lang));
}

/* The rounds, newest first, into rows; has_rounds into tv. */
static int
rounds_list(struct html *rows, struct tmpl_vars *tv, enum lang lang)
{
	int	n;

	n = db_render_rows(db_query, rows, tpl("rounds.row"), lang, rounds_row,
	    NULL, "SELECT r.id, r.title, "
	    "r.deadline::date AS deadline, "
	    "r.closed_at IS NULL AS open, "
	    "r.closed_at IS NULL AND r.deadline < current_date AS overdue, "
	    "coalesce(u.done, 0) AS done, coalesce(u.n, 0) AS units, "
	    "r.opened_at::date AS opened, "
	    "r.closed_at::date AS closed, NOT EXISTS (SELECT 1 FROM "
	    "round_process x JOIN process p ON p.id = x.process_id WHERE "
	    "x.round_id = r.id AND p.published IS NOT TRUE) AS published "
	    "FROM round r LEFT JOIN LATERAL (SELECT count(*) FILTER "
	    "(WHERE has_answered) AS done, count(*) AS n "
	    "FROM round_units(r.id)) u ON true "
	    "ORDER BY r.closed_at IS NOT NULL, r.deadline DESC, r.id DESC "
	    "LIMIT 500", 0, NULL);
	tv_text(tv, "has_rounds", n > 0 ? "1" : "");
	return n == -1 ? -1 : 0;
}

/* A process to choose, ticked when the round form arg (or NULL) has it. */
static void
rounds_process(struct tmpl_vars *rv, struct kore_pgsql *sql, int i,
    enum lang lang, const void *arg)
{
	const struct round_form	*rf = arg;

	db_vars(rv, sql, i, "id", "title", "unpublished", (char *)NULL);
	tv_text(rv, "checked", rf != NULL && round_form_ticked(rf,
	    strtoll(db_text(sql, i, "id"), NULL, 10)) ? "1" : "");
	tv_text(rv, "content_lang", lang_attr(lang, 1));
	tv_text(rv, "invalid", rf != NULL && rf->err_processes != NULL ?
	    "1" : "");
}

/* A unit without editors. */
static void
rounds_unit(struct tmpl_vars *rv, struct kore_pgsql *sql, int i,
    enum lang lang, const void *arg)
{
	db_vars(rv, sql, i, "name", (char *)NULL);
	tv_text(rv, "content_lang", lang_attr(lang, 1));
}

/* The processes to choose from, those of rf (when given) ticked. */
static int
rounds_processes(struct html *procs, const struct round_form *rf,
    enum lang lang)
{
	return db_render_rows(db_query, procs, tpl("rounds.process"), lang,
	    rounds_process, rf, "SELECT id, title, published IS NOT TRUE AS "
	    "unpublished FROM process ORDER BY year DESC NULLS LAST, title",
	    0, NULL) == -1 ? -1 : 0;
}

/*
 * The messages of a round form, each beside its field and all in a
 * list above the form, with the field's label.
 */
static void
rounds_errors(struct tmpl_vars *tv, struct html *errors,
    const struct round_form *rf, enum lang lang)
{
	static const char *const		labels[RF_COUNT] = {
		N_("Title"), N_("Deadline"), N_("Message to the units"),
		NULL, N_("Units without editors")
	};
	static const char *const		anchors[RF_COUNT] = {
		"title", "deadline", "message", "title", "units_ok"
	};
	static const struct form_summary	s = { NULL, anchors, labels };
	struct tmpl_vars			rv;

	backend_form_summary(tv, errors, &rf->form, &s, lang);
	if (rf->err_processes == NULL)
		return;
	/* The processes ticked are many values, not a field of the form. */
	tv_text(tv, "err_processes", T(lang, rf->err_processes));
	tv_init(&rv);
	tv_text(&rv, "href", "#processes");
	tv_text(&rv, "label", T(lang, N_("Processes")));
	tv_text(&rv, "message", T(lang, rf->err_processes));
	tmpl_render(errors, tpl("fragments.error_item"), &rv, lang);
	tv_free(&rv);
}

/*
 * The units without editors of the processes ticked in rf, into tv as
 * no_editor_units; -1 when the database did not answer.
 */
static int
rounds_no_editors(struct tmpl_vars *tv, const struct round_form *rf,
    enum lang lang)
{
	struct html		 units;
	struct buf		 ids;
	const char		*params[1];
	size_t			 k;
	int			 rc;

	buf_init(&ids);
	html_init(&units);
	buf_puts(&ids, "{");
	for (k = 0; k < rf->nprocesses; k++)
		buf_printf(&ids, "%s%lld", k ? "," : "", rf->processes[k]);
	buf_puts(&ids, "}");
	params[0] = buf_cstr(&ids);
	rc = db_render_rows(db_query, &units, tpl("rounds.unit"), lang,
	    rounds_unit, NULL, "SELECT unit_name AS name "
	    "FROM round_units_without_editors($1::bigint[]) "
	    "ORDER BY unit_name COLLATE \"fi-x-icu\"", 1, params);
	tv_html(tv, "no_editor_units", &units);
	html_free(&units);
	buf_free(&ids);
	return rc == -1 ? -1 : 0;
}

/*
 * The list of rounds and the form that opens one, with what rf has
 * (NULL: an empty form). Returns -1 when the database did not answer.
 */
static int
rounds_render(struct backend *b, const struct round_form *rf)
{
	static const struct field_view	views[] = {
		{ .field = RF_TITLE, .label = N_("Title") },
		{ .field = RF_DEADLINE, .label = N_("Deadline"),
		    .hint = N_("A date, such as 2026-05-31."), .type = "date",
		    .required = 1 },
		{ .field = RF_MESSAGE, .label = N_("Message to the units"),
		    .rows = 5 },
	};
	struct tmpl_vars		tv;
	struct html			rows, procs, errors;
	enum lang			lang = b->pg.lang;
	int				rc = -1;

	tv_init(&tv);
	html_init(&rows);
	html_init(&procs);
	html_init(&errors);
	if (rounds_list(&rows, &tv, lang) == -1 ||
	    rounds_processes(&procs, rf, lang) == -1)
		goto out;
	if (rf != NULL)
		rounds_errors(&tv, &errors, rf, lang);
	if (rf != NULL && rf->form.err[RF_UNITS_OK] != NULL &&
	    rounds_no_editors(&tv, rf, lang) == -1)
		goto out;
	tv_html(&tv, "rows", &rows);
	tv_html(&tv, "processes", &procs);
	tv_html(&tv, "errors", &errors);
	fields_html(&tv, "round_fields", round_fields, FIELD_VIEWS(views),
	    rf != NULL ? (const char *const *)rf->form.v : NULL,
	    rf != NULL ? &rf->form : NULL, lang);
	tv_text(&tv, "csrf", b->st.csrf);
	tv_text(&tv, "lang_query", lang_query(lang));
	backend_title(b, N_("Reporting rounds"), "/b/rounds");
	tmpl_render(&b->pg.content, tpl("rounds"), &tv, lang);
	rc = 0;
out:
	tv_free(&tv);
	html_free(&rows);
	html_free(&procs);
	html_free(&errors);
	return rc;
}

/* Refusals of round_open() that a field of the form answers. */
static const struct form_refusal round_refusals[] = {
	{ "TR001", RF_DEADLINE, N_("The deadline is in the past. Give today "
	    "or a later date.") },
	{ "TR007", RF_DEADLINE, N_("The deadline is more than two years "
	    "ahead. Give a date within two years.") },
	{ "TR008", RF_UNITS_OK, N_("Some units of these actions have no "
	    "editor, so nobody would see the request. Add an editor to them "
	    "first, or tick the box to open the round anyway.") },
	{ "22008", RF_DEADLINE, N_("Give the deadline as a date, such as "
	    "2026-05-31.") },
	{ "22007", RF_DEADLINE, N_("Give the deadline as a date, such as "
	    "2026-05-31.") },
	{ NULL, 0, NULL }
};

/*
 * Stores a checked round with round_open(). Returns -1 after answering
 * (a redirect or a refusal); 0 with a message in rf and *status set.
 */
static int
rounds_open(struct http_request *req, struct backend *b,
    struct round_form *rf, int *status)
{
	struct kore_pgsql	 sql;
	const char		*args[1];
	char			 code[8], deadline[16];
	char			*docs;
	json_t			*doc, *procs;
	size_t			 k;

	procs = json_array();
	for (k = 0; k < rf->nprocesses; k++)
		json_array_append_new(procs, json_integer(rf->processes[k]));
	round_form_deadline(rf, deadline, sizeof(deadline));
	doc = json_pack("{s:s, s:s, s:s, s:o, s:b}", "title",
	    rf->form.v[RF_TITLE], "deadline", deadline, "message",
	    rf->form.v[RF_MESSAGE], "processes", procs,
	    "units_without_editors_ok",
	    strcmp(rf->form.v[RF_UNITS_OK], "1") == 0);
	docs = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	args[0] = docs;
	kore_pgsql_init(&sql);
	if (backend_change(req, b, &sql, "SELECT round_open($1, $2::jsonb, "
	    "$3) AS id", 1, args, code, sizeof(code)) == 0 &&
	    kore_pgsql_ntuples(&sql) == 1) {
		backend_redirect_with(req, b, "opened=1", "/b/rounds/%s",
		    db_text(&sql, 0, "id"));
		kore_pgsql_cleanup(&sql);
		free(docs);
		return -1;
	}
	kore_pgsql_cleanup(&sql);
	free(docs);
	if (strcmp(code, "42501") == 0) {
		backend_admins_only(req, b);
		return -1;
	}
	if (form_fail_code(&rf->form, code, round_refusals))
		return 0;
	if (strcmp(code, "TR002") == 0 || strcmp(code, "P0002") == 0)
		rf->err_processes = N_("Choose at least one process.");
	else if (strcmp(code, "TR003") == 0)
		rf->err_processes = N_("No action of these processes has a "
		    "responsible unit, so there is nobody to ask. Add units "
		    "to the actions first.");
	else {
		form_fail(&rf->form, RF_CSRF, N_("Saving failed. Try again in "
		    "a moment; your text is still in the form."));
		*status = 503;
	}
	return 0;
}

/*
 * Reads, checks and stores a posted round, or shows the form again with
 * its messages. Answers in every case: -1 when the answer is not the
 * form.
 */
static int
rounds_post(struct http_request *req, struct backend *b,
    struct round_form *rf)
{
	int	status = 422;

	if (backend_form_read(req, b, &rf->form, round_fields, RF_COUNT) ==
	    -1)
		return -1;
	round_form_processes(rf, buf_cstr(&b->body));
	if (round_form_check(rf) == 0 &&
	    rounds_open(req, b, rf, &status) == -1)
		return -1;
	if (rounds_render(b, rf) == -1) {
		backend_unavailable(req, b);
		return -1;
	}
	page_send(req, &b->pg, status);
	return 0;
}

int
page_rounds(struct http_request *req)
{
	struct backend		b;
	struct round_form	rf;

	memset(&rf, 0, sizeof(rf));
	if (backend_open(req, &b, BACKEND_NEED_ADMIN) == -1)
		goto out;
	if (req->method == HTTP_METHOD_POST) {
		(void)rounds_post(req, &b, &rf);
		goto out;
	}
	if (rounds_render(&b, NULL) == -1) {
		backend_unavailable(req, &b);
		goto out;
	}
	page_send(req, &b.pg, 200);
out:
	round_form_free(&rf);
	backend_end(&b);
	return KORE_RESULT_OK;
}

/*
 * The rows of the unit table, counting units and those that answered,
 * and listing the names of those that have not in missing.
 */
static void
unit_rows(struct html *out, struct kore_pgsql *sql, enum lang lang,
    int public, int *nunits, int *ndone, struct buf *missing)
{
	struct tmpl_vars	 rv;
	struct row_text		 name;
	const char		*unit;
	int			 i, done, fi;

	tv_init(&rv);
	result_text_cols(&name, sql, "unit");
	*nunits = kore_pgsql_ntuples(sql);
	*ndone = 0;
	for (i = 0; i < *nunits; i++) {
		unit = result_text(sql, i, &name, lang, &fi);
		done = db_true(sql, i, "has_answered");
		if (done)
			(*ndone)++;
		else {
			if (missing->len)
				buf_puts(missing, ", ");
			buf_puts(missing, unit);
		}
		tv_reset(&rv);
		db_vars(&rv, sql, i, "actions", "answered", "confirmed",
		    "updated", "last", (char *)NULL);
		tv_text(&rv, "unit", unit);
		tv_text(&rv, "done", done ? "1" : "");
		tv_text(&rv, "public", public ? "1" : "");
		tv_text(&rv, "content_lang", lang_attr(lang, fi));
		tmpl_render(out, tpl("round.unit"), &rv, lang);
	}
	tv_free(&rv);
}

/* "Answers came from 5 of 7 units; not answered: X, Y." */
static void
summary(struct html *out, enum lang lang, int nunits, int ndone,
    const char *missing)
{
	struct tmpl_vars	tv;

	tv_init(&tv);
	tv_textf(&tv, "done", "%d", ndone);
	tv_textf(&tv, "units", "%d", nunits);
	tv_text(&tv, "missing", missing);
	if (nunits == 0)
		tmpl_message(out, N_("No action of the round's processes has a "
		    "responsible unit now."), &tv, lang);
	else if (ndone == nunits)
		tmpl_message(out, N_("Answers came from all %units% units."),
		    &tv, lang);
	else
		tmpl_message(out, N_("Answers came from %done% of %units% "
		    "units; not answered: %missing%."), &tv, lang);
	tv_free(&tv);
}

/* The unit table and the summary above it, into out. */
static void
unit_table(struct html *out, struct kore_pgsql *sql, enum lang lang,
    int public)
{
	struct tmpl_vars	tv;
	struct html		rows, sum;
	struct buf		missing;
	int			nunits, ndone;

	tv_init(&tv);
	html_init(&rows);
	html_init(&sum);
	buf_init(&missing);
	unit_rows(&rows, sql, lang, public, &nunits, &ndone, &missing);
	summary(&sum, lang, nunits, ndone, buf_cstr(&missing));
	tv_html(&tv, "summary", &sum);
	tv_html(&tv, "rows", &rows);
	tv_text(&tv, "has_rows", nunits ? "1" : "");
	tv_text(&tv, "public", public ? "1" : "");
	tmpl_render(out, tpl("round.units"), &tv, lang);
	tv_free(&tv);
	html_free(&rows);
	html_free(&sum);
	buf_free(&missing);
}

/* The unit table of round rid into out; -1 when the database failed. */
static int
round_units(struct html *out, const char *rid, enum lang lang, int public)
{
	struct kore_pgsql	 sql;
	const char		*params[2] = { rid, lang_codes[lang] };
	int			 rc = -1;

	kore_pgsql_init(&sql);
	if (db_query(&sql, UNITS_OF_ROUND_SQL, 2, params) == 0) {
		unit_table(out, &sql, lang, public);
		rc = 0;
	}
	kore_pgsql_cleanup(&sql);
	return rc;
}

/* An answer of a round, row i of sql: the action, who and when. */
static void
answer_row(struct tmpl_vars *rv, struct kore_pgsql *sql, int i,
    enum lang lang, const void *arg)
{
	struct html	units;

	(void)arg;
	backend_action_vars(rv, db_text(sql, i, "id"), db_text(sql, i, "body"),
	    lang);
	tv_text(rv, "kind", T(lang, strcmp(db_text(sql, i, "kind"),
	    "updated") == 0 ? N_("Updated") : N_("Confirmed as up to date")));
	tv_text(rv, "by", db_text(sql, i, "answered_by"));
	db_vars(rv, sql, i, "process", "at", (char *)NULL);
	html_init(&units);
	page_units(&units, db_text(sql, i, "unit_ids"), lang, 0);
	tv_html(rv, "units", &units);
	html_free(&units);
	tv_text(rv, "content_lang", lang_attr(lang, 1));
}

/* The answers of round rid, newest first; has_answers into tv. */
static int
round_answers(struct tmpl_vars *tv, struct html *out, const char *rid,
    enum lang lang)
{
	const char	*params[1] = { rid };
	int		 n;

	n = db_render_rows(db_query, out, tpl("round.answer"), lang,
	    answer_row, NULL, "SELECT a.id, a.body, p.title AS process, "
	    "ra.kind, coalesce(u.email, '') AS answered_by, "
	    "ra.answered_at AS at, "
	    "coalesce((SELECT string_agg(au.unit_id::text, ',' ORDER BY "
	    "au.position) FROM action_unit au WHERE au.action_id = a.id), "
	    "'') AS unit_ids "
	    "FROM round_answer ra JOIN action a ON a.id = ra.action_id "
	    "JOIN process p ON p.id = a.process_id "
	    "LEFT JOIN app_user u ON u.id = ra.answered_by "
	    "WHERE ra.round_id = $1 ORDER BY ra.answered_at DESC, a.id",
	    1, params);
	if (n == -1)
		return -1;
	tv_text(tv, "has_answers", n > 0 ? "1" : "");
	return 0;
}

/* What the round's row says, into tv. */
static void
round_header(struct tmpl_vars *tv, struct kore_pgsql *sql, struct backend *b,
    const char *rid)
{
	enum lang	lang = b->pg.lang;

	tv_text(tv, "id", rid);
	db_vars(tv, sql, 0, "title", "message", "deadline", "opened",
	    "closed", "opened_by", "overdue", "processes", "published",
	    (char *)NULL);
	tv_textf(tv, "public_url", "/round/%s%s", rid, lang_query(lang));
	tv_text(tv, "opened_now", (b->notices & BACKEND_OPENED) ? "1" : "");
	tv_text(tv, "closed_now", (b->notices & BACKEND_CLOSED) ? "1" : "");
	tv_text(tv, "csrf", b->st.csrf);
	tv_text(tv, "lang_query", lang_query(lang));
	tv_text(tv, "content_lang", lang_attr(lang, 1));
	page_set_title(&b->pg, "%s", db_text(sql, 0,
	    "title"));
}

/*
 * The admin's page of round rid: its units, answers and what it asks.
 * Answers in every case; -1 when the answer is not the page.
 */
static int
round_render(struct http_request *req, struct backend *b, const char *rid)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 tv;
	struct html		 units, answers;
	int			 rc = -1;

	kore_pgsql_init(&sql);
	tv_init(&tv);
	html_init(&units);
	html_init(&answers);
	if (backend_need_catalog(req, b) == -1)
		goto out;
	if (round_units(&units, rid, b->pg.lang, 0) == -1 ||
	    round_answers(&tv, &answers, rid, b->pg.lang) == -1) {
		backend_unavailable(req, b);
		goto out;
	}
	if (backend_query_one(req, b, &sql, "SELECT r.title, r.message, "
	    "r.deadline::date AS deadline, "
	    "r.opened_at AS opened, "
	    "r.closed_at "
	    "AS closed, coalesce(u.email, '') AS opened_by, "
	    "r.closed_at IS NULL AND r.deadline < current_date AS overdue, "
	    "(SELECT string_agg(p.title, '; ' ORDER BY p.title) "
	    "FROM round_process rp JOIN process p ON p.id = rp.process_id "
	    "WHERE rp.round_id = r.id) AS processes, "
	    "(SELECT bool_and(p.published) FROM round_process rp "
	    "JOIN process p ON p.id = rp.process_id "
	    "WHERE rp.round_id = r.id) AS published "
	    "FROM round r LEFT JOIN app_user u ON u.id = r.opened_by "
	    "WHERE r.id = $1", rid,
	    N_("There is no such reporting round.")) == -1)
		goto out;
	round_header(&tv, &sql, b, rid);
	tv_html(&tv, "units", &units);
	tv_html(&tv, "answers", &answers);
	buf_reset(&b->pg.path);
	buf_printf(&b->pg.path, "/b/rounds/%s", rid);
	backend_show(req, b, "round", &tv, 200);
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	tv_free(&tv);
	html_free(&units);
	html_free(&answers);
	return rc;
}

int
page_round(struct http_request *req)
{
	struct backend	b;
	char		rid[32];

	if (backend_open(req, &b, BACKEND_NEED_ADMIN) == 0) {
		(void)path_round(req->path, rid, sizeof(rid));
		(void)round_render(req, &b, rid);
	}
	backend_end(&b);
	return KORE_RESULT_OK;
}

/* What a refused close of a round is answered with. */
static const struct backend_refusal	close_refusals[] = {
	{ "42501", 403, BACKEND_ADMINS_ONLY, BACKEND_REFUSE },
	{ "P0002", 404, N_("There is no such reporting round."),
	    BACKEND_REFUSE },
	{ "TR004", 409, N_("The round has been closed already."),
	    BACKEND_REFUSE },
	{ NULL, 503, N_("Please try again in a moment."), BACKEND_REFUSE }
};

/*
 * What a refused confirmation is answered with, but for TR006 (a
 * second look first), which shows the step that asks for it.
 */
static const struct backend_refusal	confirm_refusals[] = {
	{ "42501", 403, N_("This action belongs to another unit. You can "
	    "update the actions of your own units only."), BACKEND_DENY },
	{ "TR005", 404, N_("This action is not part of the round. Nothing "
	    "was saved."), BACKEND_REFUSE },
	{ "P0002", 404, N_("There is no such reporting round."),
	    BACKEND_REFUSE },
	{ "TR004", 409, N_("The round has been closed: answers are no "
	    "longer taken. Nothing was saved."), BACKEND_REFUSE },
	{ NULL, 503, N_("Please try again in a moment."), BACKEND_REFUSE }
};

/*
 * The step before closing round rid: how many units have not answered,
 * and the form that closes it. status 422 when a close was posted
 * without it.
 */
static void
round_close_render(struct http_request *req, struct backend *b,
    const char *rid, int status)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 tv;
	struct html		 units;
	const char		*params[1] = { rid };
	int			 n, missing = 0;

	kore_pgsql_init(&sql);
	tv_init(&tv);
	html_init(&units);
	if (round_units(&units, rid, b->pg.lang, 0) == -1 ||
	    db_query(&sql, "SELECT count(*) FILTER (WHERE NOT has_answered) "
	    "AS missing, count(*) AS n FROM round_units($1)", 1,
	    params) == -1) {
		backend_unavailable(req, b);
		goto out;
	}
	n = atoi(db_text(&sql, 0, "n"));
	missing = atoi(db_text(&sql, 0, "missing"));
	kore_pgsql_cleanup(&sql);
	kore_pgsql_init(&sql);
	if (backend_query_one(req, b, &sql, "SELECT title, closed_at IS NOT "
	    "NULL AS closed FROM round WHERE id = $1", rid,
	    N_("There is no such reporting round.")) == -1)
		goto out;
	if (db_true(&sql, 0, "closed")) {
		backend_refused(req, b, 409, N_("The round has been closed "
		    "already."));
		goto out;
	}
	tv_text(&tv, "id", rid);
	tv_text(&tv, "title", db_text(&sql, 0, "title"));
	tv_textf(&tv, "missing", "%d", missing);
	tv_textf(&tv, "units_total", "%d", n);
	tv_text(&tv, "all_answered", missing == 0 ? "1" : "");
	tv_text(&tv, "unconfirmed", status == 422 ? "1" : "");
	tv_html(&tv, "units", &units);
	tv_text(&tv, "csrf", b->st.csrf);
	tv_text(&tv, "lang_query", lang_query(b->pg.lang));
	backend_title(b, N_("Close the round"), "/b/rounds/%s/close", rid);
	backend_show(req, b, "round_close", &tv, status);
out:
	kore_pgsql_cleanup(&sql);
	tv_free(&tv);
	html_free(&units);
}

int
page_round_close(struct http_request *req)
{
	struct backend	 b;
	struct form	 f;
	const char	*args[1];
	char		 rid[32];
	long long	 id;

	memset(&f, 0, sizeof(f));
	if (backend_open(req, &b, BACKEND_NEED_ADMIN) == -1)
		goto out;
	id = path_round(req->path, rid, sizeof(rid));
	if (req->method != HTTP_METHOD_POST) {
		round_close_render(req, &b, rid, 200);
		goto out;
	}
	if (backend_form_read(req, &b, &f, round_close_fields, RX_COUNT) == -1)
		goto out;
	if (strcmp(f.v[RX_CONFIRM], "1") != 0) {
		round_close_render(req, &b, rid, 422);
		goto out;
	}
	args[0] = rid;
	(void)backend_change_answer(req, &b, "SELECT round_close($1, $2, $3)",
	    1, args, close_refusals, "closed=1", "/b/rounds/%lld", id);
out:
	form_free(&f);
	backend_end(&b);
	return KORE_RESULT_OK;
}

int
page_round_confirm(struct http_request *req)
{
	struct backend			 b;
	struct round_confirm_form	 cf;
	const char			*args[3];
	char				 rid[32], aid[32], code[8];

	memset(&cf, 0, sizeof(cf));
	if (backend_open(req, &b, BACKEND_NEED_SESSION) == -1)
		goto out;
	if (backend_form_read(req, &b, &cf.form, round_confirm_fields,
	    RC_COUNT) == -1)
		goto out;
	if (round_confirm_form_check(&cf) > 0) {
		backend_refused(req, &b, 400, cf.form.err[RC_ACTION]);
		goto out;
	}
	(void)path_round(req->path, rid, sizeof(rid));
	snprintf(aid, sizeof(aid), "%lld", cf.action);
	args[0] = rid;
	args[1] = aid;
	args[2] = cf.checked ? "t" : "f";
	if (backend_change(req, &b, NULL, "SELECT round_confirm($1, $2, $3, "
	    "$4, $5)", 3, args, code, sizeof(code)) == 0) {
		backend_redirect_with(req, &b, "confirmed=1", "/b");
		goto out;
	}
	if (strcmp(code, "TR006") == 0)
		confirm_second_step(req, &b, rid, aid);
	else
		backend_refusal(req, &b, code, confirm_refusals);
out:
	round_confirm_form_free(&cf);
	backend_end(&b);
	return KORE_RESULT_OK;
}

/*
 * The actions of open rounds that the user $1 answers for, with what a
 * confirmation needs beside it (status, schedule in words with $2 for
 * "continuous", last update, why a second look is needed) and the
 * answer of the user's units: those of the user's units when $3 is
 * NULL, or action $3 alone.
 */
#define ROUND_ACTIONS_SQL \
	"WITH mine AS (SELECT user_units($1) AS id) " \
	"SELECT r.id AS round_id, r.title, r.message, " \
	"r.deadline::date AS deadline, " \
	"r.deadline < current_date AS overdue, " \
	"a.id AS action_id, a.body, p.title AS process, " \
	"coalesce(a.status_id, 0) AS status_id, action_schedule_words(" \
	"a.schedule_kind, a.schedule_start, a.schedule_end, " \
	"a.schedule_text, $2) AS schedule, a.updated_at AS last_update, " \
	"array_to_string(round_confirm_reasons(a.id), ',') AS reasons, " \
	"coalesce(ra.kind, '') AS kind, ra.answered_at AS at, " \
	"action_unit_names(a.id) AS units " \
	"FROM round r JOIN round_process rp ON rp.round_id = r.id " \
	"JOIN process p ON p.id = rp.process_id " \
	"JOIN action a ON a.process_id = p.id AND a.deleted_at IS NULL " \
	"LEFT JOIN LATERAL (SELECT x.kind, x.answered_at " \
	"FROM round_unit_answer x WHERE x.round_id = r.id " \
	"AND x.action_id = a.id AND x.unit_id IN (SELECT id FROM mine) " \
	"ORDER BY x.kind = 'updated' DESC, x.answered_at DESC LIMIT 1) ra " \
	"ON true " \
	"WHERE r.closed_at IS NULL AND CASE WHEN $3::bigint IS NULL THEN " \
	"EXISTS (SELECT 1 FROM action_unit au WHERE au.action_id = a.id " \
	"AND au.unit_id IN (SELECT id FROM mine)) " \
	"ELSE a.id = $3::bigint AND user_may_edit_action($1, a.id) END " \
	"ORDER BY r.deadline, r.id, p.title, a.id"

/* Why confirming needs a second look, from round_confirm_reasons(). */
static const char *const confirm_reasons[][2] = {
	{ "overdue", N_("The schedule or a milestone has passed but the "
	    "status is not final.") },
	{ "no_status", N_("The action has no status.") },
	{ "stale", N_("The action has not been updated for a long time.") },
};

/* The reasons (a comma-separated list of codes) in words, into out. */
static void
confirm_why(struct buf *out, const char *codes, enum lang lang)
{
	size_t	i;

	for (i = 0; i < sizeof(confirm_reasons) / sizeof(confirm_reasons[0]);
	    i++) {
		if (strstr(codes, confirm_reasons[i][0]) == NULL)
			continue;
		if (out->len)
			buf_puts(out, " ");
		buf_puts(out, T(lang, confirm_reasons[i][1]));
	}
}

/*
 * What row i of an action query (ROUND_ACTIONS_SQL) gives a confirm
 * form: the action, its status, schedule, last update and why a second
 * look is needed.
 */
static void
confirm_vars(struct tmpl_vars *rv, struct kore_pgsql *sql, int i,
    struct backend *b)
{
	const struct status	*st;
	const char		*kind;
	enum lang		 lang = b->pg.lang;
	struct buf		 why;

	buf_init(&why);
	tv_text(rv, "round", db_text(sql, i, "round_id"));
	tv_text(rv, "id", db_text(sql, i, "action_id"));
	backend_action_vars(rv, db_text(sql, i, "action_id"),
	    db_text(sql, i, "body"), lang);
	st = status_by_id(&catalog_get()->statuses,
	    atoi(db_text(sql, i, "status_id")));
	tv_text(rv, "status", st ? st->label[lang] : "");
	confirm_why(&why, db_text(sql, i, "reasons"), lang);
	tv_text(rv, "why", buf_cstr(&why));
	kind = db_text(sql, i, "kind");
	tv_text(rv, "updated", strcmp(kind, "updated") == 0 ? "1" : "");
	tv_text(rv, "confirmed", strcmp(kind, "confirmed") == 0 ? "1" : "");
	db_vars(rv, sql, i, "process", "at", "units", "schedule",
	    "last_update", (char *)NULL);
	tv_text(rv, "csrf", b->st.csrf);
	tv_text(rv, "lang_query", lang_query(lang));
	tv_text(rv, "content_lang", lang_attr(lang, 1));
	buf_free(&why);
}

/*
 * One round's request from rows first..end-1 of sql (its actions of the
 * user's units), into out.
 */
static void
dashboard_round(struct html *out, struct kore_pgsql *sql, int first,
    int end, struct backend *b)
{
	struct tmpl_vars	 tv, rv;
	struct html		 rows;
	enum lang		 lang = b->pg.lang;
	int			 i, done = 0;

	tv_init(&tv);
	tv_init(&rv);
	html_init(&rows);
	for (i = first; i < end; i++) {
		tv_reset(&rv);
		confirm_vars(&rv, sql, i, b);
		if (db_text(sql, i, "kind")[0] != '\0')
			done++;
		tmpl_render(&rows, tpl("round_request.row"), &rv, lang);
	}
	tv_text(&tv, "id", db_text(sql, first, "round_id"));
	db_vars(&tv, sql, first, "title", "message", "deadline", "overdue",
	    (char *)NULL);
	tv_textf(&tv, "done", "%d", done);
	tv_textf(&tv, "total", "%d", end - first);
	tv_text(&tv, "all_done", done == end - first ? "1" : "");
	tv_html(&tv, "rows", &rows);
	tv_text(&tv, "content_lang", lang_attr(lang, 1));
	tmpl_render(out, tpl("round_request"), &tv, lang);
	tv_free(&tv);
	tv_free(&rv);
	html_free(&rows);
}

/* The actions of open rounds for the user (or action aid) into sql. */
static int
round_actions(struct kore_pgsql *sql, struct backend *b, const char *aid)
{
	const char	*params[3];
	char		 uid[32];

	snprintf(uid, sizeof(uid), "%lld", b->st.id);
	params[0] = uid;
	params[1] = T(b->pg.lang, "Continuous");
	params[2] = aid;
	if (catalog_refresh() == -1)
		return -1;
	return db_query(sql, ROUND_ACTIONS_SQL, 3, params);
}

int
rounds_dashboard(struct html *out, struct backend *b)
{
	struct kore_pgsql	 sql;
	int			 i, n, first, col;

	kore_pgsql_init(&sql);
	if (round_actions(&sql, b, NULL) == -1) {
		kore_pgsql_cleanup(&sql);
		return -1;
	}
	n = kore_pgsql_ntuples(&sql);
	col = db_col(&sql, "round_id");
	for (first = 0; first < n; first = i) {
		for (i = first; i < n && strcmp(kore_pgsql_getvalue(&sql, i,
		    col), kore_pgsql_getvalue(&sql, first, col)) == 0; i++)
			;
		dashboard_round(out, &sql, first, i, b);
	}
	kore_pgsql_cleanup(&sql);
	return 0;
}

int
rounds_action(struct html *out, struct backend *b, const char *aid)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 rv;
	int			 i;

	kore_pgsql_init(&sql);
	tv_init(&rv);
	if (round_actions(&sql, b, aid) == -1) {
		kore_pgsql_cleanup(&sql);
		tv_free(&rv);
		return -1;
	}
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		tv_reset(&rv);
		confirm_vars(&rv, &sql, i, b);
		db_vars(&rv, &sql, i, "title", "deadline", "overdue",
		    (char *)NULL);
		tmpl_render(out, tpl("round_request.action"), &rv, b->pg.lang);
	}
	kore_pgsql_cleanup(&sql);
	tv_free(&rv);
	return 0;
}

/*
 * The second step of a confirmation that needs one: the action, why,
 * and the form with the box to tick (422: nothing was recorded).
 */
static void
confirm_second_step(struct http_request *req, struct backend *b,
    const char *rid, const char *aid)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 tv;
	int			 i, n;

	kore_pgsql_init(&sql);
	tv_init(&tv);
	if (round_actions(&sql, b, aid) == -1) {
		backend_unavailable(req, b);
		goto out;
	}
	n = kore_pgsql_ntuples(&sql);
	for (i = 0; i < n && strcmp(db_text(&sql, i, "round_id"), rid) != 0;
	    i++)
		;
	if (i == n) {
		backend_refused(req, b, 404, N_("This action is not part of "
		    "the round. Nothing was saved."));
		goto out;
	}
	confirm_vars(&tv, &sql, i, b);
	db_vars(&tv, &sql, i, "title", (char *)NULL);
	backend_title(b, N_("Confirm as up to date"), "/b/rounds/%s/confirm",
	    rid);
	backend_show(req, b, "round_confirm", &tv, 422);
out:
	kore_pgsql_cleanup(&sql);
	tv_free(&tv);
}

/*
 * The processes of round rid (with titles in the page's language) into
 * procs, and what the round's row says into tv. Returns 404 when
 * there is no such round or a process of it is not published, 503 when
 * the database failed, 0 otherwise.
 */
static int
public_round_processes(struct tmpl_vars *tv, struct html *procs,
    struct page *pg, const char *rid)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 pv;
	enum lang		 lang = pg->lang;
	int			 i, n, finnish, rc = 503;

	kore_pgsql_init(&sql);
	tv_init(&pv);
	/* Only a round whose every process is published has a report. */
	if (db_query(&sql, "SELECT p.slug, p.title, p.title_sv, p.title_en, "
	    "p.published, "
	    "r.title AS round_title, "
	    "r.deadline::date AS deadline, "
	    "r.opened_at::date AS opened, "
	    "r.closed_at::date AS closed "
	    "FROM round r JOIN round_process rp ON rp.round_id = r.id "
	    "JOIN process p ON p.id = rp.process_id WHERE r.id = $1 "
	    "ORDER BY p.year DESC NULLS LAST, p.title", 1, &rid) == -1)
		goto out;
	n = kore_pgsql_ntuples(&sql);
	for (i = 0; i < n; i++)
		if (!db_true(&sql, i, "published"))
			break;
	rc = 404;
	if (n == 0 || i < n)
		goto out;
	for (i = 0; i < n; i++) {
		tv_reset(&pv);
		tv_textf(&pv, "url", "/p/%s%s", db_text(&sql, i, "slug"),
		    lang_query(lang));
		tv_text(&pv, "title", db_text_lang(&sql, i, "title", lang,
		    &finnish));
		tv_text(&pv, "content_lang", lang_attr(lang, finnish));
		if (finnish)
			pg->finnish = 1;
		tmpl_render(procs, tpl("round_public.process"), &pv, lang);
	}
	tv_text(tv, "title", db_text(&sql, 0, "round_title"));
	db_vars(tv, &sql, 0, "deadline", "opened", "closed", (char *)NULL);
	tv_text(tv, "content_lang", lang_attr(lang, 1));
	page_set_title(pg, "%s", db_text(&sql, 0,
	    "round_title"));
	if (lang != LANG_FI)
		pg->finnish = 1;
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	tv_free(&pv);
	return rc;
}

/* The public report of round rid into pg; 0, 404 or 503. */
static int
public_round_render(struct page *pg, const char *rid)
{
	struct tmpl_vars	 tv;
	struct html		 units, procs;
	int			 rc;

	tv_init(&tv);
	html_init(&units);
	html_init(&procs);
	rc = public_round_processes(&tv, &procs, pg, rid);
	if (rc != 0)
		goto out;
	if (round_units(&units, rid, pg->lang, 1) == -1) {
		rc = 503;
		goto out;
	}
	tv_html(&tv, "units", &units);
	tv_html(&tv, "processes", &procs);
	buf_reset(&pg->path);
	buf_printf(&pg->path, "/round/%s", rid);
	tmpl_render(&pg->content, tpl("round_public"), &tv, pg->lang);
out:
	tv_free(&tv);
	html_free(&units);
	html_free(&procs);
	return rc;
}

int
page_public_round(struct http_request *req)
{
	struct page		 pg;
	const char		*bad;
	char			*v[1] = { NULL };
	char			 rid[32], key[64];
	enum lang		 lang = LANG_FI;
	enum param_error	 e;
	int			 r;

	e = params_parse(req->query_string, lang_params, 1, v, &bad);
	if (e == PARAM_OK && v[0] != NULL)
		lang_from_code(v[0], strlen(v[0]), &lang);
	page_init(&pg, lang);
	if (e != PARAM_OK) {
		serve_error(req, &pg, 400, N_("A search setting in the "
		    "address has a value that is not allowed."), "");
		goto out;
	}
	if (catalog_refresh() == -1) {
		serve_error(req, &pg, 503, N_("Please try again in a "
		    "moment."), "");
		goto out;
	}
	(void)path_round(req->path, rid, sizeof(rid));
	snprintf(key, sizeof(key), "/round/%s?lang=%s", rid,
	    lang_codes[lang]);
	if (serve_cached(req, NULL, key))
		goto out;
	if ((r = public_round_render(&pg, rid)) != 0) {
		serve_error(req, &pg, r, r == 404 ? N_("There is no "
		    "such reporting round.") : N_("Please try again in a "
		    "moment."), "");
		goto out;
	}
	serve_rendered(req, &pg, NULL, key);
out:
	params_free(v, 1);
	page_free(&pg);
	return KORE_RESULT_OK;
}
