/* The message catalogue: complete in every language. */
#include "embedded.h"
#include "i18n.h"
#include "unit.h"

int
main(void)
{
	const char	*po[LANG_COUNT];
	char		 err[300];
	int		 l;
	size_t		 i;

	for (l = 0; l < LANG_COUNT; l++) {
		char name[8];

		snprintf(name, sizeof(name), "%s.po", lang_codes[l]);
		CHECK(embedded_find(po_files, name) != NULL, "%s is built in",
		    name);
		po[l] = (const char *)embedded_find(po_files, name)->data;
	}
	CHECK(i18n_load(po, err, sizeof(err)) == 0,
	    "fi, sv and en have the same messages, all translated: %s", err);
	CHECK(i18n_count() > 50, "the catalogue has messages (%zu)",
	    i18n_count());
	for (i = 0, l = 0; i < i18n_count(); i++)
		if (i18n_get((int)i, LANG_SV)[0] == '\0')
			l++;
	CHECK_INT(l, 0, "no empty Swedish message");
	CHECK_STR(T(LANG_SV, "Search"), "Sök", "Swedish lookup");
	CHECK_STR(T(LANG_FI, "Search"), "Hae", "Finnish lookup");
	CHECK_STR(T(LANG_EN, "Search"), "Search", "English lookup");

	{
		const char *p[LANG_COUNT] = {
			"msgid \"A\"\nmsgstr \"a\"\n"
			    "msgid \"B\"\nmsgstr \"b\"\n",
			"msgid \"A\"\nmsgstr \"a\"\n",
			"msgid \"A\"\nmsgstr \"a\"\n"
			    "msgid \"B\"\nmsgstr \"b\"\n",
		};
		CHECK(i18n_load(p, err, sizeof(err)) == -1 &&
		    strstr(err, "sv.po") != NULL &&
		    strstr(err, "\"B\"") != NULL,
		    "a message missing from sv.po is named: %s", err);
		p[1] = "msgid \"A\"\nmsgstr \"a\"\nmsgid \"B\"\nmsgstr \"\"\n";
		CHECK(i18n_load(p, err, sizeof(err)) == -1 &&
		    strstr(err, "no translation") != NULL,
		    "an empty translation is an error: %s", err);
		p[1] = "msgid \"A\"\nmsgstr \"a\" junk\n";
		CHECK(i18n_load(p, err, sizeof(err)) == -1,
		    "a broken PO file is an error: %s", err);
		p[1] = "# comment\nmsgid \"\"\nmsgstr \"header\"\n\n"
		    "msgid \"A\"\nmsgstr \"\"\n\"a \\\"q\\\"\"\n"
		    "msgid \"B\"\nmsgstr \"b\"\n";
		CHECK(i18n_load(p, err, sizeof(err)) == 0 &&
		    strcmp(T(LANG_SV, "A"), "a \"q\"") == 0,
		    "multi-line strings and escapes: %s", err);
	}
	i18n_unload();
	return unit_done();
}
