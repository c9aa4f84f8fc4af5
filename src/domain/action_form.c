/* See action_form.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "action_form.h"
#include "i18n.h"
#include "search.h"
#include "utf8.h"

static int	check_link(const char *, size_t);
static void	check_schedule(struct action_form *);
static void	check_date(struct action_form *, int, char *, size_t);
static void	check_links(struct action_form *);
static void	check_correction(struct action_form *);
static int	evidence_line(const char **, const char **, size_t *);
static int	check_all(struct action_form *);

/*
 * A text of the action in one language, at most ACTION_TEXT_MAX; the
 * page draws it with its message (fields_html), in no variable.
 */
#define TEXT(name) { name, NULL, ACTION_TEXT_MAX, 0, PARAM_MULTILINE,	\
	    N_("The text is too long: at most 20,000 characters."), NULL, \
	    NULL }
/* A value of at most bytes, checked by the form's own rules. */
#define VALUE(name, err, bytes, flags, check)				\
	{ name, err, 0, bytes, flags, NULL, NULL, check }

/*
 * The texts, months and dates the page draws with fields_html() have no
 * variable of their own for a message (NULL). The schedule in words and the
 * correction's reason count only with their kind of schedule and a
 * ticked correction: their characters are checked then
 * (check_schedule, check_correction).
 */
const struct form_field action_fields[AF_COUNT] = {
	[AF_STATUS] = VALUE("status", "err_status", 32, 0, NULL),
	[AF_STATUS_NOTE] = TEXT("status_note"),
	[AF_SCHEDULE_KIND] = VALUE("schedule_kind", "err_schedule_kind", 16,
	    0, NULL),
	[AF_START] = VALUE("start", NULL, FORM_MONTH_BYTES, 0, NULL),
	[AF_END] = VALUE("end", NULL, FORM_MONTH_BYTES, 0, NULL),
	[AF_SCHEDULE_TEXT] = VALUE("schedule_text", NULL,
	    PARAM_BYTES(ACTION_SCHEDULE_TEXT_MAX), 0, NULL),
	[AF_ACTUAL_START] = VALUE("actual_start", NULL,
	    FORM_MONTH_BYTES, 0, NULL),
	[AF_ACTUAL_END] = VALUE("actual_end", NULL,
	    FORM_MONTH_BYTES, 0, NULL),
	[AF_INFO] = TEXT("info"),
	[AF_EVIDENCE] = VALUE("evidence", NULL, ACTION_LINKS_MAX *
	    (ACTION_LINK_MAX + 2), PARAM_MULTILINE, NULL),
	[AF_STATUS_NOTE_SV] = TEXT("status_note_sv"),
	[AF_STATUS_NOTE_EN] = TEXT("status_note_en"),
	[AF_INFO_SV] = TEXT("info_sv"),
	[AF_INFO_EN] = TEXT("info_en"),
	[AF_REASON] = VALUE("reason", "err_reason", 9, 0, param_is_digits),
	[AF_CORRECTION] = VALUE("correction", "err_correction", 1, 0, NULL),
	[AF_CORRECTION_REASON] = VALUE("correction_reason", NULL,
	    PARAM_BYTES(CORRECTION_MAX), PARAM_MULTILINE, NULL),
	[AF_REVISION] = VALUE("revision", "err_revision", 9, 0,
	    param_is_digits),
	[AF_CSRF] = FORM_CSRF,
};


int
form_month(const char *s, int *month, int *year, const char **why)
{
	int	m, y, n = 0;

	while (isspace((unsigned char)*s))
		s++;
	if (sscanf(s, "%4d-%2d%n", &y, &m, &n) == 2 && n == 7 &&
	    s[4] == '-')
		;
	else if (n = 0, sscanf(s, "%2d/%4d%n", &m, &y, &n) == 2 &&
	    isdigit((unsigned char)s[0]))
		;
	else {
		*why = N_("Write the month as month/year, for example "
		    "3/2025.");
		return -1;
	}
	while (isspace((unsigned char)s[n]))
		n++;
	if (s[n] != '\0') {
		*why = N_("Write the month as month/year, for example "
		    "3/2025.");
		return -1;
	}
	if (m < 1 || m > 12) {
		*why = N_("The month must be between 1 and 12.");
		return -1;
	}
	if (y < 1900 || y > 2200) {
		*why = N_("The year must be between 1900 and 2200.");
		return -1;
	}
	*month = m;
	*year = y;
	return 0;
}

int
form_date(const char *s, const char **why)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	y, m, d, i;

	for (i = 0; i < 10; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' :
		    !isdigit((unsigned char)s[i]))
			break;
	if (i != 10 || s[10] != '\0') {
		*why = N_("Write the date as year-month-day, for example "
		    "2025-03-31.");
		return -1;
	}
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 ||
	    d > days[m - 1] || (m == 2 && d == 29 &&
	    !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))) {
		*why = N_("There is no such date.");
		return -1;
	}
	return 0;
}

/* An absolute http(s) address with a host and no spaces. */
static int
check_link(const char *s, size_t len)
{
	size_t	i, p;

	if (len > 8 && strncasecmp(s, "https://", 8) == 0)
		p = 8;
	else if (len > 7 && strncasecmp(s, "http://", 7) == 0)
		p = 7;
	else
		return -1;
	if (s[p] == '/' || s[p] == '?' || s[p] == '#')
		return -1;
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == '"' || s[i] == '<' ||
		    s[i] == '>' || s[i] == '\\' || s[i] == 0x7f)
			return -1;
	return 0;
}

/* The planned schedule: months, a text, continuous or none. */
static void
check_schedule(struct action_form *f)
{
	struct form	*fm = &f->form;
	char		**v = fm->v;
	const char	*why;

	if (schedule_kind_from_name(v[AF_SCHEDULE_KIND], &f->kind) == -1) {
		form_fail(fm, AF_SCHEDULE_KIND, N_("Choose how the schedule "
		    "is given."));
		f->kind = SCHEDULE_NONE;
	}
	if (f->kind == SCHEDULE_MONTHS) {
		if (v[AF_START][0] != '\0' && form_month(v[AF_START],
		    &f->start_month, &f->start_year, &why) == -1)
			form_fail(fm, AF_START, why);
		if (v[AF_END][0] != '\0' && form_month(v[AF_END],
		    &f->end_month, &f->end_year, &why) == -1)
			form_fail(fm, AF_END, why);
		if (v[AF_START][0] == '\0' && v[AF_END][0] == '\0')
			form_fail(fm, AF_START, N_("Give a start month, an end "
			    "month or both."));
		if (f->start_year != 0 && f->end_year != 0 &&
		    f->end_year * 12 + f->end_month <
		    f->start_year * 12 + f->start_month)
			form_fail(fm, AF_END, N_("The end is before the "
			    "start."));
	}
	if (f->kind == SCHEDULE_TEXT) {
		if (v[AF_SCHEDULE_TEXT][0] == '\0')
			form_fail(fm, AF_SCHEDULE_TEXT, N_("Write the schedule "
			    "as text, or choose another kind of schedule."));
		else if (utf8_chars(v[AF_SCHEDULE_TEXT]) >
		    ACTION_SCHEDULE_TEXT_MAX)
			form_fail(fm, AF_SCHEDULE_TEXT, N_("The text is too "
			    "long: at most 200 characters."));
	}
}

/* A date the action actually started or ended, into out. */
static void
check_date(struct action_form *f, int i, char *out, size_t outlen)
{
	const char	*why;

	if (f->form.v[i][0] == '\0')
		return;
	if (form_date(f->form.v[i], &why) == -1)
		form_fail(&f->form, i, why);
	else
		snprintf(out, outlen, "%s", f->form.v[i]);
}

/*
 * The line of the evidence at *pos without the white space around it,
 * as *line and *len, and *pos past it: 0 when there is none left.
 */
static int
evidence_line(const char **pos, const char **line, size_t *len)
{
	const char	*p = *pos, *e;
	size_t		 n;

	if (*p == '\0')
		return 0;
	e = strchr(p, '\n');
	if (e == NULL)
		e = p + strlen(p);
	*pos = *e ? e + 1 : e;
	while (p < e && isspace((unsigned char)*p))
		p++;
	n = (size_t)(e - p);
	while (n > 0 && isspace((unsigned char)p[n - 1]))
		n--;
	*line = p;
	*len = n;
	return 1;
}

/* The evidence: one web address per line; the last line's word stands. */
static void
check_links(struct action_form *f)
{
	const char	*pos = f->form.v[AF_EVIDENCE], *p, *why = NULL;
	size_t		 len;
	int		 nlinks = 0;

	while (evidence_line(&pos, &p, &len)) {
		if (len == 0)
			continue;
		if (++nlinks > ACTION_LINKS_MAX)
			why = N_("At most 20 links.");
		else if (len > ACTION_LINK_MAX || check_link(p, len) == -1)
			why = N_("Each line must be one web address starting "
			    "with https:// or http://.");
	}
	form_fail(&f->form, AF_EVIDENCE, why);
}

/* A save marked as a correction says why; its reason is kept only then. */
static void
check_correction(struct action_form *f)
{
	char	**v = f->form.v;

	if (strcmp(v[AF_CORRECTION], "1") != 0) {
		v[AF_CORRECTION][0] = '\0';
		v[AF_CORRECTION_REASON][0] = '\0';
		return;
	}
	if (v[AF_CORRECTION_REASON][0] == '\0')
		form_fail(&f->form, AF_CORRECTION_REASON, N_("Say what was "
		    "corrected and why."));
	else if (utf8_chars(v[AF_CORRECTION_REASON]) > CORRECTION_MAX)
		form_fail(&f->form, AF_CORRECTION_REASON, N_("The reason is "
		    "too long: at most 500 characters."));
}

/* The form's own checks of the values in f->form. */
static int
check_all(struct action_form *f)
{
	check_schedule(f);
	check_date(f, AF_ACTUAL_START, f->actual_start,
	    sizeof(f->actual_start));
	check_date(f, AF_ACTUAL_END, f->actual_end, sizeof(f->actual_end));
	if (f->actual_start[0] != '\0' && f->actual_end[0] != '\0' &&
	    strcmp(f->actual_end, f->actual_start) < 0)
		form_fail(&f->form, AF_ACTUAL_END, N_("The end is before the "
		    "start."));
	check_links(f);
	check_correction(f);
	if (f->form.v[AF_REVISION][0] == '\0')
		form_fail(&f->form, AF_REVISION, N_("The form is incomplete. "
		    "Open the action again."));
	else
		f->revision = atoi(f->form.v[AF_REVISION]);
	return f->form.nerr;
}

int
action_form_check(struct action_form *f, char **values)
{
	memset(f, 0, sizeof(*f));
	/* The texts' characters: action_fields. */
	form_take(&f->form, action_fields, AF_COUNT, values);
	return check_all(f);
}

enum param_error
action_form_parse(struct action_form *f, const char *body, const char **bad)
{
	enum param_error	e;

	memset(f, 0, sizeof(*f));
	if ((e = form_parse(&f->form, action_fields, AF_COUNT, body, bad)) ==
	    PARAM_OK)
		check_all(f);
	return e;
}

void
action_form_check_status(struct action_form *f,
    const struct status_list *statuses)
{
	const struct status	*st = NULL;
	char			**v = f->form.v;

	if (v[AF_STATUS][0] != '\0' && (st = status_by_code(statuses,
	    v[AF_STATUS])) == NULL)
		form_fail(&f->form, AF_STATUS, N_("Choose a status from the "
		    "list."));
	if (st != NULL && st->progress < 0) {
		if (v[AF_REASON][0] == '\0')
			form_fail(&f->form, AF_REASON, N_("Choose why the "
			    "action will not be done."));
	} else if (v[AF_REASON][0] != '\0') {
		free(v[AF_REASON]);
		v[AF_REASON] = xstrdup("");
	}
}

FORM_FREE_DEFINE(action_form);

static json_t *
month_or_null(int month, int year)
{
	char	s[16];

	if (year == 0)
		return json_null();
	snprintf(s, sizeof(s), "%04d-%02d-01", year, month);
	return json_string(s);
}

void
action_schedule_json(json_t *o, const struct schedule *sc, const char *text)
{
	json_object_set_new(o, "schedule_kind", json_string(
	    schedule_kind_name(sc->kind)));
	json_object_set_new(o, "schedule_start", sc->kind == SCHEDULE_MONTHS ?
	    month_or_null(sc->start_month, sc->start_year) : json_null());
	json_object_set_new(o, "schedule_end", sc->kind == SCHEDULE_MONTHS ?
	    month_or_null(sc->end_month, sc->end_year) : json_null());
	json_object_set_new(o, "schedule_text", json_string(
	    sc->kind == SCHEDULE_TEXT ? text : ""));
}

json_t *
action_form_json(const struct action_form *f)
{
	json_t		*o, *links;
	const char	*pos = f->form.v[AF_EVIDENCE], *p;
	size_t		 len;
	struct schedule	 sc = { .kind = f->kind,
			    .start_year = f->start_year,
			    .start_month = f->start_month,
			    .end_year = f->end_year,
			    .end_month = f->end_month };

	o = json_object();
	json_object_set_new(o, "status", f->form.v[AF_STATUS][0] != '\0' ?
	    json_string(f->form.v[AF_STATUS]) : json_null());
	json_object_set_new(o, "status_note", json_string(
	    f->form.v[AF_STATUS_NOTE]));
	action_schedule_json(o, &sc, f->form.v[AF_SCHEDULE_TEXT]);
	json_object_set_new(o, "actual_start", f->actual_start[0] ?
	    json_string(f->actual_start) : json_null());
	json_object_set_new(o, "actual_end", f->actual_end[0] ?
	    json_string(f->actual_end) : json_null());
	json_object_set_new(o, "info", json_string(f->form.v[AF_INFO]));
	json_object_set_new(o, "status_note_sv", json_string(
	    f->form.v[AF_STATUS_NOTE_SV]));
	json_object_set_new(o, "status_note_en", json_string(
	    f->form.v[AF_STATUS_NOTE_EN]));
	json_object_set_new(o, "info_sv", json_string(f->form.v[AF_INFO_SV]));
	json_object_set_new(o, "info_en", json_string(f->form.v[AF_INFO_EN]));
	links = json_array();
	while (evidence_line(&pos, &p, &len))
		if (len > 0)
			json_array_append_new(links, json_stringn(p, len));
	json_object_set_new(o, "evidence", links);
	json_object_set_new(o, "reason_category", f->form.v[AF_REASON][0] ?
	    json_integer(atoi(f->form.v[AF_REASON])) : json_null());
	if (f->form.v[AF_CORRECTION][0] != '\0')
		json_object_set_new(o, "correction", json_string(
		    f->form.v[AF_CORRECTION_REASON]));
	return o;
}

char *
action_form_document(const struct action_form *f, const char *body)
{
	struct strset	 terms = { NULL, 0, 0 };
	json_t		*doc, *lex;
	char		*docs;
	size_t		 i;

	search_terms(body, &terms);
	search_terms(f->form.v[AF_STATUS_NOTE], &terms);
	search_terms(f->form.v[AF_INFO], &terms);
	if (f->kind == SCHEDULE_TEXT)
		search_terms(f->form.v[AF_SCHEDULE_TEXT], &terms);
	strset_finish(&terms);
	doc = action_form_json(f);
	lex = json_array();
	for (i = 0; i < terms.count; i++)
		json_array_append_new(lex, json_string(terms.items[i]));
	json_object_set_new(doc, "lexemes", lex);
	docs = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	strset_free(&terms);
	return docs;
}
