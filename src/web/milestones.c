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

/* Which action's milestones, and whether they link to their forms. */
struct milestone_arg {
	const char	*aid;
	int		 edit;
};

/* One milestone, row i of sql, into tv. */
static void
milestone_vars(struct tmpl_vars *tv, struct kore_pgsql *sql, int i,
    enum lang lang, const void *arg)
{
	const struct milestone_arg	*ma = arg;
	int				 finnish;

	tv_text(tv, "title", db_text_lang(sql, i, "title", lang, &finnish));
	tv_text(tv, "title_lang", lang_attr(lang, finnish));
	tv_text(tv, "target", db_text(sql, i, "target"));
	tv_date(tv, "done", db_text(sql, i, "done"));
	tv_text(tv, "state", db_text(sql, i, "state"));
	tv_text(tv, "state_label", T(lang, milestone_state_label(
	    db_text(sql, i, "state"))));
	tv_text(tv, "note", db_text(sql, i, "note"));
	tv_text(tv, "note_lang", lang_attr(lang, 1));
	tv_text(tv, "url", "");
	if (ma->edit)
		tv_textf(tv, "url", "/b/a/%s/m/%s%s", ma->aid,
		    db_text(sql, i, "id"), lang_query(lang));
}

int
milestones_render(struct html *out, const char *tplname, const char *aid,
    int edit, enum lang lang)
{
	struct milestone_arg	 ma = { aid, edit };
	const char		*params[1] = { aid };

	/* The form reads the primary: what was just saved. */
	return db_render_rows(edit ? db_query : db_read, out, tpl(tplname),
	    lang, milestone_vars, &ma, MILESTONES_SQL, 1, params);
}
