/*
 * The participation team's pages: processes (edit, publish and
 * unpublish) and the county's responses to recommendations. Only admins
 * reach them; the database functions check the role again.
 */
#include <libpq-fe.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "action_form.h"
#include "admin.h"
#include "backend.h"
#include "define_form.h"
#include "new_process_form.h"
#include "process_form.h"
#include "rec_form.h"
#include "reasons.h"
#include "response_form.h"
#include "settings_form.h"
#include "status_form.h"
#include "labels.h"
#include "mem.h"
#include "catalog_cache.h"
#include "db.h"
#include "store.h"
#include "tmpl.h"
#include "utf8.h"

int	page_admin_processes(struct http_request *);
int	page_admin_process(struct http_request *);
int	page_admin_recommendation(struct http_request *);


static void	kind_options(struct tmpl_vars *, enum lang, const char *);
static void	process_row(struct tmpl_vars *, struct kore_pgsql *, int,
		    enum lang);

/*
 * Where a recommendation's fields are linked to from the list of
 * messages (by RD_*) on its own page: the text's area has an id of its
 * own, and the fields without one are reached through the number.
 */
static const char *const	rec_anchors[RD_COUNT] = {
	"number", "rec_body", "body_sv", "body_en", "number", "number"
};

/*
 * The number and text of a recommendation, on the process's page (to
 * add one) and on its own.
 */
#define REC_VIEWS							\
	{ .field = RD_NUMBER, .label = N_("Number"), .hint = N_("As "	\
	    "the panel numbered it, such as 3 or 3.1. Leave empty for "	\
	    "an unnumbered specification below a recommendation.") },	\
	{ .field = RD_BODY, .label = N_("Text"), .lang = "fi",		\
	    .rows = 4, .id = "rec_body" }

static const struct field_view	rec_views[] = { REC_VIEWS };

/* The same with its translations, on the recommendation's own page. */
static const struct field_view	rec_define_views[] = {
	REC_VIEWS,
	FIELD_VIEWS_SV_EN_UNTRANSLATED(RD_BODY_SV, N_("Text in Swedish"),
	    N_("Text in English"), 3)
};

/*
 * A recommendation's save refused for its number (another of the process
 * has it) or its text.
 */
static const struct form_refusal	rec_field_refusals[] = {
	{ "23P01", RD_NUMBER, N_("There is already a recommendation "
	    "%number% in this process. Give another number, or change that "
	    "recommendation on its page.") },
	{ "23514", RD_BODY, REC_TEXT_LONG },
	{ NULL, 0, NULL }
};

/* The choices of a process's kind, selected marked: kind_options. */
static void
kind_options(struct tmpl_vars *tv, enum lang lang, const char *selected)
{
	struct html	options;
	size_t		k;

	html_init(&options);
	for (k = 0; k < PROCESS_KINDS; k++)
		backend_option(&options, process_kinds[k][0],
		    T(lang, process_kinds[k][1]),
		    strcmp(selected, process_kinds[k][0]) == 0, lang);
	tv_html(tv, "kind_options", &options);
	html_free(&options);
}

static void
process_row(struct tmpl_vars *rv, struct kore_pgsql *sql, int i,
    enum lang lang)
{
	db_vars(rv, sql, i, "title", "slug", "year", "recs", "answered",
	    "actions", (char *)NULL);
	tv_text(rv, "published", T(lang, db_true(sql, i, "published") ?
	    N_("Published") : N_("Not published")));
}

int
page_admin_processes(struct http_request *req)
{
	static const struct admin_list	list = {
		"SELECT p.id, p.slug, p.title, p.published, "
		"coalesce(p.year::text, '') AS year, (SELECT count(*) FROM "
		"recommendation r WHERE r.process_id = p.id AND r.deleted_at "
		"IS NULL AND r.kind <> 'specification') AS recs, (SELECT "
		"count(*) FROM recommendation r WHERE r.process_id = p.id AND "
		"r.deleted_at IS NULL AND r.kind <> 'specification' AND "
		"r.response IS NOT NULL) AS answered, (SELECT count(*) FROM "
		"action a WHERE a.process_id = p.id AND a.deleted_at IS NULL) "
		"AS actions FROM process p "
		"ORDER BY p.year DESC NULLS LAST, p.title",
		"/b/p/", process_row, N_("Processes"), "/b/p",
		"admin_processes", BACKEND_IMPORTED | BACKEND_REMOVED
	};

	return admin_list_page(req, &list);
}

/*
 * /b/p/ID: what a process is (titles, kind, year, question, description
 * in three languages, published), its recommendations with the county's
 * responses, and what was removed, to restore. GET shows the form; POST
 * saves it with process_save() or shows it again with a message per
 * field (422).
 */
struct process_page {
	struct backend_page	 p;
	struct process_form	 f;		/* the process sent */
	struct rec_form		 rf;		/* a recommendation sent */
	char			 slug[80];
	const char		*cur[PF_COUNT];	/* what the form shows */
	const struct form	*form;		/* what was sent, or NULL */
	const struct rec_form	*rec;	/* a new recommendation sent, or NULL */
};

BACKEND_FORM_PAGE_DEFINE(page_admin_process, BACKEND_NEED_ADMIN, process_page,
    "admin_process", process_load, process_post, process_render);

static int	rec_add_post(struct http_request *, struct process_page *,
		    struct rec_form *);
static void	rec_add_render(struct tmpl_vars *, struct html *,
		    struct process_page *);
static void	process_recs(struct html *, struct html *,
		    struct tmpl_vars *, const struct process_page *);
static void	process_added(struct tmpl_vars *, struct kore_pgsql *, int,
		    enum lang);
static void	removed_notice(struct tmpl_vars *, const struct backend *);
static void	process_removed(struct tmpl_vars *,
		    const struct process_page *);

/*
 * The stored process into pp->cur (borrowed from pp->p.row); -1 after a
 * 404 or 503.
 */
static int
process_load(struct http_request *req, void *arg)
{
	static const struct backend_record	process = { "/b/p/",
	    "SELECT slug, title, kind, coalesce(year::text, '') AS year, "
	    "question, description, "
	    "CASE WHEN published THEN '1' ELSE '' END AS published, "
	    "title_sv, title_en, question_sv, question_en, description_sv, "
	    "description_en, CASE WHEN review THEN '1' ELSE '' END AS review "
	    "FROM process WHERE id = $1", N_("There is no such process. It "
	    "may have been removed or the address may be mistyped."),
	    process_fields, PF_CSRF, PF_COUNT };
	struct process_page			*pp = arg;

	if (backend_page_load(req, &pp->p, &process, pp->cur) == -1)
		return -1;
	snprintf(pp->slug, sizeof(pp->slug), "%s", db_text(&pp->p.row, 0,
	    "slug"));
	return 0;
}

/*
 * Reads and saves the form; POST /b/p/ID/recommendation adds a
 * recommendation instead. Returns -1 after answering (a redirect, or a
 * refusal); 0 when the form is to be shown again with its messages.
 */
static int
process_post(struct http_request *req, void *arg)
{
	struct process_page	*pp = arg;
	struct process_form	*f = &pp->f;
	char			*docs;
	const char		*args[2];
	json_t			*doc;
	char			 code[8];
	int			 r;

	if (strstr(req->path, "/recommendation") != NULL)
		return rec_add_post(req, pp, &pp->rf);

	if (backend_page_read_cur(req, &pp->p, &f->form, process_fields,
	    PF_COUNT, pp->cur, -1) == -1)
		return -1;
	pp->form = &f->form;
	if (process_form_check(f) > 0)
		return 0;
	doc = process_form_json(f);
	docs = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	if (docs == NULL)
		abort();
	args[0] = pp->p.tid;
	args[1] = docs;
	r = admin_page_change(req, &pp->p, "SELECT process_save($1, $2, "
	    "$3::jsonb, $4)", 2, args, "/b/p/", code);
	free(docs);
	if (r == -1)
		return -1;
	form_fail(&f->form, PF_CSRF, backend_save_error(NULL, NULL,
	    &pp->p.status));
	return 0;
}

/*
 * Adds a recommendation from the form below the list. -1 after
 * answering: a redirect back to the list that names what was added, or
 * a refusal; 0 when the page is to be shown again with what was typed
 * and the message beside its field (422).
 */
static int
rec_add_post(struct http_request *req, struct process_page *pp,
    struct rec_form *rf)
{
	struct kore_pgsql	 sql;
	char			 parent[32], code[8] = "", added[64];
	const char		*args[3];
	char			*docs;
	int			 rc;

	if (backend_page_read(req, &pp->p, &rf->form, rec_fields,
	    RD_COUNT) == -1)
		return -1;
	pp->rec = rf;
	if (rec_form_check(rf) > 0)
		return 0;
	snprintf(parent, sizeof(parent), "%lld", rf->parent);
	args[0] = pp->p.tid;
	args[1] = rf->parent > 0 ? parent : NULL;
	args[2] = docs = admin_rec_doc(rf);
	kore_pgsql_init(&sql);
	rc = backend_change(req, &pp->p.b, &sql, "SELECT recommendation_create("
	    "$1, $2, $3, $4::jsonb, $5)", 3, args, code, sizeof(code));
	free(docs);
	if (rc == 0) {
		/* Back to the form, to add the next one. */
		snprintf(added, sizeof(added), "added=%s#new-recommendation",
		    db_text(&sql, 0, "recommendation_create"));
		backend_redirect_with(req, &pp->p.b, added, "/b/p/%s",
		    pp->p.tid);
	}
	kore_pgsql_cleanup(&sql);
	if (rc == 0)
		return -1;
	if (form_fail_code(&rf->form, code, rec_field_refusals))
		return 0;
	/* A parent of another process breaks the composite foreign key. */
	if (strcmp(code, "42501") == 0 || strcmp(code, "P0002") == 0 ||
	    strcmp(code, "23503") == 0) {
		admin_refused(req, &pp->p.b, strcmp(code, "42501") == 0 ?
		    code : "P0002");
		return -1;
	}
	form_fail(&rf->form, RD_CSRF, backend_save_error(code, NULL,
	    &pp->p.status));
	return 0;
}

/*
 * What a removal that came back here removed: removed_action or
 * removed_rec, for the notice that says where to restore it.
 */
static void
removed_notice(struct tmpl_vars *tv, const struct backend *b)
{
	tv_text(tv, "removed_action", (b->notices & BACKEND_REMOVED) ?
	    "1" : "");
	tv_text(tv, "removed_rec", (b->notices & BACKEND_REMOVED_REC) ?
	    "1" : "");
}

/* The process's own fields, as stored or as sent. */
static void
process_fields_html(struct tmpl_vars *tv, const struct process_page *pp)
{
	static const struct field_view	title[] = {
		{ .field = PF_TITLE, .label = N_("Title") },
	};
	static const struct field_view	year[] = {
		{ .field = PF_YEAR, .label = N_("Year"),
		    FIELD_NUMBER(PROCESS_YEAR_MAX) },
	};
	static const struct field_view	texts[] = {
		{ .field = PF_QUESTION, .label = N_("Question"), .rows = 2 },
		{ .field = PF_DESCRIPTION, .label = N_("Description"),
		    .rows = 5 },
	};
	static const struct field_view	translations[] = {
		FIELD_VIEWS_SV_EN(PF_TITLE_SV, N_("Title in Swedish"),
		    N_("Title in English"), 0),
		FIELD_VIEWS_SV_EN(PF_QUESTION_SV, N_("Question in Swedish"),
		    N_("Question in English"), 2),
		FIELD_VIEWS_SV_EN(PF_DESCRIPTION_SV,
		    N_("Description in Swedish"), N_("Description in English"),
		    4),
	};
	enum lang			lang = pp->p.b.pg.lang;

	fields_html(tv, "title_field", process_fields, FIELD_VIEWS(title),
	    pp->cur, pp->form, lang);
	fields_html(tv, "year_field", process_fields, FIELD_VIEWS(year),
	    pp->cur, pp->form, lang);
	fields_html(tv, "text_fields", process_fields, FIELD_VIEWS(texts),
	    pp->cur, pp->form, lang);
	fields_html(tv, "translation_fields", process_fields,
	    FIELD_VIEWS(translations), pp->cur, pp->form, lang);
}

static int
process_render(struct http_request *req, void *arg,
    struct tmpl_vars *tv)
{
	struct process_page	*pp = arg;
	struct backend		*b = &pp->p.b;
	struct html		 errors, recs, parents;

	html_init(&errors);
	html_init(&recs);
	html_init(&parents);
	kind_options(tv, b->pg.lang, pp->cur[PF_KIND]);
	if (pp->form != NULL)
		backend_form_errors(tv, &errors, pp->form, b->pg.lang);
	rec_add_render(tv, &errors, pp);
	process_recs(&recs, &parents, tv, pp);
	process_removed(tv, pp);
	(void)admin_action_list(tv, b, 1, pp->p.tid);
	process_fields_html(tv, pp);
	tv_text(tv, "published", pp->cur[PF_PUBLISHED][0] ? "1" : "");
	tv_text(tv, "review", pp->cur[PF_REVIEW][0] ? "1" : "");
	tv_html(tv, "errors", &errors);
	tv_html(tv, "recs", &recs);
	tv_html(tv, "parents", &parents);
	tv_textf(tv, "public_url", "/p/%s%s", pp->slug,
	    lang_query(b->pg.lang));
	tv_text(tv, "saved", pp->p.status == 200 &&
	    (b->notices & BACKEND_SAVED) ? "1" : "");
	removed_notice(tv, b);
	tv_text(tv, "imported", (b->notices & BACKEND_IMPORTED) ? "1" : "");
	tv_text(tv, "content_lang", lang_attr(b->pg.lang, 1));
	backend_title(b, N_("Edit process"), "/b/p/%s", pp->p.tid);
	html_free(&errors);
	html_free(&recs);
	html_free(&parents);
	return 0;
}

/*
 * The new recommendation's form as it was sent, with the message of each
 * field that has one beside it and in the list of errors.
 */
static void
rec_add_render(struct tmpl_vars *tv, struct html *errors,
    struct process_page *pp)
{
	/* The form below the list has the number and the text only. */
	static const char *const		vars[RD_COUNT] = {
		[RD_BODY_SV] = "rec_err_other", [RD_BODY_EN] = "rec_err_other",
		[RD_PARENT] = "rec_err_other", [RD_CSRF] = "rec_err_other"
	};
	static const char *const		anchors[RD_COUNT] = {
		"number", "rec_body", "number", "number", "number", "number"
	};
	static const struct form_summary	add = { vars, anchors, NULL };
	const struct form			*f;

	f = pp->rec != NULL ? &pp->rec->form : NULL;
	fields_html(tv, "rec_fields", rec_fields, FIELD_VIEWS(rec_views),
	    f != NULL ? (const char *const *)f->v : NULL, f, pp->p.b.pg.lang);
	if (f != NULL)
		backend_form_summary(tv, errors, f, &add, pp->p.b.pg.lang);
}

/* The notice of the recommendation just added, row i of sql. */
static void
process_added(struct tmpl_vars *tv, struct kore_pgsql *sql, int i,
    enum lang lang)
{
	struct html	 msg;
	struct tmpl_vars ov;
	const char	*number = db_text(sql, i, "number");

	tv_init(&ov);
	html_init(&msg);
	tv_text(&ov, "number", number);
	tmpl_message(&msg, *number != '\0' ? N_("Recommendation %number% "
	    "added.") : N_("The specification was added."), &ov, lang);
	tv_html(tv, "added", &msg);
	tv_textf(tv, "added_url", "/b/r/%s%s", db_text(sql, i, "id"),
	    lang_query(lang));
	tv_free(&ov);
	html_free(&msg);
}

/*
 * The recommendations with their responses, and those that can parent
 * (the one sent, or that of the one just added, chosen). What was just
 * added (?added=ID) into tv: added, added_number, added_url.
 */
static void
process_recs(struct html *rows, struct html *parents, struct tmpl_vars *tv,
    const struct process_page *pp)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 ov;
	const char		*params[2] = { pp->p.tid, NULL }, *kind, *id;
	struct buf		 label;
	char			 added[32];
	enum lang		 lang = pp->p.b.pg.lang;
	int			 i;

	tv_init(&ov);
	buf_init(&label);
	snprintf(added, sizeof(added), "%lld", pp->p.b.added);
	params[1] = pp->rec != NULL ? pp->rec->form.v[RD_PARENT] : "";
	if (db_query(&sql, "SELECT r.id, coalesce(r.number, '') AS number, "
	    "r.body, coalesce(r.response, '') AS response, r.kind, "
	    "coalesce(r.parent_id::text, '') AS parent "
	    "FROM recommendation r WHERE "
	    "r.process_id = $1 AND r.deleted_at IS NULL " REC_ORDER_SQL, 1,
	    params) == -1)
		goto out;
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		id = db_text(&sql, i, "id");
		if (pp->rec == NULL && strcmp(id, added) == 0) {
			process_added(tv, &sql, i, lang);
			params[1] = db_text(&sql, i, "parent");
		}
	}
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		kind = db_text(&sql, i, "kind");
		id = db_text(&sql, i, "id");
		tv_reset(&ov);
		tv_textf(&ov, "url", "/b/r/%s%s", id, lang_query(lang));
		db_vars(&ov, &sql, i, "number", "body", (char *)NULL);
		tv_text(&ov, "response", strcmp(kind, "specification") == 0 ?
		    "" : T(lang, response_label(db_text(&sql, i,
		    "response"))));
		tv_text(&ov, "indent", strcmp(kind, "recommendation") == 0 ?
		    "0" : "1");
		tv_text(&ov, "added", strcmp(id, added) == 0 ? "1" : "");
		tv_text(&ov, "content_lang", lang_attr(lang, 1));
		tmpl_render(rows, tpl("admin_process.rec"), &ov, lang);
		if (strcmp(kind, "recommendation") != 0)
			continue;
		buf_reset(&label);
		buf_printf(&label, "%s ", db_text(&sql, i, "number"));
		utf8_put_short(&label, db_text(&sql, i, "body"), 80);
		backend_option(parents, id, buf_cstr(&label),
		    strcmp(id, params[1]) == 0, lang);
	}
out:
	kore_pgsql_cleanup(&sql);
	tv_free(&ov);
	buf_free(&label);
}

/*
 * Removed recommendations (not those whose parent is removed too) and
 * actions, each with a button that restores it: the variables
 * removed_recs and removed.
 */
static void
process_removed(struct tmpl_vars *tv, const struct process_page *pp)
{
	static const char *const queries[2] = {
		"SELECT r.id, concat_ws(' ', nullif(r.number, ''), r.body) "
		"AS body, r.deleted_at::date AS removed_on "
		"FROM recommendation r "
		"WHERE r.process_id = $1 AND r.deleted_at IS NOT NULL AND "
		"(r.parent_id IS NULL OR (SELECT t.deleted_at FROM "
		"recommendation t WHERE t.id = r.parent_id) IS NULL) "
		"ORDER BY r.deleted_at DESC",
		"SELECT id, body, deleted_at::date AS removed_on FROM action "
		"WHERE process_id = $1 AND deleted_at IS NOT NULL "
		"ORDER BY deleted_at DESC"
	};
	static const char *const names[2] = { "removed_recs", "removed" };
	static const char *const blocks[2] = {
		"admin_process.removed_rec", "admin_process.removed"
	};
	struct kore_pgsql	 sql;
	struct tmpl_vars	 ov;
	struct html		 out;
	const char		*params[1] = { pp->p.tid };
	enum lang		 lang = pp->p.b.pg.lang;
	int			 q, i;

	tv_init(&ov);
	for (q = 0; q < 2; q++) {
		html_init(&out);
		if (db_query(&sql, queries[q], 1, params) == 0) {
			for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
				tv_reset(&ov);
				db_vars(&ov, &sql, i, "id", "body",
				    "removed_on", (char *)NULL);
				tv_text(&ov, "csrf", pp->p.b.st.csrf);
				tv_text(&ov, "lang_query", lang_query(lang));
				tv_text(&ov, "content_lang",
				    lang_attr(lang, 1));
				tmpl_render(&out, tpl(blocks[q]), &ov, lang);
			}
			tv_html(tv, names[q], &out);
		}
		kore_pgsql_cleanup(&sql);
		html_free(&out);
	}
	tv_free(&ov);
}

/*
 * /b/r/ID: a recommendation and the county's response to it. GET shows
 * the form; POST saves it with recommendation_respond() or shows it
 * again with the message (422).
 */
struct rec_page {
	struct backend_page	 p;
	struct response_form	 f;	/* the response sent */
	struct rec_form		 rf;	/* the definition sent */
	const char		*response;	/* what the form shows */
	const char		*reason;
	const char		*category;
	/* The definition as typed, when it is shown again (422). */
	struct rec_form		*rec;
};

BACKEND_FORM_PAGE_DEFINE(page_admin_recommendation, BACKEND_NEED_ADMIN,
    rec_page, "admin_recommendation", rec_load, rec_post, rec_render);
/*
 * POST /b/r/ID/define (the route takes only a POST): the
 * recommendation's number and texts. Saved, a redirect to its page; a
 * taken number or a mistake shows the page again with what was typed
 * and the message beside its field (422).
 */
BACKEND_FORM_PAGE_DEFINE(admin_rec_define, BACKEND_NEED_ADMIN, rec_page,
    "admin_recommendation", rec_load, rec_define_post, rec_render);

static void	rec_define_vars(struct tmpl_vars *, struct rec_page *,
		    struct kore_pgsql *);
static void	rec_new_action(struct tmpl_vars *, enum lang);
static void	rec_reasons(struct tmpl_vars *, const struct rec_page *,
		    enum lang);
static void	rec_title(struct backend *, struct kore_pgsql *);

/* The recommendation into rp->p.row and rp; -1 after a 404 or 503. */
static int
rec_load(struct http_request *req, void *arg)
{
	struct rec_page		*rp = arg;
	struct kore_pgsql	*sql = &rp->p.row;

	backend_page_id(req, &rp->p, "/b/r/");
	if (backend_query_one(req, &rp->p.b, sql, "SELECT r.id, "
	    "coalesce(r.number, '') AS number, r.body, "
	    "coalesce(r.response, '') AS response, r.response_reason, "
	    "coalesce(r.response_reason_category::text, '') AS category, "
	    "p.id AS process_id, p.title AS process, p.slug, r.kind, "
	    "r.body_sv, r.body_en, CASE WHEN p.published THEN '1' ELSE '' "
	    "END AS published FROM recommendation r JOIN process p ON "
	    "p.id = r.process_id WHERE r.id = $1 AND r.deleted_at IS NULL",
	    rp->p.tid, N_("There is no such recommendation. It may have been "
	    "removed.")) == -1)
		return -1;
	rp->response = db_text(sql, 0, "response");
	rp->reason = db_text(sql, 0, "response_reason");
	rp->category = db_text(sql, 0, "category");
	return 0;
}

/* -1 after answering; 0 when the form is to be shown again. */
static int
rec_post(struct http_request *req, void *arg)
{
	static const struct backend_refusal	codes[] = {
		BACKEND_AGAIN("23503", N_("Choose a reason category from the "
		    "list.")),
		BACKEND_END
	};
	struct rec_page		*rp = arg;
	struct response_form	*f = &rp->f;
	const char		*args[4];
	char			 code[8];

	if (backend_page_read(req, &rp->p, &f->form, response_fields,
	    RSP_COUNT) == -1)
		return -1;
	rp->response = f->form.v[RSP_RESPONSE];
	rp->reason = f->form.v[RSP_REASON];
	rp->category = f->form.v[RSP_CATEGORY];
	if (response_form_check(f) > 0)
		return backend_page_again(&rp->p, f->error);
	args[0] = rp->p.tid;
	args[1] = rp->response[0] ? rp->response : NULL;
	args[2] = rp->reason;
	args[3] = rp->category[0] ? rp->category : NULL;
	if (admin_page_change(req, &rp->p, "SELECT recommendation_respond("
	    "$1, $2, $3, $4, $5::integer, $6)", 4, args, "/b/r/", code) == -1)
		return -1;
	return backend_page_unsaved(&rp->p, code, codes);
}

/* -1 after answering; 0 when the form is to be shown again. */
static int
rec_define_post(struct http_request *req, void *arg)
{
	struct rec_page	*rp = arg;
	struct rec_form	*rf = &rp->rf;
	char		 code[8] = "";
	const char	*args[2];
	char		*docs;
	int		 rc;

	if (backend_page_read(req, &rp->p, &rf->form, rec_fields,
	    RD_COUNT) == -1)
		return -1;
	rp->rec = rf;
	if (rec_form_check(rf) > 0)
		return 0;
	args[0] = rp->p.tid;
	args[1] = docs = admin_rec_doc(rf);
	rc = admin_page_change(req, &rp->p, "SELECT recommendation_define("
	    "$1, $2, $3::jsonb, $4)", 2, args, "/b/r/", code);
	free(docs);
	if (rc == -1)
		return -1;
	if (form_fail_code(&rf->form, code, rec_field_refusals))
		return 0;
	form_fail(&rf->form, RD_CSRF, backend_save_error(code, NULL,
	    &rp->p.status));
	return 0;
}

/*
 * The definition form's values: as stored, or as typed with the message
 * of each field beside it and in the list at the top.
 */
static void
rec_define_vars(struct tmpl_vars *tv, struct rec_page *rp,
    struct kore_pgsql *sql)
{
	static const char *const		vars[RD_COUNT] = {
		[RD_PARENT] = "err_other", [RD_CSRF] = "err_other"
	};
	static const struct form_summary	define = { vars, rec_anchors,
	    NULL };
	const struct form	*f;
	struct html		 errors;
	const char		*stored[RD_COUNT] = { NULL };

	db_vars(tv, sql, 0, "number", "body", (char *)NULL);
	if (rp->rec == NULL) {
		stored[RD_NUMBER] = db_text(sql, 0, "number");
		stored[RD_BODY] = db_text(sql, 0, "body");
		stored[RD_BODY_SV] = db_text(sql, 0, "body_sv");
		stored[RD_BODY_EN] = db_text(sql, 0, "body_en");
		fields_html(tv, "rec_fields", rec_fields,
		    FIELD_VIEWS(rec_define_views), stored, NULL,
		    rp->p.b.pg.lang);
		return;
	}
	f = &rp->rec->form;
	fields_html(tv, "rec_fields", rec_fields,
	    FIELD_VIEWS(rec_define_views), (const char *const *)f->v, f,
	    rp->p.b.pg.lang);
	html_init(&errors);
	backend_form_summary(tv, &errors, f, &define, rp->p.b.pg.lang);
	tv_html(tv, "define_errors", &errors);
	html_free(&errors);
}

/* The new-action form: an empty text and the units, none ticked. */
static void
rec_new_action(struct tmpl_vars *tv, enum lang lang)
{
	static const struct field_view	body[] = {
		{ .field = DF_BODY, .label = N_("The action"), .lang = "fi",
		    .rows = 3, .required = 1 }
	};
	struct html			boxes;

	fields_html(tv, "action_field", define_fields, FIELD_VIEWS(body), NULL,
	    NULL, lang);
	html_init(&boxes);
	/* Without the database the form has no units to tick. */
	(void)unit_checkboxes(&boxes, lang, NULL, 0);
	tv_html(tv, "units", &boxes);
	html_free(&boxes);
}

/*
 * The page's title: "Recommendation 3: the start of its text", or
 * "Specification: ..." for an unnumbered one.
 */
static void
rec_title(struct backend *b, struct kore_pgsql *sql)
{
	const char	*number = db_text(sql, 0, "number");
	const char	*body = db_text(sql, 0, "body");

	backend_title(b, *number != '\0' ? N_("Recommendation") :
	    N_("Specification"), "/b/r/%s", db_text(sql, 0, "id"));
	buf_printf(&b->pg.title, "%s%s: ", *number ? " " : "", number);
	utf8_put_short(&b->pg.title, body, 60);
}

/* The response form's reasons and the options of their category. */
static void
rec_reasons(struct tmpl_vars *tv, const struct rec_page *rp, enum lang lang)
{
	static const struct field_view	reason[] = {
		{ .field = RSP_REASON, .label = N_("Reasons"), .hint = N_("Why "
		    "the county decided so; shown to residents with the "
		    "response."), .lang = "fi", .rows = 6 }
	};
	const char			*cur[RSP_COUNT] = { NULL };
	struct html			 options;

	cur[RSP_REASON] = rp->reason;
	fields_html(tv, "reason_field", response_fields, FIELD_VIEWS(reason),
	    cur, NULL, lang);
	html_init(&options);
	(void)reason_options(&options, rp->category, lang);
	tv_html(tv, "reason_options", &options);
	html_free(&options);
}

static int
rec_render(struct http_request *req, void *arg,
    struct tmpl_vars *tv)
{
	struct rec_page		*rp = arg;
	struct kore_pgsql	*sql = &rp->p.row;
	struct backend		*b = &rp->p.b;
	const char		*r = rp->response;
	enum lang		 lang = b->pg.lang;

	rec_define_vars(tv, rp, sql);
	db_vars(tv, sql, 0, "process", "published", (char *)NULL);
	tv_textf(tv, "process_url", "/b/p/%s%s", db_text(sql, 0,
	    "process_id"), lang_query(lang));
	tv_textf(tv, "public_url", "/p/%s/r/%s%s", db_text(sql, 0, "slug"),
	    rp->p.tid, lang_query(lang));
	tv_text(tv, "answerable", strcmp(db_text(sql, 0, "kind"),
	    "specification") != 0 ? "1" : "");
	tv_text(tv, "r_none", r[0] == '\0' ? "1" : "");
	tv_text(tv, "r_accepted", strcmp(r, "accepted") == 0 ? "1" : "");
	tv_text(tv, "r_partly", strcmp(r, "partly") == 0 ? "1" : "");
	tv_text(tv, "r_not_accepted", strcmp(r, "not_accepted") == 0 ?
	    "1" : "");
	tv_text(tv, "r_under_consideration", strcmp(r,
	    "under_consideration") == 0 ? "1" : "");
	rec_reasons(tv, rp, lang);
	tv_text(tv, "content_lang", lang_attr(lang, 1));
	tv_text(tv, "saved", rp->p.status == 200 &&
	    (b->notices & BACKEND_SAVED) ? "1" : "");
	removed_notice(tv, b);
	rec_new_action(tv, lang);
	(void)admin_action_list(tv, b, 0, rp->p.tid);
	rec_title(b, sql);
	return 0;
}

int	page_admin_statuses(struct http_request *);
int	page_admin_status(struct http_request *);

BACKEND_VIEW_DEFINE(page_admin_statuses, BACKEND_NEED_ADMIN |
    BACKEND_NEED_CATALOG, "admin_statuses", statuses_render);

/* The statuses of the catalogue, each linked to its form. */
static int
statuses_render(struct http_request *req, void *arg, struct tmpl_vars *tv)
{
	struct backend_page	*p = arg;
	const struct catalog	*c = catalog_get();
	const struct status	*st;
	struct tmpl_vars	 rv;
	struct html		 rows;
	enum lang		 lang = p->b.pg.lang;
	size_t			 i;

	tv_init(&rv);
	html_init(&rows);
	for (i = 0; i < c->statuses.count; i++) {
		st = &c->statuses.items[i];
		tv_reset(&rv);
		tv_textf(&rv, "url", "/b/statuses/%d%s", st->id,
		    lang_query(lang));
		tv_text(&rv, "code", st->code);
		tv_text(&rv, "fi", st->label[LANG_FI]);
		tv_text(&rv, "sv", st->label[LANG_SV]);
		tv_text(&rv, "en", st->label[LANG_EN]);
		tv_text(&rv, "final", T(lang, st->is_final ? N_("Yes") :
		    N_("No")));
		if (st->progress >= 0)
			tv_textf(&rv, "progress", "%d %%", st->progress);
		else
			tv_text(&rv, "progress", T(lang, "Not progress"));
		tv_text(&rv, "colour", st->colour);
		tmpl_render(&rows, tpl("admin_statuses.row"), &rv, lang);
	}
	tv_html(tv, "rows", &rows);
	tv_text(tv, "saved", (p->b.notices & BACKEND_SAVED) ? "1" : "");
	backend_title(&p->b, N_("Statuses"), "/b/statuses");
	tv_free(&rv);
	html_free(&rows);
	return 0;
}

/*
 * /b/statuses/ID and /b/statuses/new: a status's code (only when new),
 * labels, whether it is final and its colour. GET shows the form; POST
 * saves it with status_save() or shows it again with the message (422).
 */
struct status_page {
	struct backend_page	 p;
	struct status_form	 f;		/* what was sent */
	char			 progress[16];
	const char		*cur[SF_COUNT];	/* what the form shows */
};

BACKEND_FORM_PAGE_DEFINE(page_admin_status, BACKEND_NEED_ADMIN, status_page,
    "admin_status", status_load, status_post, status_render);


/* The stored status into sp->cur (from the catalogue); -1 after 404/503. */
static int
status_load(struct http_request *req, void *arg)
{
	struct status_page	*sp = arg;
	const struct status	*st;
	int			 i, l;

	if (backend_need_catalog(req, &sp->p.b) == -1)
		return -1;
	backend_page_id(req, &sp->p, "/b/statuses/");
	for (i = 0; i < SF_COUNT; i++)
		sp->cur[i] = "";
	sp->cur[SF_COLOUR] = "#6b7280";
	if (sp->p.id == 0)
		return 0;
	if ((st = status_by_id(&catalog_get()->statuses, (int)sp->p.id)) ==
	    NULL) {
		backend_error(req, &sp->p.b, 404, N_("There is no such "
		    "status."));
		return -1;
	}
	sp->cur[SF_CODE] = st->code;
	for (l = 0; l < LANG_COUNT; l++)
		sp->cur[SF_FI + l] = st->label[l];
	sp->cur[SF_FINAL] = st->is_final ? "1" : "";
	sp->cur[SF_COLOUR] = st->colour;
	if (st->progress >= 0) {
		snprintf(sp->progress, sizeof(sp->progress), "%d",
		    st->progress);
		sp->cur[SF_PROGRESS] = sp->progress;
	}
	for (l = 0; l < LANG_COUNT; l++)
		sp->cur[SF_MEANING_FI + l] = st->meaning[l];
	return 0;
}

/* -1 after answering; 0 when the form is to be shown again. */
static int
status_post(struct http_request *req, void *arg)
{
	static const struct backend_refusal	codes[] = {
		BACKEND_AGAIN("23505", N_("There is already a status with "
		    "this code or one of these labels.")),
		BACKEND_ADMIN_END
	};
	struct status_page	*sp = arg;
	struct status_form	*f = &sp->f;
	const struct form	*v = &f->form;
	json_t			*doc;

	if (backend_page_read_cur(req, &sp->p, &f->form, status_fields,
	    SF_COUNT, sp->cur, SF_CODE) == -1)
		return -1;
	if (status_form_check(f, sp->p.id == 0) > 0)
		return backend_page_again(&sp->p, f->error);
	doc = json_pack("{s:s, s:s, s:s, s:s, s:b, s:s, s:o, s:s, s:s, s:s}",
	    "code", sp->cur[SF_CODE], "label_fi", v->v[SF_FI], "label_sv",
	    v->v[SF_SV], "label_en", v->v[SF_EN], "is_final", f->is_final,
	    "colour", v->v[SF_COLOUR], "progress", f->progress ==
	    STATUS_PROGRESS_NONE ? json_null() : json_integer(f->progress),
	    "meaning_fi", v->v[SF_MEANING_FI], "meaning_sv",
	    v->v[SF_MEANING_SV], "meaning_en", v->v[SF_MEANING_EN]);
	return admin_save_doc(req, &sp->p, "SELECT status_save($1, $2, "
	    "$3::jsonb, $4)", doc, "/b/statuses", codes);
}

static int
status_render(struct http_request *req, void *arg,
    struct tmpl_vars *tv)
{
	static const struct field_view	code[] = { CODE_VIEW(SF_CODE) };
	static const struct field_view	labels[] = { LABEL_VIEWS(SF_FI) };
	static const struct field_view	progress[] = {
		{ .field = SF_PROGRESS, .label = N_("Progress in per cent"),
		    .hint = N_("How far an action with this status has got, 0 "
		    "to 100. Leave it empty for a status that is not "
		    "progress, such as \"will not be done\": it is shown "
		    "apart. A final status with progress counts as "
		    "completed."), FIELD_NUMBER(STATUS_PROGRESS_MAX) },
	};
	static const struct field_view	meanings[] = {
		FIELD_VIEWS_FI_SV_EN(SF_MEANING_FI,
		    N_("What it means, in Finnish"),
		    N_("What it means, in Swedish"),
		    N_("What it means, in English"), 3)
	};
	static const struct field_view	colour[] = {
		{ .field = SF_COLOUR, .label = N_("Colour"), .type = "color" },
	};
	struct status_page		*sp = arg;
	const struct form		*f = form_sent(&sp->f.form);
	enum lang			 lang = sp->p.b.pg.lang;

	tv_text(tv, "code", sp->cur[SF_CODE]);
	fields_html(tv, "code_field", status_fields, FIELD_VIEWS(code), sp->cur,
	    f, lang);
	fields_html(tv, "label_fields", status_fields, FIELD_VIEWS(labels),
	    sp->cur, f, lang);
	fields_html(tv, "progress_field", status_fields,
	    FIELD_VIEWS(progress), sp->cur, f, lang);
	fields_html(tv, "meaning_fields", status_fields, FIELD_VIEWS(meanings),
	    sp->cur, f, lang);
	fields_html(tv, "colour_field", status_fields, FIELD_VIEWS(colour),
	    sp->cur, f, lang);
	tv_text(tv, "is_final", sp->cur[SF_FINAL][0] ? "1" : "");
	backend_page_title(&sp->p, N_("Add a status"), N_("Edit status"));
	return 0;
}

int	page_admin_new_process(struct http_request *);

/*
 * /b/p/new: a new process, its address name, title, kind and year;
 * unpublished. GET shows the form; POST creates it with
 * process_create() or shows the form again with the message (422).
 */
struct new_process_page {
	struct backend_page	 p;
	struct new_process_form	 f;		/* what was sent */
	const char		*kind;		/* what the form shows */
};

BACKEND_FORM_PAGE_DEFINE(page_admin_new_process, BACKEND_NEED_ADMIN,
    new_process_page, "admin_new_process", new_process_load, new_process_post,
    new_process_render);


/* What the empty form shows. */
static int
new_process_load(struct http_request *req, void *arg)
{
	struct new_process_page	*np = arg;

	(void)req;
	np->kind = "resident_panel";
	return 0;
}

/* -1 after answering; 0 when the form is to be shown again. */
static int
new_process_post(struct http_request *req, void *arg)
{
	static const struct backend_refusal	codes[] = {
		BACKEND_AGAIN("23505", N_("A process with this address name "
		    "exists already: give another address name.")),
		BACKEND_END
	};
	struct new_process_page	*np = arg;
	struct new_process_form	*f = &np->f;
	struct kore_pgsql	 sql;
	char			 code[8] = "";
	const char		*args[1];
	json_t			*doc;
	char			*docs;
	int			 rc;

	if (backend_page_read(req, &np->p, &f->form, new_process_fields,
	    NP_COUNT) == -1)
		return -1;
	np->kind = f->form.v[NP_KIND];
	if (new_process_form_check(f, process_slug_valid(
	    f->form.v[NP_SLUG])) > 0)
		return backend_page_again(&np->p, f->error);
	doc = new_process_form_json(f);
	docs = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	args[0] = docs;
	kore_pgsql_init(&sql);
	rc = backend_change(req, &np->p.b, &sql, "SELECT process_create($1, "
	    "$2::jsonb, $3)", 1, args, code, sizeof(code));
	free(docs);
	if (rc == 0)
		backend_redirect_with(req, &np->p.b, "saved=1", "/b/p/%s",
		    db_text(&sql, 0, "process_create"));
	kore_pgsql_cleanup(&sql);
	if (rc == 0)
		return -1;
	return backend_page_unsaved(&np->p, code, codes);
}

/* What was sent is shown again (no values on a GET). */
static int
new_process_render(struct http_request *req, void *arg,
    struct tmpl_vars *tv)
{
	static const struct field_view	views[] = {
		{ .field = NP_SLUG, .label = N_("Address name"),
		    .hint = PROCESS_SLUG_HINT, .required = 1 },
		{ .field = NP_TITLE, .label = N_("Title") },
	};
	static const struct field_view	year[] = {
		{ .field = NP_YEAR, .label = N_("Year"),
		    FIELD_NUMBER(PROCESS_YEAR_MAX) },
	};
	struct new_process_page		*np = arg;
	const struct form		*f = form_sent(&np->f.form);
	const char *const		*v = f != NULL ?
					    (const char *const *)f->v : NULL;
	struct backend			*b = &np->p.b;

	kind_options(tv, b->pg.lang, np->kind);
	fields_html(tv, "slug_fields", new_process_fields, FIELD_VIEWS(views),
	    v, f, b->pg.lang);
	fields_html(tv, "year_field", new_process_fields, FIELD_VIEWS(year),
	    v, f, b->pg.lang);
	backend_title(b, N_("Add a process"), "/b/p/new");
	return 0;
}

int	page_admin_settings(struct http_request *);

/*
 * /b/settings: when an action is stale and when it is due soon, in days.
 * GET shows the form; POST saves it with settings_save() or shows it
 * again with the message (422).
 */
struct settings_page {
	struct backend_page	 p;
	struct settings_form	 f;		/* what was sent */
	const char		*cur[ST_COUNT];	/* what the form shows */
};

BACKEND_FORM_PAGE_DEFINE(page_admin_settings, BACKEND_NEED_ADMIN, settings_page,
    "admin_settings", settings_load, settings_post, settings_render);


/* The stored settings into sp; -1 after a 503. */
static int
settings_load(struct http_request *req, void *arg)
{
	struct settings_page	*sp = arg;

	if (db_query(&sp->p.row, "SELECT stale_days, due_soon_days, "
	    "round_reminder_days FROM setting", 0, NULL) == -1 ||
	    kore_pgsql_ntuples(&sp->p.row) != 1) {
		backend_unavailable(req, &sp->p.b);
		return -1;
	}
	sp->cur[ST_STALE] = db_text(&sp->p.row, 0, "stale_days");
	sp->cur[ST_SOON] = db_text(&sp->p.row, 0, "due_soon_days");
	sp->cur[ST_REMIND] = db_text(&sp->p.row, 0, "round_reminder_days");
	return 0;
}

/* -1 after answering; 0 when the form is to be shown again. */
static int
settings_post(struct http_request *req, void *arg)
{
	struct settings_page	*sp = arg;
	struct settings_form	*f = &sp->f;
	const char		*args[3];
	char			 code[8];

	if (backend_page_read(req, &sp->p, &f->form, settings_fields,
	    ST_COUNT) == -1)
		return -1;
	sp->cur[ST_STALE] = f->form.v[ST_STALE];
	sp->cur[ST_SOON] = f->form.v[ST_SOON];
	if (f->form.v[ST_REMIND][0] != '\0')
		sp->cur[ST_REMIND] = f->form.v[ST_REMIND];
	if (settings_form_check(f) > 0)
		return backend_page_again(&sp->p, f->error);
	args[0] = sp->cur[ST_STALE];
	args[1] = sp->cur[ST_SOON];
	args[2] = sp->cur[ST_REMIND];
	if (backend_change(req, &sp->p.b, NULL, "SELECT settings_save($1, $2, "
	    "$3, $4, $5)", 3, args, code, sizeof(code)) == 0) {
		backend_redirect_with(req, &sp->p.b, "saved=1", "/b/settings");
		return -1;
	}
	return backend_page_unsaved(&sp->p, code, NULL);
}

static int
settings_render(struct http_request *req, void *arg,
    struct tmpl_vars *tv)
{
	static const struct field_view	days[] = {
		{ .field = ST_STALE, .label = N_("An action is stale when it "
		    "has not been updated for this many days"), .required = 1,
		    FIELD_NUMBER(SETTINGS_DAYS_MAX) },
		{ .field = ST_SOON, .label = N_("An action is due soon when "
		    "its schedule ends within this many days"), .required = 1,
		    FIELD_NUMBER(SETTINGS_DAYS_MAX) },
		{ .field = ST_REMIND, .label = N_("A reporting round reminds "
		    "the units that have not answered this many days before "
		    "its deadline, and on the day (0: only on the day)"),
		    FIELD_NUMBER(SETTINGS_REMIND_MAX) },
	};
	struct settings_page		*sp = arg;
	struct backend			*b = &sp->p.b;

	fields_html(tv, "day_fields", settings_fields, FIELD_VIEWS(days),
	    sp->cur, form_sent(&sp->f.form), b->pg.lang);
	tv_text(tv, "saved", sp->p.error == NULL &&
	    (b->notices & BACKEND_SAVED) ? "1" : "");
	backend_title(b, N_("Settings"),
	    "/b/settings");
	return 0;
}
