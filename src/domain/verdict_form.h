/*
 * The form a panel member rates a process's recommendations with
 * (/verdict/TOKEN): per recommendation ID the fields "response-ID" and
 * "progress-ID" (a rating 1-5, or "" for none) and "comment-ID", and
 * the form's "csrf". Read into typed items, each with its message; the
 * comment's limit is the CHECK of the verdict table (tests/limits.c).
 */
#ifndef TOTEUMA_VERDICT_FORM_H
#define TOTEUMA_VERDICT_FORM_H

#include <stddef.h>

#include "form.h"

#define VERDICT_COMMENT_MAX	1000	/* characters */
#define VERDICT_ITEMS_MAX	300	/* recommendations of one form */
#define VERDICT_ID_DIGITS	18
/* A rating not given. */
#define VERDICT_NONE		0

struct verdict_item {
	long long	 rec;		/* the recommendation's id */
	int		 response;	/* 1-5, or VERDICT_NONE */
	int		 progress;
	char		*comment;	/* owned; "" when none */
	unsigned	 given;		/* which fields came (bits) */
	const char	*err_rating;	/* msgid, or NULL */
	const char	*err_comment;
};

struct verdict_form {
	char			*csrf;		/* owned, or NULL */
	struct verdict_item	 items[VERDICT_ITEMS_MAX];
	size_t			 n;
	int			 nerr;		/* items with a message */
};

/*
 * Reads body into vf: 0 with every item and its messages (nerr of
 * them), or -1 when the body is not one of this form's (a field of
 * another name, a recommendation id that is not digits, a value given
 * twice, more than VERDICT_ITEMS_MAX recommendations): a 400.
 */
int	verdict_form_read(struct verdict_form *, const char *body);
/* The item of recommendation rec, or NULL. */
const struct verdict_item *verdict_form_item(const struct verdict_form *,
	    long long rec);
/* The form as verdict_save()'s document (a JSON array); caller frees. */
char	*verdict_form_doc(const struct verdict_form *);
void	verdict_form_free(struct verdict_form *);

#endif

/*
 * The admins' form of a process's verdict (/b/p/ID/verdict): one
 * operation per post, op one of "issue" (count links, or one a line of
 * emails, mailed in lang), "revoke" (link number), "open" (until
 * closes), "close", "seen", "hide" (comment with reason) and "show".
 */
#define VERDICT_LINKS_MAX	200
#define VERDICT_EMAILS_MAX	(VERDICT_LINKS_MAX * 256)	/* characters */
#define VERDICT_REASON_MAX	1000

enum { VA_OP, VA_CSRF, VA_COUNT_LINKS, VA_EMAILS, VA_LANG, VA_CLOSES,
	VA_NUMBER, VA_COMMENT, VA_REASON, VA_COUNT };

extern const struct form_field verdict_admin_fields[VA_COUNT];

enum verdict_op { VOP_ISSUE, VOP_REVOKE, VOP_OPEN, VOP_CLOSE, VOP_SEEN,
	VOP_HIDE, VOP_SHOW, VOP_COUNT };

struct verdict_admin_form {
	struct form	 form;
	enum verdict_op	 op;
	int		 links;		/* issue: how many */
	char		*emails[VERDICT_LINKS_MAX];	/* issue: into form */
	int		 nemails;
	long long	 number;	/* revoke: the link's number */
	long long	 comment;	/* seen, hide, show: the verdict's id */
};

/*
 * The checks of a form read with verdict_admin_fields: the number of
 * fields with a message, or -1 when op is none of ours (a 400).
 */
int	verdict_admin_form_check(struct verdict_admin_form *);
void	verdict_admin_form_free(struct verdict_admin_form *);
