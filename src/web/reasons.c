/* See reasons.h. */
#include <kore/kore.h>
#include <kore/pgsql.h>

#include <string.h>

#include "db.h"
#include "page.h"
#include "reasons.h"
#include "tmpl.h"

int
reason_options(struct html *out, const char *tplname, const char *selected,
    enum lang lang)
{
	static const char *const label[LANG_COUNT] = {
		"label_fi", "label_sv", "label_en"
	};
	struct kore_pgsql	 sql;
	struct tmpl_vars	 tv;
	int			 i, n;

	if (db_query(&sql, "SELECT id, label_fi, label_sv, label_en "
	    "FROM reason_category ORDER BY position, id", 0, NULL) == -1) {
		kore_pgsql_cleanup(&sql);
		return -1;
	}
	n = kore_pgsql_ntuples(&sql);
	tv_init(&tv);
	for (i = 0; i < n; i++) {
		tv_reset(&tv);
		tv_text(&tv, "value", db_text(&sql, i, "id"));
		tv_text(&tv, "label", db_text(&sql, i, label[lang]));
		tv_text(&tv, "selected", strcmp(db_text(&sql, i, "id"),
		    selected) == 0 ? "1" : "");
		tmpl_render(out, tpl(tplname), &tv, lang);
	}
	tv_free(&tv);
	kore_pgsql_cleanup(&sql);
	return n;
}
