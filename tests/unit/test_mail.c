/* Mail texts (mail.c): every kind in every language, links, escaping. */
#include <sodium.h>

#include "embedded.h"
#include "field_limits.h"
#include "mail.h"
#include "tmpl.h"
#include "unit.h"

int
main(void)
{
	static const char *const kinds[] = { "test", "invite",
	    "password_reset", "round_open", "round_reminder",
	    "round_summary", "weekly_digest", "verdict_invite" };
	const char		*po[LANG_COUNT], *why;
	char			 name[16], err[300], want[128];
	struct mail_content	 c;
	struct mail_source	 m;
	json_t			*params;
	size_t			 k;
	int			 l;

	for (l = 0; l < LANG_COUNT; l++) {
		snprintf(name, sizeof(name), "%s.po", lang_codes[l]);
		po[l] = (const char *)embedded_find(po_files, name)->data;
	}
	if (i18n_load(po, err, sizeof(err)) == -1 ||
	    tmpl_load(template_files, template_limits, ntemplate_limits, err,
	    sizeof(err)) == -1) {
		printf("not ok 1 - %s\n", err);
		return 1;
	}
	mail_content_init(&c);
	params = json_pack("{s:s, s:s, s:s}", "inviter", "Anna <Admin>",
	    "hours", "72", "path", "/login/set/");
	memset(&m, 0, sizeof(m));
	m.params = params;
	m.base = "https://toteuma.example.fi";
	m.site = "Keski-Uusimaa & co";
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		for (l = 0; l < LANG_COUNT; l++) {
			m.kind = kinds[k];
			m.lang = (enum lang)l;
			m.secret = "TOKEN";
			CHECK(mail_render(&c, &m, &why) == 0,
			    "%s in %s renders", kinds[k], lang_codes[l]);
			CHECK(c.subject.len > 0 && memchr(c.subject.data, '\n',
			    c.subject.len) == NULL, "%s in %s: a one-line "
			    "subject", kinds[k], lang_codes[l]);
			snprintf(want, sizeof(want),
			    "https://toteuma.example.fi/login/set/TOKEN%s%s",
			    l == LANG_FI ? "" : "?lang=",
			    l == LANG_FI ? "" : lang_codes[l]);
			CHECK(strstr(buf_cstr(&c.text), want) != NULL,
			    "%s in %s: the text has the link %s", kinds[k],
			    lang_codes[l], want);
			snprintf(want, sizeof(want), "<html lang=\"%s\">",
			    lang_codes[l]);
			CHECK(strstr(html_data(&c.html), want) != NULL,
			    "%s in %s: the HTML is in its language", kinds[k],
			    lang_codes[l]);
		}
	}
	m.kind = "invite";
	m.lang = LANG_EN;
	mail_render(&c, &m, &why);
	CHECK(strstr(buf_cstr(&c.text), "Anna <Admin> has invited you") !=
	    NULL, "the text is not escaped");
	CHECK(strstr(html_data(&c.html), "Anna &lt;Admin&gt; has invited") !=
	    NULL, "the HTML is");
	CHECK(strstr(html_data(&c.html), "Keski-Uusimaa &amp; co") != NULL,
	    "the county's name is escaped in the HTML");
	CHECK(c.automatic, "an invitation is automatic");
	m.kind = "test";
	mail_render(&c, &m, &why);
	CHECK(!c.automatic, "a test that a person asked for is not");
	json_decref(params);
	params = json_pack("{s:s, s:s, s:s, s:s, s:[s, s], s:s}", "round",
	    "Kevät", "deadline", "2026-12-04", "unit", "Tieto & hallinto",
	    "path", "/b", "actions", "Alusta <uusi> (Paneeli)", "Toinen (P)",
	    "message", "Kiitos!");
	m.params = params;
	m.kind = "round_open";
	m.secret = NULL;
	m.lang = LANG_FI;
	mail_render(&c, &m, &why);
	CHECK_STR(buf_cstr(&c.subject), "Tarkistakaa yksikkönne toimenpiteet "
	    "viimeistään 4.12.2026: Kevät", "the deadline as Finnish writes "
	    "dates, in the subject");
	CHECK(strstr(buf_cstr(&c.text), "\n- Alusta <uusi> (Paneeli)\n- "
	    "Toinen (P)\n") != NULL, "the actions as lines of the text");
	CHECK(strstr(html_data(&c.html), "<li>Alusta &lt;uusi&gt; (Paneeli)"
	    "</li>") != NULL, "and as escaped items of the HTML");
	CHECK(strstr(buf_cstr(&c.text), "https://toteuma.example.fi/b\n") !=
	    NULL, "the link to the editor's page");
	m.lang = LANG_EN;
	mail_render(&c, &m, &why);
	CHECK(strstr(buf_cstr(&c.text), "by 4 December 2026") != NULL,
	    "and as English writes them");
	json_object_set_new(params, "round", json_string("Kevät\r\nBcc: "
	    "x@y.fi"));
	m.kind = "round_reminder";
	mail_render(&c, &m, &why);
	CHECK(strchr(buf_cstr(&c.subject), '\r') == NULL &&
	    strchr(buf_cstr(&c.subject), '\n') == NULL,
	    "a round's title with CR LF stays on the subject's one line");
	m.kind = "no_such_kind";
	CHECK(mail_render(&c, &m, &why) == -1, "an unknown kind: %s", why);
	CHECK_STR(mail_kind_label("password_reset"), "Password reset",
	    "a kind's label");
	json_decref(params);
	mail_content_free(&c);
	return unit_done();
}
