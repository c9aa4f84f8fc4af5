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
 * Runs a statement with text parameters. Returns 0, or -1 after logging
 * why; either way the caller calls kore_pgsql_cleanup(sql).
 */
int	db_query(struct kore_pgsql *sql, const char *query, int n,
	    const char *const *params);

#endif
