/*
 * Mail texts; see mail.h. Each kind has three blocks in
 * templates/mail.html: KIND_subject, KIND_text and KIND_html; the
 * frame blocks add what every mail ends with.
 */
#include <stdio.h>
#include <string.h>

#include "labels.h"
#include "mail.h"
#include "mem.h"
#include "tmpl.h"

struct mail_kind {
	const char	*name;
	const char	*label;		/* msgid */
	int		 automatic;
	int		 unsubscribe;	/* a list: RFC 8058 one-click */
};

static const struct mail_kind kinds[] = {
	{ "test", N_("Test message"), 0, 0 },
	{ "invite", N_("Invitation to an account"), 1, 0 },
	{ "password_reset", N_("Password reset"), 1, 0 },
	{ "round_open", N_("A round asks a unit"), 1, 0 },
	{ "round_reminder", N_("A round's reminder"), 1, 0 },
	{ "round_summary", N_("A round's summary"), 1, 0 },
	{ "weekly_digest", N_("Weekly digest"), 1, 0 },
	{ "follow_confirm", N_("Confirming to follow"), 1, 0 },
	{ "follow_changes", N_("Changes to a follower"), 1, 1 },
	{ "verdict_invite", N_("Invitation to the panel's verdict"), 1, 0 },
};

/* The values a mail may show: each a string of its params. */
static const char *const param_names[] = {
	"name", "title", "hours", "unit", "round", "inviter", "message",
	"due_today", "answered_count", "missing_count", "overdue_count",
	"stale_count", "due_soon_count", "days", "soon", "daily",
};
/* Its dates (YYYY-MM-DD), written as the recipient's language does. */
static const char *const date_names[] = { "deadline" };
/* Its lists of strings: a line each in the text, an item in the HTML. */
static const char *const list_names[] = { "actions", "answered", "missing",
	"overdue", "stale", "due_soon" };

static const struct mail_kind	*kind_find(const char *);
static void	link_var(struct tmpl_vars *, const struct mail_source *);
static void	values(struct tmpl_vars *, const json_t *);
static void	lists(struct tmpl_vars *, const json_t *, int, enum lang);
static void	changes(struct tmpl_vars *, const struct mail_source *, int);

/* The params' strings and dates into tv. */
static void
values(struct tmpl_vars *tv, const json_t *params)
{
	const json_t	*v;
	size_t		 i;

	for (i = 0; i < sizeof(param_names) / sizeof(param_names[0]); i++)
		if (json_is_string(v = json_object_get(params, param_names[i])))
			tv_text(tv, param_names[i], json_string_value(v));
	for (i = 0; i < sizeof(date_names) / sizeof(date_names[0]); i++)
		if (json_is_string(v = json_object_get(params, date_names[i])))
			tv_date(tv, date_names[i], json_string_value(v));
}

/*
 * The params' public changes (objects: action, path, field, before,
 * after) into "changes": as text, or as HTML, each with its action's
 * page, fields and values as the Atom feed names them.
 */
static void
changes(struct tmpl_vars *tv, const struct mail_source *m, int html)
{
	const struct tmpl	*t = tmpl_get(html ? "mail.change_html" :
				    "mail.change_text");
	const json_t		*a, *c;
	struct status_list	 none;
	struct tmpl_vars	 cv;
	struct html		 h;
	struct buf		 b;
	size_t			 k;

	if (t == NULL || !json_is_array(a = json_object_get(m->params,
	    "changes")))
		return;
	memset(&none, 0, sizeof(none));
	tv_init(&cv);
	html_init(&h);
	buf_init(&b);
	json_array_foreach(a, k, c) {
		tv_reset(&cv);
		tv_text(&cv, "action", json_string_value(json_object_get(c,
		    "action")));
		tv_textf(&cv, "url", "%s%s%s", m->base, json_string_value(
		    json_object_get(c, "path")) ? json_string_value(
		    json_object_get(c, "path")) : "/", m->lang == LANG_FI ? "" :
		    m->lang == LANG_SV ? "?lang=sv" : "?lang=en");
		history_change_vars(&cv, &none,
		    json_is_string(json_object_get(c, "field")) ?
		    json_string_value(json_object_get(c, "field")) : "",
		    json_is_string(json_object_get(c, "before")) ?
		    json_string_value(json_object_get(c, "before")) : "",
		    json_is_string(json_object_get(c, "after")) ?
		    json_string_value(json_object_get(c, "after")) : "",
		    m->lang);
		if (html)
			tmpl_render(&h, t, &cv, m->lang);
		else
			tmpl_render_text(&b, t, &cv, m->lang);
	}
	if (html)
		tv_html(tv, "changes", &h);
	else
		tv_text(tv, "changes", buf_cstr(&b));
	buf_free(&b);
	html_free(&h);
	tv_free(&cv);
}

/* The params' lists into tv: as lines of text, or as HTML list items. */
static void
lists(struct tmpl_vars *tv, const json_t *params, int html, enum lang lang)
{
	const struct tmpl	*item = tmpl_get("mail.item");
	const json_t		*a, *v;
	struct tmpl_vars	 iv;
	struct html		 h;
	struct buf		 t;
	size_t			 i, k;

	tv_init(&iv);
	for (i = 0; i < sizeof(list_names) / sizeof(list_names[0]); i++) {
		if (!json_is_array(a = json_object_get(params, list_names[i])))
			continue;
		html_init(&h);
		buf_init(&t);
		json_array_foreach(a, k, v) {
			if (!json_is_string(v))
				continue;
			buf_printf(&t, "- %s\n", json_string_value(v));
			tv_reset(&iv);
			tv_text(&iv, "item", json_string_value(v));
			if (item != NULL)
				tmpl_render(&h, item, &iv, lang);
		}
		if (html)
			tv_html(tv, list_names[i], &h);
		else
			tv_text(tv, list_names[i], buf_cstr(&t));
		buf_free(&t);
		html_free(&h);
	}
	tv_free(&iv);
}

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
	buf_init(&c->unsubscribe);
	c->automatic = 0;
}

void
mail_content_free(struct mail_content *c)
{
	buf_free(&c->subject);
	buf_free(&c->text);
	html_free(&c->html);
	buf_free(&c->unsubscribe);
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
	char			 name[64];
	size_t			 i;

	buf_reset(&c->subject);
	buf_reset(&c->text);
	buf_reset(&c->unsubscribe);
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
	if (k->unsubscribe && m->secret != NULL)
		buf_printf(&c->unsubscribe, "<%s/follow/unsubscribe/%s>",
		    m->base, m->secret);

	tv_init(&tv);
	html_init(&content);
	if (m->params != NULL) {
		values(&tv, m->params);
		lists(&tv, m->params, 0, m->lang);
		changes(&tv, m, 0);
	}
	/* Without the county's name, the site's host name. */
	tv_text(&tv, "site", m->site != NULL && *m->site != '\0' ? m->site :
	    strstr(m->base, "://") != NULL ? strstr(m->base, "://") + 3 :
	    m->base);
	tv_text(&tv, "lang", lang_codes[m->lang]);
	link_var(&tv, m);

	tmpl_render_text(&c->subject, subject, &tv, m->lang);
	/* One line, whatever the template's layout. */
	for (i = 0; i < c->subject.len; i++)
		if (c->subject.data[i] == '\n' || c->subject.data[i] == '\r' ||
		    c->subject.data[i] == '\t')
			c->subject.data[i] = ' ';
	while (c->subject.len > 0 && c->subject.data[c->subject.len - 1] ==
	    ' ')
		c->subject.len--;
	tv_text(&tv, "subject", buf_cstr(&c->subject));
	tmpl_render_text(&c->text, text, &tv, m->lang);
	tmpl_render_text(&c->text, ftext, &tv, m->lang);
	if (m->params != NULL) {
		lists(&tv, m->params, 1, m->lang);
		changes(&tv, m, 1);
	}
	tmpl_render(&content, html, &tv, m->lang);
	tv_html(&tv, "content", &content);
	tmpl_render(&c->html, fhtml, &tv, m->lang);
	buf_cstr(&c->text);
	html_free(&content);
	tv_free(&tv);
	return 0;
}
