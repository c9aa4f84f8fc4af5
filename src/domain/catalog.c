/* See catalog.h. */
#include "catalog.h"

const char *
cat_text(char *const texts[LANG_COUNT], enum lang lang, int *finnish)
{
	if (lang == LANG_FI || texts[lang][0] != '\0')
		return texts[lang];
	if (texts[LANG_FI][0] != '\0')
		*finnish = 1;
	return texts[LANG_FI];
}
