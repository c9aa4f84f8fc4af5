/*
 * The public pages, rendered from the database and the catalogue into
 * HTML in the reader's language. Handlers (http_public.c) validate the
 * request and cache the result; these functions only render.
 */
#ifndef TOTEUMA_PAGES_H
#define TOTEUMA_PAGES_H

#include "buf.h"
#include "catalog.h"
#include "html.h"
#include "i18n.h"
#include "view.h"

struct template;

struct page {
	enum lang	 lang;
	int		 status;	/* HTTP status */
	char		 title[400];
	struct html	 content;
	struct buf	 path;		/* this page's URL without lang */
	char		 staff[256];	/* signed-in staff member or "" */
	char		 csrf[48];	/* their CSRF token, for sign-out */
	int		 staff_admin;
	int		 finnish;	/* some content is in Finnish only */
	char		 feed[256];	/* its Atom feed's URL, or "" */
};

void	page_init(struct page *, enum lang);
/* "?lang=sv" for links from a page in that language; "" for Finnish. */
const char *lang_query(enum lang);
/* A compiled-in template by name; a missing one is a build error. */
const struct template *tpl(const char *);
void	page_free(struct page *);
/* The whole document: layout around the content. */
void	page_document(struct page *, struct html *out);

/* The canonical URL of a view, also its cache key. */
void	view_url(struct buf *, const struct view *);
/* The same for a download of the view: ext is ".csv", ".json", ... */
void	view_url_as(struct buf *, const struct view *, const char *ext);

int	render_index(struct page *);
int	render_process(struct page *, const struct view *);
int	render_recommendation(struct page *, const struct cat_process *,
	    long long id);
int	render_action(struct page *, const struct cat_process *,
	    long long id);
void	render_error(struct page *, int status, const char *msgid,
	    const char *detail);
/*
 * One changed public field of an action (a row of action_public_changes):
 * the template variables field, before, after, before_lang, after_lang.
 */
struct tmpl_vars;
void	history_change_vars(struct tmpl_vars *, const char *field,
	    const char *before, const char *after, enum lang);
/* A value of a changed field as a reader sees it (status as its label). */
const char *history_value(const char *field, const char *v, enum lang);
/* The label (msgid) of a response to a recommendation by its code. */
const char *response_label(const char *code);

/* Memory for search indexes per worker; 0 searches in the database. */
void	pages_index_limit(size_t bytes);

/* Render results: */
#define RENDER_OK		0
#define RENDER_NOT_FOUND	1
#define RENDER_FAILED		-1
#define RENDER_REFUSED		2	/* the request asks too much: 400 */

#endif
