/*
 * Mail texts; see mail.h. Each kind has three blocks in
 * templates/mail.html: KIND_subject, KIND_text and KIND_html; the
 * frame blocks add what every mail ends with.
 */
#include <stdio.h>
#include <string.h>

#include "mail.h"
#include "mem.h"
#include "tmpl.h"

struct mail_kind {
	const char	*name;
	const char	*label;		/* msgid */
	int		 automatic;
};

static const struct mail_kind kinds[] = {
	{ "test", N_("Test message"), 0 },
	{ "invite", N_("Invitation to an account"), 1 },
	{ "password_reset", N_("Password reset"), 1 },
};

/* The values a mail may show: each a string of its params. */
static const char *const param_names[] = {
	"name", "title", "deadline", "hours", "unit", "round", "inviter",
};

static const struct mail_kind	*kind_find(const char *);
static void	link_var(struct tmpl_vars *, const struct mail_source *);

static const struct mail_kind *
kind_find(const char *kind)
{
	size_t	i;

	for (i = 0; kind != NULL && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].name, kind) == 0)
			return &kinds[i];
	return NULL;
}

int
mail_kind_known(const char *kind)
{
	return kind_find(kind) != NULL;
}

const char *
mail_kind_label(const char *kind)
{
	const struct mail_kind	*k = kind_find(kind);

	return k != NULL ? k->label : N_("Unknown message");
}

void
mail_content_init(struct mail_content *c)
{
	buf_init(&c->subject);
	buf_init(&c->text);
	html_init(&c->html);
	c->automatic = 0;
}

void
mail_content_free(struct mail_content *c)
{
	buf_free(&c->subject);
	buf_free(&c->text);
	html_free(&c->html);
}

/*
 * The mail's link: the site's address, the params' path (the site's
 * front page without one), the single-use token and the language.
 */
static void
link_var(struct tmpl_vars *tv, const struct mail_source *m)
{
	const json_t	*p = m->params != NULL ?
			    json_object_get(m->params, "path") : NULL;
	const char	*path = json_is_string(p) ? json_string_value(p) : "/";
	struct buf	 link;

	buf_init(&link);
	buf_printf(&link, "%s%s%s", m->base, path[0] == '/' ? path : "/",
	    m->secret != NULL ? m->secret : "");
	if (m->lang != LANG_FI)
		buf_printf(&link, "%slang=%s", strchr(path, '?') != NULL ?
		    "&" : "?", lang_codes[m->lang]);
	tv_text(tv, "link", buf_cstr(&link));
	buf_free(&link);
}

int
mail_render(struct mail_content *c, const struct mail_source *m,
    const char **why)
{
	const struct mail_kind	*k = kind_find(m->kind);
	const struct tmpl	*subject, *text, *html, *ftext, *fhtml;
	struct tmpl_vars	 tv;
	struct html		 content;
	const json_t		*v;
	char			 name[64];
	size_t			 i;

	buf_reset(&c->subject);
	buf_reset(&c->text);
	html_free(&c->html);
	html_init(&c->html);
	*why = "a kind of mail this build does not know";
	if (k == NULL)
		return -1;
	snprintf(name, sizeof(name), "mail.%s_subject", k->name);
	subject = tmpl_get(name);
	snprintf(name, sizeof(name), "mail.%s_text", k->name);
	text = tmpl_get(name);
	snprintf(name, sizeof(name), "mail.%s_html", k->name);
	html = tmpl_get(name);
	ftext = tmpl_get("mail.frame_text");
	fhtml = tmpl_get("mail.frame_html");
	*why = "templates/mail.html lacks a block of this kind";
	if (subject == NULL || text == NULL || html == NULL ||
	    ftext == NULL || fhtml == NULL)
		return -1;
	c->automatic = k->automatic;

	tv_init(&tv);
	html_init(&content);
	for (i = 0; i < sizeof(param_names) / sizeof(param_names[0]); i++)
		if (m->params != NULL && json_is_string(v =
		    json_object_get(m->params, param_names[i])))
			tv_text(&tv, param_names[i], json_string_value(v));
	/* Without the county's name, the site's host name. */
	tv_text(&tv, "site", m->site != NULL && *m->site != '\0' ? m->site :
	    strstr(m->base, "://") != NULL ? strstr(m->base, "://") + 3 :
	    m->base);
	tv_text(&tv, "lang", lang_codes[m->lang]);
	link_var(&tv, m);

	tmpl_render_text(&c->subject, subject, &tv, m->lang);
	/* One line, whatever the template's layout. */
	for (i = 0; i < c->subject.len; i++)
		if (c->subject.data[i] == '\n' || c->subject.data[i] == '\t')
			c->subject.data[i] = ' ';
	while (c->subject.len > 0 && c->subject.data[c->subject.len - 1] ==
	    ' ')
		c->subject.len--;
	tv_text(&tv, "subject", buf_cstr(&c->subject));
	tmpl_render_text(&c->text, text, &tv, m->lang);
	tmpl_render_text(&c->text, ftext, &tv, m->lang);
	tmpl_render(&content, html, &tv, m->lang);
	tv_html(&tv, "content", &content);
	tmpl_render(&c->html, fhtml, &tv, m->lang);
	buf_cstr(&c->text);
	html_free(&content);
	tv_free(&tv);
	return 0;
}
