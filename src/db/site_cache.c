/* The per-worker copy of the county's details; see site_cache.h. */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "catalog_cache.h"
#include "db.h"
#include "site_cache.h"

static struct site	site;
static int		loaded;
static uint64_t		loaded_version;

static void	site_free(struct site *);
static int	site_load(struct site *);
static int	texts_load(struct site *);

static const char *const page_names[SITE_PAGES] = { "accessibility",
	"privacy" };

static void
site_free(struct site *s)
{
	int	l, p;

	for (l = 0; l < LANG_COUNT; l++) {
		free(s->name[l]);
		for (p = 0; p < SITE_PAGES; p++)
			free(s->text[p][l]);
	}
	free(s->address);
	free(s->phone);
	free(s->email);
	free(s->website);
	free(s->compliance);
	free(s->statement_date);
	free(s->assessed_date);
	free(s->logo_type);
	free(s->embed_origins);
	memset(s, 0, sizeof(*s));
}

/* Empty strings everywhere: what a page shows before anything loaded. */
static void
site_empty(struct site *s)
{
	int	l, p;

	for (l = 0; l < LANG_COUNT; l++) {
		s->name[l] = xstrdup("");
		for (p = 0; p < SITE_PAGES; p++)
			s->text[p][l] = xstrdup("");
	}
	s->address = xstrdup("");
	s->phone = xstrdup("");
	s->email = xstrdup("");
	s->website = xstrdup("");
	s->compliance = xstrdup("partial");
	s->statement_date = xstrdup("");
	s->assessed_date = xstrdup("");
	s->logo_type = xstrdup("");
	s->embed_origins = xstrdup("");
}

static int
site_load(struct site *s)
{
	struct kore_pgsql	sql;
	int			rc = -1;

	if (db_read(&sql, "SELECT " SITE_COLUMNS_SQL ", "
	    "array_to_string(embed_origins, ' ') AS embed_origins "
	    "FROM site", 0, NULL) == -1 || kore_pgsql_ntuples(&sql) != 1)
		goto out;
	s->name[LANG_FI] = xstrdup(db_text(&sql, 0, "name"));
	s->name[LANG_SV] = xstrdup(db_text(&sql, 0, "name_sv"));
	s->name[LANG_EN] = xstrdup(db_text(&sql, 0, "name_en"));
	s->address = xstrdup(db_text(&sql, 0, "address"));
	s->phone = xstrdup(db_text(&sql, 0, "phone"));
	s->email = xstrdup(db_text(&sql, 0, "email"));
	s->website = xstrdup(db_text(&sql, 0, "website"));
	s->compliance = xstrdup(db_text(&sql, 0, "compliance"));
	s->statement_date = xstrdup(db_text(&sql, 0, "statement_date"));
	s->assessed_date = xstrdup(db_text(&sql, 0, "assessed_date"));
	s->logo_type = xstrdup(db_text(&sql, 0, "logo_type"));
	s->embed_origins = xstrdup(db_text(&sql, 0, "embed_origins"));
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	return rc;
}

static int
texts_load(struct site *s)
{
	struct kore_pgsql	 sql;
	const char		*page, *code;
	enum lang		 l;
	int			 i, p, rc = -1;

	if (db_read(&sql, "SELECT page, lang, body FROM site_text", 0,
	    NULL) == -1)
		goto out;
	for (i = 0; i < kore_pgsql_ntuples(&sql); i++) {
		page = db_text(&sql, i, "page");
		code = db_text(&sql, i, "lang");
		if (lang_from_code(code, strlen(code), &l) == -1)
			continue;
		for (p = 0; p < SITE_PAGES; p++)
			if (strcmp(page, page_names[p]) == 0) {
				free(s->text[p][l]);
				s->text[p][l] = xstrdup(db_text(&sql, i,
				    "body"));
			}
	}
	rc = 0;
out:
	kore_pgsql_cleanup(&sql);
	return rc;
}

const struct site *
site_get(void)
{
	const struct catalog	*c = catalog_get();
	struct site		 fresh;
	int			 l, p;

	if (loaded && (c == NULL || c->version == loaded_version))
		return &site;
	memset(&fresh, 0, sizeof(fresh));
	if (site_load(&fresh) == 0) {
		for (l = 0; l < LANG_COUNT; l++)
			for (p = 0; p < SITE_PAGES; p++)
				fresh.text[p][l] = xstrdup("");
		if (texts_load(&fresh) == 0) {
			site_free(&site);
			site = fresh;
			loaded = 1;
			loaded_version = c != NULL ? c->version : 0;
			return &site;
		}
	}
	site_free(&fresh);
	if (site.address == NULL)
		site_empty(&site);
	return &site;
}

const char *
site_name(const struct site *s, enum lang lang)
{
	return *s->name[lang] != '\0' ? s->name[lang] : s->name[LANG_FI];
}
