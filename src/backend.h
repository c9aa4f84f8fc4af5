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

/* Reads a POST body of at most PARAMS_MAX_FORM bytes of text. */
int	backend_read_form(struct http_request *, struct buf *);
void	backend_send(struct http_request *, struct page *, int status);
void	backend_redirect(struct http_request *, const char *url);
/*
 * Refuses a request with msgid and shows back every field of the form
 * that was sent (not passwords), so that nothing typed is lost.
 */
void	backend_refused(struct http_request *, struct backend *, int status,
	    const char *msgid);

#endif
