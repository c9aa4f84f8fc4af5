/*
 * Database access from the server: synchronous queries through Kore's
 * pgsql layer on the database registered as "db".
 */
#ifndef TOTEUMA_DB_H
#define TOTEUMA_DB_H

#include <kore/kore.h>
#include <kore/pgsql.h>

#include "tmpl.h"

#define DB_NAME		"db"		/* the primary */
#define DB_READ_NAME	"read"		/* TOTEUMA_DATABASE_READ, if any */

/*
 * Runs a read with text parameters, once more on a fresh connection when
 * the pooled one was broken by a database restart. Returns 0, or -1 after
 * logging why; either way the caller calls kore_pgsql_cleanup(sql).
 */
int	db_query(struct kore_pgsql *sql, const char *query, int n,
	    const char *const *params);

/*
 * Registers a streaming replica (TOTEUMA_DATABASE_READ) for db_read; 0
 * also when conninfo is empty (no replica), -1 when it cannot be used.
 */
int	db_read_configure(const char *conninfo);
/*
 * A public read: on the replica when there is one, on the primary when
 * there is none or it fails (then for five seconds without trying it).
 * Staff pages and everything that must see its own writes use
 * db_query. The same contract as db_query.
 */
int	db_read(struct kore_pgsql *sql, const char *query, int n,
	    const char *const *params);
/*
 * Once a second or so: a replica whose data version stays behind the
 * primary's for five seconds is treated as failed (db_read then reads
 * from the primary).
 */
void	db_read_check(void);

/*
 * The same for a statement that changes data: it is not repeated when
 * the connection turns out to be broken.
 */
int	db_write(struct kore_pgsql *sql, const char *query, int n,
	    const char *const *params);

/*
 * A change whose result is not needed: 0, or -1 with the failure's
 * SQLSTATE in code ("" when the database did not answer).
 */
int	db_change(const char *query, int n, const char *const *params,
	    char *code, size_t len);
/*
 * Logs why a statement failed; the same error again within ten seconds
 * is only counted, and the count logged with the next line.
 */
void	db_log_error(const struct kore_pgsql *);
/*
 * The last database failure this worker met ("" when none since
 * db_clear_error): the failed answer's log line names it.
 */
const char	*db_last_error(void);
void		 db_clear_error(void);
/* The SQLSTATE of a failed statement ("" when there is none). */
void	db_sqlstate(const struct kore_pgsql *, char *code, size_t len);

/*
 * Columns of a result by the names the statement gives them, so that
 * no code counts columns (result.h on the query's PGresult). A name the
 * statement lacks is a mistake in the code: it is said on stderr, which
 * is the server's log, and reads as "".
 */
/* The text of column col in row ("" for NULL). */
const char	*db_text(struct kore_pgsql *, int row, const char *col);
/*
 * The text of column col in lang: of col_sv or col_en, or of col (the
 * Finnish one) where that is empty; *finnish says whether the Finnish
 * text stands in for a translation (for the element's lang).
 */
const char	*db_text_lang(struct kore_pgsql *, int row, const char *col,
		    enum lang, int *finnish);
/* Whether the boolean column col in row is true. */
int		 db_true(struct kore_pgsql *, int row, const char *col);
/* The index of column col (-1 when absent), for loops over many rows. */
int		 db_col(struct kore_pgsql *, const char *col);
/*
 * The named columns of row (a NULL-ended list of literals) as template
 * variables of the same names; a boolean column as "1" or "", a date or
 * timestamp column as a date in the page's language (tv_date).
 */
void		 db_vars(struct tmpl_vars *, struct kore_pgsql *, int row, ...)
		     __attribute__((sentinel));

/*
 * What one row of a query gives its template: fill puts what row of sql
 * says into rv (emptied for each row); arg is the caller's.
 */
typedef void	(*db_row_fill)(struct tmpl_vars *rv, struct kore_pgsql *sql,
		    int row, enum lang, const void *arg);
/*
 * The result of sql, taken out of it: the caller owns it (PQclear) and
 * sql can be cleaned up, its connection going back to the pool.
 */
PGresult	*db_take_result(struct kore_pgsql *);
/* About the memory a kept result takes: its values and 16 bytes each. */
size_t		 db_result_bytes(const PGresult *);
/* A way to run a read: db_query, or db_read for a public page. */
typedef int	(*db_reader)(struct kore_pgsql *, const char *query, int n,
		    const char *const *params);
/*
 * Runs query with run and renders t into out once per row, with what
 * fill puts in its variables: the number of rows, or -1 when the
 * database failed.
 */
int		 db_render_rows(db_reader run, struct html *out,
		    const struct tmpl *t, enum lang, db_row_fill fill,
		    const void *arg, const char *query, int n,
		    const char *const *params);

#endif
