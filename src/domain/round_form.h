/*
 * The form that opens a reporting round (/b/rounds): its fields, each
 * limit defined once, the ticked processes, and the checks that read
 * the submitted values into a typed form or a message per field. The
 * limits are the SQL CHECKs of the round table; tests/limits.c holds
 * them against the database.
 */
#ifndef TOTEUMA_ROUND_FORM_H
#define TOTEUMA_ROUND_FORM_H

#include "form.h"

#define ROUND_TITLE_MAX		300	/* characters */
#define ROUND_MESSAGE_MAX	5000
#define ROUND_DEADLINE_BYTES	10	/* YYYY-MM-DD */
#define ROUND_PROCESSES_MAX	64	/* ticked boxes read */
#define ROUND_PROCESS_DIGITS	18	/* a process id's digits */

/* RF_UNITS_OK: "1" when the admin has seen the units without editors. */
enum { RF_TITLE, RF_DEADLINE, RF_MESSAGE, RF_CSRF, RF_UNITS_OK, RF_COUNT };

extern const struct form_field round_fields[RF_COUNT];

struct round_form {
	struct form	 form;		/* the fixed fields and their
					   messages */
	int		 deadline_year;	/* the deadline, when it is a date */
	int		 deadline_month;
	int		 deadline_day;
	long long	 processes[ROUND_PROCESSES_MAX];	/* ticked */
	size_t		 nprocesses;
	const char	*err_processes;	/* msgid, or NULL */
};

/*
 * The values of every "process" box of a form body (digits only, at
 * most ROUND_PROCESSES_MAX) into rf->processes.
 */
void	round_form_processes(struct round_form *, const char *body);
/*
 * The round form's own checks on a form read with round_fields and its
 * processes; the number of fields (the processes counting as one) with
 * a message.
 */
int	round_form_check(struct round_form *);
/* Whether process id is one of the ticked. */
int	round_form_ticked(const struct round_form *, long long id);
/* The deadline as YYYY-MM-DD into buf (at least 11 bytes). */
void	round_form_deadline(const struct round_form *, char *buf, size_t);
void	round_form_free(struct round_form *);

#endif
