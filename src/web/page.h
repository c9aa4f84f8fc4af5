/*
 * The page frame: what every page (public and staff) has around its
 * content, in the reader's language, and the error page.
 */
#ifndef TOTEUMA_PAGE_H
#define TOTEUMA_PAGE_H

#include <stdarg.h>

#include "buf.h"
#include "html.h"
#include "i18n.h"

struct tmpl;
struct tmpl_vars;

struct page {
	enum lang	 lang;
	int		 status;	/* HTTP status */
	struct buf	 title;		/* in its language: page_set_title */
	struct html	 content;
	struct buf	 path;		/* this page's URL without lang */
	char		 staff[256];	/* signed-in staff member or "" */
	char		 csrf[48];	/* their CSRF token, for sign-out */
	int		 staff_admin;
	int		 finnish;	/* some content is in Finnish only */
	char		 feed[256];	/* its Atom feed's URL, or "" */
	char		 description[400];	/* meta description, or "" */
	int		 embed;		/* in another site's frame */
	int		 posted;	/* answers a form's POST */
};

void	page_init(struct page *, enum lang);
/* The page's title (printf format), whole: a layout shortens nothing. */
void	page_set_title(struct page *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* The title (message msgid in the page's language) and the path of the
 * page (printf format fmt), as the language links need it. */
void	page_titlev(struct page *, const char *msgid, const char *fmt,
	    va_list) __attribute__((format(printf, 3, 0)));
/* "?lang=sv" for links from a page in that language; "" for Finnish. */
const char *lang_query(enum lang);
/* "&lang=sv" to follow another query parameter; "" for Finnish. */
const char *lang_param(enum lang);
/*
 * The lang attribute of a text shown to a reader of lang: "fi" when
 * finnish (the text is Finnish standing in for lang's), else "".
 */
const char *lang_attr(enum lang, int finnish);
/* A compiled-in template by name; a missing one stops the server. */
const struct tmpl *tpl(const char *);
/*
 * The names of the units "{3,7}" (ids in the table's order) in lang,
 * "; " between them, each untranslated one marked as Finnish (lang="fi"
 * when lang is not Finnish), into out; with link, each a link to its
 * page (/unit/ID).
 */
void	page_units(struct html *out, const char *ids, enum lang, int link);
void	page_free(struct page *);
/*
 * The reporting rounds with a public report (public_rounds()) of the
 * process pid (of any when NULL), open or closed within recent_days
 * (any when 0), at most max, each an item of a list (the template
 * "fragments.round"): the number of rounds, or -1.
 */
int	page_public_rounds(struct html *out, const char *pid,
	    int recent_days, int max, enum lang);
/* The whole document: layout around the content. */
void	page_document(struct page *, struct html *out);
/*
 * The page's description for search engines and link previews: text
 * with its white space made single, cut at a word near 160 characters.
 */
void	page_describe(struct page *, const char *text);
/*
 * What the frame shows besides the content (page_meta.c): absolute
 * language links, the canonical address, OpenGraph, and the county's
 * name, logo and contact details.
 */
void	page_meta(struct tmpl_vars *, const struct page *);
/*
 * The county's name in lang and its contact details (site_name,
 * site_address, site_phone, site_tel: the number to dial, site_email,
 * site_website).
 */
void	page_contact(struct tmpl_vars *, enum lang);
/* The page's path in lang (?lang= set): its address in that language. */
void	page_lang_url(struct buf *, const struct buf *path, enum lang);
/*
 * The heading of a page that answers status; to a form (posted), "Not
 * saved" but for who may send it (401, 403) and its size (413).
 */
const char *page_error_heading(int status, int posted);
/* The content of an error page: its heading, msgid and the detail. */
void	render_error(struct page *, int status, const char *msgid,
	    const char *detail);

/* A status as a badge; with none, "No status" when say_none is set. */
struct status;
void	page_status(struct html *, const struct status *, enum lang,
	    int say_none);
/* A status note, its lines kept; space: after a badge; fi: Finnish. */
void	page_note(struct html *, const char *note, int space, int fi,
	    enum lang);

/*
 * A progress as text ("Progress: 45 %") and a bar that only decorates;
 * percent PROGRESS_NONE (-1): "will not be done", no bar.
 */
void	page_progress(struct html *, int percent, enum lang);

/* What a render_* function returns: */
#define RENDER_OK		0
#define RENDER_NOT_FOUND	1
#define RENDER_FAILED		-1
#define RENDER_REFUSED		2	/* the request asks too much: 400 */

#endif
