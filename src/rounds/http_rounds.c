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

#include "action_form.h"
#include "backend.h"
#include "cache.h"
#include "catalog_cache.h"
#include "db.h"
#include "rounds.h"
#include "tmpl.h"
#include "utf8.h"

int	page_rounds(struct http_request *);
int	page_round(struct http_request *);
int	page_round_close(struct http_request *);
int	page_round_confirm(struct http_request *);
int	page_public_round(struct http_request *);

/* The fields of the form that opens a round (processes come apart). */
enum { RF_TITLE, RF_DEADLINE, RF_MESSAGE, RF_CSRF, RF_COUNT };
static const struct param_spec round_params[RF_COUNT] = {
	{ "title", 1200, NULL, 0 },
	{ "deadline", 10, NULL, 0 },
	{ "message", 20000, NULL, PARAM_MULTILINE },
	{ "csrf", 64, NULL, 0 },
};
/* The error placeholders of the fields, and one for the processes. */
static const char *const round_errors[RF_COUNT] = {
	"err_title", "err_deadline", "err_message", "err_csrf"
};

enum { CF_ACTION, CF_CSRF, CF_COUNT };
static const struct param_spec confirm_params[CF_COUNT] = {
	{ "action", 18, param_is_digits, 0 },
	{ "csrf", 64, NULL, 0 },
};
static const struct param_spec close_params[1] = {
	{ "csrf", 64, NULL, 0 },
};
#define MAX_PROCESSES	64
#define ROUND_FIELDS_MAX	(MAX_PROCESSES + RF_COUNT + 8)

/* Per unit of a round, in the order of round_units(). */
#define UNITS_OF_ROUND_SQL \
	"SELECT unit_name, actions, answered, confirmed, updated, " \
	"coalesce(to_char(last_answer, 'YYYY-MM-DD HH24:MI'), ''), " \
	"has_answered FROM round_units($1) " \
	"ORDER BY has_answered, unit_name COLLATE \"fi-x-icu\""
enum { U_NAME, U_ACTIONS, U_ANSWERED, U_CONFIRMED, U_UPDATED, U_LAST,
    U_DONE };

static size_t	form_processes(const char *, char **, size_t);
static int	render_rounds(struct backend *, char **, const char **,
		    char **, size_t);
static void	open_round(struct http_request *, struct backend *);
static long long path_round(const char *);
static void	unit_rows(struct html *, struct kore_pgsql *, enum lang,
		    int, int *, int *, struct buf *);
static void	summary(struct html *, enum lang, int, int, const char *);
static void	unit_table(struct html *, struct kore_pgsql *, enum lang,
		    int);


/* The values of every "process" checkbox of a form, digits only. */
static size_t
form_processes(const char *body, char **ids, size_t max)
{
	char	*names[ROUND_FIELDS_MAX], *values[ROUND_FIELDS_MAX];
	size_t	 n, i, k = 0;

	n = params_list(body, names, values, ROUND_FIELDS_MAX);
	for (i = 0; i < n; i++) {
		if (strcmp(names[i], "process") == 0 && k < max &&
		    param_is_digits(values[i]) && strlen(values[i]) <= 18) {
			ids[k++] = values[i];
			values[i] = NULL;
		}
		free(names[i]);
		free(values[i]);
	}
	return k;
}

/* "/b/rounds/12", "/b/rounds/12/close", "/round/12" -> 12. */
static long long
path_round(const char *path)
{
	const char	*p;

	if (strncmp(path, "/b/rounds/", 10) == 0)
		p = path + 10;
	else if (strncmp(path, "/round/", 7) == 0)
		p = path + 7;
	else
		return -1;
	return strtoll(p, NULL, 10);
}

/*
 * The list of rounds and the form that opens one, with values v as typed
 * (NULL: an empty form), the problems found and the ticked processes.
 * Returns -1 when the database did not answer.
 */
static int
render_rounds(struct backend *b, char **v, const char **err, char **ticked,
    size_t nticked)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 tv, rv;
	struct html		 rows, procs, errors;
	enum lang		 lang = b->pg.lang;
	size_t			 k;
	int			 i, rc = -1, on;
	static const char	*const labels[RF_COUNT + 1] = {
		N_("Title"), N_("Deadline"), N_("Message to the units"), "",
		N_("Processes")
	};
	static const char	*const hrefs[RF_COUNT + 1] = {
		"#title", "#deadline", "#message", "#title", "#processes"
	};

	kore_pgsql_init(&sql);
	tv_init(&tv);
	tv_init(&rv);
	html_init(&rows);
	html_init(&procs);
	html_init(&errors);
	if (db_query(&sql, "SELECT r.id, r.title, "
	    "to_char(r.deadline, 'YYYY-MM-DD'), r.closed_at IS NULL, "
	    "r.deadline < current_date, coalesce(u.done, 0), "
	    "coalesce(u.n, 0), to_char(r.opened_at, 'YYYY-MM-DD'), "
	    "coalesce(to_char(r.closed_at, 'YYYY-MM-DD'), '') "
	    "FROM round r LEFT JOIN LATERAL (SELECT count(*) FILTER "
	    "(WHERE has_answered) AS done, count(*) AS n "
	    "FROM round_units(r.id)) u ON true "
	    "ORDER BY r.closed_at IS NOT NULL, r.deadline DESC, r.id DESC "
	    "LIMIT 500", 0, NULL) == -1)
		goto out;
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		tv_reset(&rv);
		tv_textf(&rv, "url", "/b/rounds/%s%s",
		    kore_pgsql_getvalue(&sql, i, 0), lang_query(lang));
		tv_text(&rv, "title", kore_pgsql_getvalue(&sql, i, 1));
		tv_text(&rv, "deadline", kore_pgsql_getvalue(&sql, i, 2));
		tv_text(&rv, "open", kore_pgsql_getvalue(&sql, i, 3)[0] == 't' ?
		    "1" : "");
		tv_text(&rv, "overdue", kore_pgsql_getvalue(&sql, i, 3)[0] ==
		    't' && kore_pgsql_getvalue(&sql, i, 4)[0] == 't' ? "1" : "");
		tv_text(&rv, "done", kore_pgsql_getvalue(&sql, i, 5));
		tv_text(&rv, "units", kore_pgsql_getvalue(&sql, i, 6));
		tv_text(&rv, "opened", kore_pgsql_getvalue(&sql, i, 7));
		tv_text(&rv, "closed", kore_pgsql_getvalue(&sql, i, 8));
		tmpl_render(&rows, tpl("rounds.row"), &rv, lang);
	}
	tv_text(&tv, "has_rounds", kore_pgsql_ntuples(&sql) ? "1" : "");
	kore_pgsql_cleanup(&sql);

	kore_pgsql_init(&sql);
	if (db_query(&sql, "SELECT id, title, published FROM process "
	    "ORDER BY year DESC NULLS LAST, title", 0, NULL) == -1)
		goto out;
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		for (on = 0, k = 0; k < nticked && !on; k++)
			on = strcmp(ticked[k], kore_pgsql_getvalue(&sql, i,
			    0)) == 0;
		tv_reset(&rv);
		tv_text(&rv, "id", kore_pgsql_getvalue(&sql, i, 0));
		tv_text(&rv, "title", kore_pgsql_getvalue(&sql, i, 1));
		tv_text(&rv, "unpublished", kore_pgsql_getvalue(&sql, i,
		    2)[0] == 't' ? "" : "1");
		tv_text(&rv, "checked", on ? "1" : "");
		tv_text(&rv, "content_lang", lang == LANG_FI ? "" : "fi");
		tv_text(&rv, "invalid", err != NULL && err[RF_COUNT] != NULL ?
		    "1" : "");
		tmpl_render(&procs, tpl("rounds.process"), &rv, lang);
	}
	for (i = 0; err != NULL && i <= RF_COUNT; i++) {
		if (err[i] == NULL)
			continue;
		tv_text(&tv, i < RF_COUNT ? round_errors[i] : "err_processes",
		    T(lang, err[i]));
		tv_reset(&rv);
		tv_text(&rv, "href", hrefs[i]);
		tv_text(&rv, "label", labels[i][0] ? T(lang, labels[i]) : "");
		tv_text(&rv, "message", T(lang, err[i]));
		tmpl_render(&errors, tpl("rounds.error"), &rv, lang);
	}
	tv_html(&tv, "rows", &rows);
	tv_html(&tv, "processes", &procs);
	tv_html(&tv, "errors", &errors);
	tv_text(&tv, "title", v ? v[RF_TITLE] : "");
	tv_text(&tv, "deadline", v ? v[RF_DEADLINE] : "");
	tv_text(&tv, "message", v ? v[RF_MESSAGE] : "");
	tv_text(&tv, "csrf", b->st.csrf);
	tv_text(&tv, "lang_query", lang_query(lang));
	snprintf(b->pg.title, sizeof(b->pg.title), "%s", T(lang,
	    "Reporting rounds"));
	buf_reset(&b->pg.path);
	buf_puts(&b->pg.path, "/b/rounds");
	tmpl_render(&b->pg.content, tpl("rounds"), &tv, lang);
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	tv_free(&tv);
	tv_free(&rv);
	html_free(&rows);
	html_free(&procs);
	html_free(&errors);
	return rc;
}

/* Checks and stores a posted round; answers in every case. */
static void
open_round(struct http_request *req, struct backend *b)
{
	struct kore_pgsql	 sql;
	char			*v[RF_COUNT], *ids[MAX_PROCESSES];
	const char		*err[RF_COUNT + 1], *params[3], *why;
	char			 uid[32], ip[64], code[8];
	char			*docs = NULL;
	json_t			*doc, *procs;
	size_t			 n = 0, k;
	int			 i, nerr = 0, status = 422;

	memset(v, 0, sizeof(v));
	memset(err, 0, sizeof(err));
	kore_pgsql_init(&sql);
	if (backend_form(req, b, round_params, RF_COUNT, v) == -1)
		goto out;
	n = form_processes(buf_cstr(&b->body), ids, MAX_PROCESSES);
	if (v[RF_TITLE][0] == '\0')
		err[RF_TITLE] = N_("Give the round a title.");
	else if (utf8_chars(v[RF_TITLE]) > 300)
		err[RF_TITLE] = N_("The title is too long: at most 300 "
		    "characters.");
	if (form_date(v[RF_DEADLINE], &why) == -1)
		err[RF_DEADLINE] = why;
	if (utf8_chars(v[RF_MESSAGE]) > 5000)
		err[RF_MESSAGE] = N_("The message is too long: at most 5,000 "
		    "characters.");
	if (n == 0)
		err[RF_COUNT] = N_("Choose at least one process.");
	for (i = 0; i <= RF_COUNT; i++)
		if (err[i] != NULL)
			nerr++;
	if (nerr == 0) {
		procs = json_array();
		for (k = 0; k < n; k++)
			json_array_append_new(procs, json_integer(
			    strtoll(ids[k], NULL, 10)));
		doc = json_pack("{s:s, s:s, s:s, s:o}", "title", v[RF_TITLE],
		    "deadline", v[RF_DEADLINE], "message", v[RF_MESSAGE],
		    "processes", procs);
		docs = json_dumps(doc, JSON_COMPACT);
		json_decref(doc);
		snprintf(uid, sizeof(uid), "%lld", b->st.id);
		client_ip(req, ip, sizeof(ip));
		params[0] = uid;
		params[1] = docs;
		params[2] = ip;
		if (db_write(&sql, "SELECT round_open($1, $2::jsonb, $3)", 3,
		    params) == 0 && kore_pgsql_ntuples(&sql) == 1) {
			backend_redirect_with(req, b, "opened=1",
			    "/b/rounds/%s", kore_pgsql_getvalue(&sql, 0, 0));
			goto out;
		}
		db_sqlstate(&sql, code, sizeof(code));
		kore_pgsql_cleanup(&sql);
		if (strcmp(code, "42501") == 0) {
			backend_refused(req, b, 403, N_("This page is for the "
			    "participation team's administrators."));
			goto out;
		}
		if (strcmp(code, "TR001") == 0)
			err[RF_DEADLINE] = N_("The deadline is in the past. "
			    "Give today or a later date.");
		else if (strcmp(code, "22008") == 0 ||
		    strcmp(code, "22007") == 0)
			err[RF_DEADLINE] = N_("Give the deadline as a date, "
			    "such as 2026-05-31.");
		else if (strcmp(code, "TR002") == 0 ||
		    strcmp(code, "P0002") == 0)
			err[RF_COUNT] = N_("Choose at least one process.");
		else if (strcmp(code, "TR003") == 0)
			err[RF_COUNT] = N_("No action of these processes has a "
			    "responsible unit, so there is nobody to ask. Add "
			    "units to the actions first.");
		else {
			err[RF_CSRF] = N_("Saving failed. Try again in a "
			    "moment; your text is still in the form.");
			status = 503;
		}
	}
	if (render_rounds(b, v, err, ids, n) == -1) {
		backend_unavailable(req, b);
		goto out;
	}
	backend_send(req, &b->pg, status);
out:
	kore_pgsql_cleanup(&sql);
	free(docs);
	params_free(v, RF_COUNT);
	for (k = 0; k < n; k++)
		free(ids[k]);
}

int
page_rounds(struct http_request *req)
{
	struct backend	b;

	if (backend_begin(req, &b) == -1)
		return KORE_RESULT_OK;
	if (backend_need_admin(req, &b) == -1)
		goto out;
	if (req->method == HTTP_METHOD_POST) {
		open_round(req, &b);
		goto out;
	}
	if (render_rounds(&b, NULL, NULL, NULL, 0) == -1) {
		backend_unavailable(req, &b);
		goto out;
	}
	backend_send(req, &b.pg, 200);
out:
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
	struct tmpl_vars	rv;
	int			i, done;

	tv_init(&rv);
	*nunits = kore_pgsql_ntuples(sql);
	*ndone = 0;
	for (i = 0; i < *nunits; i++) {
		done = kore_pgsql_getvalue(sql, i, U_DONE)[0] == 't';
		if (done)
			(*ndone)++;
		else {
			if (missing->len)
				buf_puts(missing, ", ");
			buf_puts(missing, kore_pgsql_getvalue(sql, i, U_NAME));
		}
		tv_reset(&rv);
		tv_text(&rv, "unit", kore_pgsql_getvalue(sql, i, U_NAME));
		tv_text(&rv, "actions", kore_pgsql_getvalue(sql, i,
		    U_ACTIONS));
		tv_text(&rv, "answered", kore_pgsql_getvalue(sql, i,
		    U_ANSWERED));
		tv_text(&rv, "confirmed", kore_pgsql_getvalue(sql, i,
		    U_CONFIRMED));
		tv_text(&rv, "updated", kore_pgsql_getvalue(sql, i,
		    U_UPDATED));
		tv_text(&rv, "last", kore_pgsql_getvalue(sql, i, U_LAST));
		tv_text(&rv, "done", done ? "1" : "");
		tv_text(&rv, "public", public ? "1" : "");
		tv_text(&rv, "content_lang", lang == LANG_FI ? "" : "fi");
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

int
page_round(struct http_request *req)
{
	struct kore_pgsql	 sql;
	struct backend		 b;
	struct tmpl_vars	 tv, rv;
	struct html		 units, answers;
	const char		*params[1];
	char			 rid[32];
	long long		 id;
	int			 i;

	kore_pgsql_init(&sql);
	tv_init(&tv);
	tv_init(&rv);
	html_init(&units);
	html_init(&answers);
	if (backend_begin(req, &b) == -1)
		goto done;
	if (backend_need_admin(req, &b) == -1)
		goto out;
	id = path_round(req->path);
	snprintf(rid, sizeof(rid), "%lld", id);
	params[0] = rid;
	if (db_query(&sql, UNITS_OF_ROUND_SQL, 1, params) == -1) {
		backend_unavailable(req, &b);
		goto out;
	}
	unit_table(&units, &sql, b.pg.lang, 0);
	kore_pgsql_cleanup(&sql);

	kore_pgsql_init(&sql);
	if (db_query(&sql, "SELECT a.id, a.body, p.title, ra.kind, "
	    "coalesce(u.email, ''), "
	    "to_char(ra.answered_at, 'YYYY-MM-DD HH24:MI'), "
	    "coalesce((SELECT string_agg(un.name, '; ' ORDER BY au.position) "
	    "FROM action_unit au JOIN unit un ON un.id = au.unit_id "
	    "WHERE au.action_id = a.id), '') "
	    "FROM round_answer ra JOIN action a ON a.id = ra.action_id "
	    "JOIN process p ON p.id = a.process_id "
	    "LEFT JOIN app_user u ON u.id = ra.answered_by "
	    "WHERE ra.round_id = $1 ORDER BY ra.answered_at DESC, a.id",
	    1, params) == -1) {
		backend_unavailable(req, &b);
		goto out;
	}
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		tv_reset(&rv);
		tv_textf(&rv, "url", "/b/a/%s%s", kore_pgsql_getvalue(&sql, i,
		    0), lang_query(b.pg.lang));
		tv_text(&rv, "body", kore_pgsql_getlength(&sql, i, 1) ?
		    kore_pgsql_getvalue(&sql, i, 1) :
		    T(b.pg.lang, "(action without a description)"));
		tv_text(&rv, "process", kore_pgsql_getvalue(&sql, i, 2));
		tv_text(&rv, "kind", T(b.pg.lang, strcmp(kore_pgsql_getvalue(
		    &sql, i, 3), "updated") == 0 ? N_("Updated") :
		    N_("Confirmed as up to date")));
		tv_text(&rv, "by", kore_pgsql_getvalue(&sql, i, 4));
		tv_text(&rv, "at", kore_pgsql_getvalue(&sql, i, 5));
		tv_text(&rv, "units", kore_pgsql_getvalue(&sql, i, 6));
		tv_text(&rv, "content_lang", b.pg.lang == LANG_FI ? "" : "fi");
		tmpl_render(&answers, tpl("round.answer"), &rv, b.pg.lang);
	}
	tv_text(&tv, "has_answers", kore_pgsql_ntuples(&sql) ? "1" : "");
	kore_pgsql_cleanup(&sql);

	kore_pgsql_init(&sql);
	if (db_query(&sql, "SELECT r.title, r.message, "
	    "to_char(r.deadline, 'YYYY-MM-DD'), "
	    "to_char(r.opened_at, 'YYYY-MM-DD HH24:MI'), "
	    "coalesce(to_char(r.closed_at, 'YYYY-MM-DD HH24:MI'), ''), "
	    "coalesce(u.email, ''), r.deadline < current_date, "
	    "(SELECT string_agg(p.title, '; ' ORDER BY p.title) "
	    "FROM round_process rp JOIN process p ON p.id = rp.process_id "
	    "WHERE rp.round_id = r.id), "
	    "(SELECT bool_and(p.published) FROM round_process rp "
	    "JOIN process p ON p.id = rp.process_id "
	    "WHERE rp.round_id = r.id) "
	    "FROM round r LEFT JOIN app_user u ON u.id = r.opened_by "
	    "WHERE r.id = $1", 1, params) == -1) {
		backend_unavailable(req, &b);
		goto out;
	}
	if (kore_pgsql_ntuples(&sql) != 1) {
		render_error(&b.pg, 404, N_("There is no such reporting "
		    "round."), "");
		backend_send(req, &b.pg, 404);
		goto out;
	}
	tv_text(&tv, "id", rid);
	tv_text(&tv, "title", kore_pgsql_getvalue(&sql, 0, 0));
	tv_text(&tv, "message", kore_pgsql_getvalue(&sql, 0, 1));
	tv_text(&tv, "deadline", kore_pgsql_getvalue(&sql, 0, 2));
	tv_text(&tv, "opened", kore_pgsql_getvalue(&sql, 0, 3));
	tv_text(&tv, "closed", kore_pgsql_getvalue(&sql, 0, 4));
	tv_text(&tv, "opened_by", kore_pgsql_getvalue(&sql, 0, 5));
	tv_text(&tv, "overdue", kore_pgsql_getvalue(&sql, 0, 4)[0] == '\0' &&
	    kore_pgsql_getvalue(&sql, 0, 6)[0] == 't' ? "1" : "");
	tv_text(&tv, "processes", kore_pgsql_getvalue(&sql, 0, 7));
	tv_text(&tv, "published", kore_pgsql_getvalue(&sql, 0, 8)[0] == 't' ?
	    "1" : "");
	tv_textf(&tv, "public_url", "/round/%s%s", rid,
	    lang_query(b.pg.lang));
	tv_text(&tv, "opened_now", (b.notices & BACKEND_OPENED) ? "1" : "");
	tv_text(&tv, "closed_now", (b.notices & BACKEND_CLOSED) ? "1" : "");
	tv_html(&tv, "units", &units);
	tv_html(&tv, "answers", &answers);
	tv_text(&tv, "csrf", b.st.csrf);
	tv_text(&tv, "lang_query", lang_query(b.pg.lang));
	tv_text(&tv, "content_lang", b.pg.lang == LANG_FI ? "" : "fi");
	snprintf(b.pg.title, sizeof(b.pg.title), "%s", kore_pgsql_getvalue(
	    &sql, 0, 0));
	buf_reset(&b.pg.path);
	buf_printf(&b.pg.path, "/b/rounds/%s", rid);
	tmpl_render(&b.pg.content, tpl("round"), &tv, b.pg.lang);
	backend_send(req, &b.pg, 200);
out:
	backend_end(&b);
done:
	kore_pgsql_cleanup(&sql);
	tv_free(&tv);
	tv_free(&rv);
	html_free(&units);
	html_free(&answers);
	return KORE_RESULT_OK;
}

int
page_round_close(struct http_request *req)
{
	struct backend	 b;
	char		*v[1] = { NULL };
	const char	*params[3];
	char		 uid[32], rid[32], ip[64], code[8];
	long long	 id;

	if (backend_begin(req, &b) == -1)
		return KORE_RESULT_OK;
	if (backend_need_admin(req, &b) == -1)
		goto out;
	if (backend_form(req, &b, close_params, 1, v) == -1)
		goto out;
	id = path_round(req->path);
	snprintf(uid, sizeof(uid), "%lld", b.st.id);
	snprintf(rid, sizeof(rid), "%lld", id);
	client_ip(req, ip, sizeof(ip));
	params[0] = uid;
	params[1] = rid;
	params[2] = ip;
	if (db_change("SELECT round_close($1, $2, $3)", 3, params, code,
	    sizeof(code)) == 0) {
		backend_redirect_with(req, &b, "closed=1", "/b/rounds/%lld",
		    id);
		goto out;
	}
	if (strcmp(code, "42501") == 0)
		backend_refused(req, &b, 403, N_("This page is for the "
		    "participation team's administrators."));
	else if (strcmp(code, "P0002") == 0)
		backend_refused(req, &b, 404, N_("There is no such reporting "
		    "round."));
	else if (strcmp(code, "TR004") == 0)
		backend_refused(req, &b, 409, N_("The round has been closed "
		    "already."));
	else
		backend_unavailable(req, &b);
out:
	params_free(v, 1);
	backend_end(&b);
	return KORE_RESULT_OK;
}

int
page_round_confirm(struct http_request *req)
{
	struct backend	 b;
	char		*v[CF_COUNT] = { NULL, NULL };
	const char	*params[4];
	char		 uid[32], rid[32], ip[64], code[8];
	long long	 id;

	if (backend_begin(req, &b) == -1)
		return KORE_RESULT_OK;
	if (backend_need_session(req, &b) == -1)
		goto out;
	if (backend_form(req, &b, confirm_params, CF_COUNT, v) == -1)
		goto out;
	if (v[CF_ACTION][0] == '\0') {
		backend_refused(req, &b, 400, N_("The form does not say which "
		    "action to confirm. Nothing was saved."));
		goto out;
	}
	id = path_round(req->path);
	snprintf(uid, sizeof(uid), "%lld", b.st.id);
	snprintf(rid, sizeof(rid), "%lld", id);
	client_ip(req, ip, sizeof(ip));
	params[0] = uid;
	params[1] = rid;
	params[2] = v[CF_ACTION];
	params[3] = ip;
	if (db_change("SELECT round_confirm($1, $2, $3, $4)", 4, params,
	    code, sizeof(code)) == 0) {
		backend_redirect_with(req, &b, "confirmed=1", "/b");
		goto out;
	}
	if (strcmp(code, "42501") == 0) {
		audit(req, &b.st, NULL, "denied", req->path, NULL);
		backend_refused(req, &b, 403, N_("This action belongs to "
		    "another unit. You can update the actions of your own "
		    "units only."));
	} else if (strcmp(code, "P0002") == 0)
		backend_refused(req, &b, 404, N_("There is no such reporting "
		    "round."));
	else if (strcmp(code, "TR004") == 0)
		backend_refused(req, &b, 409, N_("The round has been closed: "
		    "answers are no longer taken. Nothing was saved."));
	else if (strcmp(code, "TR005") == 0)
		backend_refused(req, &b, 404, N_("This action is not part of "
		    "the round. Nothing was saved."));
	else
		backend_unavailable(req, &b);
out:
	params_free(v, CF_COUNT);
	backend_end(&b);
	return KORE_RESULT_OK;
}

int
rounds_dashboard(struct html *out, struct backend *b)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 tv, rv;
	struct html		 rows;
	enum lang		 lang = b->pg.lang;
	const char		*params[1];
	char			 uid[32];
	int			 i, n, first, done, total;

	kore_pgsql_init(&sql);
	tv_init(&tv);
	tv_init(&rv);
	html_init(&rows);
	snprintf(uid, sizeof(uid), "%lld", b->st.id);
	params[0] = uid;
	if (db_query(&sql, "WITH mine AS (SELECT user_units($1) AS id) "
	    "SELECT r.id, r.title, r.message, "
	    "to_char(r.deadline, 'YYYY-MM-DD'), r.deadline < current_date, "
	    "a.id, a.body, p.title, coalesce(ra.kind, ''), "
	    "coalesce(to_char(ra.answered_at, 'YYYY-MM-DD HH24:MI'), ''), "
	    "coalesce((SELECT string_agg(un.name, '; ' ORDER BY au.position) "
	    "FROM action_unit au JOIN unit un ON un.id = au.unit_id "
	    "WHERE au.action_id = a.id), '') "
	    "FROM round r JOIN round_process rp ON rp.round_id = r.id "
	    "JOIN process p ON p.id = rp.process_id "
	    "JOIN action a ON a.process_id = p.id AND a.deleted_at IS NULL "
	    "LEFT JOIN round_answer ra ON ra.round_id = r.id "
	    "AND ra.action_id = a.id "
	    "WHERE r.closed_at IS NULL AND EXISTS (SELECT 1 FROM action_unit "
	    "au WHERE au.action_id = a.id AND au.unit_id IN "
	    "(SELECT id FROM mine)) "
	    "ORDER BY r.deadline, r.id, p.title, a.id", 1, params) == -1) {
		kore_pgsql_cleanup(&sql);
		tv_free(&tv);
		tv_free(&rv);
		html_free(&rows);
		return -1;
	}
	n = kore_pgsql_ntuples(&sql);
	for (first = 0; first < n; first = i) {
		html_free(&rows);
		html_init(&rows);
		done = 0;
		for (i = first; i < n && strcmp(kore_pgsql_getvalue(&sql, i, 0),
		    kore_pgsql_getvalue(&sql, first, 0)) == 0; i++) {
			tv_reset(&rv);
			tv_text(&rv, "round", kore_pgsql_getvalue(&sql, i, 0));
			tv_text(&rv, "id", kore_pgsql_getvalue(&sql, i, 5));
			tv_textf(&rv, "url", "/b/a/%s%s",
			    kore_pgsql_getvalue(&sql, i, 5), lang_query(lang));
			tv_text(&rv, "body", kore_pgsql_getlength(&sql, i, 6) ?
			    kore_pgsql_getvalue(&sql, i, 6) :
			    T(lang, "(action without a description)"));
			tv_text(&rv, "process", kore_pgsql_getvalue(&sql, i, 7));
			tv_text(&rv, "updated", strcmp(kore_pgsql_getvalue(
			    &sql, i, 8), "updated") == 0 ? "1" : "");
			tv_text(&rv, "confirmed", strcmp(kore_pgsql_getvalue(
			    &sql, i, 8), "confirmed") == 0 ? "1" : "");
			tv_text(&rv, "at", kore_pgsql_getvalue(&sql, i, 9));
			tv_text(&rv, "units", kore_pgsql_getvalue(&sql, i, 10));
			tv_text(&rv, "csrf", b->st.csrf);
			tv_text(&rv, "lang_query", lang_query(lang));
			tv_text(&rv, "content_lang", lang == LANG_FI ? "" :
			    "fi");
			if (kore_pgsql_getvalue(&sql, i, 8)[0] != '\0')
				done++;
			tmpl_render(&rows, tpl("round_request.row"), &rv,
			    lang);
		}
		total = i - first;
		tv_reset(&tv);
		tv_text(&tv, "id", kore_pgsql_getvalue(&sql, first, 0));
		tv_text(&tv, "title", kore_pgsql_getvalue(&sql, first, 1));
		tv_text(&tv, "message", kore_pgsql_getvalue(&sql, first, 2));
		tv_text(&tv, "deadline", kore_pgsql_getvalue(&sql, first, 3));
		tv_text(&tv, "overdue", kore_pgsql_getvalue(&sql, first,
		    4)[0] == 't' ? "1" : "");
		tv_textf(&tv, "done", "%d", done);
		tv_textf(&tv, "total", "%d", total);
		tv_text(&tv, "all_done", done == total ? "1" : "");
		tv_html(&tv, "rows", &rows);
		tv_text(&tv, "content_lang", lang == LANG_FI ? "" : "fi");
		tmpl_render(out, tpl("round_request"), &tv, lang);
	}
	kore_pgsql_cleanup(&sql);
	tv_free(&tv);
	tv_free(&rv);
	html_free(&rows);
	return 0;
}

int
page_public_round(struct http_request *req)
{
	struct kore_pgsql	 sql;
	struct page		 pg;
	struct tmpl_vars	 tv, pv;
	struct html		 units, procs, doc;
	struct cache_page	*cp;
	const char		*params[2], *bad, *title;
	char			*v[1] = { NULL };
	char			 rid[32], key[64];
	enum lang		 lang = LANG_FI;
	enum param_error	 e;
	int			 i, status = 200;
	const char		*msg = NULL;

	kore_pgsql_init(&sql);
	tv_init(&tv);
	tv_init(&pv);
	html_init(&units);
	html_init(&procs);
	html_init(&doc);
	e = params_parse(req->query_string, lang_params, 1, v, &bad);
	if (e == PARAM_OK && v[0] != NULL)
		lang_from_code(v[0], strlen(v[0]), &lang);
	page_init(&pg, lang);
	if (e != PARAM_OK) {
		status = 400;
		msg = N_("A search setting in the address has a value that is "
		    "not allowed.");
		goto error;
	}
	if (catalog_refresh() == -1) {
		status = 503;
		msg = N_("Please try again in a moment.");
		goto error;
	}
	snprintf(rid, sizeof(rid), "%lld", path_round(req->path));
	snprintf(key, sizeof(key), "/round/%s?lang=%s", rid,
	    lang_codes[lang]);
	if ((cp = cache_get(key, catalog_get()->version)) != NULL) {
		http_send_cached(req, cp, catalog_get()->changed_at);
		goto out;
	}
	params[0] = rid;
	params[1] = lang_codes[lang];
	/* Only a round whose every process is published has a report. */
	if (db_query(&sql, "SELECT p.slug, p.title, CASE $2 "
	    "WHEN 'sv' THEN p.title_sv WHEN 'en' THEN p.title_en "
	    "ELSE p.title END, p.published, r.title, "
	    "to_char(r.deadline, 'YYYY-MM-DD'), "
	    "to_char(r.opened_at, 'YYYY-MM-DD'), "
	    "coalesce(to_char(r.closed_at, 'YYYY-MM-DD'), '') "
	    "FROM round r JOIN round_process rp ON rp.round_id = r.id "
	    "JOIN process p ON p.id = rp.process_id WHERE r.id = $1 "
	    "ORDER BY p.year DESC NULLS LAST, p.title", 2, params) == -1) {
		status = 503;
		msg = N_("Please try again in a moment.");
		goto error;
	}
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++)
		if (kore_pgsql_getvalue(&sql, i, 3)[0] != 't')
			break;
	if (kore_pgsql_ntuples(&sql) == 0 || i < kore_pgsql_ntuples(&sql)) {
		status = 404;
		msg = N_("There is no such reporting round.");
		goto error;
	}
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		title = kore_pgsql_getvalue(&sql, i, 2);
		tv_reset(&pv);
		tv_textf(&pv, "url", "/p/%s%s", kore_pgsql_getvalue(&sql, i,
		    0), lang_query(lang));
		tv_text(&pv, "title", title[0] ? title :
		    kore_pgsql_getvalue(&sql, i, 1));
		tv_text(&pv, "content_lang", title[0] || lang == LANG_FI ? "" :
		    "fi");
		if (title[0] == '\0' && lang != LANG_FI)
			pg.finnish = 1;
		tmpl_render(&procs, tpl("round_public.process"), &pv, lang);
	}
	tv_text(&tv, "title", kore_pgsql_getvalue(&sql, 0, 4));
	tv_text(&tv, "deadline", kore_pgsql_getvalue(&sql, 0, 5));
	tv_text(&tv, "opened", kore_pgsql_getvalue(&sql, 0, 6));
	tv_text(&tv, "closed", kore_pgsql_getvalue(&sql, 0, 7));
	tv_text(&tv, "content_lang", lang == LANG_FI ? "" : "fi");
	snprintf(pg.title, sizeof(pg.title), "%s", kore_pgsql_getvalue(&sql,
	    0, 4));
	if (lang != LANG_FI)
		pg.finnish = 1;
	kore_pgsql_cleanup(&sql);

	kore_pgsql_init(&sql);
	if (db_query(&sql, UNITS_OF_ROUND_SQL, 1, params) == -1) {
		status = 503;
		msg = N_("Please try again in a moment.");
		goto error;
	}
	unit_table(&units, &sql, lang, 1);
	tv_html(&tv, "units", &units);
	tv_html(&tv, "processes", &procs);
	buf_reset(&pg.path);
	buf_printf(&pg.path, "/round/%s", rid);
	tmpl_render(&pg.content, tpl("round_public"), &tv, lang);
	page_document(&pg, &doc);
	cp = cache_put(key, catalog_get()->version, 200,
	    "text/html; charset=utf-8", html_data(&doc), html_len(&doc));
	http_send_cached(req, cp, catalog_get()->changed_at);
	goto out;
error:
	render_error(&pg, status, msg, "");
	page_document(&pg, &doc);
	http_send(req, status, "text/html; charset=utf-8", html_data(&doc),
	    html_len(&doc));
out:
	kore_pgsql_cleanup(&sql);
	params_free(v, 1);
	page_free(&pg);
	tv_free(&tv);
	tv_free(&pv);
	html_free(&units);
	html_free(&procs);
	html_free(&doc);
	return KORE_RESULT_OK;
}
