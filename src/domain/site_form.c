/* See site_form.h. */
#define _GNU_SOURCE
#include <ctype.h>
#include <string.h>

#include "action_form.h"
#include "i18n.h"
#include "site_form.h"

/* The template variables are spelt out: start-up checks their names. */
#define TEXT(name, err, max, msg) \
	{ name, err, max, 0, 0, msg, NULL, NULL }
#define LONG_TEXT(name, err, max, msg) \
	{ name, err, max, 0, PARAM_MULTILINE, msg, NULL, NULL }
#define CSRF FORM_CSRF
/* The fields given once in each language, the e-mails and the dates. */
#define NAME(name, err) TEXT(name, err, SITE_NAME_MAX, \
	N_("A name has at most 200 characters."))
#define BODY(name, err) LONG_TEXT(name, err, SITE_TEXT_MAX, \
	N_("A text has at most 20000 characters."))
#define EMAIL(name, err) TEXT(name, err, SITE_EMAIL_MAX, \
	N_("Give an e-mail address such as name@example.fi."))
#define DATE(name, err) TEXT(name, err, 10, \
	N_("Write the date as year-month-day, for example 2025-03-31."))

const struct form_field site_fields[SIF_COUNT] = {
	[SIF_NAME] = NAME("name", NULL),
	[SIF_NAME_SV] = NAME("name_sv", NULL),
	[SIF_NAME_EN] = NAME("name_en", NULL),
	[SIF_ADDRESS] = TEXT("address", NULL,
	    SITE_ADDRESS_MAX,
	    N_("The address has at most 300 characters.")),
	[SIF_PHONE] = TEXT("phone", NULL,
	    SITE_PHONE_MAX,
	    N_("The phone number has at most 50 characters.")),
	[SIF_EMAIL] = EMAIL("email", NULL),
	[SIF_WEBSITE] = TEXT("website", NULL,
	    SITE_WEBSITE_MAX,
	    N_("Give the website as an address that starts with https://.")),
	[SIF_COMPLIANCE] = TEXT("compliance", "err_compliance",
	    16,
	    N_("Choose how far the site complies.")),
	[SIF_STATEMENT_DATE] = DATE("statement_date", NULL),
	[SIF_ASSESSED_DATE] = DATE("assessed_date", NULL),
	[SIF_EMBED_ORIGINS] = LONG_TEXT("embed_origins", "err_embed_origins",
	    SITE_EMBED_MAX,
	    N_("Give each site as https:// and its host name in lower case, "
	    "with a port only if it has one, one per line, at most 20: for "
	    "example https://www.example.fi. No paths and no wildcards.")),
	[SIF_CSRF] = CSRF,
};

const struct form_field site_text_fields[STF_COUNT] = {
	[STF_FI] = BODY("body", NULL),
	[STF_SV] = BODY("body_sv", NULL),
	[STF_EN] = BODY("body_en", NULL),
	[STF_CSRF] = CSRF,
};

const struct form_field feedback_fields[FB_COUNT] = {
	[FB_NAME] = TEXT("name", NULL,
	    FEEDBACK_NAME_MAX,
	    N_("A name has at most 200 characters.")),
	[FB_EMAIL] = EMAIL("email", NULL),
	[FB_MESSAGE] = { "message", NULL, FEEDBACK_MESSAGE_MAX, 0,
	    PARAM_MULTILINE | FORM_REQUIRED,
	    N_("The message has at most 5000 characters."),
	    N_("Write what you found hard to use."), NULL },
	[FB_CSRF] = CSRF,
};

int
site_email_valid(const char *s)
{
	const char	*at = strchr(s, '@');
	size_t		 i;

	if (at == NULL || at == s || strchr(at + 1, '@') != NULL ||
	    strchr(at + 1, '.') == NULL || at[strlen(at) - 1] == '.' ||
	    at[1] == '.')
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (isspace((unsigned char)s[i]) || s[i] == '<' ||
		    s[i] == '>' || s[i] == '"' || s[i] == ',')
			return 0;
	return 1;
}

int
site_origin_valid(const char *s, size_t len)
{
	const char	*h = s + 8, *e = s + len, *c;
	int		 port;

	if (len <= 8 || len > 8 + 253 + 6 || strncmp(s, "https://", 8) != 0)
		return 0;
	for (c = h; c < e && *c != ':'; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		    *c == '-' || *c == '.'))
			return 0;
	/* A host: no empty label, no dot or hyphen at either end. */
	if (c == h || *h == '.' || *h == '-' || c[-1] == '.' ||
	    c[-1] == '-' || memmem(h, (size_t)(c - h), "..", 2) != NULL)
		return 0;
	if (c == e)
		return 1;
	/* ":PORT", 1 to 65535, digits only. */
	if (e - c < 2 || e - c > 6)
		return 0;
	for (port = 0, c++; c < e; c++) {
		if (*c < '0' || *c > '9')
			return 0;
		port = port * 10 + (*c - '0');
	}
	return port >= 1 && port <= 65535;
}

/* The origins of the field, one per line (any white space apart). */
static int
origins_valid(const char *s)
{
	const char	*p = s;
	size_t		 len;
	int		 n = 0;

	for (;;) {
		p += strspn(p, " \t\r\n");
		if (*p == '\0')
			return 1;
		len = strcspn(p, " \t\r\n");
		if (!site_origin_valid(p, len) || ++n > SITE_EMBED_ORIGINS)
			return 0;
		p += len;
	}
}

static int
website_valid(const char *s)
{
	const char	*h;

	if (strncmp(s, "https://", 8) == 0)
		h = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		h = s + 7;
	else
		return 0;
	if (*h == '\0' || *h == '/' || *h == '?' || *h == '#')
		return 0;
	for (; *h != '\0'; h++)
		if (isspace((unsigned char)*h))
			return 0;
	return 1;
}

int
site_form_check(struct site_form *sf)
{
	struct form	*f = &sf->form;
	const char	*c = f->v[SIF_COMPLIANCE], *why;

	if (*f->v[SIF_EMAIL] != '\0' && !site_email_valid(f->v[SIF_EMAIL]))
		form_fail(f, SIF_EMAIL, site_fields[SIF_EMAIL].too_long);
	if (*f->v[SIF_WEBSITE] != '\0' && !website_valid(f->v[SIF_WEBSITE]))
		form_fail(f, SIF_WEBSITE, site_fields[SIF_WEBSITE].too_long);
	if (strcmp(c, "full") != 0 && strcmp(c, "partial") != 0 &&
	    strcmp(c, "none") != 0)
		form_fail(f, SIF_COMPLIANCE,
		    site_fields[SIF_COMPLIANCE].too_long);
	if (form_date(f->v[SIF_STATEMENT_DATE], &why) == -1)
		form_fail(f, SIF_STATEMENT_DATE, why);
	if (form_date(f->v[SIF_ASSESSED_DATE], &why) == -1)
		form_fail(f, SIF_ASSESSED_DATE, why);
	if (!origins_valid(f->v[SIF_EMBED_ORIGINS]))
		form_fail(f, SIF_EMBED_ORIGINS,
		    site_fields[SIF_EMBED_ORIGINS].too_long);
	sf->error = form_first_error(f, NULL);
	return f->nerr;
}

int
feedback_form_check(struct feedback_form *ff)
{
	struct form	*f = &ff->form;
	const char	*m = f->v[FB_MESSAGE];

	while (isspace((unsigned char)*m))
		m++;
	if (*m == '\0')
		form_fail(f, FB_MESSAGE, feedback_fields[FB_MESSAGE].missing);
	if (*f->v[FB_EMAIL] != '\0' && !site_email_valid(f->v[FB_EMAIL]))
		form_fail(f, FB_EMAIL, feedback_fields[FB_EMAIL].too_long);
	ff->error = form_first_error(f, NULL);
	return f->nerr;
}

const char *
site_logo_type(const unsigned char *d, size_t len)
{
	size_t	i;

	if (len >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (len >= 3 && memcmp(d, "\xff\xd8\xff", 3) == 0)
		return "image/jpeg";
	/* SVG: text that starts with <?xml or <svg and has an <svg. */
	for (i = 0; i < len && isspace(d[i]); i++)
		;
	if (len - i >= 5 && (memcmp(d + i, "<?xml", 5) == 0 ||
	    memcmp(d + i, "<svg", 4) == 0) &&
	    memmem(d, len, "<svg", 4) != NULL)
		return "image/svg+xml";
	return NULL;
}

/* The end of the line at p (its \n or NUL). */
static const char *
line_end(const char *p)
{
	return p + strcspn(p, "\n");
}

static int
blank(const char *p, const char *e)
{
	for (; p < e; p++)
		if (!isspace((unsigned char)*p))
			return 0;
	return 1;
}

int
text_block_next(const char **pp, struct text_block *tb)
{
	const char	*p = *pp, *e;

	while (*p != '\0' && blank(p, e = line_end(p)))
		p = *e != '\0' ? e + 1 : e;
	if (*p == '\0')
		return 0;
	e = line_end(p);
	if (strncmp(p, "## ", 3) == 0 || strncmp(p, "- ", 2) == 0) {
		tb->kind = *p == '#' ? TB_HEADING : TB_ITEM;
		tb->text = p + (*p == '#' ? 3 : 2);
	} else {
		/* A paragraph: its lines up to a blank, heading or item. */
		tb->kind = TB_PARAGRAPH;
		tb->text = p;
		while (*e != '\0' && !blank(e + 1, line_end(e + 1)) &&
		    strncmp(e + 1, "## ", 3) != 0 &&
		    strncmp(e + 1, "- ", 2) != 0)
			e = line_end(e + 1);
	}
	tb->len = (size_t)(e - tb->text);
	while (tb->len > 0 && isspace((unsigned char)tb->text[tb->len - 1]))
		tb->len--;
	*pp = *e != '\0' ? e + 1 : e;
	return 1;
}
