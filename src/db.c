/* Server-side queries; see db.h. */
#include <libpq-fe.h>

#include <stdio.h>

#include "db.h"

/* pgsql_conn_max (2) and one more. */
#define DB_RETRIES	3

static int	db_run(struct kore_pgsql *, const char *, int,
		    const char *const *);

/* One attempt; 1 when the connection was found broken and was reset. */
static int
db_run(struct kore_pgsql *sql, const char *query, int n,
    const char *const *params)
{
	kore_pgsql_init(sql);
	if (!kore_pgsql_setup(sql, DB_NAME, KORE_PGSQL_SYNC)) {
		kore_pgsql_logerror(sql);
		return -1;
	}
	if (kore_pgsql_query_param_fields(sql, query, 0, n,
	    (const char **)(uintptr_t)params, NULL, NULL))
		return 0;
	/*
	 * Kore's pool checks a connection only when it opens it: one broken
	 * by a database restart would go back to the pool and fail there.
	 */
	if (sql->conn != NULL && PQstatus(sql->conn->db) == CONNECTION_BAD) {
		kore_log(LOG_NOTICE, "database connection lost, reconnecting");
		PQreset(sql->conn->db);
		if (PQstatus(sql->conn->db) == CONNECTION_OK)
			return 1;
	}
	kore_pgsql_logerror(sql);
	return -1;
}

int
db_query(struct kore_pgsql *sql, const char *query, int n,
    const char *const *params)
{
	int	r, tries;

	/*
	 * A read is safe to repeat. The next try may meet another broken
	 * connection of the pool (the free list hands out the oldest first),
	 * so try once per pooled connection and once more.
	 */
	for (tries = 0; tries < DB_RETRIES; tries++) {
		if ((r = db_run(sql, query, n, params)) != 1)
			return r;
		kore_pgsql_cleanup(sql);
	}
	kore_pgsql_init(sql);
	return -1;
}

int
db_write(struct kore_pgsql *sql, const char *query, int n,
    const char *const *params)
{
	/*
	 * A write is never repeated: it may have committed before the
	 * connection broke. The caller shows the form again instead.
	 */
	return db_run(sql, query, n, params) == 0 ? 0 : -1;
}

void
db_sqlstate(const struct kore_pgsql *sql, char *code, size_t len)
{
	const char	*s;

	code[0] = '\0';
	if (sql->result != NULL &&
	    (s = PQresultErrorField(sql->result, PG_DIAG_SQLSTATE)) != NULL)
		snprintf(code, len, "%s", s);
}

int
db_change(const char *query, int n, const char *const *params, char *code,
    size_t len)
{
	struct kore_pgsql	sql;
	int			rc;

	rc = db_write(&sql, query, n, params);
	if (rc == 0)
		code[0] = '\0';
	else
		db_sqlstate(&sql, code, len);
	kore_pgsql_cleanup(&sql);
	return rc;
}
