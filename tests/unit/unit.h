/*
 * A minimal test harness for the C unit tests: every check prints one
 * TAP line, "ok N - what" or "not ok N - what (file:line)".
 */
#ifndef TOTEUMA_UNIT_H
#define TOTEUMA_UNIT_H

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "mem.h"

static int	unit_count, unit_failed;

static void	unit_check(int, const char *, int, const char *, ...)
		    __attribute__((format(printf, 4, 5)));

static void
unit_check(int ok, const char *file, int line, const char *fmt, ...)
{
	va_list	ap;

	unit_count++;
	printf("%s %d - ", ok ? "ok" : "not ok", unit_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (!ok) {
		printf(" (%s:%d)", file, line);
		unit_failed++;
	}
	printf("\n");
}

#define CHECK(cond, ...)	unit_check((cond) != 0, __FILE__, __LINE__, \
				    __VA_ARGS__)
#define CHECK_STR(got, want, what) do {					\
	const char *g_ = (got), *w_ = (want);				\
	unit_check(g_ != NULL && strcmp(g_, w_) == 0, __FILE__, __LINE__, \
	    "%s: expected \"%s\", got \"%s\"", (what), w_,		\
	    g_ ? g_ : "(null)");					\
} while (0)
#define CHECK_PREFIX(got, want, what) do {				\
	const char *g_ = (got), *w_ = (want);				\
	unit_check(g_ != NULL && strncmp(g_, w_, strlen(w_)) == 0,	\
	    __FILE__, __LINE__, "%s: expected \"%s...\", got \"%s\"",	\
	    (what), w_, g_ ? g_ : "(null)");				\
} while (0)
#define CHECK_INT(got, want, what) do {					\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	unit_check(g_ == w_, __FILE__, __LINE__,			\
	    "%s: expected %lld, got %lld", (what), w_, g_);		\
} while (0)

/* s n times over, as a string of its own (the caller frees it). */
static inline char *
unit_repeat(const char *s, size_t n)
{
	size_t	 len = strlen(s), i;
	char	*r = xmalloc(n * len + 1);

	for (i = 0; i < n; i++)
		memcpy(r + i * len, s, len);
	r[n * len] = '\0';
	return r;
}

/*
 * A form body of before, n characters "ä" (each %C3%A4, six bytes
 * encoded, two decoded) and after (the caller frees it).
 */
static inline char *
unit_body(const char *before, size_t n, const char *after)
{
	char	*ae = unit_repeat("%C3%A4", n);
	size_t	 len = strlen(before) + strlen(ae) + strlen(after) + 1;
	char	*r = xmalloc(len);

	snprintf(r, len, "%s%s%s", before, ae, after);
	free(ae);
	return r;
}

/*
 * A table of texts that a check of one string takes or refuses: each
 * text, whether it is valid, and what the case shows (NULL: the text
 * itself). CHECK_VALID(cases, valid) gives every text of the table
 * cases to valid(), which answers 1 for a valid text and 0 for another,
 * and checks the answer as "valid: what" or "refused: what".
 */
struct unit_valid_case {
	const char	*text;
	int		 valid;
	const char	*what;
};

static inline void
unit_check_valid(const struct unit_valid_case *c, size_t n,
    int (*valid)(const char *), const char *file, int line)
{
	const struct unit_valid_case	*end = c + n;

	for (; c < end; c++)
		unit_check(valid(c->text) == c->valid, file, line, "%s: %s",
		    c->valid ? "valid" : "refused",
		    c->what != NULL ? c->what : c->text);
}

#define CHECK_VALID(cases, valid)					\
	unit_check_valid((cases), UNIT_NCASES(cases), (valid), __FILE__, \
	    __LINE__)

/* A process's document doc (freed here) has year and is unpublished. */
static inline int
unit_unpublished_year(json_t *doc, json_int_t year)
{
	int	ok;

	ok = json_integer_value(json_object_get(doc, "year")) == year &&
	    json_is_false(json_object_get(doc, "published"));
	json_decref(doc);
	return ok;
}

/*
 * The forms' tests: a typed form *f (of size bytes) holds a struct form
 * at form. unit_read_form() empties *f and reads a request body into
 * it: 0, or -1 when the body refuses the whole request (a 400, as
 * backend_form_read() answers). unit_take_form() empties *f and gives
 * it values already parsed (n of them, NULL where absent).
 */
static inline int
unit_read_form(void *f, size_t size, struct form *form,
    const struct form_field *fields, int n, const char *body)
{
	const char	*bad = NULL;

	memset(f, 0, size);
	return form_parse(form, fields, n, body, &bad) == PARAM_OK ? 0 : -1;
}

static inline void
unit_take_form(void *f, size_t size, struct form *form,
    const struct form_field *fields, int n, char **values)
{
	memset(f, 0, size);
	form_take(form, fields, n, values);
}

/*
 * Reading body into the struct form *form refuses the whole request
 * with want (a PARAM_ error) and names field; the form is freed.
 */
#define CHECK_REFUSED(form, fields, n, body, want, field, what) do {	\
	const char *bad_ = NULL;					\
	CHECK_INT(form_parse((form), (fields), (n), (body), &bad_), (want), \
	    (what));							\
	CHECK_STR(bad_, (field), "and names the field");		\
	form_free(form);						\
} while (0)

/*
 * The typed form *f read from body and then checked by the expression
 * check (its number of errors), or -1 when the body refuses the request.
 */
#define FORM_CHECKED(f, fields, n, body, check)				\
	(unit_read_form((f), sizeof(*(f)), &(f)->form, (fields), (n),	\
	    (body)) == 0 ? (check) : -1)
/* The same from values already parsed: check's number of errors. */
#define FORM_TAKEN(f, fields, n, values, check)				\
	(unit_take_form((f), sizeof(*(f)), &(f)->form, (fields), (n),	\
	    (values)), (check))

/*
 * One status of a test's list (struct status, status.h): its id, code,
 * labels in Finnish, Swedish and English, whether final and position;
 * no meaning, colour or progress.
 */
#define UNIT_STATUS(i, c, fi, sv, en, final, pos)			\
	{ .id = (i), .code = c, .label = { fi, sv, en },		\
	    .is_final = (final), .position = (pos) }

/*
 * UNIT_FORM_CHECK(name, fields, n) defines the test's check(f, body):
 * the form struct name read from body and checked by name_check(f).
 * UNIT_FORM_CHECK_WITH defines check(f, body, arg) for a check that
 * takes one int more (name_check(f, arg)). Either answers the number
 * of errors, or -1 when the body refuses the request.
 */
#define UNIT_FORM_CHECK(name, fields, n)				\
static int								\
check(struct name *f, const char *body)					\
{									\
	return FORM_CHECKED(f, fields, n, body, name##_check(f));	\
}
#define UNIT_FORM_CHECK_WITH(name, fields, n)				\
static int								\
check(struct name *f, const char *body, int arg)			\
{									\
	return FORM_CHECKED(f, fields, n, body, name##_check(f, arg));	\
}

/*
 * A form test as a table of cases: each body read by check(), the
 * number of errors it gives (-1: the body refuses the request), what
 * the case shows, and up to UNIT_FORM_MSGS messages expected, each on
 * a field of the form (its err[] index) or, for UNIT_PAGE, the one the
 * page shows above the form.
 */
#define UNIT_FORM_MSGS	4
#define UNIT_PAGE	(-1)

struct unit_form_msg {
	int		 field;
	const char	*msg;
	const char	*what;
};

struct unit_form_case {
	const char		*body;
	int			 arg;
	int			 errors;
	const char		*what;
	struct unit_form_msg	 msgs[UNIT_FORM_MSGS];
};

/*
 * UNIT_FORM_CASES(name, call, page) defines run_cases(c, n): each case
 * c of n read into a struct name f by the expression call, its
 * messages compared, the form freed. call and page are expressions of
 * f and c: call answers the number of errors (check(f, c->body), or
 * check(f, c->body, c->arg) for a check that takes one int more), page
 * the page's message (or NULL for a form that has none).
 */
#define UNIT_FORM_CASES(name, call, page)				\
static void								\
run_cases(const struct unit_form_case *c, size_t n)			\
{									\
	struct name			 form_, *f = &form_;		\
	const struct unit_form_case	*end = c + n;			\
	const struct unit_form_msg	*m;				\
									\
	for (; c < end; c++) {						\
		CHECK_INT((call), c->errors, c->what);			\
		for (m = c->msgs; m < c->msgs + UNIT_FORM_MSGS &&	\
		    m->msg != NULL; m++)				\
			CHECK_STR(m->field == UNIT_PAGE ? (page) :	\
			    f->form.err[m->field], m->msg, m->what);	\
		name##_free(f);						\
	}								\
}
#define UNIT_NCASES(cases)	(sizeof(cases) / sizeof((cases)[0]))

static int
unit_done(void)
{
	printf("1..%d\n", unit_count);
	return unit_failed > 0 ? 1 : 0;
}

#endif
