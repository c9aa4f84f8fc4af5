/*
 * Database access from the server: synchronous queries through Kore's
 * pgsql layer on the database registered as "db".
 */
#ifndef TOTEUMA_DB_H
#define TOTEUMA_DB_H

#include <kore/kore.h>
#include <kore/pgsql.h>

#define DB_NAME		"db"

/*
 * Runs a read with text parameters, once more on a fresh connection when
 * the pooled one was broken by a database restart. Returns 0, or -1 after
 * logging why; either way the caller calls kore_pgsql_cleanup(sql).
 */
int	db_query(struct kore_pgsql *sql, const char *query, int n,
	    const char *const *params);

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
/* The SQLSTATE of a failed statement ("" when there is none). */
void	db_sqlstate(const struct kore_pgsql *, char *code, size_t len);

#endif
