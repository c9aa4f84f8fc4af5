/*
 * The message catalogue: every UI string in Finnish, Swedish and English,
 * read from gettext PO files (po/fi.po, po/sv.po, po/en.po) that are
 * compiled into the program. The msgid is the English source text.
 */
#ifndef TOTEUMA_I18N_H
#define TOTEUMA_I18N_H

#include <stddef.h>

enum lang {
	LANG_FI,
	LANG_SV,
	LANG_EN,
	LANG_COUNT
};

extern const char *const lang_codes[LANG_COUNT];

/*
 * Loads the catalogue from the PO texts of each language. Every msgid
 * must have a non-empty translation in every language; otherwise returns
 * -1 and names the first missing one in err.
 */
int	i18n_load(const char *const po[LANG_COUNT], char *err, size_t errlen);
void	i18n_unload(void);
/* Index of msgid, or -1. */
int	i18n_find(const char *msgid);
const char *i18n_get(int index, enum lang);
/* Translation of msgid; the msgid itself if it is unknown. */
const char *T(enum lang, const char *msgid);
/* Marks a msgid for the catalogue tools (xgettext -kN_) where it is not
 * an argument of T(). */
#define N_(s)	(s)

int	lang_from_code(const char *, size_t, enum lang *);
size_t	i18n_count(void);
const char *i18n_msgid(int index);

#endif
