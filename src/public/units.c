/*
 * A responsible unit's public page (/unit/ID): its name, how many of
 * its actions each published process has and in which statuses, with
 * links to the process's table filtered to the unit, the unit's feed
 * and following it by e-mail. The counts are unit_action_counts()
 * (sql/functions/units.sql); names and titles come from the catalogue.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_cache.h"
#include "db.h"
#include "pages.h"

static void	unit_row(struct html *, const struct cat_process *,
		    long long, struct html *, long, enum lang);
static int	unit_rows(struct html *, long long, enum lang);

/* One process's row: its title, linked to its table for the unit. */
static void
unit_row(struct html *out, const struct cat_process *proc, long long unit,
    struct html *counts, long actions, enum lang lang)
{
	struct tmpl_vars	 tv;
	int			 fi = 0;

	tv_init(&tv);
	tv_text(&tv, "title", cat_text(proc->title, lang, &fi));
	tv_text(&tv, "title_lang", lang_attr(lang, fi));
	tv_textf(&tv, "url", "/p/%s?unit=%lld%s", proc->slug, unit,
	    lang_param(lang));
	tv_textf(&tv, "actions", "%ld", actions);
	tv_html(&tv, "statuses", counts);
	tmpl_render(out, tpl("unit.row"), &tv, lang);
	tv_free(&tv);
}

/* The rows of unit's processes: how many rows, or -1. */
static int
unit_rows(struct html *out, long long unit, enum lang lang)
{
	const struct catalog	*c = catalog_get();
	const struct cat_process *proc;
	const struct status	*st;
	struct kore_pgsql	 sql;
	struct tmpl_vars	 tv;
	struct html		 counts;
	const char		*params[1];
	char			 id[32];
	long long		 pid, next;
	long			 n, total = 0;
	int			 i, rows = -1, k = 0;

	snprintf(id, sizeof(id), "%lld", unit);
	params[0] = id;
	tv_init(&tv);
	html_init(&counts);
	if (db_read(&sql, "SELECT process_id, status_id, actions FROM "
	    "unit_action_counts($1)", 1, params) == -1)
		goto out;
	for (rows = 0, i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		pid = strtoll(db_text(&sql, i, "process_id"), NULL, 10);
		n = strtol(db_text(&sql, i, "actions"), NULL, 10);
		st = status_by_id(&c->statuses, atoi(db_text(&sql, i,
		    "status_id")));
		tv_reset(&tv);
		tv_text(&tv, "sep", k++ > 0 ? "1" : "");
		tv_text(&tv, "label", st != NULL ? st->label[lang] : "");
		tv_textf(&tv, "n", "%ld", n);
		tmpl_render(&counts, tpl("unit.count"), &tv, lang);
		total += n;
		next = i + 1 < kore_pgsql_ntuples(&sql) ? strtoll(db_text(&sql,
		    i + 1, "process_id"), NULL, 10) : 0;
		if (next == pid)
			continue;
		if ((proc = catalog_process_by_id(pid)) != NULL) {
			unit_row(out, proc, unit, &counts, total, lang);
			rows++;
		}
		html_free(&counts);
		html_init(&counts);
		total = 0;
		k = 0;
	}
out:
	kore_pgsql_cleanup(&sql);
	html_free(&counts);
	tv_free(&tv);
	return rows;
}

int
render_unit(struct page *pg, long long id)
{
	const struct cat_unit	*u;
	struct tmpl_vars	 tv;
	struct html		 rows;
	int			 n, fi = 0, rc = RENDER_FAILED;

	tv_init(&tv);
	html_init(&rows);
	if ((u = catalog_unit_by_id(id)) == NULL) {
		rc = RENDER_NOT_FOUND;
		goto out;
	}
	if ((n = unit_rows(&rows, id, pg->lang)) <= 0) {
		rc = n == 0 ? RENDER_NOT_FOUND : RENDER_FAILED;
		goto out;
	}
	tv_text(&tv, "name", cat_text(u->label, pg->lang, &fi));
	tv_text(&tv, "name_lang", lang_attr(pg->lang, fi));
	pg->finnish |= fi;
	tv_html(&tv, "rows", &rows);
	tv_textf(&tv, "home", "/%s", lang_query(pg->lang));
	tv_textf(&tv, "follow", "/follow?unit=%lld%s", id,
	    lang_param(pg->lang));
	snprintf(pg->feed, sizeof(pg->feed), "/unit/%lld/feed.atom%s", id,
	    lang_query(pg->lang));
	tv_text(&tv, "feed", pg->feed);
	page_set_title(pg, "%s",
	    cat_text(u->label, pg->lang, &fi));
	buf_reset(&pg->path);
	buf_printf(&pg->path, "/unit/%lld", id);
	tmpl_render(&pg->content, tpl("unit"), &tv, pg->lang);
	rc = RENDER_OK;
out:
	html_free(&rows);
	tv_free(&tv);
	return rc;
}
