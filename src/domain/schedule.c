/* Schedule parsing and formatting; see schedule.h. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "schedule.h"

static const char *continuous_words[] = {
	"jatkuvaa", "jatkuva", "jatkuvasti", "pysyvä", "continuous",
	"ongoing", "fortlöpande", "kontinuerlig", NULL
};

static const char	*skip_space(const char *);
static const char	*parse_month(const char *, int *, int *, int *);
static const char	*skip_dash(const char *);
static int		 month_valid(int, int, struct msg *);

static const char *
skip_space(const char *p)
{
	for (;;) {
		if (*p == ' ' || *p == '\t')
			p++;
		else if (strncmp(p, "\xc2\xa0", 2) == 0)	/* NBSP */
			p += 2;
		else
			return p;
	}
}

/* "M/YYYY" or "MM/YYYY". Sets *looked when it had that shape. */
static const char *
parse_month(const char *p, int *month, int *year, int *looked)
{
	int	m = 0, y = 0, i;

	if (!isdigit((unsigned char)p[0]))
		return NULL;
	for (i = 0; i < 2 && isdigit((unsigned char)*p); i++)
		m = m * 10 + (*p++ - '0');
	if (*p != '/')
		return NULL;
	p++;
	for (i = 0; i < 4; i++) {
		if (!isdigit((unsigned char)*p))
			return NULL;
		y = y * 10 + (*p++ - '0');
	}
	if (isdigit((unsigned char)*p))
		return NULL;
	*looked = 1;
	*month = m;
	*year = y;
	return p;
}

/* '-', en dash or em dash. */
/*
 * A schedule's month (of year; both 0 when it has none) is 1 to 12:
 * 0, or -1 with why.
 */
static int
month_valid(int month, int year, struct msg *why)
{
	char	num[16];

	if ((month == 0 && year == 0) || (month >= 1 && month <= 12))
		return 0;
	snprintf(num, sizeof(num), "%d", month);
	msg_set(why, N_("month %a% is not between 1 and 12"), num, NULL);
	return -1;
}

static const char *
skip_dash(const char *p)
{
	if (*p == '-')
		return p + 1;
	if (strncmp(p, "\xe2\x80\x93", 3) == 0 ||
	    strncmp(p, "\xe2\x80\x94", 3) == 0)
		return p + 3;
	return NULL;
}

/*
 * The forms people write, tried in turn on one cursor ("Jatkuvaa",
 * "10/2024", "10/2024 – 3/2026", "2025", free text): a parser
 * kept in one piece so that the order of the attempts reads top to
 * bottom.
 */
int
schedule_parse(const char *s, struct schedule *sc, struct msg *why)
{
	const char	*p, *q;
	int		 m1 = 0, y1 = 0, m2 = 0, y2 = 0, looked = 0, i;
	size_t		 n;

	memset(sc, 0, sizeof(*sc));
	p = skip_space(s);
	n = strlen(p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n == 0) {
		sc->kind = SCHEDULE_NONE;
		return 0;
	}
	for (i = 0; continuous_words[i] != NULL; i++) {
		if (strlen(continuous_words[i]) == n &&
		    strncasecmp(p, continuous_words[i], n) == 0) {
			sc->kind = SCHEDULE_CONTINUOUS;
			return 0;
		}
	}
	/* Capitalised Finnish words: compare the rest after the first. */
	if (n == 8 && (p[0] == 'J') && strncmp(p + 1, "atkuvaa", 7) == 0) {
		sc->kind = SCHEDULE_CONTINUOUS;
		return 0;
	}

	sc->kind = SCHEDULE_TEXT;
	if ((q = parse_month(p, &m1, &y1, &looked)) != NULL) {
		q = skip_space(q);
		if (*q == '\0') {
			/* "3/2026": the month it is due. */
			sc->kind = SCHEDULE_MONTHS;
			sc->end_month = m1;
			sc->end_year = y1;
		} else if ((q = skip_dash(q)) != NULL) {
			q = skip_space(q);
			if (*q == '\0') {
				sc->kind = SCHEDULE_MONTHS;
				sc->start_month = m1;
				sc->start_year = y1;
			} else if ((q = parse_month(q, &m2, &y2,
			    &looked)) != NULL && *skip_space(q) == '\0') {
				sc->kind = SCHEDULE_MONTHS;
				sc->start_month = m1;
				sc->start_year = y1;
				sc->end_month = m2;
				sc->end_year = y2;
			}
		}
	}
	if (sc->kind != SCHEDULE_MONTHS)
		return 0;
	if (month_valid(sc->start_month, sc->start_year, why) == -1 ||
	    month_valid(sc->end_month, sc->end_year, why) == -1)
		return -1;
	if ((sc->start_year != 0 && (sc->start_year < 1900 ||
	    sc->start_year > 2200)) || (sc->end_year != 0 &&
	    (sc->end_year < 1900 || sc->end_year > 2200))) {
		msg_set(why, N_("year must be between 1900 and 2200"), NULL,
		    NULL);
		return -1;
	}
	if (sc->start_year != 0 && sc->end_year != 0 &&
	    sc->start_year * 12 + sc->start_month >
	    sc->end_year * 12 + sc->end_month) {
		msg_set(why, N_("the schedule ends before it starts"), NULL,
		    NULL);
		return -1;
	}
	return 0;
}

void
schedule_format(const struct schedule *sc, const char *text, struct buf *b)
{
	switch (sc->kind) {
	case SCHEDULE_NONE:
		break;
	case SCHEDULE_CONTINUOUS:
		buf_puts(b, "Jatkuvaa");
		break;
	case SCHEDULE_TEXT:
		buf_puts(b, text);
		break;
	case SCHEDULE_MONTHS:
		if (sc->start_year != 0)
			buf_printf(b, "%d/%d \xe2\x80\x93", sc->start_month,
			    sc->start_year);
		if (sc->start_year != 0 && sc->end_year != 0)
			buf_putc(b, ' ');
		if (sc->end_year != 0)
			buf_printf(b, "%d/%d", sc->end_month, sc->end_year);
		break;
	}
}

static const char *kind_names[] = { "none", "months", "continuous", "text" };

const char *
schedule_kind_name(enum schedule_kind k)
{
	return kind_names[k];
}

int
schedule_kind_from_name(const char *s, enum schedule_kind *k)
{
	int	i;

	for (i = 0; i < 4; i++) {
		if (strcmp(s, kind_names[i]) == 0) {
			*k = (enum schedule_kind)i;
			return 0;
		}
	}
	return -1;
}
