/* See reasons.h. */
#include <kore/kore.h>
#include <kore/pgsql.h>

#include <string.h>

#include "db.h"
#include "page.h"
#include "reasons.h"
#include "tmpl.h"

/* A reason category, row i of sql, as an option (arg: the selected id). */
static void
reason_option(struct tmpl_vars *tv, struct kore_pgsql *sql, int i,
    enum lang lang, const void *arg)
{
	static const char *const label[LANG_COUNT] = {
		"label_fi", "label_sv", "label_en"
	};
	const char	*selected = arg;

	tv_text(tv, "value", db_text(sql, i, "id"));
	tv_text(tv, "label", db_text(sql, i, label[lang]));
	tv_text(tv, "selected", strcmp(db_text(sql, i, "id"), selected) == 0 ?
	    "1" : "");
}

int
reason_options(struct html *out, const char *selected, enum lang lang)
{
	return db_render_rows(db_query, out, tpl("fragments.option"), lang,
	    reason_option, selected, "SELECT id, label_fi, label_sv, "
	    "label_en FROM reason_category ORDER BY position, id", 0, NULL);
}
