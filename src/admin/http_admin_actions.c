/*
 * What an action is, by the participation team: its text, responsible
 * units and the recommendations it answers; new actions; removing and
 * restoring. The unit editor's fields are in http_backend.c.
 */
#include <libpq-fe.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "define_form.h"
#include "rec_form.h"
#include "mem.h"
#include "admin.h"
#include "backend.h"
#include "db.h"
#include "search.h"
#include "tmpl.h"

int	page_admin_action(struct http_request *);
int	page_admin_new_action(struct http_request *);

/* Fields of the form: every recommendation twice (ticked, weight). */
#define MAX_LINKS	1024

static json_t	*id_array(const char *, const char *);
static json_t	*terms_array(const char *);
static void	define_texts(struct tmpl_vars *, const char *, const char *,
		    const char *, enum lang);
static char	*define_doc(struct backend *,
		    const struct define_form *, json_t *);
static void	removed_redirect(struct http_request *, struct backend *,
		    const char *, const char *, const char *);

/*
 * After a removal, back where it was removed from, with what (removed=1
 * an action, removed=2 a recommendation) to confirm: query (of id) names
 * the process, and the parent recommendation of a sub-recommendation or
 * specification, whose page it goes back to.
 */
static void
removed_redirect(struct http_request *req, struct backend *b,
    const char *query, const char *id, const char *what)
{
	struct kore_pgsql	 sql;
	const char		*params[1] = { id };

	kore_pgsql_init(&sql);
	if (db_query(&sql, query, 1, params) == -1 ||
	    kore_pgsql_ntuples(&sql) != 1)
		backend_redirect_with(req, b, what, "/b/p");
	else if (db_text(&sql, 0, "parent")[0] != '\0')
		backend_redirect_with(req, b, what, "/b/r/%s",
		    db_text(&sql, 0, "parent"));
	else
		backend_redirect_with(req, b, what, "/b/p/%s",
		    db_text(&sql, 0, "process"));
	kore_pgsql_cleanup(&sql);
}

/* The values of every field called name that are digits, as integers. */
static json_t *
id_array(const char *body, const char *name)
{
	char	*names[MAX_LINKS], *values[MAX_LINKS];
	size_t	 n, i;
	json_t	*a = json_array();

	n = params_list(body, names, values, MAX_LINKS);
	for (i = 0; i < n; i++) {
		if (strcmp(names[i], name) == 0 && param_is_digits(values[i]))
			json_array_append_new(a, json_integer(
			    strtoll(values[i], NULL, 10)));
		free(names[i]);
		free(values[i]);
	}
	return a;
}

static json_t *
terms_array(const char *text)
{
	struct strset	 set = { NULL, 0, 0 };
	json_t		*a = json_array();
	size_t		 i;

	search_terms(text, &set);
	strset_finish(&set);
	for (i = 0; i < set.count; i++)
		json_array_append_new(a, json_string(set.items[i]));
	strset_free(&set);
	return a;
}

/* What an action is, in Finnish, Swedish and English: define_fields. */
static void
define_texts(struct tmpl_vars *tv, const char *body, const char *body_sv,
    const char *body_en, enum lang lang)
{
	static const struct field_view	texts[] = {
		{ .field = DF_BODY, .label = N_("The action"), .lang = "fi",
		    .rows = 3, .required = 1 },
		FIELD_VIEWS_SV_EN_UNTRANSLATED(DF_BODY_SV,
		    N_("The action in Swedish"), N_("The action in English"), 2)
	};
	const char			*cur[DF_COUNT] = { NULL };

	cur[DF_BODY] = body;
	cur[DF_BODY_SV] = body_sv;
	cur[DF_BODY_EN] = body_en;
	fields_html(tv, "text_fields", define_fields, FIELD_VIEWS(texts), cur,
	    NULL, lang);
}

void
admin_action_section(struct html *out, struct backend *b, long long id,
    const char *revision, const char *body, const char *body_sv,
    const char *body_en)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 tv, rv;
	struct html		 units, recs;
	char			*checked[MAX_LINKS], aid[32];
	const char		*params[1];
	size_t			 n = 0, k;
	int			 i;

	tv_init(&tv);
	tv_init(&rv);
	html_init(&units);
	html_init(&recs);
	snprintf(aid, sizeof(aid), "%lld", id);
	params[0] = aid;
	if (db_query(&sql, "SELECT unit_id::text FROM action_unit WHERE "
	    "action_id = $1 ORDER BY position", 1, params) == -1)
		goto out;
	for (i = 0; i < kore_pgsql_ntuples(&sql) && n < MAX_LINKS; i++)
		checked[n++] = xstrdup(db_text(&sql, i, "unit_id"));
	kore_pgsql_cleanup(&sql);
	if (unit_checkboxes(&units, b->pg.lang, checked, n) == -1)
		goto out;
	/* Each with the start of its text, as the unit editor's form. */
	if (db_query(&sql, "SELECT r.id, coalesce(r.number, '') AS number, "
	    "CASE WHEN length(r.body) > 140 THEN regexp_replace(left(r.body, "
	    "140), '\\s+\\S*$', '') || '…' ELSE r.body END AS text, "
	    "EXISTS (SELECT 1 FROM recommendation_action ra WHERE "
	    "ra.recommendation_id = r.id AND ra.action_id = $1) AS checked, "
	    "coalesce((SELECT ra.weight FROM recommendation_action ra WHERE "
	    "ra.recommendation_id = r.id AND ra.action_id = $1), 1) AS weight, "
	    "r.parent_id IS NOT NULL AS sub FROM recommendation r WHERE "
	    "r.process_id = (SELECT process_id FROM action WHERE id = $1) AND "
	    "r.deleted_at IS NULL " REC_ORDER_SQL, 1, params) == -1)
		goto out;
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		tv_reset(&rv);
		db_vars(&rv, &sql, i, "id", "checked", "weight", (char *)NULL);
		if (*db_text(&sql, i, "number") != '\0')
			tv_textf(&rv, "label", "%s %s", db_text(&sql, i,
			    "number"), db_text(&sql, i, "text"));
		else
			tv_text(&rv, "label", db_text(&sql, i, "text"));
		tv_text(&rv, "indent", db_true(&sql, i, "sub") ? "1" : "0");
		tv_text(&rv, "content_lang", lang_attr(b->pg.lang, 1));
		tmpl_render(&recs, tpl("admin_action.rec"), &rv, b->pg.lang);
	}
	tv_html(&tv, "units", &units);
	tv_html(&tv, "recs", &recs);
	tv_text(&tv, "id", aid);
	tv_text(&tv, "revision", revision);
	define_texts(&tv, body, body_sv, body_en, b->pg.lang);
	tv_text(&tv, "csrf", b->st.csrf);
	tv_text(&tv, "lang_query", lang_query(b->pg.lang));
	tmpl_render(out, tpl("admin_action"), &tv, b->pg.lang);
out:
	kore_pgsql_cleanup(&sql);
	for (k = 0; k < n; k++)
		free(checked[k]);
	tv_free(&tv);
	tv_free(&rv);
	html_free(&units);
	html_free(&recs);
}

/*
 * The document action_create() takes, from f and the ticked units; with
 * weights (which it takes), the ticked recommendations and their
 * weights too, for action_define().
 */
static char *
define_doc(struct backend *b, const struct define_form *f, json_t *weights)
{
	char *const	*v = f->form.v;
	json_t		*doc;
	char		*docs;

	doc = json_pack("{s:s, s:s, s:s, s:o, s:o}", "body", v[DF_BODY],
	    "body_sv", v[DF_BODY_SV], "body_en", v[DF_BODY_EN], "units",
	    id_array(buf_cstr(&b->body), "unit"), "lexemes",
	    terms_array(v[DF_BODY]));
	if (weights != NULL) {
		json_object_set_new(doc, "recommendations",
		    id_array(buf_cstr(&b->body), "recommendation"));
		json_object_set_new(doc, "weights", weights);
	}
	docs = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	return docs;
}

/* What a refused definition or removal of an action tells the admin. */
static const struct backend_refusal	define_refusals[] = {
	{ "40001", 409, N_("Someone else saved this action while you were "
	    "editing it. Open it again to see their version; your text is "
	    "below."), BACKEND_REFUSE },
	{ "23514", 422, N_("Describe the action and choose at least one "
	    "recommendation. Nothing was saved."), BACKEND_REFUSE },
	{ "23503", 422, N_("A unit or recommendation you chose has been "
	    "removed meanwhile. Nothing was saved."), BACKEND_REFUSE },
	BACKEND_AS_ADMIN
};

/* POST /b/a/ID/define, /b/a/ID/remove, /b/a/ID/restore. */
int
page_admin_action(struct http_request *req)
{
	struct backend		 b;
	struct define_form	 f;
	char			 aid[32], code[8];
	const char		*op, *args[3];
	char			*docs = NULL;
	json_t			*weights;
	int			 rc;

	memset(&f, 0, sizeof(f));
	if (backend_open(req, &b, BACKEND_NEED_ADMIN) == -1)
		goto out;
	(void)backend_path_id(req->path, "/b/a/", aid, sizeof(aid));
	op = strrchr(req->path, '/') + 1;
	if (backend_form_read(req, &b, &f.form, define_fields, DF_COUNT) == -1)
		goto out;
	args[0] = aid;
	if (strcmp(op, "define") == 0) {
		if (define_form_check(&f, 1) > 0 || (weights =
		    define_form_weights(&f, buf_cstr(&b.body))) == NULL) {
			backend_refused(req, &b, 422, f.error);
			goto out;
		}
		docs = define_doc(&b, &f, weights);
		args[1] = f.form.v[DF_REVISION];
		args[2] = docs;
		rc = backend_change(req, &b, NULL, "SELECT action_define($1, "
		    "$2, $3, $4::jsonb, $5)", 3, args, code, sizeof(code));
	} else {
		args[1] = strcmp(op, "remove") == 0 ? "t" : "f";
		rc = backend_change(req, &b, NULL, "SELECT action_remove($1, "
		    "$2, $3, $4)", 2, args, code, sizeof(code));
	}
	if (rc == 0) {
		if (strcmp(op, "remove") == 0)
			removed_redirect(req, &b, "SELECT process_id::text AS "
			    "process, '' AS parent FROM action WHERE id = $1",
			    aid, "removed=1");
		else
			backend_redirect_with(req, &b, "saved=1", "/b/a/%s",
			    aid);
	} else
		backend_refusal(req, &b, code, define_refusals);
out:
	backend_end(&b);
	free(docs);
	define_form_free(&f);
	return KORE_RESULT_OK;
}

/* What a refused new action tells the admin. */
static const struct backend_refusal	new_action_refusals[] = {
	{ "P0002", 404, N_("It has been removed meanwhile. Nothing was "
	    "saved."), BACKEND_REFUSE },
	{ "23503", 422, N_("A unit you chose has been removed meanwhile. "
	    "Nothing was saved."), BACKEND_REFUSE },
	{ NULL, 503, BACKEND_NOTHING_SAVED, BACKEND_REFUSE }
};

/* POST /b/r/ID/action: a new action answering the recommendation. */
int
page_admin_new_action(struct http_request *req)
{
	struct kore_pgsql	 sql;
	struct backend		 b;
	struct define_form	 f;
	char			 rid[32], code[8] = "";
	const char		*args[2];
	char			*docs = NULL;

	memset(&f, 0, sizeof(f));
	kore_pgsql_init(&sql);
	if (backend_open(req, &b, BACKEND_NEED_ADMIN) == -1)
		goto out;
	if (backend_form_read(req, &b, &f.form, define_fields, DF_COUNT) == -1)
		goto out;
	if (define_form_check(&f, 0) > 0) {
		backend_refused(req, &b, 422, f.error);
		goto out;
	}
	(void)backend_path_id(req->path, "/b/r/", rid, sizeof(rid));
	args[0] = rid;
	args[1] = docs = define_doc(&b, &f, NULL);
	if (backend_change(req, &b, &sql, "SELECT action_create($1, $2, "
	    "$3::jsonb, $4)", 2, args, code, sizeof(code)) == 0) {
		backend_redirect_with(req, &b, NULL, "/b/a/%s",
		    db_text(&sql, 0, "action_create"));
		goto out;
	}
	kore_pgsql_cleanup(&sql);
	backend_refusal(req, &b, code, new_action_refusals);
out:
	backend_end(&b);
	free(docs);
	define_form_free(&f);
	kore_pgsql_cleanup(&sql);
	return KORE_RESULT_OK;
}

int	page_admin_rec_op(struct http_request *);

char *
admin_rec_doc(const struct rec_form *rf)
{
	const struct form	*f = &rf->form;
	json_t			*doc;
	char			*docs;

	doc = json_pack("{s:s, s:s, s:s, s:s, s:o}", "number", f->v[RD_NUMBER],
	    "body", f->v[RD_BODY], "body_sv", f->v[RD_BODY_SV], "body_en",
	    f->v[RD_BODY_EN], "lexemes", terms_array(f->v[RD_BODY]));
	if (doc == NULL || (docs = json_dumps(doc, JSON_COMPACT)) == NULL)
		abort();
	json_decref(doc);
	return docs;
}

/* The answer to a failed change of a recommendation. */
static const struct backend_refusal	rec_refusals[] = {
	{ "23P01", 422, N_("Another recommendation of this process has this "
	    "number or place already. Nothing was saved."), BACKEND_REFUSE },
	{ "23514", 422, N_("The text is too long: at most 20,000 "
	    "characters."), BACKEND_REFUSE },
	BACKEND_AS_ADMIN
};

/* POST /b/r/ID/define, /up, /down, /remove, /restore. */
int
page_admin_rec_op(struct http_request *req)
{
	struct backend	 b;
	struct rec_form	 rf;
	char		 rid[32], code[8];
	const char	*op, *query, *args[2];
	int		 rc;

	op = strrchr(req->path, '/') + 1;
	if (strcmp(op, "define") == 0)
		return admin_rec_define(req);
	memset(&rf, 0, sizeof(rf));
	if (backend_open(req, &b, BACKEND_NEED_ADMIN) == -1 ||
	    backend_form_read(req, &b, &rf.form, rec_fields, RD_COUNT) == -1)
		goto out;
	(void)backend_path_id(req->path, "/b/r/", rid, sizeof(rid));
	args[0] = rid;
	if (strcmp(op, "up") == 0 || strcmp(op, "down") == 0) {
		args[1] = strcmp(op, "up") == 0 ? "-1" : "1";
		query = "SELECT recommendation_move($1, $2, $3, $4)";
	} else {
		args[1] = strcmp(op, "remove") == 0 ? "t" : "f";
		query = "SELECT recommendation_remove($1, $2, $3, $4)";
	}
	rc = backend_change(req, &b, NULL, query, 2, args, code, sizeof(code));
	if (rc == 0 && strcmp(op, "remove") == 0)
		removed_redirect(req, &b, "SELECT process_id::text AS process, "
		    "coalesce(parent_id::text, '') AS parent FROM "
		    "recommendation WHERE id = $1", rid, "removed=2");
	else if (rc == 0)
		backend_redirect_with(req, &b, "saved=1", "/b/r/%s", rid);
	else
		backend_refusal(req, &b, code, rec_refusals);
out:
	backend_end(&b);
	rec_form_free(&rf);
	return KORE_RESULT_OK;
}
