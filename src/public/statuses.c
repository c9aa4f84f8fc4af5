/*
 * The page that explains the statuses (/statuses): what each means,
 * which end an action, which count as progress and which are shown
 * apart. Linked from the table, the front page and the reports.
 */
#include <stdio.h>

#include "catalog_cache.h"
#include "pages.h"

static void	status_item(struct html *, const struct status *, enum lang);

static void
status_item(struct html *out, const struct status *st, enum lang lang)
{
	struct tmpl_vars	 tv;

	tv_init(&tv);
	tv_text(&tv, "code", st->code);
	tv_text(&tv, "label", st->label[lang]);
	tv_textf(&tv, "position", "%d", st->position);
	tv_text(&tv, "final", st->is_final ? "1" : "");
	tv_text(&tv, "meaning", st->meaning[lang]);
	tv_text(&tv, "apart", st->progress < 0 ? "1" : "");
	tv_text(&tv, "completed", st->is_final && st->progress >= 0 ?
	    "1" : "");
	if (st->progress >= 0)
		tv_textf(&tv, "progress", "%d", st->progress);
	tmpl_render(out, tpl("statuses.status"), &tv, lang);
	tv_free(&tv);
}

int
render_statuses(struct page *pg)
{
	const struct catalog	*c = catalog_get();
	struct tmpl_vars	 tv;
	struct html		 list;
	size_t			 i;

	tv_init(&tv);
	html_init(&list);
	for (i = 0; i < c->statuses.count; i++)
		status_item(&list, &c->statuses.items[i], pg->lang);
	tv_html(&tv, "statuses", &list);
	tv_textf(&tv, "home", "/%s", lang_query(pg->lang));
	page_set_title(pg, "%s",
	    T(pg->lang, "What the statuses mean"));
	buf_reset(&pg->path);
	buf_puts(&pg->path, "/statuses");
	tmpl_render(&pg->content, tpl("statuses"), &tv, pg->lang);
	html_free(&list);
	tv_free(&tv);
	return RENDER_OK;
}
