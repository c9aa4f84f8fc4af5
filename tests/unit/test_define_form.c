/*
 * The admin's action form: a text, and a revision when it is defined;
 * the action's weights in the recommendations' progress.
 */
#include <string.h>

#include "define_form.h"
#include "unit.h"

static void	weights(const char *, const char *, const char *);

/* check(f, body, need_revision) */
UNIT_FORM_CHECK_WITH(define_form, define_fields, DF_COUNT)

/* The weights of body as compact JSON, or NULL with the refusal. */
static void
weights(const char *body, const char *want, const char *what)
{
	struct define_form	 f;
	json_t			*w;
	char			*got = NULL;

	memset(&f, 0, sizeof(f));
	w = define_form_weights(&f, body);
	if (w != NULL)
		got = json_dumps(w, JSON_SORT_KEYS);
	if (want == NULL) {
		CHECK_INT(w == NULL, 1, what);
		CHECK_STR(f.error, "A weight is a whole number from 1 to 100. "
		    "Nothing was saved.", what);
	} else
		CHECK_STR(got != NULL ? got : "(null)", want, what);
	free(got);
	json_decref(w);
}

int
main(void)
{
	struct define_form	 f;
	char			*body;

	CHECK_INT(check(&f, "body=Tehd%C3%A4%C3%A4n&revision=3", 1), 0,
	    "a text and a revision: no errors");
	define_form_free(&f);
	CHECK_INT(check(&f, "body=Tehd%C3%A4%C3%A4n", 0), 0, "a new action "
	    "needs no revision");
	define_form_free(&f);
	CHECK_INT(check(&f, "body=", 0), 1, "a new action without a text");
	CHECK_STR(f.error, "Describe the action. Nothing was saved.",
	    "is asked for its text only: its recommendation is the page's");
	define_form_free(&f);
	CHECK_INT(check(&f, "body=T", 1), 1, "defining needs a revision");
	CHECK_STR(f.error, "Describe the action and choose at least one "
	    "recommendation. Nothing was saved.", "the refusal");
	define_form_free(&f);
	CHECK_INT(check(&f, "body=T&revision=3x", 1), -1, "a revision that is "
	    "not a number refuses the request");
	form_free(&f.form);

	body = unit_body("revision=1&body_sv=", DEFINE_BODY_MAX + 1, "");
	CHECK_INT(check(&f, body, 1), 2, "no text, and a Swedish text of "
	    "20,001 characters");
	CHECK_STR(f.error, "Describe the action and choose at least one "
	    "recommendation. Nothing was saved.", "what is missing first");
	CHECK_STR(f.form.err[DF_BODY_SV], "The text is too long: at most "
	    "20,000 characters.", "the long text, counted in characters");
	define_form_free(&f);
	free(body);

	weights("recommendation=5&weight-5=3&weight-7=&weight-9=100",
	    "{\"5\": 3, \"9\": 100}", "weights by recommendation; an "
	    "empty one is the default");
	weights("weight-5=1", "{\"5\": 1}", "the lowest weight");
	weights("weight-5=0", NULL, "0 is refused");
	weights("weight-5=101", NULL, "101 is refused");
	weights("weight-5=-3", NULL, "a negative weight is refused");
	weights("weight-5=2.5", NULL, "a fraction is refused");
	weights("weight-5=99999999999999999999", NULL, "a huge number is "
	    "refused");
	weights("weight-x=5", NULL, "a weight of no recommendation is "
	    "refused");
	weights("body=T", "{}", "no weights: every action the default");
	CHECK_INT(DEFINE_WEIGHT_MIN <= DEFINE_WEIGHT_DEFAULT &&
	    DEFINE_WEIGHT_DEFAULT <= DEFINE_WEIGHT_MAX, 1, "the default "
	    "weight is within the limits");
	return unit_done();
}
