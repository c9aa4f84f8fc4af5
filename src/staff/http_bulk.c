/*
 * The bulk update of "My actions" (POST /b/bulk): one change applied to
 * the actions a unit editor ticked, each based on the revision the list
 * showed. action_bulk_save() applies it in one transaction, each
 * action through the same save as its form (history, progress, feeds,
 * mail, rounds and review follow); an action changed meanwhile is left
 * as it is and named on the page that answers; an action of another
 * unit refuses the whole save.
 */
#include <libpq-fe.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "mem.h"
#include "backend.h"
#include "bulk_form.h"
#include "catalog_cache.h"
#include "db.h"
#include "search.h"

int	page_backend_bulk(struct http_request *);

static int	bulk_check(struct http_request *, struct backend *,
		    struct bulk_form *, int *);
static void	bulk_arrays(const struct bulk_form *, struct buf *,
		    struct buf *);
static char	*bulk_lexemes(struct bulk_form *, const char *);
static void	bulk_terms(struct kore_pgsql *, int, const struct bulk_form *,
		    json_t *);
static void	bulk_result(struct http_request *, struct backend *,
		    struct kore_pgsql *);

/* What each outcome of action_bulk_save() is called on the page. */
static const char *const outcomes[] = {
	"saved", "pending", "confirmed", "moved", "check", "no_round"
};
static const char *const outcome_titles[] = {
	N_("Saved: %n%"),
	N_("Waiting for review: %n%"),
	N_("Confirmed as up to date: %n%"),
	N_("Changed by someone else meanwhile, not saved: %n%"),
	N_("Not confirmed, look at these first: %n%"),
	N_("Not confirmed, no open round asks for these: %n%")
};
static const char *const outcome_help[] = {
	"",
	N_("The process has a review step: an administrator publishes the "
	    "update or returns it to you."),
	"",
	N_("Open each to see what changed, and make your change there."),
	N_("Each is overdue, without a status or not updated for a long "
	    "time: open it, check it and confirm it there."),
	""
};

/*
 * The form's own checks and the status from the list: 0 with the
 * reason's category in *reason (0: none), or -1 after answering.
 */
static int
bulk_check(struct http_request *req, struct backend *b, struct bulk_form *f,
    int *reason)
{
	const struct status	*st = NULL;
	const char		*why;

	*reason = 0;
	bulk_form_check(f, buf_cstr(&b->body));
	if (f->bad_choice) {
		backend_bad_form(req, b);
		return -1;
	}
	if (f->form.v[BF_STATUS][0] != '\0' && (st = status_by_code(
	    &catalog_get()->statuses, f->form.v[BF_STATUS])) == NULL)
		form_fail(&f->form, BF_STATUS, N_("Choose a status from the "
		    "list."));
	if (st != NULL && st->progress < 0) {
		if (f->form.v[BF_REASON][0] == '\0')
			form_fail(&f->form, BF_REASON, N_("Choose why the "
			    "actions will not be done."));
		else
			*reason = atoi(f->form.v[BF_REASON]);
	}
	why = f->choice_error != NULL ? f->choice_error :
	    form_first_error(&f->form, NULL);
	if (why != NULL) {
		backend_refused(req, b, 422, why);
		return -1;
	}
	return 0;
}

/* The chosen ids and revisions as PostgreSQL array literals. */
static void
bulk_arrays(const struct bulk_form *f, struct buf *ids, struct buf *revs)
{
	size_t	i;

	buf_puts(ids, "{");
	buf_puts(revs, "{");
	for (i = 0; i < f->nchosen; i++) {
		buf_printf(ids, "%s%lld", i ? "," : "", f->chosen[i].id);
		buf_printf(revs, "%s%d", i ? "," : "", f->chosen[i].revision);
	}
	buf_puts(ids, "}");
	buf_puts(revs, "}");
}

/* Row r's search terms after the change, into list. */
static void
bulk_terms(struct kore_pgsql *sql, int r, const struct bulk_form *f,
    json_t *list)
{
	struct strset	 terms = { NULL, 0, 0 };
	json_t		*lex = json_array();
	const char	*note = f->form.v[BF_STATUS_NOTE];
	size_t		 i;

	search_terms(db_text(sql, r, "body"), &terms);
	search_terms(*note != '\0' ? note : db_text(sql, r, "status_note"),
	    &terms);
	search_terms(db_text(sql, r, "info"), &terms);
	if (f->form.v[BF_SCHEDULE][0] != '\0') {
		if (f->schedule.kind == SCHEDULE_TEXT)
			search_terms(f->form.v[BF_SCHEDULE], &terms);
	} else if (strcmp(db_text(sql, r, "schedule_kind"), "text") == 0)
		search_terms(db_text(sql, r, "schedule_text"), &terms);
	strset_finish(&terms);
	for (i = 0; i < terms.count; i++)
		json_array_append_new(lex, json_string(terms.items[i]));
	json_array_append_new(list, lex);
	strset_free(&terms);
}

/*
 * The new search terms of each chosen action (in the order chosen)
 * when a text of theirs changes, as JSON; "null" when none changes (the
 * save then keeps the terms); NULL when the actions could not be read.
 */
static char *
bulk_lexemes(struct bulk_form *f, const char *ids)
{
	struct kore_pgsql	 sql;
	json_t			*list;
	const char		*params[1] = { ids };
	char			*out;
	size_t			 i;
	int			 r, n;

	if (f->form.v[BF_STATUS_NOTE][0] == '\0' &&
	    f->form.v[BF_SCHEDULE][0] == '\0')
		return xstrdup("null");
	kore_pgsql_init(&sql);
	if (db_query(&sql, "SELECT id, body, info, status_note, "
	    "schedule_kind, schedule_text FROM action "
	    "WHERE id = ANY ($1::bigint[])", 1, params) == -1) {
		kore_pgsql_cleanup(&sql);
		return NULL;
	}
	list = json_array();
	n = kore_pgsql_ntuples(&sql);
	for (i = 0; i < f->nchosen; i++) {
		for (r = 0; r < n; r++)
			if (strtoll(db_text(&sql, r, "id"), NULL, 10) ==
			    f->chosen[i].id)
				break;
		if (r < n)
			bulk_terms(&sql, r, f, list);
		else
			json_array_append_new(list, json_null());
	}
	out = json_dumps(list, JSON_COMPACT);
	json_decref(list);
	kore_pgsql_cleanup(&sql);
	return out;
}

/* The page that says what happened to each chosen action. */
static void
bulk_result(struct http_request *req, struct backend *b,
    struct kore_pgsql *sql)
{
	struct tmpl_vars	 tv, gv, rv;
	struct html		 groups, rows, title;
	enum lang		 lang = b->pg.lang;
	size_t			 o;
	int			 r, n = kore_pgsql_ntuples(sql), count;

	tv_init(&tv);
	tv_init(&gv);
	tv_init(&rv);
	html_init(&groups);
	for (o = 0; o < sizeof(outcomes) / sizeof(outcomes[0]); o++) {
		html_init(&rows);
		html_init(&title);
		for (r = 0, count = 0; r < n; r++) {
			if (strcmp(db_text(sql, r, "r_outcome"), outcomes[o]))
				continue;
			count++;
			tv_reset(&rv);
			backend_action_vars(&rv, db_text(sql, r, "r_action"),
			    db_text(sql, r, "r_body"), lang);
			tv_text(&rv, "content_lang", lang_attr(lang, 1));
			tmpl_render(&rows, tpl("bulk.row"), &rv, lang);
		}
		if (count > 0) {
			tv_reset(&gv);
			tv_textf(&gv, "n", "%d", count);
			tmpl_message(&title, outcome_titles[o], &gv, lang);
			tv_html(&gv, "title", &title);
			tv_text(&gv, "id", outcomes[o]);
			tv_text(&gv, "help", outcome_help[o][0] != '\0' ?
			    T(lang, outcome_help[o]) : "");
			tv_html(&gv, "rows", &rows);
			tmpl_render(&groups, tpl("bulk.group"), &gv, lang);
		}
		html_free(&rows);
		html_free(&title);
	}
	tv_html(&tv, "groups", &groups);
	tv_text(&tv, "lang_query", lang_query(lang));
	backend_title(b, N_("Changes saved"), "/b");
	backend_show(req, b, "bulk", &tv, 200);
	tv_free(&tv);
	tv_free(&gv);
	tv_free(&rv);
	html_free(&groups);
}

int
page_backend_bulk(struct http_request *req)
{
	/* What a refused bulk update tells the editor. */
	static const struct backend_refusal	refusals[] = {
		{ "42501", 403, N_("One of the chosen actions belongs to "
		    "another unit. You can update the actions of your own "
		    "units only. Nothing was saved."), BACKEND_DENY },
		{ "23503", 422, N_("The reason you chose has been removed "
		    "meanwhile. Nothing was saved."), BACKEND_REFUSE },
		{ NULL, 503, BACKEND_NOTHING_SAVED, BACKEND_REFUSE }
	};
	struct kore_pgsql	 save;
	struct backend		 b;
	struct bulk_form	 f;
	struct buf		 ids, revs;
	json_t			*change = NULL;
	const char		*args[4];
	char			*docs = NULL, *lex = NULL, code[8];
	int			 reason;

	memset(&f, 0, sizeof(f));
	memset(&b, 0, sizeof(b));
	kore_pgsql_init(&save);
	buf_init(&ids);
	buf_init(&revs);
	if (backend_open(req, &b, BACKEND_NEED_SESSION |
	    BACKEND_NEED_CATALOG) == -1 || backend_form_read(req, &b,
	    &f.form, bulk_fields, BF_COUNT) == -1 ||
	    bulk_check(req, &b, &f, &reason) == -1)
		goto out;
	bulk_arrays(&f, &ids, &revs);
	change = bulk_form_change(&f, reason);
	docs = json_dumps(change, JSON_COMPACT);
	if ((lex = bulk_lexemes(&f, buf_cstr(&ids))) == NULL) {
		backend_unavailable(req, &b);
		goto out;
	}
	args[0] = buf_cstr(&ids);
	args[1] = buf_cstr(&revs);
	args[2] = docs;
	args[3] = lex;
	if (backend_change(req, &b, &save, "SELECT r_action, r_outcome, "
	    "r_body FROM action_bulk_save($1, $2::bigint[], $3::integer[], "
	    "$4::jsonb, $5::jsonb, $6)", 4, args, code, sizeof(code)) == 0)
		bulk_result(req, &b, &save);
	else
		backend_refusal(req, &b, code, refusals);
out:
	backend_end(&b);
	bulk_form_free(&f);
	json_decref(change);
	free(docs);
	free(lex);
	buf_free(&ids);
	buf_free(&revs);
	kore_pgsql_cleanup(&save);
	return KORE_RESULT_OK;
}
