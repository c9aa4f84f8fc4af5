/*
 * The milestone form: a title required and its limits in characters,
 * the target month, the done day (a day that exists, not after today),
 * the note's limit, a removal that needs nothing else, and the document
 * action_milestone_save() takes.
 */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "milestone_form.h"
#include "unit.h"

#define TODAY	"2026-11-30"

static int
check(struct milestone_form *f, const char *body)
{
	return FORM_CHECKED(f, milestone_fields, MF_COUNT, body,
	    milestone_form_check(f, TODAY));
}

UNIT_FORM_CASES(milestone_form, check(f, c->body), NULL)

/* A milestone's body before its title, which n "ä" and then rest follow. */
#define TITLE	"csrf=t&revision=3&title="

static const struct unit_form_case cases[] = {
	{ TITLE "%C3%A4&target=12%2F2026&done=2026-12-01", 0, 1,
	    "a done day after today",
	    { { MF_DONE, "The day it was done can not be in the future.",
	    "done in the future" } } },
	{ TITLE "%C3%A4&target=12%2F2026&done=" TODAY, 0, 0,
	    "done today is fine", { { 0 } } },
	{ TITLE "&target=", 0, 2, "no title and no month",
	    { { MF_TITLE, "Give the milestone a title in Finnish.",
	    "title missing" },
	    { MF_TARGET, "Give the month by which the milestone is to be "
	    "reached.", "target missing" } } },
	{ "csrf=t&remove=1", 0, 1, "but it needs the revision", { { 0 } } },
	{ TITLE "%C3%A4&target=3%2F2025&note=x", 0, 0, "a note", { { 0 } } },
	{ "csrf=t&revision=x&title=a&target=3%2F2025", 0, -1,
	    "a revision that is not a number refuses the request", { { 0 } } },
};

/* The form read from a body of a title of n "ä" and rest. */
static int
with_title(struct milestone_form *f, size_t n, const char *rest)
{
	char	*body;
	int	 r;

	body = unit_body(TITLE, n, rest);
	r = check(f, body);
	free(body);
	return r;
}

int
main(void)
{
	struct milestone_form	 f;
	char			*doc;

	CHECK_INT(with_title(&f, MILESTONE_TITLE_MAX, "&target=3%2F2025&"
	    "done=2025-03-31&note=a%3Cb%3E"), 0, "a whole form, a title of "
	    "exactly 200 characters: no errors");
	CHECK(f.target_month == 3 && f.target_year == 2025, "the month");
	CHECK_STR(f.done, "2025-03-31", "the done day");
	CHECK_INT(f.revision, 3, "the revision");
	doc = milestone_form_document(&f);
	CHECK(doc != NULL && strstr(doc, "\"target\":\"2025-03-01\"") != NULL &&
	    strstr(doc, "\"done\":\"2025-03-31\"") != NULL &&
	    strstr(doc, "\"note\":\"a<b>\"") != NULL,
	    "the document: the month's first day, the day, the note as typed");
	free(doc);
	milestone_form_free(&f);

	CHECK_INT(with_title(&f, MILESTONE_TITLE_MAX + 1, "&target=13%2F2025&"
	    "done=2025-02-30"), 3, "a title of 201 characters, month 13, "
	    "30 February: 3 errors");
	CHECK_STR(f.form.err[MF_TITLE], "A title has at most 200 characters.",
	    "title, counted in characters");
	CHECK_STR(f.form.err[MF_TARGET], "The month must be between 1 and 12.",
	    "target");
	CHECK_STR(f.form.err[MF_DONE], "There is no such date.", "done");
	milestone_form_free(&f);

	CHECK_INT(check(&f, "csrf=t&revision=3&remove=1&title="), 0,
	    "a removal needs no title or month");
	CHECK(f.remove, "it is a removal");
	CHECK(milestone_form_document(&f) == NULL, "and has no document");
	milestone_form_free(&f);
	run_cases(cases, UNIT_NCASES(cases));
	return unit_done();
}
