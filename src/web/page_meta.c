/*
 * What the page frame says about a page besides its content: the
 * addresses of its language versions (relative for the language links,
 * absolute for search engines) and its canonical
 * address (from the public base address, never the Host, since the
 * page is cached), its description and OpenGraph, and the county's
 * name, logo and contact details from site_cache. See page.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <kore/kore.h>

#include "http_util.h"
#include "page.h"
#include "site_cache.h"
#include "tmpl.h"

#define DESCRIPTION_CHARS	160

static void	site_vars(struct tmpl_vars *, enum lang);

/* The path with lang set: links to the same page in another language. */
void
page_lang_url(struct buf *out, const struct buf *path, enum lang lang)
{
	const char	*p = path->len ? buf_cstr((struct buf *)path) : "/";
	const char	*q = strchr(p, '?');

	if (q == NULL) {
		buf_puts(out, p);
		if (lang != LANG_FI)
			buf_printf(out, "?lang=%s", lang_codes[lang]);
		return;
	}
	buf_append(out, p, (size_t)(q - p));
	if (lang != LANG_FI)
		buf_printf(out, "?lang=%s&%s", lang_codes[lang], q + 1);
	else
		buf_puts(out, q);
}

void
page_describe(struct page *pg, const char *text)
{
	char	*d = pg->description;
	size_t	 n = 0, chars = 0, cut = 0;
	int	 space = 0;

	/* Room for "…" (3 bytes) and the NUL after any 4-byte character. */
	for (; *text != '\0' && n + 8 < sizeof(pg->description); text++) {
		if (isspace((unsigned char)*text)) {
			space = n > 0;
			continue;
		}
		if (((unsigned char)*text & 0xc0) != 0x80) {
			if (space) {
				cut = n;
				d[n++] = ' ';
				chars++;
			}
			if (chars++ == DESCRIPTION_CHARS)
				break;
		}
		space = 0;
		d[n++] = *text;
	}
	if (*text != '\0') {		/* cut: at a word, with an ellipsis */
		if (cut > 0)
			n = cut;
		else		/* one long word: not within a character */
			for (; n > 0 && ((unsigned char)*text & 0xc0) == 0x80;
			    text--)
				n--;
		memcpy(d + n, "\xe2\x80\xa6", 3);
		n += 3;
	}
	d[n] = '\0';
}

void
page_meta(struct tmpl_vars *v, const struct page *p)
{
	static const char	*alt_names[LANG_COUNT] = {
		"alt_fi", "alt_sv", "alt_en"
	};
	static const char	*locales[LANG_COUNT] = {
		"fi_FI", "sv_FI", "en_GB"
	};
	struct buf		 u;
	int			 l;

	buf_init(&u);
	for (l = 0; l < LANG_COUNT; l++) {
		buf_reset(&u);
		buf_puts(&u, http_base_primary());
		page_lang_url(&u, &p->path, (enum lang)l);
		tv_text(v, alt_names[l], buf_cstr(&u));
		if (l == (int)p->lang)
			tv_text(v, "canonical", buf_cstr(&u));
	}
	buf_free(&u);
	tv_text(v, "og_locale", locales[p->lang]);
	tv_text(v, "description", p->description[0] != '\0' ?
	    p->description : T(p->lang, "How the county carries out "
	    "residents' recommendations: the actions, their schedules, who "
	    "is responsible and how far each has got."));
	site_vars(v, p->lang);
}

void
page_contact(struct tmpl_vars *v, enum lang lang)
{
	const struct site	*s = site_get();
	char			 tel[64];
	size_t			 i, n = 0;

	for (i = 0; s->phone[i] != '\0' && n + 1 < sizeof(tel); i++)
		if (isdigit((unsigned char)s->phone[i]) ||
		    (s->phone[i] == '+' && n == 0))
			tel[n++] = s->phone[i];
	tel[n] = '\0';
	tv_text(v, "site_name", site_name(s, lang));
	tv_text(v, "site_address", s->address);
	tv_text(v, "site_phone", s->phone);
	tv_text(v, "site_tel", tel);
	tv_text(v, "site_email", s->email);
	tv_text(v, "site_website", s->website);
}

/* The county's name, logo and contact details for the frame. */
static void
site_vars(struct tmpl_vars *v, enum lang lang)
{
	page_contact(v, lang);
	tv_text(v, "site_logo", *site_get()->logo_type != '\0' ? "1" : "");
}
