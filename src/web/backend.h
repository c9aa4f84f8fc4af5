/*
 * What every backend page does: the language, the session, the form
 * body of a POST, and the ways to answer (a page that is never cached,
 * a redirect, a refusal that shows back what was typed).
 */
#ifndef TOTEUMA_BACKEND_H
#define TOTEUMA_BACKEND_H

#include <kore/kore.h>
#include <kore/pgsql.h>

#include "buf.h"
#include "http_util.h"
#include "page.h"
#include "form.h"
#include "tmpl.h"
#include "params.h"
#include "serve.h"
#include "session.h"
#include "view.h"

struct backend {
	struct page		pg;
	struct staff		st;
	enum session_state	session;
	struct buf		body;	/* the form of a POST */
	char			*csrf;	/* its csrf field, or NULL */
	int			multipart;	/* body is
						   multipart/form-data */
	unsigned		notices;	/* BACKEND_* from the query */
	long long		added;	/* ?added=ID: what was added, or 0 */
};

/*
 * What the page a save redirected to should say, from its query
 * ("?saved=1"), read once by backend_begin.
 */
#define BACKEND_SAVED		0x01
#define BACKEND_REMOVED		0x02
#define BACKEND_CONFIRMED	0x04
#define BACKEND_PASSWORD	0x08	/* password_changed */
#define BACKEND_OPENED		0x10
#define BACKEND_CLOSED		0x20
#define BACKEND_IMPORTED	0x40
#define BACKEND_ADDED		0x80	/* added=ID */
#define BACKEND_REMOVED_REC	0x100	/* removed=2: a recommendation */
#define BACKEND_PENDING		0x200	/* pending=1: waits for review */

#define BACKEND_MAX_UPLOAD	(12 * 1024 * 1024)


/*
 * Reads the language, the session and a POST's form. Returns -1 after
 * answering (a form too large or not text).
 */
int	backend_begin(struct http_request *, struct backend *);
void	backend_end(struct backend *);
/*
 * -1 after answering when there is no live session: a GET goes to the
 * sign-in page; a POST is refused with what was typed shown back.
 */
int	backend_need_session(struct http_request *, struct backend *);
/* The same, and -1 after a 403 for a user who is not an admin. */
int	backend_need_admin(struct http_request *, struct backend *);
/* Brings the catalogue up to date: 0, or -1 after answering 503. */
int	backend_need_catalog(struct http_request *, struct backend *);

/* What a page needs before it does anything, for backend_open(). */
#define BACKEND_NEED_SESSION	0x01
#define BACKEND_NEED_ADMIN	0x02	/* a session of an admin */
#define BACKEND_NEED_CATALOG	0x04
/*
 * backend_begin(), then what needs asks for, in the order above: 0, or
 * -1 after answering. Call backend_end() either way.
 */
int	backend_open(struct http_request *, struct backend *, int needs);

/*
 * Parses a POST form against specs (absent fields become "") and checks
 * its CSRF token. Returns -1 after answering 400 or 403 (nothing saved,
 * what was typed shown back).
 */
int	backend_form(struct http_request *, struct backend *,
	    const struct param_spec *, size_t, char **v);
/*
 * The same for a form declared with form fields: 0 with the values and
 * their messages in f (free it with form_free() either way), or -1
 * after answering.
 */
int	backend_form_read(struct http_request *, struct backend *,
	    struct form *, const struct form_field *, int n);
/*
 * How a form's messages are shown: each in a variable (vars[i], or NULL
 * for the field's err_var, if it has one), and listed above the form
 * (the template "fragments.error_item"), each linking to its field
 * (the id anchors[i], or NULL for the field's name) and labelled
 * labels[i] (msgids; NULL for none).
 */
struct form_summary {
	const char *const	*vars;
	const char *const	*anchors;
	const char *const	*labels;
};
/*
 * Each field's message as s says, translated, %name% in it (the
 * field's name) standing for what was typed, into tv and its list into
 * errors.
 */
void	backend_form_summary(struct tmpl_vars *, struct html *errors,
	    const struct form *, const struct form_summary *s, enum lang);
/* The same, each message in its err_var and linking to its name. */
void	backend_form_errors(struct tmpl_vars *, struct html *errors,
	    const struct form *, enum lang);

/*
 * The page's title (msgid, translated) and its path (what fmt makes,
 * without the language), for the frame and its language links.
 */
void	backend_title(struct backend *, const char *msgid, const char *fmt,
	    ...) __attribute__((format(printf, 3, 4)));
/*
 * What every form page of the backend gives its template: "error" (the
 * msgid error translated, or ""), "csrf" and "lang_query".
 */
void	backend_form_vars(struct tmpl_vars *, const struct backend *,
	    const char *error);
/*
 * A page run by backend_form_page(): a page with a form, which a GET
 * shows and a POST saves and redirects, or shows again with what was
 * wrong; or a page without one. Its state starts with a struct
 * backend_page, which backend_form_page() zeroes and cleans up.
 */
struct backend_page {
	struct backend		 b;
	struct kore_pgsql	 row;	/* what the page read, or nothing */
	struct form		*form;	/* what its POST read, or NULL */
	long long		 id;	/* of what it shows; 0: a new one */
	char			 tid[32];	/* id as text */
	const char		*prefix;	/* of its path, before the id */
	const char		*error;	/* its message (a msgid), or NULL */
	int			 status;	/* 200, or the form's again */
};
struct backend_form_page {
	int	  needs;		/* BACKEND_NEED_*, for backend_open() */
	size_t	  size;			/* of the state */
	const char *tplname;		/* the page's template */
	/* What the form shows (NULL: nothing): 0, or -1 after answering. */
	int	(*load)(struct http_request *, void *);
	/*
	 * A POST: -1 after answering, 0 to show the form again (NULL: a
	 * page without a form, whose route takes no POST).
	 */
	int	(*post)(struct http_request *, void *);
	/*
	 * The page's title (backend_title()) and its template's variables
	 * but for backend_form_vars(), "heading" (the title), and "id"
	 * ("new" for a new one) and "new" when backend_page_id() read
	 * them: 0, or -1 after answering.
	 */
	int	(*render)(struct http_request *, void *, struct tmpl_vars *);
	/* Frees what else the state holds (NULL: nothing). */
	void	(*free)(void *);
};
/*
 * Runs the steps of page on a new state, then shows its template with
 * the state's status; KORE_RESULT_OK.
 */
int	backend_form_page(struct http_request *,
	    const struct backend_form_page *p);
/*
 * BACKEND_FORM_PAGE_DEFINE(handler, needs, state, tplname, load, post,
 * render) declares the steps of a form page whose state is struct
 * state, and defines the route's handler, int handler(struct
 * http_request *), that runs them. Like FORM_FREE_DEFINE, one
 * definition for many; each of these macros ends in a declaration of
 * what it defined, so that its use ends with ';' as a declaration does
 * (and tools that do not expand it read it as one).
 * BACKEND_PAGE_HANDLER(handler) is their common end: the handler that
 * runs handler##_page.
 */
#define BACKEND_PAGE_HANDLER(handler)					\
int									\
handler(struct http_request *req)					\
{									\
	return backend_form_page(req, &handler##_page);			\
}									\
int	handler(struct http_request *)
#define BACKEND_FORM_PAGE_DEFINE(handler, needs, state, tplname, load,	\
    post, render)							\
static int	load(struct http_request *, void *);			\
static int	post(struct http_request *, void *);			\
static int	render(struct http_request *, void *, struct tmpl_vars *); \
static const struct backend_form_page	handler##_page = {		\
	needs, sizeof(struct state), tplname, load, post, render, NULL	\
};									\
BACKEND_PAGE_HANDLER(handler)
/*
 * BACKEND_VIEW_DEFINE(handler, needs, tplname, render) defines the
 * route's handler of a page without a form, whose state is a struct
 * backend_page that render fills the template's variables from.
 */
#define BACKEND_VIEW_DEFINE(handler, needs, tplname, render)		\
static int	render(struct http_request *, void *, struct tmpl_vars *); \
static const struct backend_form_page	handler##_page = {		\
	needs, sizeof(struct backend_page), tplname, NULL, NULL,	\
	render, NULL							\
};									\
BACKEND_PAGE_HANDLER(handler)
/*
 * A POST's form, read into f with its fields (backend_form_read()) and
 * freed with the page: 0 with the page's status 422 (to show it again
 * unless it is saved), or -1 after answering.
 */
int	backend_page_read(struct http_request *, struct backend_page *,
	    struct form *f, const struct form_field *, int n);
/*
 * What a form page edits: what its path names after prefix, its stored
 * row (query, with the id as $1, a column for each of the first
 * columns of its n fields, named as the field), and what a missing one
 * is told (msgid).
 */
struct backend_record {
	const char		*prefix;
	const char		*query;
	const char		*missing;
	const struct form_field	*fields;
	int			 columns;
	int			 n;
};
/*
 * The page's id (backend_page_id), its stored row into p->row and each
 * field's value into cur (n of them; "" for a field without a column,
 * and for all of a new one): 0, or -1 after a 503, or a 404 with
 * missing.
 */
int	backend_page_load(struct http_request *, struct backend_page *,
	    const struct backend_record *, const char **cur);
/*
 * backend_page_read(), and the form's values into cur (n of them), but
 * for field fixed (-1: none), which only a new one may set.
 */
int	backend_page_read_cur(struct http_request *, struct backend_page *,
	    struct form *f, const struct form_field *, int n,
	    const char **cur, int fixed);
/* The page to be shown again with msgid (its status as it is): 0. */
int	backend_page_again(struct backend_page *, const char *msgid);
/*
 * The page to be shown again after a save the database refused with
 * code: the message and status backend_save_error() gives; 0.
 */
struct backend_refusal;
int	backend_page_unsaved(struct backend_page *, const char *code,
	    const struct backend_refusal *refusals);
/* The page's id and tid: backend_path_id() of its path after prefix. */
void	backend_page_id(struct http_request *, struct backend_page *,
	    const char *prefix);
/*
 * Titles a page of backend_page_id() that adds (msgid_new) or edits
 * (msgid_edit) what its path names.
 */
void	backend_page_title(struct backend_page *, const char *msgid_new,
	    const char *msgid_edit);
/* Renders tplname with tv as the page's content and sends it. */
void	backend_show(struct http_request *, struct backend *,
	    const char *tplname, struct tmpl_vars *, int status);
/*
 * A list page: the rows of query (no parameters), each through fill
 * into the template "<name>.row" with the user's CSRF token and the
 * page's lang_query for its forms; then the page "<name>" with tv and
 * rows, empty and saved, titled msgid at path, sent. 503 when the
 * database failed.
 */
struct kore_pgsql;
typedef void	(*backend_row_fn)(struct tmpl_vars *, struct kore_pgsql *,
		    int row, enum lang);
void	backend_list(struct http_request *, struct backend *,
	    struct tmpl_vars *tv, const char *name, const char *msgid,
	    const char *path, backend_row_fn fill, const char *query);
/*
 * An action in a list of the backend: "url", its page (/b/a/ID), and
 * "body", its description or that it has none.
 */
void	backend_action_vars(struct tmpl_vars *, const char *id,
	    const char *body, enum lang);
/*
 * An option of a form's select: value, label and whether it is
 * selected (the template "fragments.option") into out.
 */
void	backend_option(struct html *out, const char *value,
	    const char *label, int selected, enum lang);
/* The error page with msgid (a 404 or another refusal), sent. */
void	backend_error(struct http_request *, struct backend *, int status,
	    const char *msgid);
/*
 * Runs query for the one row of id into sql: 0, or -1 after answering
 * 503 when the database failed and 404 with missing when there is no
 * such row.
 */
struct kore_pgsql;
int	backend_query_one(struct http_request *, struct backend *,
	    struct kore_pgsql *, const char *query, const char *id,
	    const char *missing);
/* The same with the n params of query. */
int	backend_query_row(struct http_request *, struct backend *,
	    struct kore_pgsql *, const char *query, int n,
	    const char *const *params, const char *missing);

/*
 * Runs a change as the signed-in user: the SQL function in query takes
 * the user's id first, then the n values of args (at most
 * BACKEND_CHANGE_ARGS), then the client's address. 0, or -1 with its
 * SQLSTATE in code. With sql, what the function returns stays there for
 * the caller to read and clean up; without, nothing is kept.
 */
#define BACKEND_CHANGE_ARGS	6
int	backend_change(struct http_request *, const struct backend *,
	    struct kore_pgsql *sql, const char *query, int n,
	    const char *const *args, char *code, size_t len);

/*
 * How a change that the database refused is answered, by its SQLSTATE:
 * with status and msgid, as a refusal that shows back what was typed
 * (BACKEND_REFUSE), as the error page (BACKEND_ERROR_PAGE), as a 403
 * refusal in the audit log as denied (BACKEND_DENY), or with the form
 * shown again and msgid at its top (BACKEND_FORM_AGAIN; status 0: the
 * page's status as it is).
 */
enum backend_how {
	BACKEND_REFUSE,
	BACKEND_ERROR_PAGE,
	BACKEND_DENY,
	BACKEND_FORM_AGAIN
};
struct backend_refusal {
	const char		*sqlstate;	/* NULL: any other; the last */
	int			 status;
	const char		*msgid;
	enum backend_how	 how;
};
#define BACKEND_AGAIN(sqlstate, msgid)	\
	{ sqlstate, 0, msgid, BACKEND_FORM_AGAIN }
/* The last row of a table of a form's save: the form again, 503. */
#define BACKEND_END	{ NULL, 503, BACKEND_SAVE_FAILED, BACKEND_FORM_AGAIN }
#define BACKEND_SAVE_FAILED	N_("Saving failed. Try again in a moment; " \
	    "your text is still in the form.")
/* The same on a page of its own, where the form is not. */
#define BACKEND_NOTHING_SAVED	N_("Saving failed. Try again in a " \
	    "moment. Nothing was saved.")
#define BACKEND_ADMINS_ONLY	N_("This page is for the participation " \
	    "team's administrators.")
/*
 * The end of a table of an admin's form: 403 when the user is no longer
 * an administrator, the form again (503) for any other code.
 */
#define BACKEND_ADMIN_END	\
	{ "42501", 403, BACKEND_ADMINS_ONLY, BACKEND_REFUSE }, BACKEND_END
/*
 * The message of a save that the database refused with code (NULL:
 * failed), to show with the form again: the msgid of the row of
 * refusals (or NULL) that names it, its status set unless the row's is
 * 0; for a code the table shows otherwise, or none, that saving failed
 * (503).
 */
const char *backend_save_error(const char *code,
	    const struct backend_refusal *refusals, int *status);
/*
 * A refused save answered as the row of refusals that names code says:
 * -1 after a refusal or error page, or 0 with *msgid (and *status,
 * unless the row's is 0) for the form shown again.
 */
int	backend_save_refused(struct http_request *, struct backend *,
	    const char *code, const struct backend_refusal *refusals,
	    const char **msgid, int *status);

/*
 * An admin's change: 404 when it was removed meanwhile (P0002), 403
 * when the user is no longer an administrator (42501), and otherwise
 * 503; what was typed is shown back. A table that ends with
 * BACKEND_AS_ADMIN answers the codes it does not name so.
 */
extern const struct backend_refusal backend_admin_refusals[];
#define BACKEND_AS_ADMIN	{ NULL, 0, NULL, BACKEND_REFUSE }
/* Answers code by the first row of refusals that names it (or NULL). */
void	backend_refusal(struct http_request *, struct backend *,
	    const char *code, const struct backend_refusal *refusals);
/*
 * Runs a change (backend_change, nothing kept) and answers: a 303 to
 * the path fmt makes with what in its query (backend_redirect_with), or
 * by refusals. 0 when it was saved, -1 when it was refused.
 */
int	backend_change_answer(struct http_request *, struct backend *,
	    const char *query, int n, const char *const *args,
	    const struct backend_refusal *refusals, const char *what,
	    const char *fmt, ...) __attribute__((format(printf, 8, 9)));
/*
 * A button's POST: a small form (at most BACKEND_BUTTON_FIELDS fields of
 * specs) that changes one thing. backend_button() opens the request
 * with needs, reads the form into v and, when both went well, runs
 * post, which answers (backend_change_answer, say); then it ends the
 * request and frees v. BACKEND_BUTTON_DEFINE(handler, needs, specs, n,
 * post) declares post and defines the route's handler that does so.
 */
#define BACKEND_BUTTON_FIELDS	4
typedef void	(*backend_button_fn)(struct http_request *, struct backend *,
		    char **v);
int	backend_button(struct http_request *, int needs,
	    const struct param_spec *, size_t n, backend_button_fn post);
#define BACKEND_BUTTON_DEFINE(handler, needs, specs, n, post)		\
static void	post(struct http_request *, struct backend *, char **);	\
int									\
handler(struct http_request *req)					\
{									\
	_Static_assert((n) <= BACKEND_BUTTON_FIELDS,			\
	    "a button's form");						\
	return backend_button(req, needs, specs, n, post);		\
}									\
int	handler(struct http_request *)

/* Reads a POST body of at most PARAMS_MAX_FORM bytes of text. */
int	backend_read_form(struct http_request *, struct buf *);
void	backend_redirect(struct http_request *, const char *url);
/* 400 for a form with a field too long or not text; nothing saved. */
void	backend_bad_form(struct http_request *, struct backend *);
/* 403 with msgid, in the audit log as denied; what was typed shown back. */
void	backend_denied(struct http_request *, struct backend *,
	    const char *msgid);
/*
 * 403 for a change the database refused to a user who is not an admin
 * (SQLSTATE 42501): what was typed shown back, not in the audit log.
 */
void	backend_admins_only(struct http_request *, struct backend *);
/* 403 for a form that did not come from this session, in the audit log. */
void	backend_forged(struct http_request *, struct backend *);
/* 503: the database did not answer; what was typed is shown back. */
void	backend_unavailable(struct http_request *, struct backend *);
/*
 * 303 to the path fmt makes, with the page's language and what
 * ("saved=1"; or NULL) in its query: the page then says what happened.
 */
void	backend_redirect_with(struct http_request *, const struct backend *,
	    const char *what, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
/*
 * The id at the end of path after prefix: 0 for "new", -1 for none; and
 * the same as text (len bytes), for a query's parameter.
 */
long long backend_path_id(const char *path, const char *prefix, char *text,
	    size_t len);
/*
 * Refuses a request with msgid and shows back every field of the form
 * that was sent (not passwords), so that nothing typed is lost.
 */
void	backend_refused(struct http_request *, struct backend *, int status,
	    const char *msgid);

#endif
