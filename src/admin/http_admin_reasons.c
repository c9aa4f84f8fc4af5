/*
 * The list of reason categories (why a recommendation is not accepted
 * in full or an action will not be done), kept by admins like the
 * statuses: /b/reasons lists them, /b/reasons/ID and /b/reasons/new edit
 * one (its code only when new, its labels in three languages) and save
 * it with reason_category_save().
 */
#include <kore/kore.h>
#include <kore/http.h>
#include <kore/pgsql.h>

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "admin.h"
#include "backend.h"
#include "db.h"
#include "reason_form.h"

int	page_admin_reasons(struct http_request *);
int	page_admin_reason(struct http_request *);

struct reason_page {
	struct backend_page	 p;
	struct reason_form	 f;		/* what was sent */
	const char		*cur[RNF_COUNT];	/* what the form
							   shows */
};

BACKEND_FORM_PAGE_DEFINE(page_admin_reason, BACKEND_NEED_ADMIN, reason_page,
    "admin_reason", reason_load, reason_post, reason_render);

static void	reason_row(struct tmpl_vars *, struct kore_pgsql *, int,
		    enum lang);

/* A row of the list: the code and the labels. */
static void
reason_row(struct tmpl_vars *rv, struct kore_pgsql *sql, int i,
    enum lang lang)
{
	db_vars(rv, sql, i, "code", "fi", "sv", "en", (char *)NULL);
}

int
page_admin_reasons(struct http_request *req)
{
	static const struct admin_list	list = {
		"SELECT id, code, label_fi AS fi, label_sv AS sv, "
		"label_en AS en FROM reason_category ORDER BY position, id",
		"/b/reasons/", reason_row, N_("Reason categories"),
		"/b/reasons", "admin_reasons", BACKEND_SAVED
	};

	return admin_list_page(req, &list);
}

/* The stored category into rp->cur; -1 after 404/503. */
static int
reason_load(struct http_request *req, void *arg)
{
	static const struct backend_record	reason = { "/b/reasons/",
	    "SELECT code, label_fi, label_sv, label_en FROM reason_category "
	    "WHERE id = $1", N_("There is no such reason."), reason_fields,
	    RNF_CSRF, RNF_COUNT };
	struct reason_page			*rp = arg;

	return backend_page_load(req, &rp->p, &reason, rp->cur);
}

/* -1 after answering; 0 when the form is to be shown again. */
static int
reason_post(struct http_request *req, void *arg)
{
	static const struct backend_refusal	codes[] = {
		BACKEND_AGAIN("23505", N_("There is already a reason with "
		    "this code.")),
		BACKEND_ADMIN_END
	};
	struct reason_page	*rp = arg;
	struct reason_form	*f = &rp->f;
	const struct form	*v = &f->form;
	json_t			*doc;

	if (backend_page_read_cur(req, &rp->p, &f->form, reason_fields,
	    RNF_COUNT, rp->cur, RNF_CODE) == -1)
		return -1;
	if (reason_form_check(f, rp->p.id == 0) > 0)
		return backend_page_again(&rp->p, f->error);
	doc = json_pack("{s:s, s:s, s:s, s:s}", "code", rp->cur[RNF_CODE],
	    "label_fi", v->v[RNF_FI], "label_sv", v->v[RNF_SV],
	    "label_en", v->v[RNF_EN]);
	return admin_save_doc(req, &rp->p, "SELECT reason_category_save($1, "
	    "$2, $3::jsonb, $4)", doc, "/b/reasons", codes);
}

static int
reason_render(struct http_request *req, void *arg,
    struct tmpl_vars *tv)
{
	static const struct field_view	code[] = { CODE_VIEW(RNF_CODE) };
	static const struct field_view	labels[] = { LABEL_VIEWS(RNF_FI) };
	struct reason_page		*rp = arg;
	struct backend			*b = &rp->p.b;
	const struct form		*f = form_sent(&rp->f.form);

	tv_text(tv, "code", rp->cur[RNF_CODE]);
	fields_html(tv, "code_field", reason_fields, FIELD_VIEWS(code), rp->cur,
	    f, b->pg.lang);
	fields_html(tv, "label_fields", reason_fields, FIELD_VIEWS(labels),
	    rp->cur, f, b->pg.lang);
	backend_page_title(&rp->p, N_("Add a reason"), N_("Edit reason"));
	return 0;
}
