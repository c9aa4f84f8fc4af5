/*
 * The forms of what a public-sector site must have: the county's
 * details (an admin's /b/site), the statements' texts per language
 * (/b/site/text/PAGE), and a resident's feedback on accessibility
 * (/accessibility). Each limit is the CHECK of its column in
 * migrations/0008_site.sql; and the statements' plain text, read into
 * blocks (a paragraph, a heading, an item of a list) for showing.
 */
#ifndef TOTEUMA_SITE_FORM_H
#define TOTEUMA_SITE_FORM_H

#include <stddef.h>

#include "form.h"
#include "mime.h"

#define SITE_NAME_MAX		200
#define SITE_ADDRESS_MAX	300
#define SITE_PHONE_MAX		50
#define SITE_EMAIL_MAX		MIME_ADDRESS_MAX
#define SITE_WEBSITE_MAX	300
#define SITE_TEXT_MAX		20000
#define FEEDBACK_NAME_MAX	200
#define FEEDBACK_MESSAGE_MAX	5000
/* The sites that may frame the embeds: how many, and the field's bytes. */
#define SITE_EMBED_ORIGINS	20
#define SITE_EMBED_MAX		6000
/* The largest logo, in bytes; PNG, JPEG or SVG. */
#define SITE_LOGO_MAX		262144

enum { SIF_NAME, SIF_NAME_SV, SIF_NAME_EN, SIF_ADDRESS, SIF_PHONE, SIF_EMAIL,
	SIF_WEBSITE, SIF_COMPLIANCE, SIF_STATEMENT_DATE, SIF_ASSESSED_DATE,
	SIF_EMBED_ORIGINS, SIF_CSRF, SIF_COUNT };
extern const struct form_field site_fields[SIF_COUNT];

struct site_form {
	struct form	 form;
	const char	*error;		/* the page's one message, or NULL */
};
int	site_form_check(struct site_form *);

enum { STF_FI, STF_SV, STF_EN, STF_CSRF, STF_COUNT };
extern const struct form_field site_text_fields[STF_COUNT];

enum { FB_NAME, FB_EMAIL, FB_MESSAGE, FB_CSRF, FB_COUNT };
extern const struct form_field feedback_fields[FB_COUNT];

struct feedback_form {
	struct form	 form;
	const char	*error;
};
int	feedback_form_check(struct feedback_form *);

/*
 * Whether s (len bytes) is an origin that may frame the embeds: https,
 * a host name in lower case and perhaps a port, nothing after it (no
 * path, no wildcard): "https://www.example.fi:8443".
 */
int	site_origin_valid(const char *s, size_t len);

/* Whether s looks like an e-mail address (one @, a dot after it). */
int	site_email_valid(const char *s);
/* The kind of an image from its first bytes: a content type or NULL. */
const char *site_logo_type(const unsigned char *data, size_t len);

/* A block of a statement's text. */
enum text_block_kind { TB_PARAGRAPH, TB_HEADING, TB_ITEM };
struct text_block {
	enum text_block_kind	 kind;
	const char		*text;	/* into the text; not terminated */
	size_t			 len;
};
/* The next block of the text at *p, which moves on; 0 at its end. */
int	text_block_next(const char **p, struct text_block *);

#endif
