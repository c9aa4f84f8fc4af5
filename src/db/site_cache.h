/*
 * This worker's copy of the county's details and the statements' texts
 * (migrations/0008_site.sql), loaded again when the data version that
 * the catalogue follows changes. Every page's frame shows them.
 */
#ifndef TOTEUMA_SITE_CACHE_H
#define TOTEUMA_SITE_CACHE_H

#include "i18n.h"

enum site_page { SITE_ACCESSIBILITY, SITE_PRIVACY, SITE_PAGES };

/*
 * The county's details as a row of site (FROM site) has them, dates as
 * year-month-day and the logo's type ("" for none): what this cache
 * and the site's form read.
 */
#define SITE_COLUMNS_SQL \
	"name, name_sv, name_en, address, phone, email, website, " \
	"compliance, " \
	"to_char(statement_date, 'YYYY-MM-DD') AS statement_date, " \
	"to_char(assessed_date, 'YYYY-MM-DD') AS assessed_date, " \
	"coalesce((SELECT content_type FROM site_logo), '') AS logo_type"

struct site {
	char	*name[LANG_COUNT];	/* "" when not given */
	char	*address;
	char	*phone;
	char	*email;
	char	*website;
	char	*compliance;		/* full, partial or none */
	char	*statement_date;	/* YYYY-MM-DD */
	char	*assessed_date;
	char	*logo_type;		/* "" without a logo */
	/* The sites that may frame the embeds: "https://a.fi https://b.fi",
	 * "" for none. */
	char	*embed_origins;
	char	*text[SITE_PAGES][LANG_COUNT];
};

/*
 * The county's details for the catalogue's data version; a site of
 * empty texts when they were never loaded and the database does not
 * answer. Never NULL.
 */
const struct site *site_get(void);
/* The county's name in lang, or the Finnish one; "" when none. */
const char *site_name(const struct site *, enum lang);

#endif
