/* The template engine: escaping by default, messages, conditionals. */
#include "embedded.h"
#include "field_limits.h"
#include "tmpl.h"
#include "unit.h"

static const unsigned char t1[] =
    "<p title=\"{{x}}\">{{x}}</p>{{y}}|{{_ Search}}|"
    "{{#if x}}X{{/if}}{{#if !z}}noz{{/if}}{{#if z}}Z{{/if}}"
    "{{@block item}}<li>{{_ Showing rows %from%–%to% of %total%.}}</li>"
    "{{@end}}";
static const unsigned char bad1[] = "{{x";
static const unsigned char bad2[] = "{{_ No such message here}}";
static const unsigned char bad3[] = "{{#if x}}open";
static const unsigned char typo[] = "<h1>{{title}}</h1>\n<p>{{titel}}</p>";
static const unsigned char limit[] =
    "<input maxlength=\"{{=chars}}\">{{#if x}}{{=chars}}{{/if}}";
static const unsigned char no_limit[] =
    "<input>\n<input maxlength=\"{{=char}}\">";
static const struct tmpl_const limits[] = { { "chars", 2000 } };

static const struct embedded good[] = {
	{ "t1.html", t1, sizeof(t1) - 1 }, { NULL, NULL, 0 }
};

static int
load_one(const unsigned char *s, size_t n, char *err, size_t errlen)
{
	struct embedded f[2] = { { "bad.html", s, n }, { NULL, NULL, 0 } };

	return tmpl_load(f, NULL, 0, err, errlen);
}

/* An empty page and no values, for the next render. */
static void
start_again(struct html *out, struct tmpl_vars *v)
{
	html_free(out);
	html_init(out);
	tv_reset(v);
}

int
main(void)
{
	const char		*po[LANG_COUNT];
	struct tmpl_vars	 v;
	struct html		 out, frag;
	char			 err[300];
	int			 l;

	for (l = 0; l < LANG_COUNT; l++) {
		char name[8];

		snprintf(name, sizeof(name), "%s.po", lang_codes[l]);
		po[l] = (const char *)embedded_find(po_files, name)->data;
	}
	CHECK(i18n_load(po, err, sizeof(err)) == 0, "catalogue loads: %s", err);
	CHECK(tmpl_load(template_files, template_limits, ntemplate_limits, err,
	    sizeof(err)) == 0,
	    "every template of the product parses and its messages exist: %s",
	    err);
	CHECK(tmpl_get("process.row") != NULL && tmpl_get("layout") != NULL,
	    "blocks are templates of their own");
	CHECK(tmpl_check_names(template_var_names, ntemplate_var_names, err,
	    sizeof(err)) == 0, "every variable of the product's templates is "
	    "one the code can set: %s", err);

	CHECK(tmpl_load(good, NULL, 0, err, sizeof(err)) == 0,
	    "test template loads");
	tv_init(&v);
	html_init(&out);
	html_init(&frag);
	tv_text(&v, "x", "<script>alert(\"x\")</script>&'");
	buf_puts(&frag.b, "<b>ok</b>");	/* as a rendered fragment */
	tv_html(&v, "y", &frag);
	tmpl_render(&out, tmpl_get("t1"), &v, LANG_SV);
	CHECK_STR(buf_cstr(&out.b),
	    "<p title=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
	    "&amp;&#39;\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
	    "&amp;&#39;</p><b>ok</b>|Sök|Xnoz",
	    "text is escaped in content and attributes, fragments are not, "
	    "messages are translated, conditionals work");
	start_again(&out, &v);
	tv_text(&v, "from", "1");
	tv_text(&v, "to", "<2>");
	tv_text(&v, "total", "3");
	tmpl_render(&out, tmpl_get("t1.item"), &v, LANG_FI);
	CHECK_STR(buf_cstr(&out.b),
	    "<li>Näytetään rivit 1–&lt;2&gt;, rivejä yhteensä 3.</li>",
	    "placeholders in messages are filled in and escaped");
	start_again(&out, &v);
	tv_date(&v, "from", "2026-11-30 14:05:09+02");
	tv_date(&v, "x", "2026-01-05");
	tv_text(&v, "total", "2026-11-30");
	tmpl_render(&out, tmpl_get("t1.item"), &v, LANG_SV);
	tmpl_render(&out, tmpl_get("t1"), &v, LANG_EN);
	CHECK_PREFIX(buf_cstr(&out.b),
	    "<li>Visar raderna 30.11.2026 kl. 14.05–%to% av 2026-11-30.</li>"
	    "<p title=\"5 January 2026\">5 January 2026</p>",
	    "a date is written as the page's language writes dates, in "
	    "messages and attributes; a text stays as it is");

	CHECK(load_one(bad1, sizeof(bad1) - 1, err, sizeof(err)) == -1 &&
	    strstr(err, "never closed") != NULL, "unclosed tag: %s", err);
	CHECK(load_one(bad2, sizeof(bad2) - 1, err, sizeof(err)) == -1 &&
	    strstr(err, "not in the catalogue") != NULL,
	    "unknown message: %s", err);
	CHECK(load_one(bad3, sizeof(bad3) - 1, err, sizeof(err)) == -1,
	    "unclosed #if: %s", err);
	err[0] = '\0';
	CHECK(load_one(typo, sizeof(typo) - 1, err, sizeof(err)) == 0 &&
	    tmpl_check_names(template_var_names, ntemplate_var_names, err,
	    sizeof(err)) == -1 && strstr(err, "bad.html:2: {{titel}}") != NULL,
	    "a misspelt variable is named with its file and line: %s", err);
	start_again(&out, &v);
	err[0] = '\0';
	{
		struct embedded f[2] = { { "limit.html", limit,
		    sizeof(limit) - 1 }, { NULL, NULL, 0 } };

		CHECK(tmpl_load(f, limits, 1, err, sizeof(err)) == 0,
		    "a template with a constant loads: %s", err);
		tmpl_render(&out, tmpl_get("limit"), &v, LANG_FI);
		CHECK_STR(buf_cstr(&out.b), "<input maxlength=\"2000\">",
		    "a constant is written as its number, where it is shown");
	}
	err[0] = '\0';
	CHECK(tmpl_load((const struct embedded[]){ { "bad.html", no_limit,
	    sizeof(no_limit) - 1 }, { NULL, NULL, 0 } }, limits, 1, err,
	    sizeof(err)) == -1 && strstr(err, "bad.html:2: unknown constant "
	    "{{=char}}") != NULL, "an unknown constant is named with its file "
	    "and line: %s", err);
	html_free(&out);
	html_free(&frag);
	tv_free(&v);
	tmpl_unload();
	i18n_unload();
	return unit_done();
}
