/*
 * A form's text fields on its page: each one's label, hint, message and
 * input or text area, made from the form's own table (its name, whether
 * it is required, its limit), so that a limit is written once and no
 * page writes the markup of a field out again.
 */
#ifndef TOTEUMA_FIELDS_H
#define TOTEUMA_FIELDS_H

#include <stddef.h>

#include "form.h"
#include "i18n.h"

struct html;
struct tmpl_vars;

/* How one field of a form is shown. */
struct field_view {
	int		 field;		/* its index in the form's table */
	const char	*label;		/* msgid */
	const char	*hint;		/* msgid, or NULL */
	const char	*empty_hint;	/* msgid of the hint while the value is
					   empty (a translation not made yet),
					   or NULL */
	const char	*lang;		/* the language typed in, or NULL */
	int		 rows;		/* a text area's; 0: one line */
	const char	*id;		/* the element's id; NULL: the name */
	int		 required;	/* shown as required, though the table
					   says so only of some (a new one's) */
	const char	*type;		/* an input's type ("email") or NULL */
	int		 chars;		/* its maxlength, where the form checks
					   the value itself (a password's
					   bytes, a text's characters after
					   trimming); 0: the table's */
	int		 minchars;	/* the fewest it takes, or 0 */
	const char	*hint_id;	/* a hint of the page's that tells of
					   it too, or NULL */
	const char	*autocomplete;	/* what the browser may fill in */
	const char	*inputmode;	/* the keyboard ("numeric"), or NULL */
};

/* The digits of a whole number up to n: a numeric field's length. */
#define FIELD_DIGITS(n)							\
	((n) < 10 ? 1 : (n) < 100 ? 2 : (n) < 1000 ? 3 : (n) < 10000 ? 4 : 5)
/* A whole number of at most max, typed on a keyboard of digits. */
#define FIELD_NUMBER(max)						\
	.inputmode = "numeric", .chars = FIELD_DIGITS(max)

/* A month as people write it (3/2025), and the hint that says so. */
#define FIELD_MONTH	.inputmode = "numeric", .autocomplete = "off"
#define FIELD_MONTH_HINT	N_("Month and year, for example 3/2025.")

/*
 * The views of a text in Finnish, Swedish and English: fields first,
 * first + 1 and first + 2, labelled fi, sv and en (msgids), in text
 * areas of that many lines (0: in one-line inputs).
 */
#define FIELD_VIEWS_FI_SV_EN(first, fi, sv, en, lines)			\
	{ .field = (first), .label = fi, .lang = "fi", .rows = lines },	\
	{ .field = (first) + 1, .label = sv, .lang = "sv", .rows = lines }, \
	{ .field = (first) + 2, .label = en, .lang = "en", .rows = lines }

/* The same of a text's translations alone: fields first and first + 1. */
#define FIELD_VIEWS_SV_EN(first, sv, en, lines)				\
	{ .field = (first), .label = sv, .lang = "sv", .rows = lines },	\
	{ .field = (first) + 1, .label = en, .lang = "en", .rows = lines }

/* An empty translation's hint: what its readers see instead. */
#define FIELD_UNTRANSLATED	N_("Not translated yet: readers of this " \
	"language see the Finnish text.")

/* The same, each saying FIELD_UNTRANSLATED while it is empty. */
#define FIELD_VIEWS_SV_EN_UNTRANSLATED(first, sv, en, lines)		\
	{ .field = (first), .label = sv, .lang = "sv", .rows = lines,	\
	  .empty_hint = FIELD_UNTRANSLATED },				\
	{ .field = (first) + 1, .label = en, .lang = "en", .rows = lines, \
	  .empty_hint = FIELD_UNTRANSLATED }

/*
 * A field's message (msgid) in lang into out, %name% in it (the field's
 * name) standing for value, what was typed (NULL: nothing), escaped.
 */
void	field_message(struct html *out, const char *name, const char *value,
	    const char *msgid, enum lang);

/* A table of views and its length, as fields_html() takes them. */
#define FIELD_VIEWS(views)	(views), (sizeof(views) / sizeof((views)[0]))

/*
 * The n fields of views, in that order, as one fragment: template
 * variable var of tv. values holds each field's value by its index in
 * fields (NULL: all empty, a form not yet filled in); f, when it was
 * read from a POST (f->fields set), each one's message, shown beside
 * it, in which %name% (the field's name) stands for what was typed.
 */
void	fields_html(struct tmpl_vars *tv, const char *var,
	    const struct form_field *fields, const struct field_view *views,
	    size_t n, const char *const *values, const struct form *f,
	    enum lang);

#endif
