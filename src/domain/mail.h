/*
 * What a mail of the outbox says: its subject, its text and its HTML
 * alternative in the recipient's language, rendered from the blocks of
 * templates/mail.html and the message catalogue. A mail is kept in the
 * outbox as its kind and the values it shows (a JSON object), so that
 * the sender renders it; no SMTP and no database here.
 */
#ifndef TOTEUMA_MAIL_H
#define TOTEUMA_MAIL_H

#include <jansson.h>

#include "buf.h"
#include "html.h"
#include "i18n.h"

struct mail_content {
	struct buf	subject;
	struct buf	text;
	struct html	html;
	int		automatic;	/* Auto-Submitted: auto-generated */
	struct buf	unsubscribe;	/* List-Unsubscribe: <URL>, or "" */
};

/* Where a mail's values come from. */
struct mail_source {
	const char	*kind;		/* "invite", "password_reset", ... */
	enum lang	 lang;
	const json_t	*params;	/* an object of strings, or NULL */
	const char	*secret;	/* a single-use link's token, or NULL */
	const char	*base;		/* the site's address, no final / */
	const char	*site;		/* the county's name, or "" */
};

/* 1 when kind is a mail this build can render. */
int	mail_kind_known(const char *kind);
/* The label (msgid) of a kind, for the admins' queue. */
const char *mail_kind_label(const char *kind);
void	mail_content_init(struct mail_content *);
void	mail_content_free(struct mail_content *);
/*
 * Renders the mail into c (reset first). 0, or -1 with why (static
 * text) for a kind without templates.
 */
int	mail_render(struct mail_content *c, const struct mail_source *,
	    const char **why);

#endif
