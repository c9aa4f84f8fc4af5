/* The process form: its checks, field by field, and its document. */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "process_form.h"
#include "unit.h"

static int
check(struct process_form *f, const char *title, const char *kind,
    const char *year, size_t question_chars)
{
	char	*v[PF_COUNT];

	memset(v, 0, sizeof(v));
	v[PF_TITLE] = xstrdup(title);
	v[PF_KIND] = xstrdup(kind);
	v[PF_YEAR] = xstrdup(year);
	v[PF_QUESTION] = unit_repeat("ä", question_chars);
	return FORM_TAKEN(f, process_fields, PF_COUNT, v,
	    process_form_check(f));
}

int
main(void)
{
	struct process_form	 f;
	json_t			*doc;
	const char		*bad = NULL;
	char			 slug[PROCESS_SLUG_MAX + 2];

	CHECK_INT(check(&f, "Asukaspaneeli", "resident_panel", "2024", 10), 0,
	    "a whole form: no errors");
	CHECK_INT(f.year, 2024, "the year as a number");
	CHECK_STR(f.form.v[PF_DESCRIPTION], "", "an absent field is empty");
	CHECK(unit_unpublished_year(process_form_json(&f), 2024),
	    "the document has the year and published false");
	process_form_free(&f);

	CHECK_INT(check(&f, "", "x", "1899", PROCESS_QUESTION_MAX + 1), 4,
	    "empty title, unknown kind, early year, long question: 4 errors");
	CHECK_STR(f.form.err[PF_TITLE], "Give the process a title.", "title");
	CHECK_STR(f.form.err[PF_KIND], "Choose a kind from the list.", "kind");
	CHECK_STR(f.form.err[PF_YEAR], "The year must be between 1900 and "
	    "2200.", "year");
	CHECK_STR(f.form.err[PF_QUESTION], "The text is too long: at most "
	    "2,000 characters.", "question, counted in characters not bytes");
	process_form_free(&f);

	CHECK_INT(check(&f, "T", "polis", "", PROCESS_QUESTION_MAX), 0,
	    "a question of exactly 2,000 characters and no year");
	doc = process_form_json(&f);
	CHECK(json_is_null(json_object_get(doc, "year")), "no year: null");
	json_decref(doc);
	process_form_free(&f);

	CHECK_INT(check(&f, "T", "polis", "20x4", 0), 1, "a year with a "
	    "letter is an error");
	process_form_free(&f);
	CHECK_INT(check(&f, "T", "polis", "20244", 0), 1, "five digits are "
	    "an error");
	process_form_free(&f);

	CHECK_INT(form_parse(&f.form, process_fields, PF_COUNT,
	    "title=Paneeli&kind=polis&year=2025&published=1&utm=x", &bad),
	    PARAM_OK, "a form body is read; an unknown field is ignored");
	CHECK_INT(process_form_check(&f), 0, "and is whole");
	CHECK(f.year == 2025 && f.published, "year and published are typed");
	process_form_free(&f);
	CHECK_REFUSED(&f.form, process_fields, PF_COUNT, "title=a&title=b",
	    PARAM_REPEATED, "title", "a repeated field refuses the request");

	CHECK(process_slug_valid("asukaspaneeli-2023") &&
	    process_slug_valid("a") && process_slug_valid("a-1-b"),
	    "letters and digits in runs joined by hyphens are a slug");
	CHECK(!process_slug_valid("") && !process_slug_valid("-a") &&
	    !process_slug_valid("a-") && !process_slug_valid("a--b") &&
	    !process_slug_valid("A") && !process_slug_valid("a_b") &&
	    !process_slug_valid("\xc3\xa4"), "no slug: empty, a hyphen at "
	    "an end or two together, a capital, another character");
	memset(slug, 'x', sizeof(slug));
	slug[PROCESS_SLUG_MAX] = '\0';
	CHECK(process_slug_valid(slug), "64 characters are a slug");
	slug[PROCESS_SLUG_MAX] = 'x';
	slug[PROCESS_SLUG_MAX + 1] = '\0';
	CHECK(!process_slug_valid(slug), "65 are not");
	return unit_done();
}
