/*
 * What every backend page does: the language, the session, the form
 * body of a POST, and the ways to answer (a page that is never cached,
 * a redirect, a refusal that shows back what was typed).
 */
#ifndef TOTEUMA_BACKEND_H
#define TOTEUMA_BACKEND_H

#include "buf.h"
#include "http_util.h"
#include "pages.h"
#include "params.h"
#include "session.h"

struct backend {
	struct page		pg;
	struct staff		st;
	enum session_state	session;
	struct buf		body;	/* the form of a POST */
	char			*csrf;	/* its csrf field, or NULL */
	int			multipart;	/* body is multipart/form-data */
};

#define BACKEND_MAX_UPLOAD	(12 * 1024 * 1024)

/* Units in tree order with their depth (for indentation). */
#define UNITS_SQL \
	"WITH RECURSIVE t(id, name, depth, path) AS (" \
	"SELECT id, name, 0, ARRAY[name] FROM unit WHERE parent_id IS NULL " \
	"UNION ALL SELECT u.id, u.name, t.depth + 1, t.path || u.name " \
	"FROM unit u JOIN t ON u.parent_id = t.id) " \
	"SELECT id, name, depth FROM t ORDER BY path COLLATE \"fi-x-icu\""

/*
 * The admin's part of the action form: what the action is, its units and
 * recommendations, and removing it. Appends to out.
 */
void	admin_action_section(struct html *out, struct backend *,
	    long long id, const char *revision, const char *body,
	    const char *body_sv, const char *body_en);
/* Unit checkboxes (name="unit"), ticked for the ids in checked. */
struct kore_pgsql;
void	unit_checkboxes(struct html *, struct kore_pgsql *, enum lang,
	    char **checked, size_t nchecked);

/* Also the public pages' check of the lang parameter. */
int	check_lang(const char *);

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

/*
 * Parses a POST form against specs (absent fields become "") and checks
 * its CSRF token. Returns -1 after answering 400 or 403 (nothing saved,
 * what was typed shown back).
 */
int	backend_form(struct http_request *, struct backend *,
	    const struct param_spec *, size_t, char **values);

/* Reads a POST body of at most PARAMS_MAX_FORM bytes of text. */
int	backend_read_form(struct http_request *, struct buf *);
void	backend_send(struct http_request *, struct page *, int status);
void	backend_redirect(struct http_request *, const char *url);
/* 503: the database did not answer; what was typed is shown back. */
void	backend_unavailable(struct http_request *, struct backend *);
/*
 * 303 to the path fmt makes, with the page's language and what
 * ("saved=1") in its query: the page then says what happened.
 */
void	backend_redirect_with(struct http_request *, const struct backend *,
	    const char *what, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
/* The id at the end of path after prefix: 0 for "new", -1 for none. */
long long backend_path_id(const char *path, const char *prefix);
/*
 * Refuses a request with msgid and shows back every field of the form
 * that was sent (not passwords), so that nothing typed is lost.
 */
void	backend_refused(struct http_request *, struct backend *, int status,
	    const char *msgid);

#endif
