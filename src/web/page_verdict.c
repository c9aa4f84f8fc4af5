/*
 * The panel's verdict in a page: the distribution of each scale with
 * its count and a bar that only decorates, the comments an admin let
 * through (as text), and the short form for a table's row.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "page.h"
#include "page_verdict.h"
#include "tmpl.h"

/* What 1..5 mean on both scales. */
static const char *const value_labels[5] = {
	N_("very poor"), N_("poor"), N_("fair"), N_("good"), N_("very good"),
};

static void	scale_render(struct html *, const struct verdict_dist *, int,
		    enum lang);

/* One scale: its values with their counts, or why they are not shown. */
static void
scale_render(struct html *out, const struct verdict_dist *d, int response,
    enum lang lang)
{
	struct tmpl_vars	tv, vv;
	struct html		values;
	int			i;

	tv_init(&tv);
	tv_init(&vv);
	html_init(&values);
	for (i = 0; d->shown && i < 5; i++) {
		tv_reset(&vv);
		tv_textf(&vv, "value", "%d", i + 1);
		tv_text(&vv, "label", T(lang, value_labels[i]));
		tv_textf(&vv, "count", "%d", d->n[i]);
		tv_textf(&vv, "step", "%d", d->answers > 0 ?
		    (100 * d->n[i] / d->answers + 2) / 5 * 5 : 0);
		tmpl_render(&values, tpl("fragments.verdict_value"), &vv, lang);
	}
	tv_text(&tv, "response", response ? "1" : "");
	tv_text(&tv, "shown", d->shown ? "1" : "");
	tv_textf(&tv, "answers", "%d", d->answers);
	tv_text(&tv, "has_answers", d->answers > 0 ? "1" : "");
	page_verdict_mean(&tv, "mean", d->mean, lang);
	tv_html(&tv, "values", &values);
	tmpl_render(out, tpl("fragments.verdict_scale"), &tv, lang);
	html_free(&values);
	tv_free(&vv);
	tv_free(&tv);
}

void
page_verdict_mean(struct tmpl_vars *tv, const char *name, const char *mean,
    enum lang lang)
{
	char	m[8], *dot;

	snprintf(m, sizeof(m), "%s", mean);
	/* Finnish and Swedish write a decimal comma. */
	if (lang != LANG_EN && (dot = strchr(m, '.')) != NULL)
		*dot = ',';
	tv_text(tv, name, m);
}

void
page_verdict(struct html *out, const struct verdict_summary *s,
    const struct html *comments, int min, enum lang lang)
{
	struct tmpl_vars	tv;
	struct html		scales;

	tv_init(&tv);
	html_init(&scales);
	scale_render(&scales, &s->scale[VERDICT_RESPONSE], 1, lang);
	scale_render(&scales, &s->scale[VERDICT_PROGRESS], 0, lang);
	tv_html(&tv, "scales", &scales);
	if (comments != NULL && html_len(comments) > 0)
		tv_html(&tv, "comments", comments);
	tv_textf(&tv, "min", "%d", min);
	tmpl_render(out, tpl("fragments.verdict"), &tv, lang);
	html_free(&scales);
	tv_free(&tv);
}

void
page_verdict_short(struct html *out, const struct verdict_summary *s,
    enum lang lang)
{
	const struct verdict_dist	*r = &s->scale[VERDICT_RESPONSE];
	const struct verdict_dist	*p = &s->scale[VERDICT_PROGRESS];
	struct tmpl_vars		 tv;

	if (!r->shown && !p->shown)
		return;
	tv_init(&tv);
	if (r->shown)
		page_verdict_mean(&tv, "response", r->mean, lang);
	if (p->shown)
		page_verdict_mean(&tv, "progress", p->mean, lang);
	tv_text(&tv, "both", r->shown && p->shown ? "1" : "");
	tv_textf(&tv, "answers", "%d", r->answers > p->answers ? r->answers :
	    p->answers);
	tmpl_render(out, tpl("fragments.verdict_short"), &tv, lang);
	tv_free(&tv);
}
