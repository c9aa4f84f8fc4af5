/* See milestones.h. */
#include <kore/kore.h>
#include <kore/pgsql.h>

#include <string.h>

#include "db.h"
#include "labels.h"
#include "milestones.h"
#include "page.h"
#include "tmpl.h"

#define MILESTONES_SQL \
	"SELECT id, title, title_sv, title_en, target, " \
	"coalesce(done::text, '') AS done, note, state " \
	"FROM action_milestone_list($1)"

/* One milestone, row i of sql, into tv. */
static void
milestone_vars(struct tmpl_vars *tv, struct kore_pgsql *sql, int i,
    const char *aid, int edit, enum lang lang)
{
	const char	*title = db_text(sql, i, "title"), *t;

	t = lang == LANG_SV ? db_text(sql, i, "title_sv") : lang == LANG_EN ?
	    db_text(sql, i, "title_en") : "";
	tv_text(tv, "title", *t != '\0' ? t : title);
	tv_text(tv, "title_lang", lang != LANG_FI && *t == '\0' ? "fi" : "");
	tv_text(tv, "target", db_text(sql, i, "target"));
	tv_date(tv, "done", db_text(sql, i, "done"));
	tv_text(tv, "state", db_text(sql, i, "state"));
	tv_text(tv, "state_label", T(lang, milestone_state_label(
	    db_text(sql, i, "state"))));
	tv_text(tv, "note", db_text(sql, i, "note"));
	tv_text(tv, "note_lang", lang != LANG_FI ? "fi" : "");
	tv_text(tv, "url", "");
	if (edit)
		tv_textf(tv, "url", "/b/a/%s/m/%s%s", aid,
		    db_text(sql, i, "id"), lang_query(lang));
}

int
milestones_render(struct html *out, const char *tplname, const char *aid,
    int edit, enum lang lang)
{
	struct kore_pgsql	 sql;
	struct tmpl_vars	 tv;
	const char		*params[1] = { aid };
	int			 i, n, rc;

	rc = edit ? db_query(&sql, MILESTONES_SQL, 1, params) :
	    db_read(&sql, MILESTONES_SQL, 1, params);
	if (rc == -1) {
		kore_pgsql_cleanup(&sql);
		return -1;
	}
	n = kore_pgsql_ntuples(&sql);
	tv_init(&tv);
	for (i = 0; i < n; i++) {
		tv_reset(&tv);
		milestone_vars(&tv, &sql, i, aid, edit, lang);
		tmpl_render(out, tpl(tplname), &tv, lang);
	}
	tv_free(&tv);
	kore_pgsql_cleanup(&sql);
	return n;
}
