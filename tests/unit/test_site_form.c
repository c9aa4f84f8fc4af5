/*
 * The site form's list of the sites that may frame the embeds: https, a
 * host in lower case and perhaps a port, one per line, at most 20; any
 * other text (a path, a wildcard, a keyword of a policy) is refused.
 */
#include <string.h>

#include "buf.h"
#include "site_form.h"
#include "unit.h"

UNIT_FORM_CHECK(site_form, site_fields, SIF_COUNT)

/* site_origin_valid() of a whole string. */
static int
origin_valid(const char *s)
{
	return site_origin_valid(s, strlen(s));
}

/* Origins named by themselves (no what). */
static const struct unit_valid_case origins[] = {
	{ "https://www.example.fi", 1, NULL },
	{ "https://example.fi:8443", 1, NULL },
	{ "https://127.0.0.2:1", 1, NULL },
	{ "https://a", 1, NULL },
	{ "https://x-y.example.fi:65535", 1, NULL },
	{ "http://www.example.fi", 0, NULL },
	{ "https://", 0, NULL },
	{ "https://www.example.fi/", 0, NULL },
	{ "https://www.example.fi/sivu", 0, NULL },
	{ "https://*.example.fi", 0, NULL },
	{ "*", 0, NULL },
	{ "https://Example.fi", 0, NULL },
	{ "https://example.fi:", 0, NULL },
	{ "https://example.fi:0", 0, NULL },
	{ "https://example.fi:65536", 0, NULL },
	{ "https://example.fi:1234567", 0, NULL },
	{ "https://example..fi", 0, NULL },
	{ "https://.example.fi", 0, NULL },
	{ "https://example.fi.", 0, NULL },
	{ "https://-example.fi", 0, NULL },
	{ "https://example.fi;script-src", 0, NULL },
	{ "'self'", 0, NULL },
	{ "https://user@example.fi", 0, NULL },
};

int
main(void)
{
	struct site_form	f;
	struct buf		body;
	size_t			i;
	const char		*base = "name=A&compliance=partial&"
	    "statement_date=2025-03-31&assessed_date=2025-03-01";

	CHECK_VALID(origins, origin_valid);

	buf_init(&body);
	buf_printf(&body, "%s&embed_origins=%s", base,
	    "https%3A%2F%2Fa.fi%0D%0A%0D%0A++https%3A%2F%2Fb.fi%3A8443%0D%0A");
	CHECK_INT(check(&f, buf_cstr(&body)), 0,
	    "two origins, blank lines and spaces around them");
	form_free(&f.form);
	buf_reset(&body);
	buf_printf(&body, "%s&embed_origins=%s", base,
	    "https%3A%2F%2Fa.fi%0D%0Ahttps%3A%2F%2Fb.fi%2Fpath");
	CHECK_INT(check(&f, buf_cstr(&body)), 1, "a path is an error");
	CHECK(f.form.err[SIF_EMBED_ORIGINS] != NULL, "... of that field");
	form_free(&f.form);
	buf_reset(&body);
	buf_puts(&body, base);
	buf_puts(&body, "&embed_origins=");
	for (i = 0; i < SITE_EMBED_ORIGINS + 1; i++)
		buf_printf(&body, "https%%3A%%2F%%2Fs%zu.fi%%0A", i);
	CHECK_INT(check(&f, buf_cstr(&body)), 1, "21 sites are too many");
	form_free(&f.form);
	buf_reset(&body);
	buf_puts(&body, base);
	CHECK_INT(check(&f, buf_cstr(&body)), 0, "no site at all is allowed");
	form_free(&f.form);
	buf_free(&body);
	return unit_done();
}
