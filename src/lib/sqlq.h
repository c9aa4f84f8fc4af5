/*
 * A parameterised SQL statement being built: its text and its values,
 * with a fixed bound on the number of values. Adding a value past the
 * bound is refused (the statement is marked full), never written past
 * the array; the caller answers the request with an error instead.
 */
#ifndef TOTEUMA_SQLQ_H
#define TOTEUMA_SQLQ_H

#include "buf.h"

#define SQLQ_PARAMS_MAX		32

struct sqlq {
	struct buf	 text;
	const char	*params[SQLQ_PARAMS_MAX];
	char		*owned[SQLQ_PARAMS_MAX];	/* freed by sqlq_free */
	int		 n;
	int		 nowned;
	int		 full;		/* a value was refused */
};

void	sqlq_init(struct sqlq *);
void	sqlq_free(struct sqlq *);
/*
 * Adds a value and returns its number ($1 is 1), or 0 when the statement
 * is full. sqlq_param borrows v; sqlq_paramf keeps its own copy.
 */
int	sqlq_param(struct sqlq *, const char *v);
int	sqlq_paramf(struct sqlq *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Appends to the statement's text. */
void	sqlq_puts(struct sqlq *, const char *);
void	sqlq_printf(struct sqlq *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
const char *sqlq_text(struct sqlq *);
/*
 * 1 when the statement is whole: not full, every $N names a value that
 * was added, every value is named and none is NULL. For the tests and
 * the fuzz targets.
 */
int	sqlq_consistent(struct sqlq *);

#endif
