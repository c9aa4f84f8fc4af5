/*
 * The page frame every page shares (public and staff): its language,
 * title and content in the layout, and the error page. See page.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kore/kore.h>

#include "page.h"
#include "catalog_cache.h"
#include "db.h"
#include "memo.h"
#include "progress.h"
#include "status.h"
#include "tmpl.h"

const char *
lang_query(enum lang lang)
{
	static const char *const q[LANG_COUNT] = { "", "?lang=sv", "?lang=en" };

	return q[lang];
}

const char *
lang_param(enum lang lang)
{
	static const char *const q[LANG_COUNT] = { "", "&lang=sv", "&lang=en" };

	return q[lang];
}

void
page_titlev(struct page *pg, const char *msgid, const char *fmt, va_list ap)
{
	page_set_title(pg, "%s", T(pg->lang, msgid));
	buf_reset(&pg->path);
	buf_vprintf(&pg->path, fmt, ap);
}

const char *
lang_attr(enum lang lang, int finnish)
{
	return lang != LANG_FI && finnish ? "fi" : "";
}

const struct tmpl *
tpl(const char *name)
{
	const struct tmpl	*t = tmpl_get(name);

	if (t == NULL)
		fatal("template %s is missing", name);
	return t;
}

void
page_init(struct page *p, enum lang lang)
{
	p->lang = lang;
	p->status = 200;
	buf_init(&p->title);
	p->staff[0] = '\0';
	p->staff_admin = 0;
	p->finnish = 0;
	p->csrf[0] = '\0';
	p->feed[0] = '\0';
	p->description[0] = '\0';
	p->embed = 0;
	p->posted = 0;
	html_init(&p->content);
	buf_init(&p->path);
}

void
page_free(struct page *p)
{
	html_free(&p->content);
	buf_free(&p->path);
	buf_free(&p->title);
}

void
page_set_title(struct page *pg, const char *fmt, ...)
{
	va_list	ap;

	buf_reset(&pg->title);
	va_start(ap, fmt);
	buf_vprintf(&pg->title, fmt, ap);
	va_end(ap);
}

void
page_document(struct page *p, struct html *out)
{
	struct tmpl_vars	v;
	struct buf		u;
	int			l;
	static const char	*url_names[LANG_COUNT] = {
		"url_fi", "url_sv", "url_en"
	};
	static const char	*cur_names[LANG_COUNT] = {
		"cur_fi", "cur_sv", "cur_en"
	};

	tv_init(&v);
	buf_init(&u);
	tv_text(&v, "lang", lang_codes[p->lang]);
	tv_text(&v, "title", buf_cstr(&p->title));
	tv_html(&v, "content", &p->content);
	for (l = 0; l < LANG_COUNT; l++) {
		buf_reset(&u);
		page_lang_url(&u, &p->path, (enum lang)l);
		tv_text(&v, url_names[l], buf_cstr(&u));
		tv_text(&v, cur_names[l], l == (int)p->lang ? "1" : "");
	}
	tv_textf(&v, "home", "/%s", lang_query(p->lang));
	/* Signed-in staff: who, where to go, and a way out. */
	tv_text(&v, "staff", p->staff);
	tv_text(&v, "csrf", p->csrf);
	tv_text(&v, "staff_admin", p->staff_admin ? "1" : "");
	tv_text(&v, "finnish", p->finnish && p->lang != LANG_FI ? "1" : "");
	tv_text(&v, "lang_query", lang_query(p->lang));
	tv_text(&v, "feed", p->feed);
	page_meta(&v, p);
	/* In another site's frame: the content, and whose data it is. */
	tmpl_render(out, tpl(p->embed ? "embed_layout" : "layout"), &v,
	    p->lang);
	buf_free(&u);
	tv_free(&v);
}

const char *
page_error_heading(int status, int posted)
{
	/* To a form, what matters is that what it sent is not saved. */
	switch (status) {
	case 401:
		return N_("Not signed in");
	case 403:
		return N_("Not allowed");
	case 413:
		return N_("The form is too large");
	case 400:
		return posted ? N_("Not saved") :
		    N_("The address is not valid");
	case 404:
		return posted ? N_("Not saved") : N_("Page not found");
	case 409:
		return N_("Not saved");
	default:
		return posted ? N_("Not saved") :
		    N_("The service is not available right now");
	}
}

void
render_error(struct page *pg, int status, const char *msgid,
    const char *detail)
{
	struct tmpl_vars	tv;

	tv_init(&tv);
	pg->status = status;
	html_free(&pg->content);
	html_init(&pg->content);
	tv_text(&tv, "heading", T(pg->lang,
	    page_error_heading(status, pg->posted)));
	tv_text(&tv, "message", T(pg->lang, msgid));
	tv_text(&tv, "detail", detail);
	tv_textf(&tv, "status", "%d", status);
	tv_textf(&tv, "home", "/%s", lang_query(pg->lang));
	page_set_title(pg, "%s",
	    T(pg->lang, page_error_heading(status, pg->posted)));
	tmpl_render(&pg->content, tpl("error"), &tv, pg->lang);
	tv_free(&tv);
}

void
page_status(struct html *out, const struct status *st, enum lang lang,
    int say_none)
{
	struct tmpl_vars	tv;

	if (st == NULL && !say_none)
		return;
	tv_init(&tv);
	if (st != NULL) {
		tv_textf(&tv, "position", "%d", st->position);
		tv_text(&tv, "final", st->is_final ? "1" : "");
		tv_text(&tv, "label", st->label[lang]);
	}
	tmpl_render(out, tpl(st != NULL ? "fragments.status" :
	    "fragments.no_status"), &tv, lang);
	tv_free(&tv);
}

void
page_note(struct html *out, const char *note, int space, int fi,
    enum lang lang)
{
	struct tmpl_vars	tv;
	struct html		lines;

	tv_init(&tv);
	html_init(&lines);
	html_text_lines(&lines, note);
	tv_text(&tv, "space", space ? "1" : "");
	tv_text(&tv, "fi", fi ? "1" : "");
	tv_html(&tv, "note", &lines);
	tmpl_render(out, tpl("fragments.note"), &tv, lang);
	html_free(&lines);
	tv_free(&tv);
}

void
page_units(struct html *out, const char *ids, enum lang lang, int link)
{
	const struct cat_unit	*u;
	struct tmpl_vars	 tv;
	const char		*p, *name;
	char			*end;
	long long		 id;
	int			 finnish, n = 0;

	tv_init(&tv);
	for (p = ids; *p != '\0'; p = end) {
		if (*p < '0' || *p > '9') {
			end = (char *)p + 1;
			continue;
		}
		id = strtoll(p, &end, 10);
		if ((u = catalog_unit_by_id(id)) == NULL)
			continue;
		finnish = 0;
		name = cat_text(u->label, lang, &finnish);
		tv_reset(&tv);
		tv_text(&tv, "sep", n++ > 0 ? "1" : "");
		tv_text(&tv, "name", name);
		tv_text(&tv, "fi", finnish && lang != LANG_FI ? "1" : "");
		if (link)
			tv_textf(&tv, "url", "/unit/%lld%s", id,
			    lang_query(lang));
		tmpl_render(out, tpl("fragments.unit"), &tv, lang);
	}
	tv_free(&tv);
}

void
page_progress(struct html *out, int percent, enum lang lang)
{
	struct tmpl_vars	tv;
	struct buf		b;

	tv_init(&tv);
	buf_init(&b);
	if (percent >= 0 && percent <= 100) {
		progress_percent(&b, percent, lang);
		tv_text(&tv, "percent", buf_cstr(&b));
		/* The bar's width in steps of 5 %: a class, no inline style. */
		tv_textf(&tv, "step", "%d", (percent + 2) / 5 * 5);
	}
	tmpl_render(out, tpl("fragments.progress"), &tv, lang);
	buf_free(&b);
	tv_free(&tv);
}

/* A reporting round in a list, linked to its public report. */
static void
round_vars(struct tmpl_vars *rv, struct kore_pgsql *sql, int i,
    enum lang lang, const void *arg)
{
	(void)arg;
	tv_textf(rv, "url", "/round/%s%s", db_text(sql, i, "id"),
	    lang_query(lang));
	db_vars(rv, sql, i, "title", "deadline", "closed", (char *)NULL);
	tv_text(rv, "content_lang", lang_attr(lang, 1));
}

int
page_public_rounds(struct html *out, const char *pid, int recent_days,
    int max, enum lang lang)
{
	char		 days[16], n[16];
	const char	*params[3] = { pid, NULL, n };

	if (recent_days > 0) {
		snprintf(days, sizeof(days), "%d", recent_days);
		params[1] = days;
	}
	snprintf(n, sizeof(n), "%d", max);
	/* The same for every page of a data version: kept (memo.h). */
	return db_render_rows(memo_reader, out, tpl("fragments.round"), lang,
	    round_vars, NULL, "SELECT id, title, deadline, closed FROM "
	    "public_rounds($1, $2, $3)", 3, params);
}
