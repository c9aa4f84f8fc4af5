/*
 * The status form (an admin's /b/statuses/ID and /b/statuses/new): a
 * status's code, labels in three languages, whether it is final, its
 * progress, what it means in three languages and its colour, each limit
 * defined once. The labels' limit is the SQL CHECK
 * of the status table; tests/limits.c holds them against it.
 */
#ifndef TOTEUMA_STATUS_FORM_H
#define TOTEUMA_STATUS_FORM_H

#include "form.h"

#define STATUS_LABEL_MAX	60	/* characters */
#define STATUS_CODE_BYTES	32
#define STATUS_COLOUR_BYTES	7	/* #rrggbb */
#define STATUS_MEANING_MAX	400	/* characters */
#define STATUS_PROGRESS_NONE	-1	/* not progress: shown apart */
#define STATUS_PROGRESS_MIN	0	/* per cent; status.progress CHECK */
#define STATUS_PROGRESS_MAX	100

enum { SF_CODE, SF_FI, SF_SV, SF_EN, SF_FINAL, SF_COLOUR, SF_PROGRESS,
    SF_MEANING_FI, SF_MEANING_SV, SF_MEANING_EN, SF_CSRF, SF_COUNT };

extern const struct form_field status_fields[SF_COUNT];

struct status_form {
	struct form	 form;
	int		 is_final;
	int		 progress;	/* 0-100, or STATUS_PROGRESS_NONE */
	const char	*error;		/* the page's one message, or NULL */
};

/*
 * The form's own checks (the code only for a new status); the number of
 * fields with a message.
 */
int	status_form_check(struct status_form *, int is_new);
void	status_form_free(struct status_form *);
/* Whether s is a colour as #rrggbb in lowercase. */
int	status_valid_colour(const char *);

#endif
