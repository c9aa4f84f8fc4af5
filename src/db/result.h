/*
 * Columns of a libpq result by the names the statement gives them, so
 * that no code counts columns (toteumactl, the store and the tests; the
 * server's own reads are db_text() and friends in db.h). A name the
 * statement lacks is a mistake in the code: it is said on stderr and
 * reads as "" (or 0).
 */
#ifndef TOTEUMA_RESULT_H
#define TOTEUMA_RESULT_H

#include <libpq-fe.h>

/* The index of column col, or -1 after saying it is missing. */
int		 res_col(const PGresult *, const char *col);
/* The text of column col in row ("" for NULL). */
const char	*res_text(const PGresult *, int row, const char *col);
/* Whether column col in row is NULL (or missing). */
int		 res_null(const PGresult *, int row, const char *col);
/* An integer column (0 for NULL). */
long long	 res_int(const PGresult *, int row, const char *col);
/* Whether a boolean column is true. */
int		 res_true(const PGresult *, int row, const char *col);

#endif
