/*
 * The panel member's rating form and the admins' verdict form: ratings
 * 1-5 or none, comments counted in characters, fields of no form of
 * ours refusing the request, the admin's operations and their values.
 */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "verdict_form.h"
#include "unit.h"

/* A body with recommendation 7's comment (of "ä" after it). */
#define COMMENT_7	"csrf=t&response-7=3&comment-7="

static void
member(void)
{
	struct verdict_form		 vf;
	const struct verdict_item	*it;
	char				*body, *doc;

	CHECK_INT(verdict_form_read(&vf, "csrf=abc&response-7=4&progress-7="
	    "&comment-7=%3Cb%3Ehi%3C%2Fb%3E%0D%0Aok&response-9=1"), 0,
	    "a form of two recommendations is read");
	CHECK_INT(vf.n, 2, "two items");
	CHECK_INT(vf.nerr, 0, "no messages");
	CHECK_STR(vf.csrf, "abc", "the token");
	it = verdict_form_item(&vf, 7);
	CHECK(it != NULL && it->response == 4 && it->progress == VERDICT_NONE,
	    "response 4, progress not given");
	CHECK_STR(it ? it->comment : NULL, "<b>hi</b>\nok",
	    "the comment as typed, CRLF made LF");
	doc = verdict_form_doc(&vf);
	CHECK_STR(doc, "[{\"rec\":7,\"comment\":\"<b>hi</b>\\nok\","
	    "\"response\":4,\"progress\":null},"
	    "{\"rec\":9,\"comment\":\"\",\"response\":1,"
	    "\"progress\":null}]", "the document for verdict_save()");
	free(doc);
	verdict_form_free(&vf);

	CHECK_INT(verdict_form_read(&vf, "response-7=6&progress-8=0"), 0,
	    "ratings outside 1-5 are read");
	CHECK_INT(vf.nerr, 2, "and each has a message");
	CHECK_STR(vf.items[0].err_rating, "Choose a rating from 1 to 5, or no "
	    "rating.", "which says what is allowed");
	verdict_form_free(&vf);

	body = unit_body(COMMENT_7, VERDICT_COMMENT_MAX, "");
	CHECK_INT(verdict_form_read(&vf, body), 0, "1,000 characters");
	CHECK_INT(vf.nerr, 0, "are allowed (counted in characters)");
	verdict_form_free(&vf);
	free(body);
	body = unit_body(COMMENT_7, VERDICT_COMMENT_MAX + 1, "");
	CHECK_INT(verdict_form_read(&vf, body), 0, "1,001 characters");
	CHECK_STR(vf.items[0].err_comment, "The comment is too long: at most "
	    "1,000 characters.", "are too many");
	verdict_form_free(&vf);
	free(body);

	CHECK_INT(verdict_form_read(&vf, "response-7=1&response-7=2"), -1,
	    "a rating given twice refuses the request");
	verdict_form_free(&vf);
	CHECK_INT(verdict_form_read(&vf, "other-7=1"), -1,
	    "a field of no form of ours refuses the request");
	verdict_form_free(&vf);
	CHECK_INT(verdict_form_read(&vf, "response-x=1"), -1,
	    "a recommendation that is not a number refuses the request");
	verdict_form_free(&vf);
}

UNIT_FORM_CHECK(verdict_admin_form, verdict_admin_fields, VA_COUNT)
UNIT_FORM_CASES(verdict_admin_form, check(f, c->body), NULL)

/* The admin's cases with nothing to see but the number of errors. */
static const struct unit_form_case admin_cases[] = {
	{ "op=issue&count=201", 0, 1, "201 links are too many", { { 0 } } },
	{ "op=issue&emails=not+one", 0, 1,
	    "something that is not an address", { { 0 } } },
	{ "op=open&closes=2030-02-30", 0, 1, "an impossible last day",
	    { { 0 } } },
	{ "op=hide&comment=5&reason=", 0, 1, "hiding without a reason",
	    { { 0 } } },
	{ "op=drop", 0, -1, "an operation of no form of ours", { { 0 } } },
	{ "op=revoke&number=x", 0, -1, "a link number that is not a number",
	    { { 0 } } },
};

static void
admin(void)
{
	struct verdict_admin_form	af;

	CHECK_INT(check(&af, "op=issue&count=12"), 0, "12 links");
	CHECK_INT(af.links, 12, "are 12");
	verdict_admin_form_free(&af);
	CHECK_INT(check(&af, "op=issue&emails=a%40example.org%0A%0A+b%40example"
	    ".org+%0A"), 0, "two addresses, one a line");
	CHECK_INT(af.links, 2, "make two links");
	CHECK_STR(af.emails[1], "b@example.org", "each address trimmed");
	verdict_admin_form_free(&af);
	CHECK_INT(check(&af, "op=hide&comment=5&reason=Nimi"), 0,
	    "hiding with a reason");
	CHECK_INT(af.comment, 5, "of comment 5");
	verdict_admin_form_free(&af);
	run_cases(admin_cases, UNIT_NCASES(admin_cases));
}

int
main(void)
{
	member();
	admin();
	return unit_done();
}
